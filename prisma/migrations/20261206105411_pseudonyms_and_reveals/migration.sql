-- Each worker gets a stable pseudonym per case ("W-7Q4K"), random and never derived from the
-- identity, and reveals of identities are kept per session and case (docs/decisions/0034).
-- CreateTable
CREATE TABLE "IdentityReveal" (
    "sessionId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sessionId", "caseId"),
    CONSTRAINT "IdentityReveal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IdentityReveal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AffectedWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "yearOfBirth" INTEGER,
    "gender" TEXT,
    "citizenship" TEXT,
    "occupation" TEXT,
    "unionMember" BOOLEAN,
    "consentToStore" BOOLEAN NOT NULL DEFAULT false,
    "consentToContact" BOOLEAN NOT NULL DEFAULT false,
    "consentToShare" BOOLEAN NOT NULL DEFAULT false,
    "consentToCiteAnonymously" BOOLEAN NOT NULL DEFAULT false,
    "consentToBeNamed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "identityDestroyedAt" DATETIME,
    CONSTRAINT "AffectedWorker_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing workers get a random pseudonym here (32 unambiguous characters: no 0/O, 1/I).
INSERT INTO "new_AffectedWorker" ("pseudonym", "anonymous", "caseId", "citizenship", "consentToBeNamed", "consentToCiteAnonymously", "consentToContact", "consentToShare", "consentToStore", "createdAt", "gender", "id", "identityDestroyedAt", "occupation", "unionMember", "yearOfBirth") SELECT 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1), "anonymous", "caseId", "citizenship", "consentToBeNamed", "consentToCiteAnonymously", "consentToContact", "consentToShare", "consentToStore", "createdAt", "gender", "id", "identityDestroyedAt", "occupation", "unionMember", "yearOfBirth" FROM "AffectedWorker";
-- Two workers of one case drawing the same pseudonym (one pair in a million): drawn again.
UPDATE "new_AffectedWorker" SET "pseudonym" = 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1)
WHERE EXISTS (SELECT 1 FROM "new_AffectedWorker" o WHERE o."caseId" = "new_AffectedWorker"."caseId"
  AND o."pseudonym" = "new_AffectedWorker"."pseudonym" AND o."id" < "new_AffectedWorker"."id");
UPDATE "new_AffectedWorker" SET "pseudonym" = 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1)
WHERE EXISTS (SELECT 1 FROM "new_AffectedWorker" o WHERE o."caseId" = "new_AffectedWorker"."caseId"
  AND o."pseudonym" = "new_AffectedWorker"."pseudonym" AND o."id" < "new_AffectedWorker"."id");
UPDATE "new_AffectedWorker" SET "pseudonym" = 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (random() & 31) + 1, 1)
WHERE EXISTS (SELECT 1 FROM "new_AffectedWorker" o WHERE o."caseId" = "new_AffectedWorker"."caseId"
  AND o."pseudonym" = "new_AffectedWorker"."pseudonym" AND o."id" < "new_AffectedWorker"."id");
DROP TABLE "AffectedWorker";
ALTER TABLE "new_AffectedWorker" RENAME TO "AffectedWorker";
CREATE INDEX "AffectedWorker_caseId_idx" ON "AffectedWorker"("caseId");
CREATE UNIQUE INDEX "AffectedWorker_caseId_pseudonym_key" ON "AffectedWorker"("caseId", "pseudonym");
-- By hand: dropping the old table dropped its triggers (migration named_worker_count).
CREATE TRIGGER "AffectedWorker_count_insert" AFTER INSERT ON "AffectedWorker" BEGIN
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" + 1 WHERE "id" = NEW."caseId";
END;

CREATE TRIGGER "AffectedWorker_count_delete" AFTER DELETE ON "AffectedWorker" BEGIN
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" - 1 WHERE "id" = OLD."caseId";
END;

CREATE TRIGGER "AffectedWorker_count_update" AFTER UPDATE OF "caseId" ON "AffectedWorker"
WHEN OLD."caseId" IS NOT NEW."caseId" BEGIN
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" - 1 WHERE "id" = OLD."caseId";
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" + 1 WHERE "id" = NEW."caseId";
END;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "IdentityReveal_caseId_idx" ON "IdentityReveal"("caseId");
