-- DropIndex
DROP INDEX "CaseOutcome_kind_date_idx";

-- CreateTable
CREATE TABLE "CaseTally" (
    "status" "CaseStatus" NOT NULL,
    "category" "CaseCategory" NOT NULL,
    "region" "Region" NOT NULL,
    "urgency" "Urgency" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CaseTally_pkey" PRIMARY KEY ("status","category","region","urgency")
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

CREATE FUNCTION "adal_case_count_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "CaseTally" SET "count" = "count" - 1
    WHERE "status" = OLD."status" AND "category" = OLD."category"
      AND "region" = OLD."region" AND "urgency" = OLD."urgency";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "CaseTally" ("status", "category", "region", "urgency", "count")
    VALUES (NEW."status", NEW."category", NEW."region", NEW."urgency", 1)
    ON CONFLICT ("status", "category", "region", "urgency")
    DO UPDATE SET "count" = "CaseTally"."count" + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Case_case_tally" AFTER INSERT OR DELETE ON "Case"
FOR EACH ROW EXECUTE FUNCTION "adal_case_count_tally"();

CREATE TRIGGER "Case_case_tally_update" AFTER UPDATE OF "status", "category", "region", "urgency" ON "Case"
FOR EACH ROW
WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."category" IS DISTINCT FROM NEW."category"
  OR OLD."region" IS DISTINCT FROM NEW."region" OR OLD."urgency" IS DISTINCT FROM NEW."urgency")
EXECUTE FUNCTION "adal_case_count_tally"();
