-- AlterTable (by hand: Prisma would rebuild "Case", which drops the search and tally triggers)
ALTER TABLE "Case" ADD COLUMN "namedWorkerCount" INTEGER NOT NULL DEFAULT 0;

-- DropIndex
DROP INDEX "Case_incidentStart_region_category_idx";

-- CreateIndex: the monitoring reports read their counts from the index alone.
CREATE INDEX "Case_incidentStart_region_category_verificationLevel_unnamedWorkerCount_namedWorkerCount_id_idx" ON "Case"("incidentStart", "region", "category", "verificationLevel", "unnamedWorkerCount", "namedWorkerCount", "id");

-- Written by hand: Prisma cannot express triggers. "Case"."namedWorkerCount"
-- counts the case's "AffectedWorker" rows, kept exact on every insert, delete
-- and move of a worker inside the writing transaction (a deleted case takes its
-- workers and its count with it).
-- tests: app/modules/reports/named-worker-count.server.test.ts compares it with
-- counts taken from the rows after every kind of change.
UPDATE "Case" SET "namedWorkerCount" = (
  SELECT COUNT(*) FROM "AffectedWorker" w WHERE w."caseId" = "Case"."id"
) WHERE "id" IN (SELECT "caseId" FROM "AffectedWorker");

CREATE TRIGGER "AffectedWorker_count_insert" AFTER INSERT ON "AffectedWorker" BEGIN
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" + 1 WHERE "id" = NEW."caseId";
END;

CREATE TRIGGER "AffectedWorker_count_delete" AFTER DELETE ON "AffectedWorker" BEGIN
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" - 1 WHERE "id" = OLD."caseId";
END;

CREATE TRIGGER "AffectedWorker_count_update" AFTER UPDATE OF "caseId" ON "AffectedWorker"
WHEN OLD."caseId" IS NOT NEW."caseId" BEGIN
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" - 1 WHERE "id" = OLD."caseId";
  UPDATE "Case" SET "namedWorkerCount" = "namedWorkerCount" + 1 WHERE "id" = NEW."caseId";
END;
