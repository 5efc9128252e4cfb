-- CreateEnum
CREATE TYPE "Verification" AS ENUM ('REPORTED', 'CORROBORATED', 'VERIFIED');

-- AlterTable
ALTER TABLE "AffectedWorker" ADD COLUMN     "consentToBeNamed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "verificationLevel" "Verification" NOT NULL DEFAULT 'REPORTED';

-- AlterTable
ALTER TABLE "Employer" ADD COLUMN     "mergedIntoId" TEXT;

-- CreateIndex
CREATE INDEX "Case_incidentStart_region_category_idx" ON "Case"("incidentStart", "region", "category");
