-- DropIndex
DROP INDEX "CaseView_userId_lastViewedAt_idx";

-- CreateTable
CREATE TABLE "CaseViewRate" (
    "userId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "files" INTEGER NOT NULL,
    "previousFiles" INTEGER NOT NULL,
    "alertedBucket" INTEGER,

    CONSTRAINT "CaseViewRate_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "CaseViewRate" ADD CONSTRAINT "CaseViewRate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
