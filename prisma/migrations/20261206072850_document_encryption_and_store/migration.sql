-- Document bytes encrypted with the case key, and the database document store
-- (docs/decisions/0028). Written by hand: Prisma would rebuild "CaseDocument"
-- (RedefineTables) to add two columns, which SQLite does in place.

-- CreateTable
CREATE TABLE "DocumentChunk" (
    "storageKey" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "bytes" BLOB NOT NULL,

    PRIMARY KEY ("storageKey", "index")
);

-- AlterTable
ALTER TABLE "CaseDocument" ADD COLUMN "storedIn" TEXT NOT NULL DEFAULT 'LOCAL';
ALTER TABLE "CaseDocument" ADD COLUMN "encrypted" BOOLEAN NOT NULL DEFAULT false;
