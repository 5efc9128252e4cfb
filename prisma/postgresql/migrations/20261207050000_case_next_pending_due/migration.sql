-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "nextPendingDueAt" TIMESTAMP(3);

-- Written by hand: Prisma cannot express triggers or partial indexes.
-- "Case"."nextPendingDueAt" is the earliest "dueAt" of the case's dates without an outcome
-- (null when it has none), kept exact on every insert, delete and change of a date inside the
-- writing transaction (a deleted case takes its dates with it). The dashboard counts each
-- person's overdue cases from the partial index below: the cases whose earliest pending date has
-- passed, instead of every pending date joined to every open case (docs/decisions/0048).
-- tests: app/modules/caseload/next-pending-due.server.test.ts compares it with the dates after
-- every kind of change.
UPDATE "Case" c SET "nextPendingDueAt" = d."next"
FROM (
  SELECT "caseId", MIN("dueAt") AS "next" FROM "ProceedingDate"
  WHERE "outcome" IS NULL GROUP BY "caseId"
) d
WHERE c."id" = d."caseId";

CREATE INDEX "Case_nextPendingDueAt_status_id_idx" ON "Case"("nextPendingDueAt", "status", "id")
WHERE "nextPendingDueAt" IS NOT NULL;

CREATE FUNCTION "adal_next_pending_due"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "Case" SET "nextPendingDueAt" = (
      SELECT MIN(d."dueAt") FROM "ProceedingDate" d
      WHERE d."caseId" = OLD."caseId" AND d."outcome" IS NULL
    ) WHERE "id" = OLD."caseId";
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."caseId" IS DISTINCT FROM OLD."caseId") THEN
    UPDATE "Case" SET "nextPendingDueAt" = (
      SELECT MIN(d."dueAt") FROM "ProceedingDate" d
      WHERE d."caseId" = NEW."caseId" AND d."outcome" IS NULL
    ) WHERE "id" = NEW."caseId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ProceedingDate_next_due_insert" AFTER INSERT ON "ProceedingDate"
FOR EACH ROW WHEN (NEW."outcome" IS NULL) EXECUTE FUNCTION "adal_next_pending_due"();

CREATE TRIGGER "ProceedingDate_next_due_delete" AFTER DELETE ON "ProceedingDate"
FOR EACH ROW WHEN (OLD."outcome" IS NULL) EXECUTE FUNCTION "adal_next_pending_due"();

CREATE TRIGGER "ProceedingDate_next_due_update" AFTER UPDATE OF "caseId", "dueAt", "outcome" ON "ProceedingDate"
FOR EACH ROW WHEN (OLD."caseId" IS DISTINCT FROM NEW."caseId" OR OLD."dueAt" IS DISTINCT FROM NEW."dueAt"
  OR (OLD."outcome" IS NULL) <> (NEW."outcome" IS NULL))
EXECUTE FUNCTION "adal_next_pending_due"();
