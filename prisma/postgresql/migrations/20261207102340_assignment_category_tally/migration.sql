-- CreateTable
CREATE TABLE "AssignmentCategoryTally" (
    "userId" TEXT NOT NULL,
    "category" "CaseCategory" NOT NULL,
    "status" "CaseStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "AssignmentCategoryTally_pkey" PRIMARY KEY ("userId","category","status")
);

-- Written by hand: Prisma cannot express triggers. "AssignmentCategoryTally" is
-- "AssignmentTally" summed over region and urgency, kept by a trigger on it in
-- the writing transaction: whatever moves a count there (an assignment made or
-- removed, a case changing status or category) moves it here by the same amount.
-- tests: app/modules/caseload/tallies.server.test.ts compares it with counts
-- taken from the rows after every kind of change.
INSERT INTO "AssignmentCategoryTally" ("userId", "category", "status", "count")
SELECT "userId", "category", "status", SUM("count")
FROM "AssignmentTally"
GROUP BY "userId", "category", "status";

CREATE FUNCTION "adal_assignment_category_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "AssignmentCategoryTally" t SET "count" = t."count" - OLD."count"
    WHERE t."userId" = OLD."userId" AND t."category" = OLD."category" AND t."status" = OLD."status";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "AssignmentCategoryTally" ("userId", "category", "status", "count")
    VALUES (NEW."userId", NEW."category", NEW."status", NEW."count")
    ON CONFLICT ("userId", "category", "status")
    DO UPDATE SET "count" = "AssignmentCategoryTally"."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "AssignmentTally_by_category" AFTER INSERT OR DELETE OR UPDATE
ON "AssignmentTally" FOR EACH ROW EXECUTE FUNCTION "adal_assignment_category_tally"();
