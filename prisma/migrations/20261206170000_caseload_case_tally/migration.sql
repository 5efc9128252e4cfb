-- DropIndex
DROP INDEX "CaseOutcome_kind_date_idx";

-- CreateTable
CREATE TABLE "CaseTally" (
    "status" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("status", "category", "region", "urgency")
);

-- CreateIndex
CREATE INDEX "AssignmentTally_status_region_category_userId_urgency_count_idx" ON "AssignmentTally"("status", "region", "category", "userId", "urgency", "count");

-- CreateIndex
CREATE INDEX "Case_createdAt_status_category_region_urgency_idx" ON "Case"("createdAt", "status", "category", "region", "urgency");

-- CreateIndex
CREATE INDEX "CaseOutcome_kind_date_currency_amountMinor_people_caseId_idx" ON "CaseOutcome"("kind", "date", "currency", "amountMinor", "people", "caseId");

-- Written by hand: Prisma cannot express triggers. "CaseTally" counts the cases
-- per status, category, region and urgency (decision 0041); the triggers keep
-- it exact on every insert, delete and change of those four columns of a case,
-- whoever writes, inside the writing transaction.
-- tests: app/modules/caseload/tallies.server.test.ts compares it with counts
-- taken from the rows after every kind of change.

INSERT INTO "CaseTally" ("status", "category", "region", "urgency", "count")
SELECT "status", "category", "region", "urgency", COUNT(*) FROM "Case"
GROUP BY "status", "category", "region", "urgency";

CREATE TRIGGER "Case_case_tally_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "CaseTally" ("status", "category", "region", "urgency", "count")
  VALUES (NEW."status", NEW."category", NEW."region", NEW."urgency", 1)
  ON CONFLICT ("status", "category", "region", "urgency") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Case_case_tally_delete" AFTER DELETE ON "Case" BEGIN
  UPDATE "CaseTally" SET "count" = "count" - 1
  WHERE "status" = OLD."status" AND "category" = OLD."category"
    AND "region" = OLD."region" AND "urgency" = OLD."urgency";
END;

CREATE TRIGGER "Case_case_tally_update" AFTER UPDATE OF "status", "category", "region", "urgency" ON "Case"
WHEN OLD."status" IS NOT NEW."status" OR OLD."category" IS NOT NEW."category"
  OR OLD."region" IS NOT NEW."region" OR OLD."urgency" IS NOT NEW."urgency"
BEGIN
  UPDATE "CaseTally" SET "count" = "count" - 1
  WHERE "status" = OLD."status" AND "category" = OLD."category"
    AND "region" = OLD."region" AND "urgency" = OLD."urgency";
  INSERT INTO "CaseTally" ("status", "category", "region", "urgency", "count")
  VALUES (NEW."status", NEW."category", NEW."region", NEW."urgency", 1)
  ON CONFLICT ("status", "category", "region", "urgency") DO UPDATE SET "count" = "count" + 1;
END;
