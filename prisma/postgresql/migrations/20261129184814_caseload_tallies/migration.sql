-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "lawyerCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "AssignmentTally" (
    "userId" TEXT NOT NULL,
    "status" "CaseStatus" NOT NULL,
    "category" "CaseCategory" NOT NULL,
    "region" "Region" NOT NULL,
    "urgency" "Urgency" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "AssignmentTally_pkey" PRIMARY KEY ("userId","status","category","region","urgency")
);

-- CreateIndex
CREATE INDEX "Case_lawyerCount_status_urgency_createdAt_id_idx" ON "Case"("lawyerCount", "status", "urgency", "createdAt", "id");

-- Tallies, written by hand: Prisma cannot express triggers.
-- "AssignmentTally" counts assignments per person and per the case's status,
-- category, region and urgency; "Case"."lawyerCount" counts the case's lead
-- and supporting lawyers. The triggers below keep both exact on every insert,
-- change and delete of an assignment, on every change of those four columns
-- of a case, and when a case is deleted, inside the writing transaction.
-- tests: app/modules/caseload/tallies.server.test.ts compares them with counts
-- taken from the rows after every kind of change.

INSERT INTO "AssignmentTally" ("userId", "status", "category", "region", "urgency", "count")
SELECT a."userId", c."status", c."category", c."region", c."urgency", COUNT(*)
FROM "CaseAssignment" a JOIN "Case" c ON c."id" = a."caseId"
GROUP BY a."userId", c."status", c."category", c."region", c."urgency";

UPDATE "Case" c SET "lawyerCount" = l."n"
FROM (
  SELECT a."caseId", COUNT(*) AS "n" FROM "CaseAssignment" a
  WHERE a."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER') GROUP BY a."caseId"
) l
WHERE c."id" = l."caseId";

CREATE FUNCTION "adal_assignment_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "AssignmentTally" t SET "count" = t."count" - 1
    FROM "Case" c
    WHERE c."id" = OLD."caseId" AND t."userId" = OLD."userId" AND t."status" = c."status"
      AND t."category" = c."category" AND t."region" = c."region" AND t."urgency" = c."urgency";
    IF OLD."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER') THEN
      UPDATE "Case" SET "lawyerCount" = "lawyerCount" - 1 WHERE "id" = OLD."caseId";
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "AssignmentTally" ("userId", "status", "category", "region", "urgency", "count")
    SELECT NEW."userId", c."status", c."category", c."region", c."urgency", 1
    FROM "Case" c WHERE c."id" = NEW."caseId"
    ON CONFLICT ("userId", "status", "category", "region", "urgency")
    DO UPDATE SET "count" = "AssignmentTally"."count" + 1;
    IF NEW."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER') THEN
      UPDATE "Case" SET "lawyerCount" = "lawyerCount" + 1 WHERE "id" = NEW."caseId";
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- A change of role (lead to supporting, lawyer to organizer) moves no tally;
-- a change of person or case (the app makes none) is a delete and an insert.
CREATE TRIGGER "CaseAssignment_tally" AFTER INSERT OR DELETE OR UPDATE OF "caseId", "userId", "role"
ON "CaseAssignment" FOR EACH ROW EXECUTE FUNCTION "adal_assignment_tally"();

CREATE FUNCTION "adal_case_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AssignmentTally" t SET "count" = t."count" - 1
  FROM "CaseAssignment" a
  WHERE a."caseId" = OLD."id" AND t."userId" = a."userId" AND t."status" = OLD."status"
    AND t."category" = OLD."category" AND t."region" = OLD."region" AND t."urgency" = OLD."urgency";
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO "AssignmentTally" ("userId", "status", "category", "region", "urgency", "count")
    SELECT a."userId", NEW."status", NEW."category", NEW."region", NEW."urgency", 1
    FROM "CaseAssignment" a WHERE a."caseId" = NEW."id"
    ON CONFLICT ("userId", "status", "category", "region", "urgency")
    DO UPDATE SET "count" = "AssignmentTally"."count" + 1;
    RETURN NULL;
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER "Case_tally_update" AFTER UPDATE OF "status", "category", "region", "urgency" ON "Case"
FOR EACH ROW
WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."category" IS DISTINCT FROM NEW."category"
  OR OLD."region" IS DISTINCT FROM NEW."region" OR OLD."urgency" IS DISTINCT FROM NEW."urgency")
EXECUTE FUNCTION "adal_case_tally"();

-- Before the case goes: its assignments' cascaded deletes then find no case
-- and move nothing.
CREATE TRIGGER "Case_tally_delete" BEFORE DELETE ON "Case"
FOR EACH ROW EXECUTE FUNCTION "adal_case_tally"();

-- Hearings and deadlines still waiting for their outcome, by date, written by
-- hand: Prisma cannot express a partial index. Overdue items (my work, the
-- dashboard's load per person, reminders) are a few of the many past dates.
CREATE INDEX "ProceedingDate_pending_dueAt_idx" ON "ProceedingDate"("dueAt", "caseId") WHERE "outcome" IS NULL;
