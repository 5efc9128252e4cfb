-- CreateTable
CREATE TABLE "KeyringState" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'keyring',
    "keyringId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "verifier" BLOB NOT NULL,
    "threshold" INTEGER,
    "shareCount" INTEGER,
    "shareDigests" TEXT NOT NULL DEFAULT '[]',
    "wrappedIndexRoot" BLOB NOT NULL,
    "intakePublicKey" BLOB NOT NULL,
    "wrappedIntakeKey" BLOB NOT NULL,
    "sealGeneration" INTEGER NOT NULL DEFAULT 0,
    "unsealFailures" INTEGER NOT NULL DEFAULT 0,
    "unsealBlockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CaseKey" (
    "caseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "wrappedTo" TEXT NOT NULL,
    "masterVersion" INTEGER,
    "wrappedKey" BLOB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "destroyedAt" DATETIME,

    PRIMARY KEY ("caseId", "version")
);

-- CreateTable
CREATE TABLE "ProcessKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicKey" BLOB NOT NULL,
    "registration" BLOB NOT NULL,
    "sealGeneration" INTEGER,
    "wrappedMasterKey" BLOB,
    "lastSeenAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "KeyringState_keyringId_key" ON "KeyringState"("keyringId");

-- CreateIndex
CREATE INDEX "CaseKey_wrappedTo_idx" ON "CaseKey"("wrappedTo");

-- CreateIndex
CREATE INDEX "ProcessKey_lastSeenAt_idx" ON "ProcessKey"("lastSeenAt");
