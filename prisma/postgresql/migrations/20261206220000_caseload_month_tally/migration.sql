-- CreateTable
CREATE TABLE "CaseMonthTally" (
    "month" TEXT NOT NULL,
    "region" "Region" NOT NULL,
    "category" "CaseCategory" NOT NULL,
    "opened" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,

    CONSTRAINT "CaseMonthTally_pkey" PRIMARY KEY ("month","region","category")
);

-- Written by hand: Prisma cannot express triggers. "CaseMonthTally" counts the cases opened
-- (by "createdAt") and closed (by "closedAt") per UTC calendar month, region and category
-- (decision 0041, addendum on months); the triggers keep it exact on every insert, delete and
-- change of those four columns of a case, whoever writes, inside the writing transaction.
-- The instants are stored as UTC (timestamp without time zone): the month is their own
-- "YYYY-MM", no time zone involved.
-- tests: app/modules/caseload/tallies.server.test.ts compares it with counts
-- taken from the rows after every kind of change.

INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
SELECT "month", "region", "category", SUM("opened"), SUM("closed") FROM (
  SELECT to_char("createdAt", 'YYYY-MM') AS "month", "region", "category", 1 AS "opened", 0 AS "closed"
  FROM "Case"
  UNION ALL
  SELECT to_char("closedAt", 'YYYY-MM'), "region", "category", 0, 1 FROM "Case"
  WHERE "closedAt" IS NOT NULL
) AS "flows" GROUP BY "month", "region", "category";

CREATE FUNCTION "adal_case_month_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- Whether the case's "opened" or "closed" count moves to another key (always, unless updated).
  moved boolean := true;
  reclosed boolean := true;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    moved := OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
      OR OLD."region" IS DISTINCT FROM NEW."region" OR OLD."category" IS DISTINCT FROM NEW."category";
    reclosed := OLD."closedAt" IS DISTINCT FROM NEW."closedAt"
      OR OLD."region" IS DISTINCT FROM NEW."region" OR OLD."category" IS DISTINCT FROM NEW."category";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    IF moved THEN
      UPDATE "CaseMonthTally" SET "opened" = "opened" - 1
      WHERE "month" = to_char(OLD."createdAt", 'YYYY-MM') AND "region" = OLD."region"
        AND "category" = OLD."category";
    END IF;
    IF reclosed AND OLD."closedAt" IS NOT NULL THEN
      UPDATE "CaseMonthTally" SET "closed" = "closed" - 1
      WHERE "month" = to_char(OLD."closedAt", 'YYYY-MM') AND "region" = OLD."region"
        AND "category" = OLD."category";
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF moved THEN
      INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
      VALUES (to_char(NEW."createdAt", 'YYYY-MM'), NEW."region", NEW."category", 1, 0)
      ON CONFLICT ("month", "region", "category")
      DO UPDATE SET "opened" = "CaseMonthTally"."opened" + 1;
    END IF;
    IF reclosed AND NEW."closedAt" IS NOT NULL THEN
      INSERT INTO "CaseMonthTally" ("month", "region", "category", "opened", "closed")
      VALUES (to_char(NEW."closedAt", 'YYYY-MM'), NEW."region", NEW."category", 0, 1)
      ON CONFLICT ("month", "region", "category")
      DO UPDATE SET "closed" = "CaseMonthTally"."closed" + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Case_month_tally" AFTER INSERT OR DELETE ON "Case"
FOR EACH ROW EXECUTE FUNCTION "adal_case_month_tally"();

CREATE TRIGGER "Case_month_tally_update" AFTER UPDATE OF "createdAt", "closedAt", "region", "category" ON "Case"
FOR EACH ROW
WHEN (OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."closedAt" IS DISTINCT FROM NEW."closedAt"
  OR OLD."region" IS DISTINCT FROM NEW."region" OR OLD."category" IS DISTINCT FROM NEW."category")
EXECUTE FUNCTION "adal_case_month_tally"();
