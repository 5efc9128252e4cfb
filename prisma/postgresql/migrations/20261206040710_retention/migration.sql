-- CreateEnum
CREATE TYPE "RetentionCategory" AS ENUM ('IDENTITIES', 'TEXTS', 'DOCUMENTS');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'RETENTION_DUE';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TimelineKind" ADD VALUE 'LEGAL_HOLD_PLACED';
ALTER TYPE "TimelineKind" ADD VALUE 'LEGAL_HOLD_RELEASED';
ALTER TYPE "TimelineKind" ADD VALUE 'WORKER_FORGOTTEN';
ALTER TYPE "TimelineKind" ADD VALUE 'CONTENT_DESTROYED';

-- AlterTable
ALTER TABLE "AffectedWorker" ADD COLUMN     "identityDestroyedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RetentionRule" (
    "category" "RetentionCategory" NOT NULL,
    "months" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetentionRule_pkey" PRIMARY KEY ("category")
);

-- CreateTable
CREATE TABLE "LegalHold" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placedById" TEXT NOT NULL,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" TIMESTAMP(3),
    "releasedById" TEXT,
    "releaseReason" TEXT,

    CONSTRAINT "LegalHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseRetention" (
    "caseId" TEXT NOT NULL,
    "identitiesDestroyedAt" TIMESTAMP(3),
    "textsDestroyedAt" TIMESTAMP(3),
    "documentsDestroyedAt" TIMESTAMP(3),

    CONSTRAINT "CaseRetention_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "LegalHold_caseId_releasedAt_idx" ON "LegalHold"("caseId", "releasedAt");

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseRetention" ADD CONSTRAINT "CaseRetention_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
