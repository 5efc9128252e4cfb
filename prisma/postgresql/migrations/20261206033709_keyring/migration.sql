-- CreateEnum
CREATE TYPE "KeyringMode" AS ENUM ('SHARES', 'FILE', 'DEMO');

-- CreateEnum
CREATE TYPE "KeyWrap" AS ENUM ('MASTER', 'INTAKE');

-- CreateTable
CREATE TABLE "KeyringState" (
    "id" TEXT NOT NULL DEFAULT 'keyring',
    "keyringId" TEXT NOT NULL,
    "mode" "KeyringMode" NOT NULL,
    "version" INTEGER NOT NULL,
    "verifier" BYTEA NOT NULL,
    "threshold" INTEGER,
    "shareCount" INTEGER,
    "shareDigests" TEXT NOT NULL DEFAULT '[]',
    "wrappedIndexRoot" BYTEA NOT NULL,
    "intakePublicKey" BYTEA NOT NULL,
    "wrappedIntakeKey" BYTEA NOT NULL,
    "sealGeneration" INTEGER NOT NULL DEFAULT 0,
    "unsealFailures" INTEGER NOT NULL DEFAULT 0,
    "unsealBlockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMP(3),

    CONSTRAINT "KeyringState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseKey" (
    "caseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "wrappedTo" "KeyWrap" NOT NULL,
    "masterVersion" INTEGER,
    "wrappedKey" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "destroyedAt" TIMESTAMP(3),

    CONSTRAINT "CaseKey_pkey" PRIMARY KEY ("caseId","version")
);

-- CreateTable
CREATE TABLE "ProcessKey" (
    "id" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "registration" BYTEA NOT NULL,
    "sealGeneration" INTEGER,
    "wrappedMasterKey" BYTEA,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeyringState_keyringId_key" ON "KeyringState"("keyringId");

-- CreateIndex
CREATE INDEX "CaseKey_wrappedTo_idx" ON "CaseKey"("wrappedTo");

-- CreateIndex
CREATE INDEX "ProcessKey_lastSeenAt_idx" ON "ProcessKey"("lastSeenAt");
