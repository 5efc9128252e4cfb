-- Sealed case fields (docs/decisions/0027). Written by hand: Prisma would
-- rebuild "Case" to add two columns, and dropping the table drops the
-- triggers that keep its tallies and its search index.

-- DropIndex
DROP INDEX "WorkerIdentity_iin_idx";

-- AlterTable
ALTER TABLE "WorkerIdentity" ADD COLUMN "iinIndex" TEXT;
ALTER TABLE "WorkerIdentity" ADD COLUMN "phoneIndex" TEXT;
ALTER TABLE "Case" ADD COLUMN "factsText" TEXT;
ALTER TABLE "Case" ADD COLUMN "blindIndexPending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DuplicateWarning" (
    "caseId" TEXT NOT NULL,
    "otherCaseId" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("caseId", "otherCaseId"),
    CONSTRAINT "DuplicateWarning_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DuplicateWarning_otherCaseId_fkey" FOREIGN KEY ("otherCaseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DuplicateWarning_otherCaseId_idx" ON "DuplicateWarning"("otherCaseId");

-- CreateIndex
CREATE INDEX "WorkerIdentity_iinIndex_idx" ON "WorkerIdentity"("iinIndex");

-- CreateIndex
CREATE INDEX "WorkerIdentity_phoneIndex_idx" ON "WorkerIdentity"("phoneIndex");
