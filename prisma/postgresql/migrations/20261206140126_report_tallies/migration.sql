-- CreateTable
CREATE TABLE "ReportTally" (
    "month" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "factGroup" TEXT NOT NULL,
    "reported" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,
    "namedWorkers" INTEGER NOT NULL,
    "unnamedWorkers" INTEGER NOT NULL,
    "peopleHarmed" INTEGER NOT NULL,
    "indicator1" INTEGER NOT NULL,
    "indicator2" INTEGER NOT NULL,
    "indicator3" INTEGER NOT NULL,
    "indicator4" INTEGER NOT NULL,
    "indicator5" INTEGER NOT NULL,
    "indicator6" INTEGER NOT NULL,
    "indicator7" INTEGER NOT NULL,
    "indicator8" INTEGER NOT NULL,
    "indicator9" INTEGER NOT NULL,
    "indicator10" INTEGER NOT NULL,
    "indicator11" INTEGER NOT NULL,

    CONSTRAINT "ReportTally_pkey" PRIMARY KEY ("month","region","category","sector","level","factGroup","reported")
);

-- Written by hand: Prisma cannot express views or triggers (docs/decisions/0037).
-- "CaseReportRow" is one case as the monitoring report counts it: the month its
-- incident began, region, category, its employer's sector ("NONE" when no
-- employer is named), verification level, workers, and what the forced-labour
-- and unsafe-work tables read from the facts, classified as
-- app/modules/reports/forced-labour.ts does (the ILO's 2018 rule: involuntary
-- AND coercion). "ReportTally" sums it per key. Every write that can move a
-- case from one key to another takes the case's row out BEFORE it and puts it
-- back AFTER it (a case, its employer link, the employer's sector; workers
-- move "namedWorkerCount", a column of the case), inside the writing
-- transaction. A deleted case leaves before it goes; its links' cascaded
-- deletes then find no case and move nothing.
-- tests: app/modules/reports/report-tally.server.test.ts compares the tally with
-- counts taken from the rows after every kind of change.

CREATE VIEW "CaseReportRow" AS
SELECT u."caseId", u."incidentStart", u."month", u."region", u."category", u."sector", u."level",
  u."namedWorkerCount", u."unnamedWorkerCount",
  CASE u."category"
    WHEN 'FORCED_LABOR' THEN
      CASE WHEN (u."canLeaveNo" OR u."i2" OR u."i10" OR u."i11") AND (u."i1" OR u."i3" OR u."i4" OR u."i5" OR u."i6" OR u."i7" OR u."i8" OR u."i9") THEN 'FORCED_LABOUR' ELSE 'INDICATORS_ONLY' END
    WHEN 'UNSAFE_CONDITIONS' THEN
      CASE WHEN jsonb_typeof(u."f" -> 'kind') = 'string' THEN u."f" ->> 'kind' ELSE '' END
    ELSE '' END AS "factGroup",
  CASE WHEN u."category" = 'UNSAFE_CONDITIONS' AND jsonb_typeof(u."f" -> 'kind') = 'string' THEN
    CASE WHEN jsonb_typeof(u."f" -> 'reportedToInspectorate') IS NULL
           OR jsonb_typeof(u."f" -> 'reportedToInspectorate') = 'null' THEN 'UNKNOWN'
         WHEN jsonb_typeof(u."f" -> 'reportedToInspectorate') = 'string'
           THEN u."f" ->> 'reportedToInspectorate'
         ELSE '?' END
    ELSE '' END AS "reported",
  CASE WHEN u."category" = 'UNSAFE_CONDITIONS' AND jsonb_typeof(u."f" -> 'kind') = 'string'
      AND jsonb_typeof(u."f" -> 'peopleHarmed') = 'number'
    THEN GREATEST(0, trunc((u."f" ->> 'peopleHarmed')::numeric))::integer
    ELSE 0 END AS "peopleHarmed",
  u."i1"::integer AS "i1", u."i2"::integer AS "i2", u."i3"::integer AS "i3", u."i4"::integer AS "i4", u."i5"::integer AS "i5", u."i6"::integer AS "i6", u."i7"::integer AS "i7", u."i8"::integer AS "i8", u."i9"::integer AS "i9", u."i10"::integer AS "i10", u."i11"::integer AS "i11"
FROM (
  SELECT t.*,
    COALESCE(t."ind" @> '["ABUSE_OF_VULNERABILITY"]'::jsonb, FALSE) AS "i1",
    COALESCE(t."ind" @> '["DECEPTION"]'::jsonb, FALSE) AS "i2",
    COALESCE(t."ind" @> '["RESTRICTION_OF_MOVEMENT"]'::jsonb, FALSE) AS "i3",
    COALESCE(t."ind" @> '["ISOLATION"]'::jsonb, FALSE) AS "i4",
    COALESCE(t."ind" @> '["PHYSICAL_AND_SEXUAL_VIOLENCE"]'::jsonb, FALSE) AS "i5",
    COALESCE(t."ind" @> '["INTIMIDATION_AND_THREATS"]'::jsonb, FALSE) AS "i6",
    COALESCE(t."ind" @> '["RETENTION_OF_IDENTITY_DOCUMENTS"]'::jsonb, FALSE) AS "i7",
    COALESCE(t."ind" @> '["WITHHOLDING_OF_WAGES"]'::jsonb, FALSE) AS "i8",
    COALESCE(t."ind" @> '["DEBT_BONDAGE"]'::jsonb, FALSE) AS "i9",
    COALESCE(t."ind" @> '["ABUSIVE_WORKING_AND_LIVING_CONDITIONS"]'::jsonb, FALSE) AS "i10",
    COALESCE(t."ind" @> '["EXCESSIVE_OVERTIME"]'::jsonb, FALSE) AS "i11"
  FROM (
    SELECT c."id" AS "caseId", c."incidentStart" AS "incidentStart",
      to_char(c."incidentStart", 'YYYY-MM') AS "month", c."region"::text AS "region",
      c."category"::text AS "category", COALESCE(e."sector"::text, 'NONE') AS "sector",
      c."verificationLevel"::text AS "level",
      c."namedWorkerCount" AS "namedWorkerCount", c."unnamedWorkerCount" AS "unnamedWorkerCount",
      CASE WHEN c."category" IN ('FORCED_LABOR', 'UNSAFE_CONDITIONS') THEN c."facts"::jsonb END AS "f",
      CASE WHEN c."category" = 'FORCED_LABOR'
          AND jsonb_typeof(c."facts"::jsonb -> 'indicators') = 'array'
        THEN c."facts"::jsonb -> 'indicators' END AS "ind",
      CASE WHEN c."category" = 'FORCED_LABOR'
        THEN COALESCE((c."facts"::jsonb -> 'canLeave') = '"NO"'::jsonb, FALSE)
        ELSE FALSE END AS "canLeaveNo"
    FROM "Case" c
    LEFT JOIN "CaseEmployer" ce ON ce."caseId" = c."id" AND ce."role" = 'EMPLOYER'
    LEFT JOIN "Employer" e ON e."id" = ce."employerId"
  ) t
) u;

-- The cases already recorded.
INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", COUNT(*), SUM(r."namedWorkerCount"), SUM(r."unnamedWorkerCount"), SUM(r."peopleHarmed"), SUM(r."i1"), SUM(r."i2"), SUM(r."i3"), SUM(r."i4"), SUM(r."i5"), SUM(r."i6"), SUM(r."i7"), SUM(r."i8"), SUM(r."i9"), SUM(r."i10"), SUM(r."i11")
FROM "CaseReportRow" r
GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported";

-- Adds (sign 1) or takes out (sign -1) the given cases' rows.
CREATE FUNCTION "adal_report_fold"(case_ids text[], sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", sign * COUNT(*), sign * SUM(r."namedWorkerCount"), sign * SUM(r."unnamedWorkerCount"), sign * SUM(r."peopleHarmed"), sign * SUM(r."i1"), sign * SUM(r."i2"), sign * SUM(r."i3"), sign * SUM(r."i4"), sign * SUM(r."i5"), sign * SUM(r."i6"), sign * SUM(r."i7"), sign * SUM(r."i8"), sign * SUM(r."i9"), sign * SUM(r."i10"), sign * SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = ANY(case_ids)
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "ReportTally"."cases" + excluded."cases", "namedWorkers" = "ReportTally"."namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "ReportTally"."unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "ReportTally"."peopleHarmed" + excluded."peopleHarmed", "indicator1" = "ReportTally"."indicator1" + excluded."indicator1", "indicator2" = "ReportTally"."indicator2" + excluded."indicator2", "indicator3" = "ReportTally"."indicator3" + excluded."indicator3", "indicator4" = "ReportTally"."indicator4" + excluded."indicator4", "indicator5" = "ReportTally"."indicator5" + excluded."indicator5", "indicator6" = "ReportTally"."indicator6" + excluded."indicator6", "indicator7" = "ReportTally"."indicator7" + excluded."indicator7", "indicator8" = "ReportTally"."indicator8" + excluded."indicator8", "indicator9" = "ReportTally"."indicator9" + excluded."indicator9", "indicator10" = "ReportTally"."indicator10" + excluded."indicator10", "indicator11" = "ReportTally"."indicator11" + excluded."indicator11";
$$;

-- BEFORE a write the case leaves its key; AFTER it, it joins its new one.
CREATE FUNCTION "adal_report_case"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM "adal_report_fold"(ARRAY[OLD."id"], -1);
    RETURN OLD;
  ELSIF TG_WHEN = 'BEFORE' THEN
    PERFORM "adal_report_fold"(ARRAY[OLD."id"], -1);
    RETURN NEW;
  END IF;
  PERFORM "adal_report_fold"(ARRAY[NEW."id"], 1);
  RETURN NULL;
END
$$;

CREATE FUNCTION "adal_report_case_employer"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN ids := ARRAY[NEW."caseId"];
  ELSIF TG_OP = 'DELETE' THEN ids := ARRAY[OLD."caseId"];
  ELSE ids := ARRAY[OLD."caseId", NEW."caseId"];
  END IF;
  PERFORM "adal_report_fold"(ids, CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END);
  IF TG_WHEN = 'AFTER' THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;

CREATE FUNCTION "adal_report_employer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "adal_report_fold"(
    ARRAY(SELECT ce."caseId" FROM "CaseEmployer" ce WHERE ce."employerId" = OLD."id" AND ce."role" = 'EMPLOYER'),
    CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END);
  IF TG_WHEN = 'AFTER' THEN RETURN NULL; END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Case_report_insert" AFTER INSERT ON "Case"
FOR EACH ROW EXECUTE FUNCTION "adal_report_case"();
CREATE TRIGGER "Case_report_delete" BEFORE DELETE ON "Case"
FOR EACH ROW EXECUTE FUNCTION "adal_report_case"();
CREATE TRIGGER "Case_report_update_before" BEFORE UPDATE OF "incidentStart", "region", "category", "verificationLevel", "facts", "unnamedWorkerCount", "namedWorkerCount" ON "Case"
FOR EACH ROW WHEN (OLD."incidentStart" IS DISTINCT FROM NEW."incidentStart" OR OLD."region" IS DISTINCT FROM NEW."region" OR OLD."category" IS DISTINCT FROM NEW."category" OR OLD."verificationLevel" IS DISTINCT FROM NEW."verificationLevel" OR OLD."facts" IS DISTINCT FROM NEW."facts" OR OLD."unnamedWorkerCount" IS DISTINCT FROM NEW."unnamedWorkerCount" OR OLD."namedWorkerCount" IS DISTINCT FROM NEW."namedWorkerCount") EXECUTE FUNCTION "adal_report_case"();
CREATE TRIGGER "Case_report_update_after" AFTER UPDATE OF "incidentStart", "region", "category", "verificationLevel", "facts", "unnamedWorkerCount", "namedWorkerCount" ON "Case"
FOR EACH ROW WHEN (OLD."incidentStart" IS DISTINCT FROM NEW."incidentStart" OR OLD."region" IS DISTINCT FROM NEW."region" OR OLD."category" IS DISTINCT FROM NEW."category" OR OLD."verificationLevel" IS DISTINCT FROM NEW."verificationLevel" OR OLD."facts" IS DISTINCT FROM NEW."facts" OR OLD."unnamedWorkerCount" IS DISTINCT FROM NEW."unnamedWorkerCount" OR OLD."namedWorkerCount" IS DISTINCT FROM NEW."namedWorkerCount") EXECUTE FUNCTION "adal_report_case"();

CREATE TRIGGER "CaseEmployer_report_insert_before" BEFORE INSERT ON "CaseEmployer"
FOR EACH ROW WHEN (NEW."role" = 'EMPLOYER') EXECUTE FUNCTION "adal_report_case_employer"();
CREATE TRIGGER "CaseEmployer_report_insert_after" AFTER INSERT ON "CaseEmployer"
FOR EACH ROW WHEN (NEW."role" = 'EMPLOYER') EXECUTE FUNCTION "adal_report_case_employer"();
CREATE TRIGGER "CaseEmployer_report_delete_before" BEFORE DELETE ON "CaseEmployer"
FOR EACH ROW WHEN (OLD."role" = 'EMPLOYER') EXECUTE FUNCTION "adal_report_case_employer"();
CREATE TRIGGER "CaseEmployer_report_delete_after" AFTER DELETE ON "CaseEmployer"
FOR EACH ROW WHEN (OLD."role" = 'EMPLOYER') EXECUTE FUNCTION "adal_report_case_employer"();
CREATE TRIGGER "CaseEmployer_report_update_before" BEFORE UPDATE OF "caseId", "employerId", "role" ON "CaseEmployer"
FOR EACH ROW WHEN (OLD."caseId" IS DISTINCT FROM NEW."caseId" OR OLD."employerId" IS DISTINCT FROM NEW."employerId" OR OLD."role" IS DISTINCT FROM NEW."role") EXECUTE FUNCTION "adal_report_case_employer"();
CREATE TRIGGER "CaseEmployer_report_update_after" AFTER UPDATE OF "caseId", "employerId", "role" ON "CaseEmployer"
FOR EACH ROW WHEN (OLD."caseId" IS DISTINCT FROM NEW."caseId" OR OLD."employerId" IS DISTINCT FROM NEW."employerId" OR OLD."role" IS DISTINCT FROM NEW."role") EXECUTE FUNCTION "adal_report_case_employer"();

CREATE TRIGGER "Employer_report_update_before" BEFORE UPDATE OF "sector" ON "Employer"
FOR EACH ROW WHEN (OLD."sector" IS DISTINCT FROM NEW."sector") EXECUTE FUNCTION "adal_report_employer"();
CREATE TRIGGER "Employer_report_update_after" AFTER UPDATE OF "sector" ON "Employer"
FOR EACH ROW WHEN (OLD."sector" IS DISTINCT FROM NEW."sector") EXECUTE FUNCTION "adal_report_employer"();
