-- CreateTable
CREATE TABLE "EmployerCase" (
    "employerId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "links" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "incidentStart" DATETIME NOT NULL,
    "workers" INTEGER NOT NULL,
    "death" BOOLEAN NOT NULL,

    PRIMARY KEY ("employerId", "caseId")
);

-- CreateIndex
CREATE INDEX "EmployerCase_employerId_region_incidentStart_category_workers_death_idx" ON "EmployerCase"("employerId", "region", "incidentStart", "category", "workers", "death");

-- CreateIndex
CREATE INDEX "EmployerCase_caseId_idx" ON "EmployerCase"("caseId");

-- CreateIndex
CREATE INDEX "Employer_mergedIntoId_idx" ON "Employer"("mergedIntoId");

-- Written by hand: Prisma cannot express triggers. "EmployerCase" holds one row
-- per company and case naming it (a merged record counts as the record it was
-- merged into: COALESCE("mergedIntoId", "id"), one level, as the register reads
-- it), with "links" = how many of the case's CaseEmployer rows name that company,
-- and the case's region, category, incident start, workers (named + counted only)
-- and death flag (an UNSAFE_CONDITIONS case whose facts record kind DEATH). The
-- triggers keep it exact inside the writing transaction on every insert, change
-- and delete of a link, every change of those columns of a case, a deleted case,
-- and every merge or unmerge (a change of "Employer"."mergedIntoId").
-- tests: app/modules/employers/tallies.server.test.ts compares it with the rows
-- after random writes of every kind (docs/decisions/0038).
INSERT INTO "EmployerCase" ("employerId", "caseId", "links", "region", "category", "incidentStart", "workers", "death")
SELECT COALESCE(e."mergedIntoId", e."id"), c."id", COUNT(*), c."region", c."category", c."incidentStart",
       c."unnamedWorkerCount" + c."namedWorkerCount",
       c."category" = 'UNSAFE_CONDITIONS' AND c."facts" LIKE '%"kind":"DEATH"%'
FROM "CaseEmployer" ce
JOIN "Employer" e ON e."id" = ce."employerId"
JOIN "Case" c ON c."id" = ce."caseId"
GROUP BY COALESCE(e."mergedIntoId", e."id"), c."id";

CREATE TRIGGER "CaseEmployer_employer_tally_insert" AFTER INSERT ON "CaseEmployer" BEGIN
  INSERT INTO "EmployerCase" ("employerId", "caseId", "links", "region", "category", "incidentStart", "workers", "death")
  SELECT COALESCE(e."mergedIntoId", e."id"), c."id", 1, c."region", c."category", c."incidentStart",
         c."unnamedWorkerCount" + c."namedWorkerCount",
         c."category" = 'UNSAFE_CONDITIONS' AND c."facts" LIKE '%"kind":"DEATH"%'
  FROM "Employer" e, "Case" c WHERE e."id" = NEW."employerId" AND c."id" = NEW."caseId"
  ON CONFLICT ("employerId", "caseId") DO UPDATE SET "links" = "links" + 1;
END;

CREATE TRIGGER "CaseEmployer_employer_tally_delete" AFTER DELETE ON "CaseEmployer" BEGIN
  UPDATE "EmployerCase" SET "links" = "links" - 1
  WHERE "caseId" = OLD."caseId" AND "employerId" =
    (SELECT COALESCE(e."mergedIntoId", e."id") FROM "Employer" e WHERE e."id" = OLD."employerId");
  DELETE FROM "EmployerCase" WHERE "caseId" = OLD."caseId" AND "links" <= 0;
END;

CREATE TRIGGER "CaseEmployer_employer_tally_update" AFTER UPDATE OF "caseId", "employerId" ON "CaseEmployer"
WHEN OLD."caseId" IS NOT NEW."caseId" OR OLD."employerId" IS NOT NEW."employerId" BEGIN
  UPDATE "EmployerCase" SET "links" = "links" - 1
  WHERE "caseId" = OLD."caseId" AND "employerId" =
    (SELECT COALESCE(e."mergedIntoId", e."id") FROM "Employer" e WHERE e."id" = OLD."employerId");
  DELETE FROM "EmployerCase" WHERE "caseId" = OLD."caseId" AND "links" <= 0;
  INSERT INTO "EmployerCase" ("employerId", "caseId", "links", "region", "category", "incidentStart", "workers", "death")
  SELECT COALESCE(e."mergedIntoId", e."id"), c."id", 1, c."region", c."category", c."incidentStart",
         c."unnamedWorkerCount" + c."namedWorkerCount",
         c."category" = 'UNSAFE_CONDITIONS' AND c."facts" LIKE '%"kind":"DEATH"%'
  FROM "Employer" e, "Case" c WHERE e."id" = NEW."employerId" AND c."id" = NEW."caseId"
  ON CONFLICT ("employerId", "caseId") DO UPDATE SET "links" = "links" + 1;
END;

CREATE TRIGGER "Case_employer_tally_update"
AFTER UPDATE OF "region", "category", "incidentStart", "unnamedWorkerCount", "namedWorkerCount", "facts" ON "Case"
WHEN OLD."region" IS NOT NEW."region" OR OLD."category" IS NOT NEW."category"
  OR OLD."incidentStart" IS NOT NEW."incidentStart"
  OR OLD."unnamedWorkerCount" IS NOT NEW."unnamedWorkerCount"
  OR OLD."namedWorkerCount" IS NOT NEW."namedWorkerCount" OR OLD."facts" IS NOT NEW."facts" BEGIN
  UPDATE "EmployerCase" SET
    "region" = NEW."region", "category" = NEW."category", "incidentStart" = NEW."incidentStart",
    "workers" = NEW."unnamedWorkerCount" + NEW."namedWorkerCount",
    "death" = NEW."category" = 'UNSAFE_CONDITIONS' AND NEW."facts" LIKE '%"kind":"DEATH"%'
  WHERE "caseId" = NEW."id";
END;

-- A deleted case takes its links with it (their own trigger), and anything left.
CREATE TRIGGER "Case_employer_tally_delete" AFTER DELETE ON "Case" BEGIN
  DELETE FROM "EmployerCase" WHERE "caseId" = OLD."id";
END;

-- A merge or an unmerge moves the record's own links from the company it counted
-- as to the one it counts as now.
CREATE TRIGGER "Employer_employer_tally_merge" AFTER UPDATE OF "mergedIntoId" ON "Employer"
WHEN OLD."mergedIntoId" IS NOT NEW."mergedIntoId" BEGIN
  UPDATE "EmployerCase" SET "links" = "links" - (
    SELECT COUNT(*) FROM "CaseEmployer" ce
    WHERE ce."employerId" = NEW."id" AND ce."caseId" = "EmployerCase"."caseId")
  WHERE "employerId" = COALESCE(OLD."mergedIntoId", OLD."id")
    AND "caseId" IN (SELECT ce."caseId" FROM "CaseEmployer" ce WHERE ce."employerId" = NEW."id");
  DELETE FROM "EmployerCase"
  WHERE "employerId" = COALESCE(OLD."mergedIntoId", OLD."id") AND "links" <= 0;
  INSERT INTO "EmployerCase" ("employerId", "caseId", "links", "region", "category", "incidentStart", "workers", "death")
  SELECT COALESCE(NEW."mergedIntoId", NEW."id"), c."id", COUNT(*), c."region", c."category", c."incidentStart",
         c."unnamedWorkerCount" + c."namedWorkerCount",
         c."category" = 'UNSAFE_CONDITIONS' AND c."facts" LIKE '%"kind":"DEATH"%'
  FROM "CaseEmployer" ce JOIN "Case" c ON c."id" = ce."caseId"
  WHERE ce."employerId" = NEW."id"
  GROUP BY c."id"
  ON CONFLICT ("employerId", "caseId") DO UPDATE SET "links" = "links" + excluded."links";
END;
