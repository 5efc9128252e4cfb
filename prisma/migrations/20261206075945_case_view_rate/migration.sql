-- DropIndex
DROP INDEX "CaseView_userId_lastViewedAt_idx";

-- CreateTable
CREATE TABLE "CaseViewRate" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "bucket" INTEGER NOT NULL,
    "files" INTEGER NOT NULL,
    "previousFiles" INTEGER NOT NULL,
    "alertedBucket" INTEGER,
    CONSTRAINT "CaseViewRate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
