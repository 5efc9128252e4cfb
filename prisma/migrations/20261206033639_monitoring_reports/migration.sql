-- Written by hand as ADD COLUMN: Prisma's table rebuild of "Case" would drop
-- the search and tally triggers (prisma/hand-written.test.ts).

-- AlterTable
ALTER TABLE "Employer" ADD COLUMN "mergedIntoId" TEXT;

-- AlterTable
ALTER TABLE "AffectedWorker" ADD COLUMN "consentToBeNamed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "verificationLevel" TEXT NOT NULL DEFAULT 'REPORTED';

-- CreateIndex
CREATE INDEX "Case_incidentStart_region_category_idx" ON "Case"("incidentStart", "region", "category");
