-- AlterTable
ALTER TABLE "AffectedWorker" ADD COLUMN "identityDestroyedAt" DATETIME;

-- CreateTable
CREATE TABLE "RetentionRule" (
    "category" TEXT NOT NULL PRIMARY KEY,
    "months" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LegalHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placedById" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" DATETIME,
    "releasedById" TEXT,
    "releaseReason" TEXT,
    CONSTRAINT "LegalHold_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseRetention" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "identitiesDestroyedAt" DATETIME,
    "textsDestroyedAt" DATETIME,
    "documentsDestroyedAt" DATETIME,
    CONSTRAINT "CaseRetention_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LegalHold_caseId_releasedAt_idx" ON "LegalHold"("caseId", "releasedAt");
