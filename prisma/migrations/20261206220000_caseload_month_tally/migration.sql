-- CreateTable
CREATE TABLE "CaseMonthTally" (
    "month" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "opened" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,

    PRIMARY KEY ("month", "region", "category")
);

-- Written by hand: Prisma cannot express triggers. "CaseMonthTally" counts the cases opened
-- (by "createdAt") and closed (by "closedAt") per UTC calendar month, region and category
-- (decision 0041, addendum on months); the triggers keep it exact on every insert, delete and
-- change of those four columns of a case, whoever writes, inside the writing transaction.
-- The month is the first seven characters of the stored instant, which is UTC text
-- ("2026-01-31T19:00:00.000+00:00"), the same text the dashboard's ranges compare.
-- tests: app/modules/caseload/tallies.server.test.ts compares it with counts
-- taken from the rows after every kind of change.

INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
SELECT "month", "region", "category", SUM("opened"), SUM("closed") FROM (
  SELECT substr("createdAt", 1, 7) AS "month", "region", "category", 1 AS "opened", 0 AS "closed"
  FROM "Case"
  UNION ALL
  SELECT substr("closedAt", 1, 7), "region", "category", 0, 1 FROM "Case"
  WHERE "closedAt" IS NOT NULL
) GROUP BY "month", "region", "category";

CREATE TRIGGER "Case_month_tally_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
  VALUES (substr(NEW."createdAt", 1, 7), NEW."region", NEW."category", 1, 0)
  ON CONFLICT ("month", "region", "category") DO UPDATE SET "opened" = "opened" + 1;
  INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
  SELECT substr(NEW."closedAt", 1, 7), NEW."region", NEW."category", 0, 1
  WHERE NEW."closedAt" IS NOT NULL
  ON CONFLICT ("month", "region", "category") DO UPDATE SET "closed" = "closed" + 1;
END;

CREATE TRIGGER "Case_month_tally_delete" AFTER DELETE ON "Case" BEGIN
  UPDATE "CaseMonthTally" SET "opened" = "opened" - 1
  WHERE "month" = substr(OLD."createdAt", 1, 7) AND "region" = OLD."region"
    AND "category" = OLD."category";
  UPDATE "CaseMonthTally" SET "closed" = "closed" - 1
  WHERE OLD."closedAt" IS NOT NULL AND "month" = substr(OLD."closedAt", 1, 7)
    AND "region" = OLD."region" AND "category" = OLD."category";
END;

CREATE TRIGGER "Case_month_tally_update_opened" AFTER UPDATE OF "createdAt", "region", "category" ON "Case"
WHEN OLD."createdAt" IS NOT NEW."createdAt" OR OLD."region" IS NOT NEW."region"
  OR OLD."category" IS NOT NEW."category"
BEGIN
  UPDATE "CaseMonthTally" SET "opened" = "opened" - 1
  WHERE "month" = substr(OLD."createdAt", 1, 7) AND "region" = OLD."region"
    AND "category" = OLD."category";
  INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
  VALUES (substr(NEW."createdAt", 1, 7), NEW."region", NEW."category", 1, 0)
  ON CONFLICT ("month", "region", "category") DO UPDATE SET "opened" = "opened" + 1;
END;

CREATE TRIGGER "Case_month_tally_update_closed" AFTER UPDATE OF "closedAt", "region", "category" ON "Case"
WHEN OLD."closedAt" IS NOT NEW."closedAt" OR OLD."region" IS NOT NEW."region"
  OR OLD."category" IS NOT NEW."category"
BEGIN
  UPDATE "CaseMonthTally" SET "closed" = "closed" - 1
  WHERE OLD."closedAt" IS NOT NULL AND "month" = substr(OLD."closedAt", 1, 7)
    AND "region" = OLD."region" AND "category" = OLD."category";
  INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
  SELECT substr(NEW."closedAt", 1, 7), NEW."region", NEW."category", 0, 1
  WHERE NEW."closedAt" IS NOT NULL
  ON CONFLICT ("month", "region", "category") DO UPDATE SET "closed" = "closed" + 1;
END;
