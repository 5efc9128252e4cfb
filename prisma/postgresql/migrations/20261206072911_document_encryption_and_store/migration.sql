-- CreateEnum
CREATE TYPE "DocumentStoreKind" AS ENUM ('LOCAL', 'DATABASE');

-- AlterTable
ALTER TABLE "CaseDocument" ADD COLUMN     "encrypted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "storedIn" "DocumentStoreKind" NOT NULL DEFAULT 'LOCAL';

-- CreateTable
CREATE TABLE "DocumentChunk" (
    "storageKey" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "DocumentChunk_pkey" PRIMARY KEY ("storageKey","index")
);

-- Ciphertext does not compress: keep PostgreSQL from trying (TOAST out of line, uncompressed).
ALTER TABLE "DocumentChunk" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
