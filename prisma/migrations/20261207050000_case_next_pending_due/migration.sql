-- AlterTable (by hand: Prisma would rebuild "Case", which drops the search and tally triggers)
ALTER TABLE "Case" ADD COLUMN "nextPendingDueAt" DATETIME;

-- Written by hand: Prisma cannot express triggers or partial indexes.
-- "Case"."nextPendingDueAt" is the earliest "dueAt" of the case's dates without an outcome
-- (null when it has none), kept exact on every insert, delete and change of a date inside the
-- writing transaction (a deleted case takes its dates with it). The dashboard counts each
-- person's overdue cases from the partial index below: the cases whose earliest pending date has
-- passed, instead of every pending date joined to every open case (docs/decisions/0048).
-- tests: app/modules/caseload/next-pending-due.server.test.ts compares it with the dates after
-- every kind of change.
UPDATE "Case" SET "nextPendingDueAt" = (
  SELECT MIN(d."dueAt") FROM "ProceedingDate" d
  WHERE d."caseId" = "Case"."id" AND d."outcome" IS NULL
) WHERE "id" IN (SELECT "caseId" FROM "ProceedingDate" WHERE "outcome" IS NULL);

CREATE INDEX "Case_nextPendingDueAt_status_id_idx" ON "Case"("nextPendingDueAt", "status", "id")
WHERE "nextPendingDueAt" IS NOT NULL;

CREATE TRIGGER "ProceedingDate_next_due_insert" AFTER INSERT ON "ProceedingDate"
WHEN NEW."outcome" IS NULL BEGIN
  UPDATE "Case" SET "nextPendingDueAt" = (
    SELECT MIN(d."dueAt") FROM "ProceedingDate" d
    WHERE d."caseId" = NEW."caseId" AND d."outcome" IS NULL
  ) WHERE "id" = NEW."caseId";
END;

CREATE TRIGGER "ProceedingDate_next_due_delete" AFTER DELETE ON "ProceedingDate"
WHEN OLD."outcome" IS NULL BEGIN
  UPDATE "Case" SET "nextPendingDueAt" = (
    SELECT MIN(d."dueAt") FROM "ProceedingDate" d
    WHERE d."caseId" = OLD."caseId" AND d."outcome" IS NULL
  ) WHERE "id" = OLD."caseId";
END;

CREATE TRIGGER "ProceedingDate_next_due_update" AFTER UPDATE OF "caseId", "dueAt", "outcome" ON "ProceedingDate"
WHEN OLD."caseId" IS NOT NEW."caseId" OR OLD."dueAt" IS NOT NEW."dueAt"
  OR (OLD."outcome" IS NULL) <> (NEW."outcome" IS NULL)
BEGIN
  UPDATE "Case" SET "nextPendingDueAt" = (
    SELECT MIN(d."dueAt") FROM "ProceedingDate" d
    WHERE d."caseId" = OLD."caseId" AND d."outcome" IS NULL
  ) WHERE "id" = OLD."caseId";
  UPDATE "Case" SET "nextPendingDueAt" = (
    SELECT MIN(d."dueAt") FROM "ProceedingDate" d
    WHERE d."caseId" = NEW."caseId" AND d."outcome" IS NULL
  ) WHERE "id" = NEW."caseId" AND NEW."caseId" IS NOT OLD."caseId";
END;
