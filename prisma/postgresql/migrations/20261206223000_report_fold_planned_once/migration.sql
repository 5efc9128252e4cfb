-- adal_report_fold was a SQL-language function: PostgreSQL plans a SQL function's statement again
-- at every call, and planning its INSERT … SELECT from "CaseReportRow" (the case, its employer,
-- the facts' jsonb) took ~1.2 ms, where running it takes ~0.2: most of the database's time in an
-- intake (docs/decisions/0040-group-commit-for-intakes.md, addendum 3). In PL/pgSQL the statement's
-- plan is kept for the session; a single case (every insert, update and delete of a case or of its
-- link to an employer) is looked up by "= case_ids[1]", whose generic plan costs what a custom one
-- does, so the plan cache settles on it; with "= ANY" the generic plan's guess of 10 rows looked
-- dearer and every call was planned anew. Several cases (an employer's sector changed) keep
-- "= ANY", planned per call as before. Same statement, same tallies.
CREATE OR REPLACE FUNCTION "adal_report_fold"(case_ids text[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(case_ids) = 1 THEN
    INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
    SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", sign * COUNT(*), sign * SUM(r."namedWorkerCount"), sign * SUM(r."unnamedWorkerCount"), sign * SUM(r."peopleHarmed"), sign * SUM(r."i1"), sign * SUM(r."i2"), sign * SUM(r."i3"), sign * SUM(r."i4"), sign * SUM(r."i5"), sign * SUM(r."i6"), sign * SUM(r."i7"), sign * SUM(r."i8"), sign * SUM(r."i9"), sign * SUM(r."i10"), sign * SUM(r."i11")
    FROM "CaseReportRow" r WHERE r."caseId" = case_ids[1]
    GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
    ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "ReportTally"."cases" + excluded."cases", "namedWorkers" = "ReportTally"."namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "ReportTally"."unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "ReportTally"."peopleHarmed" + excluded."peopleHarmed", "indicator1" = "ReportTally"."indicator1" + excluded."indicator1", "indicator2" = "ReportTally"."indicator2" + excluded."indicator2", "indicator3" = "ReportTally"."indicator3" + excluded."indicator3", "indicator4" = "ReportTally"."indicator4" + excluded."indicator4", "indicator5" = "ReportTally"."indicator5" + excluded."indicator5", "indicator6" = "ReportTally"."indicator6" + excluded."indicator6", "indicator7" = "ReportTally"."indicator7" + excluded."indicator7", "indicator8" = "ReportTally"."indicator8" + excluded."indicator8", "indicator9" = "ReportTally"."indicator9" + excluded."indicator9", "indicator10" = "ReportTally"."indicator10" + excluded."indicator10", "indicator11" = "ReportTally"."indicator11" + excluded."indicator11";
  ELSE
    INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
    SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", sign * COUNT(*), sign * SUM(r."namedWorkerCount"), sign * SUM(r."unnamedWorkerCount"), sign * SUM(r."peopleHarmed"), sign * SUM(r."i1"), sign * SUM(r."i2"), sign * SUM(r."i3"), sign * SUM(r."i4"), sign * SUM(r."i5"), sign * SUM(r."i6"), sign * SUM(r."i7"), sign * SUM(r."i8"), sign * SUM(r."i9"), sign * SUM(r."i10"), sign * SUM(r."i11")
    FROM "CaseReportRow" r WHERE r."caseId" = ANY(case_ids)
    GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
    ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "ReportTally"."cases" + excluded."cases", "namedWorkers" = "ReportTally"."namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "ReportTally"."unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "ReportTally"."peopleHarmed" + excluded."peopleHarmed", "indicator1" = "ReportTally"."indicator1" + excluded."indicator1", "indicator2" = "ReportTally"."indicator2" + excluded."indicator2", "indicator3" = "ReportTally"."indicator3" + excluded."indicator3", "indicator4" = "ReportTally"."indicator4" + excluded."indicator4", "indicator5" = "ReportTally"."indicator5" + excluded."indicator5", "indicator6" = "ReportTally"."indicator6" + excluded."indicator6", "indicator7" = "ReportTally"."indicator7" + excluded."indicator7", "indicator8" = "ReportTally"."indicator8" + excluded."indicator8", "indicator9" = "ReportTally"."indicator9" + excluded."indicator9", "indicator10" = "ReportTally"."indicator10" + excluded."indicator10", "indicator11" = "ReportTally"."indicator11" + excluded."indicator11";
  END IF;
END
$$;
