-- CreateTable
CREATE TABLE "EmployerCase" (
    "employerId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "links" INTEGER NOT NULL,
    "region" "Region" NOT NULL,
    "category" "CaseCategory" NOT NULL,
    "incidentStart" TIMESTAMP(3) NOT NULL,
    "workers" INTEGER NOT NULL,
    "death" BOOLEAN NOT NULL,

    CONSTRAINT "EmployerCase_pkey" PRIMARY KEY ("employerId","caseId")
);

-- CreateIndex
CREATE INDEX "EmployerCase_employerId_region_incidentStart_category_worke_idx" ON "EmployerCase"("employerId", "region", "incidentStart", "category", "workers", "death");

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

CREATE FUNCTION "adal_employer_tally_link"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."caseId" IS NOT DISTINCT FROM NEW."caseId"
     AND OLD."employerId" IS NOT DISTINCT FROM NEW."employerId" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "EmployerCase" t SET "links" = t."links" - 1
    FROM "Employer" e
    WHERE e."id" = OLD."employerId" AND t."caseId" = OLD."caseId"
      AND t."employerId" = COALESCE(e."mergedIntoId", e."id");
    DELETE FROM "EmployerCase" WHERE "caseId" = OLD."caseId" AND "links" <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "EmployerCase" ("employerId", "caseId", "links", "region", "category", "incidentStart", "workers", "death")
    SELECT COALESCE(e."mergedIntoId", e."id"), c."id", 1, c."region", c."category", c."incidentStart",
           c."unnamedWorkerCount" + c."namedWorkerCount",
           c."category" = 'UNSAFE_CONDITIONS' AND c."facts" LIKE '%"kind":"DEATH"%'
    FROM "Employer" e, "Case" c WHERE e."id" = NEW."employerId" AND c."id" = NEW."caseId"
    ON CONFLICT ("employerId", "caseId") DO UPDATE SET "links" = "EmployerCase"."links" + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "CaseEmployer_employer_tally" AFTER INSERT OR DELETE OR UPDATE OF "caseId", "employerId"
ON "CaseEmployer" FOR EACH ROW EXECUTE FUNCTION "adal_employer_tally_link"();

CREATE FUNCTION "adal_employer_tally_case"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "EmployerCase" WHERE "caseId" = OLD."id";
    RETURN NULL;
  END IF;
  IF OLD."region" IS NOT DISTINCT FROM NEW."region"
     AND OLD."category" IS NOT DISTINCT FROM NEW."category"
     AND OLD."incidentStart" IS NOT DISTINCT FROM NEW."incidentStart"
     AND OLD."unnamedWorkerCount" IS NOT DISTINCT FROM NEW."unnamedWorkerCount"
     AND OLD."namedWorkerCount" IS NOT DISTINCT FROM NEW."namedWorkerCount"
     AND OLD."facts" IS NOT DISTINCT FROM NEW."facts" THEN
    RETURN NULL;
  END IF;
  UPDATE "EmployerCase" SET
    "region" = NEW."region", "category" = NEW."category", "incidentStart" = NEW."incidentStart",
    "workers" = NEW."unnamedWorkerCount" + NEW."namedWorkerCount",
    "death" = NEW."category" = 'UNSAFE_CONDITIONS' AND NEW."facts" LIKE '%"kind":"DEATH"%'
  WHERE "caseId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Case_employer_tally" AFTER DELETE OR UPDATE OF "region", "category", "incidentStart",
  "unnamedWorkerCount", "namedWorkerCount", "facts"
ON "Case" FOR EACH ROW EXECUTE FUNCTION "adal_employer_tally_case"();

-- A merge or an unmerge moves the record's own links from the company it counted
-- as to the one it counts as now.
CREATE FUNCTION "adal_employer_tally_merge"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."mergedIntoId" IS NOT DISTINCT FROM NEW."mergedIntoId" THEN
    RETURN NULL;
  END IF;
  UPDATE "EmployerCase" t SET "links" = t."links" - l."n"
  FROM (SELECT ce."caseId", COUNT(*) AS "n" FROM "CaseEmployer" ce
        WHERE ce."employerId" = NEW."id" GROUP BY ce."caseId") l
  WHERE t."employerId" = COALESCE(OLD."mergedIntoId", OLD."id") AND t."caseId" = l."caseId";
  DELETE FROM "EmployerCase"
  WHERE "employerId" = COALESCE(OLD."mergedIntoId", OLD."id") AND "links" <= 0;
  INSERT INTO "EmployerCase" ("employerId", "caseId", "links", "region", "category", "incidentStart", "workers", "death")
  SELECT COALESCE(NEW."mergedIntoId", NEW."id"), c."id", COUNT(*), c."region", c."category", c."incidentStart",
         c."unnamedWorkerCount" + c."namedWorkerCount",
         c."category" = 'UNSAFE_CONDITIONS' AND c."facts" LIKE '%"kind":"DEATH"%'
  FROM "CaseEmployer" ce JOIN "Case" c ON c."id" = ce."caseId"
  WHERE ce."employerId" = NEW."id"
  GROUP BY c."id"
  ON CONFLICT ("employerId", "caseId") DO UPDATE SET "links" = "EmployerCase"."links" + EXCLUDED."links";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Employer_employer_tally_merge" AFTER UPDATE OF "mergedIntoId"
ON "Employer" FOR EACH ROW EXECUTE FUNCTION "adal_employer_tally_merge"();
