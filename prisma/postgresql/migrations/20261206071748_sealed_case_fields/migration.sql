-- DropIndex
DROP INDEX "WorkerIdentity_iin_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "blindIndexPending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "factsText" TEXT;

-- AlterTable
ALTER TABLE "WorkerIdentity" ADD COLUMN     "iinIndex" TEXT,
ADD COLUMN     "phoneIndex" TEXT;

-- CreateTable
CREATE TABLE "DuplicateWarning" (
    "caseId" TEXT NOT NULL,
    "otherCaseId" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuplicateWarning_pkey" PRIMARY KEY ("caseId","otherCaseId")
);

-- CreateIndex
CREATE INDEX "DuplicateWarning_otherCaseId_idx" ON "DuplicateWarning"("otherCaseId");

-- CreateIndex
CREATE INDEX "WorkerIdentity_iinIndex_idx" ON "WorkerIdentity"("iinIndex");

-- CreateIndex
CREATE INDEX "WorkerIdentity_phoneIndex_idx" ON "WorkerIdentity"("phoneIndex");

-- AddForeignKey
ALTER TABLE "DuplicateWarning" ADD CONSTRAINT "DuplicateWarning_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateWarning" ADD CONSTRAINT "DuplicateWarning_otherCaseId_fkey" FOREIGN KEY ("otherCaseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
