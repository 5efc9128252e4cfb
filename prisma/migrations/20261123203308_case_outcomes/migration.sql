-- CreateTable
CREATE TABLE "CaseOutcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountMinor" BIGINT,
    "currency" TEXT,
    "people" INTEGER,
    "date" DATETIME NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseOutcome_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseOutcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaseOutcome_caseId_idx" ON "CaseOutcome"("caseId");

-- CreateIndex
CREATE INDEX "CaseOutcome_kind_date_idx" ON "CaseOutcome"("kind", "date");
