-- CreateTable
CREATE TABLE "AssignmentTally" (
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "status", "category", "region", "urgency")
);

-- AlterTable (by hand: Prisma would rebuild "Case", which drops the search triggers)
ALTER TABLE "Case" ADD COLUMN "lawyerCount" INTEGER NOT NULL DEFAULT 0;

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

UPDATE "Case" SET "lawyerCount" = (
  SELECT COUNT(*) FROM "CaseAssignment" a
  WHERE a."caseId" = "Case"."id" AND a."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER')
) WHERE "id" IN (SELECT "caseId" FROM "CaseAssignment");

CREATE TRIGGER "CaseAssignment_tally_insert" AFTER INSERT ON "CaseAssignment" BEGIN
  INSERT INTO "AssignmentTally" ("userId", "status", "category", "region", "urgency", "count")
  SELECT NEW."userId", c."status", c."category", c."region", c."urgency", 1
  FROM "Case" c WHERE c."id" = NEW."caseId"
  ON CONFLICT ("userId", "status", "category", "region", "urgency")
  DO UPDATE SET "count" = "count" + 1;
  UPDATE "Case" SET "lawyerCount" = "lawyerCount" + 1
  WHERE "id" = NEW."caseId" AND NEW."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER');
END;

CREATE TRIGGER "CaseAssignment_tally_delete" AFTER DELETE ON "CaseAssignment" BEGIN
  UPDATE "AssignmentTally" SET "count" = "count" - 1
  WHERE "userId" = OLD."userId"
    AND ("status", "category", "region", "urgency") =
      (SELECT c."status", c."category", c."region", c."urgency" FROM "Case" c WHERE c."id" = OLD."caseId");
  UPDATE "Case" SET "lawyerCount" = "lawyerCount" - 1
  WHERE "id" = OLD."caseId" AND OLD."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER');
END;

-- A change of role (lead to supporting, lawyer to organizer) moves no tally;
-- a change of person or case (the app makes none) is a delete and an insert.
CREATE TRIGGER "CaseAssignment_tally_update" AFTER UPDATE OF "caseId", "userId", "role" ON "CaseAssignment" BEGIN
  UPDATE "AssignmentTally" SET "count" = "count" - 1
  WHERE "userId" = OLD."userId"
    AND ("status", "category", "region", "urgency") =
      (SELECT c."status", c."category", c."region", c."urgency" FROM "Case" c WHERE c."id" = OLD."caseId");
  INSERT INTO "AssignmentTally" ("userId", "status", "category", "region", "urgency", "count")
  SELECT NEW."userId", c."status", c."category", c."region", c."urgency", 1
  FROM "Case" c WHERE c."id" = NEW."caseId"
  ON CONFLICT ("userId", "status", "category", "region", "urgency")
  DO UPDATE SET "count" = "count" + 1;
  UPDATE "Case" SET "lawyerCount" = "lawyerCount" - 1
  WHERE "id" = OLD."caseId" AND OLD."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER');
  UPDATE "Case" SET "lawyerCount" = "lawyerCount" + 1
  WHERE "id" = NEW."caseId" AND NEW."role" IN ('LEAD_LAWYER', 'SUPPORTING_LAWYER');
END;

CREATE TRIGGER "Case_tally_update" AFTER UPDATE OF "status", "category", "region", "urgency" ON "Case"
WHEN OLD."status" IS NOT NEW."status" OR OLD."category" IS NOT NEW."category"
  OR OLD."region" IS NOT NEW."region" OR OLD."urgency" IS NOT NEW."urgency"
BEGIN
  UPDATE "AssignmentTally" SET "count" = "count" - 1
  WHERE "status" = OLD."status" AND "category" = OLD."category"
    AND "region" = OLD."region" AND "urgency" = OLD."urgency"
    AND "userId" IN (SELECT a."userId" FROM "CaseAssignment" a WHERE a."caseId" = OLD."id");
  INSERT INTO "AssignmentTally" ("userId", "status", "category", "region", "urgency", "count")
  SELECT a."userId", NEW."status", NEW."category", NEW."region", NEW."urgency", 1
  FROM "CaseAssignment" a WHERE a."caseId" = NEW."id"
  ON CONFLICT ("userId", "status", "category", "region", "urgency")
  DO UPDATE SET "count" = "count" + 1;
END;

-- Before the case goes: its assignments' cascaded deletes then find no case
-- and move nothing.
CREATE TRIGGER "Case_tally_delete" BEFORE DELETE ON "Case" BEGIN
  UPDATE "AssignmentTally" SET "count" = "count" - 1
  WHERE "status" = OLD."status" AND "category" = OLD."category"
    AND "region" = OLD."region" AND "urgency" = OLD."urgency"
    AND "userId" IN (SELECT a."userId" FROM "CaseAssignment" a WHERE a."caseId" = OLD."id");
END;

-- Hearings and deadlines still waiting for their outcome, by date, written by
-- hand: Prisma cannot express a partial index. Overdue items (my work, the
-- dashboard's load per person, reminders) are a few of the many past dates.
CREATE INDEX "ProceedingDate_pending_dueAt_idx" ON "ProceedingDate"("dueAt", "caseId") WHERE "outcome" IS NULL;
