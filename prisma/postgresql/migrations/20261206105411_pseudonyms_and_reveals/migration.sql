-- Each worker gets a stable pseudonym per case ("W-7Q4K"), random and never derived from the
-- identity, and reveals of identities are kept per session and case (docs/decisions/0034).

-- AlterTable: existing workers get a random pseudonym (32 unambiguous characters: no 0/O, 1/I).
ALTER TABLE "AffectedWorker" ADD COLUMN "pseudonym" TEXT;
UPDATE "AffectedWorker" SET "pseudonym" = 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1);
-- Two workers of one case drawing the same pseudonym (one pair in a million): drawn again.
UPDATE "AffectedWorker" w SET "pseudonym" = 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1)
WHERE EXISTS (SELECT 1 FROM "AffectedWorker" o WHERE o."caseId" = w."caseId"
  AND o."pseudonym" = w."pseudonym" AND o."id" < w."id");
UPDATE "AffectedWorker" w SET "pseudonym" = 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1)
WHERE EXISTS (SELECT 1 FROM "AffectedWorker" o WHERE o."caseId" = w."caseId"
  AND o."pseudonym" = w."pseudonym" AND o."id" < w."id");
UPDATE "AffectedWorker" w SET "pseudonym" = 'W-' || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', floor(random() * 32)::int + 1, 1)
WHERE EXISTS (SELECT 1 FROM "AffectedWorker" o WHERE o."caseId" = w."caseId"
  AND o."pseudonym" = w."pseudonym" AND o."id" < w."id");
ALTER TABLE "AffectedWorker" ALTER COLUMN "pseudonym" SET NOT NULL;

-- CreateTable
CREATE TABLE "IdentityReveal" (
    "sessionId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityReveal_pkey" PRIMARY KEY ("sessionId","caseId")
);

-- CreateIndex
CREATE INDEX "IdentityReveal_caseId_idx" ON "IdentityReveal"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "AffectedWorker_caseId_pseudonym_key" ON "AffectedWorker"("caseId", "pseudonym");

-- AddForeignKey
ALTER TABLE "IdentityReveal" ADD CONSTRAINT "IdentityReveal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityReveal" ADD CONSTRAINT "IdentityReveal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
