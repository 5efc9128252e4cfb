-- CreateTable
CREATE TABLE "AssignmentCategoryTally" (
    "userId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "category", "status")
);

-- Written by hand: Prisma cannot express triggers. "AssignmentCategoryTally" is
-- "AssignmentTally" summed over region and urgency, kept by triggers on it in
-- the writing transaction: whatever moves a count there (an assignment made or
-- removed, a case changing status or category) moves it here by the same amount.
-- An upsert that updates fires the UPDATE trigger. tests:
-- app/modules/caseload/tallies.server.test.ts compares it with counts taken from
-- the rows after every kind of change.
INSERT INTO "AssignmentCategoryTally" ("userId", "category", "status", "count")
SELECT "userId", "category", "status", SUM("count")
FROM "AssignmentTally"
GROUP BY "userId", "category", "status";

CREATE TRIGGER "AssignmentTally_by_category_insert" AFTER INSERT ON "AssignmentTally" BEGIN
  INSERT INTO "AssignmentCategoryTally" ("userId", "category", "status", "count")
  VALUES (NEW."userId", NEW."category", NEW."status", NEW."count")
  ON CONFLICT ("userId", "category", "status") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "AssignmentTally_by_category_update" AFTER UPDATE ON "AssignmentTally" BEGIN
  UPDATE "AssignmentCategoryTally" SET "count" = "count" - OLD."count"
  WHERE "userId" = OLD."userId" AND "category" = OLD."category" AND "status" = OLD."status";
  INSERT INTO "AssignmentCategoryTally" ("userId", "category", "status", "count")
  VALUES (NEW."userId", NEW."category", NEW."status", NEW."count")
  ON CONFLICT ("userId", "category", "status") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "AssignmentTally_by_category_delete" AFTER DELETE ON "AssignmentTally" BEGIN
  UPDATE "AssignmentCategoryTally" SET "count" = "count" - OLD."count"
  WHERE "userId" = OLD."userId" AND "category" = OLD."category" AND "status" = OLD."status";
END;
