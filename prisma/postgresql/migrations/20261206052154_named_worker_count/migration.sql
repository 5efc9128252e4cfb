-- DropIndex
DROP INDEX "Case_incidentStart_region_category_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "namedWorkerCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Case_incidentStart_region_category_verificationLevel_unname_idx" ON "Case"("incidentStart", "region", "category", "verificationLevel", "unnamedWorkerCount", "namedWorkerCount", "id");

-- Written by hand: Prisma cannot express triggers. "Case"."namedWorkerCount"
-- counts the case's "AffectedWorker" rows, kept exact on every insert, delete
-- and move of a worker inside the writing transaction.
-- tests: app/modules/reports/named-worker-count.server.test.ts compares it with
-- counts taken from the rows after every kind of change.
UPDATE "Case" c SET "namedWorkerCount" = w."n"
FROM (SELECT "caseId", COUNT(*) AS "n" FROM "AffectedWorker" GROUP BY "caseId") w
WHERE c."id" = w."caseId";

CREATE FUNCTION "adal_named_worker_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."caseId" IS NOT DISTINCT FROM NEW."caseId" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" - 1 WHERE "id" = OLD."caseId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" + 1 WHERE "id" = NEW."caseId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "AffectedWorker_count" AFTER INSERT OR DELETE OR UPDATE OF "caseId"
ON "AffectedWorker" FOR EACH ROW EXECUTE FUNCTION "adal_named_worker_count"();
