-- CreateTable
CREATE TABLE "Proceeding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "externalNumber" TEXT,
    "filedOn" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'PREPARING',
    "summary" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Proceeding_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Proceeding_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProceedingDate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proceedingId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "place" TEXT,
    "description" TEXT NOT NULL,
    "outcome" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProceedingDate_proceedingId_fkey" FOREIGN KEY ("proceedingId") REFERENCES "Proceeding" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProceedingDate_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProceedingDate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "receivedSha256" TEXT,
    "metadataStripped" BOOLEAN NOT NULL DEFAULT false,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" DATETIME,
    "withdrawnById" TEXT,
    "withdrawnReason" TEXT,
    CONSTRAINT "CaseDocument_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseDocument_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseDocument_withdrawnById_fkey" FOREIGN KEY ("withdrawnById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseAssignment" (
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("caseId", "userId"),
    CONSTRAINT "CaseAssignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseView" (
    "userId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "lastViewedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "caseId"),
    CONSTRAINT "CaseView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseView_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "urgency" TEXT NOT NULL,
    "suggestedUrgency" TEXT NOT NULL,
    "incidentStart" DATETIME NOT NULL,
    "incidentEnd" DATETIME,
    "region" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "unnamedWorkerCount" INTEGER NOT NULL DEFAULT 0,
    "organizerId" TEXT NOT NULL,
    "heldFrom" TEXT,
    "closedAt" DATETIME,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "searchText" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_organizerId_fkey" FOREIGN KEY ("organizerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("account", "category", "channel", "createdAt", "facts", "heldFrom", "id", "incidentEnd", "incidentStart", "number", "organizerId", "place", "reference", "region", "status", "suggestedUrgency", "unnamedWorkerCount", "updatedAt", "urgency", "version", "year") SELECT "account", "category", "channel", "createdAt", "facts", "heldFrom", "id", "incidentEnd", "incidentStart", "number", "organizerId", "place", "reference", "region", "status", "suggestedUrgency", "unnamedWorkerCount", "updatedAt", "urgency", "version", "year" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_reference_key" ON "Case"("reference");
CREATE INDEX "Case_organizerId_createdAt_idx" ON "Case"("organizerId", "createdAt");
CREATE INDEX "Case_status_urgency_createdAt_idx" ON "Case"("status", "urgency", "createdAt");
CREATE INDEX "Case_category_createdAt_idx" ON "Case"("category", "createdAt");
CREATE INDEX "Case_region_createdAt_idx" ON "Case"("region", "createdAt");
CREATE INDEX "Case_lastActivityAt_idx" ON "Case"("lastActivityAt");
CREATE UNIQUE INDEX "Case_year_number_key" ON "Case"("year", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Proceeding_caseId_idx" ON "Proceeding"("caseId");

-- CreateIndex
CREATE INDEX "ProceedingDate_proceedingId_dueAt_idx" ON "ProceedingDate"("proceedingId", "dueAt");

-- CreateIndex
CREATE INDEX "ProceedingDate_caseId_dueAt_idx" ON "ProceedingDate"("caseId", "dueAt");

-- CreateIndex
CREATE INDEX "ProceedingDate_dueAt_idx" ON "ProceedingDate"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDocument_storageKey_key" ON "CaseDocument"("storageKey");

-- CreateIndex
CREATE INDEX "CaseDocument_caseId_createdAt_idx" ON "CaseDocument"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "CaseAssignment_userId_caseId_idx" ON "CaseAssignment"("userId", "caseId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- Backfill (hand-written): existing cases last changed when their row did, and
-- cases already resolved or closed count as closed since then. Their search text
-- is built by the application on start (see app/modules/cases/search-text.server.ts).
UPDATE "Case" SET "lastActivityAt" = "updatedAt";
UPDATE "Case" SET "closedAt" = "updatedAt" WHERE "status" IN ('RESOLVED', 'CLOSED');
