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

    PRIMARY KEY ("month", "region", "category", "sector", "level", "factGroup", "reported")
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
      CASE WHEN json_type(u."f", '$.kind') = 'text' THEN json_extract(u."f", '$.kind') ELSE '' END
    ELSE '' END AS "factGroup",
  CASE WHEN u."category" = 'UNSAFE_CONDITIONS' AND json_type(u."f", '$.kind') = 'text' THEN
    CASE WHEN json_type(u."f", '$.reportedToInspectorate') IS NULL
           OR json_type(u."f", '$.reportedToInspectorate') = 'null' THEN 'UNKNOWN'
         WHEN json_type(u."f", '$.reportedToInspectorate') = 'text'
           THEN json_extract(u."f", '$.reportedToInspectorate')
         ELSE '?' END
    ELSE '' END AS "reported",
  CASE WHEN u."category" = 'UNSAFE_CONDITIONS' AND json_type(u."f", '$.kind') = 'text' THEN
    CASE json_type(u."f", '$.peopleHarmed')
      WHEN 'integer' THEN max(0, json_extract(u."f", '$.peopleHarmed'))
      WHEN 'real' THEN max(0, CAST(json_extract(u."f", '$.peopleHarmed') AS INTEGER))
      ELSE 0 END
    ELSE 0 END AS "peopleHarmed",
  u."i1", u."i2", u."i3", u."i4", u."i5", u."i6", u."i7", u."i8", u."i9", u."i10", u."i11"
FROM (
  SELECT t.*,
    instr(t."ind", '"ABUSE_OF_VULNERABILITY"') > 0 AS "i1",
    instr(t."ind", '"DECEPTION"') > 0 AS "i2",
    instr(t."ind", '"RESTRICTION_OF_MOVEMENT"') > 0 AS "i3",
    instr(t."ind", '"ISOLATION"') > 0 AS "i4",
    instr(t."ind", '"PHYSICAL_AND_SEXUAL_VIOLENCE"') > 0 AS "i5",
    instr(t."ind", '"INTIMIDATION_AND_THREATS"') > 0 AS "i6",
    instr(t."ind", '"RETENTION_OF_IDENTITY_DOCUMENTS"') > 0 AS "i7",
    instr(t."ind", '"WITHHOLDING_OF_WAGES"') > 0 AS "i8",
    instr(t."ind", '"DEBT_BONDAGE"') > 0 AS "i9",
    instr(t."ind", '"ABUSIVE_WORKING_AND_LIVING_CONDITIONS"') > 0 AS "i10",
    instr(t."ind", '"EXCESSIVE_OVERTIME"') > 0 AS "i11"
  FROM (
    SELECT c."id" AS "caseId", c."incidentStart" AS "incidentStart",
      substr(c."incidentStart", 1, 7) AS "month", c."region" AS "region", c."category" AS "category",
      COALESCE(e."sector", 'NONE') AS "sector", c."verificationLevel" AS "level",
      c."namedWorkerCount" AS "namedWorkerCount", c."unnamedWorkerCount" AS "unnamedWorkerCount",
      CASE WHEN c."category" IN ('FORCED_LABOR', 'UNSAFE_CONDITIONS') AND json_valid(c."facts")
        THEN c."facts" ELSE '{}' END AS "f",
      CASE WHEN c."category" = 'FORCED_LABOR' AND json_valid(c."facts")
          AND json_type(c."facts", '$.indicators') = 'array'
        THEN json_extract(c."facts", '$.indicators') ELSE '[]' END AS "ind",
      c."category" = 'FORCED_LABOR' AND json_valid(c."facts")
        AND json_type(c."facts", '$.canLeave') = 'text'
        AND json_extract(c."facts", '$.canLeave') = 'NO' AS "canLeaveNo"
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

CREATE TRIGGER "Case_report_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", COUNT(*), SUM(r."namedWorkerCount"), SUM(r."unnamedWorkerCount"), SUM(r."peopleHarmed"), SUM(r."i1"), SUM(r."i2"), SUM(r."i3"), SUM(r."i4"), SUM(r."i5"), SUM(r."i6"), SUM(r."i7"), SUM(r."i8"), SUM(r."i9"), SUM(r."i10"), SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = NEW."id"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "Case_report_delete" BEFORE DELETE ON "Case" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", -COUNT(*), -SUM(r."namedWorkerCount"), -SUM(r."unnamedWorkerCount"), -SUM(r."peopleHarmed"), -SUM(r."i1"), -SUM(r."i2"), -SUM(r."i3"), -SUM(r."i4"), -SUM(r."i5"), -SUM(r."i6"), -SUM(r."i7"), -SUM(r."i8"), -SUM(r."i9"), -SUM(r."i10"), -SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = OLD."id"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "Case_report_update_before" BEFORE UPDATE OF "incidentStart", "region", "category", "verificationLevel", "facts", "unnamedWorkerCount", "namedWorkerCount" ON "Case"
WHEN OLD."incidentStart" IS NOT NEW."incidentStart" OR OLD."region" IS NOT NEW."region" OR OLD."category" IS NOT NEW."category" OR OLD."verificationLevel" IS NOT NEW."verificationLevel" OR OLD."facts" IS NOT NEW."facts" OR OLD."unnamedWorkerCount" IS NOT NEW."unnamedWorkerCount" OR OLD."namedWorkerCount" IS NOT NEW."namedWorkerCount" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", -COUNT(*), -SUM(r."namedWorkerCount"), -SUM(r."unnamedWorkerCount"), -SUM(r."peopleHarmed"), -SUM(r."i1"), -SUM(r."i2"), -SUM(r."i3"), -SUM(r."i4"), -SUM(r."i5"), -SUM(r."i6"), -SUM(r."i7"), -SUM(r."i8"), -SUM(r."i9"), -SUM(r."i10"), -SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = OLD."id"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "Case_report_update_after" AFTER UPDATE OF "incidentStart", "region", "category", "verificationLevel", "facts", "unnamedWorkerCount", "namedWorkerCount" ON "Case"
WHEN OLD."incidentStart" IS NOT NEW."incidentStart" OR OLD."region" IS NOT NEW."region" OR OLD."category" IS NOT NEW."category" OR OLD."verificationLevel" IS NOT NEW."verificationLevel" OR OLD."facts" IS NOT NEW."facts" OR OLD."unnamedWorkerCount" IS NOT NEW."unnamedWorkerCount" OR OLD."namedWorkerCount" IS NOT NEW."namedWorkerCount" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", COUNT(*), SUM(r."namedWorkerCount"), SUM(r."unnamedWorkerCount"), SUM(r."peopleHarmed"), SUM(r."i1"), SUM(r."i2"), SUM(r."i3"), SUM(r."i4"), SUM(r."i5"), SUM(r."i6"), SUM(r."i7"), SUM(r."i8"), SUM(r."i9"), SUM(r."i10"), SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = NEW."id"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "CaseEmployer_report_insert_before" BEFORE INSERT ON "CaseEmployer"
WHEN NEW."role" = 'EMPLOYER' BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", -COUNT(*), -SUM(r."namedWorkerCount"), -SUM(r."unnamedWorkerCount"), -SUM(r."peopleHarmed"), -SUM(r."i1"), -SUM(r."i2"), -SUM(r."i3"), -SUM(r."i4"), -SUM(r."i5"), -SUM(r."i6"), -SUM(r."i7"), -SUM(r."i8"), -SUM(r."i9"), -SUM(r."i10"), -SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = NEW."caseId"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "CaseEmployer_report_insert_after" AFTER INSERT ON "CaseEmployer"
WHEN NEW."role" = 'EMPLOYER' BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", COUNT(*), SUM(r."namedWorkerCount"), SUM(r."unnamedWorkerCount"), SUM(r."peopleHarmed"), SUM(r."i1"), SUM(r."i2"), SUM(r."i3"), SUM(r."i4"), SUM(r."i5"), SUM(r."i6"), SUM(r."i7"), SUM(r."i8"), SUM(r."i9"), SUM(r."i10"), SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = NEW."caseId"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "CaseEmployer_report_delete_before" BEFORE DELETE ON "CaseEmployer"
WHEN OLD."role" = 'EMPLOYER' BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", -COUNT(*), -SUM(r."namedWorkerCount"), -SUM(r."unnamedWorkerCount"), -SUM(r."peopleHarmed"), -SUM(r."i1"), -SUM(r."i2"), -SUM(r."i3"), -SUM(r."i4"), -SUM(r."i5"), -SUM(r."i6"), -SUM(r."i7"), -SUM(r."i8"), -SUM(r."i9"), -SUM(r."i10"), -SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = OLD."caseId"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "CaseEmployer_report_delete_after" AFTER DELETE ON "CaseEmployer"
WHEN OLD."role" = 'EMPLOYER' BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", COUNT(*), SUM(r."namedWorkerCount"), SUM(r."unnamedWorkerCount"), SUM(r."peopleHarmed"), SUM(r."i1"), SUM(r."i2"), SUM(r."i3"), SUM(r."i4"), SUM(r."i5"), SUM(r."i6"), SUM(r."i7"), SUM(r."i8"), SUM(r."i9"), SUM(r."i10"), SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" = OLD."caseId"
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "CaseEmployer_report_update_before" BEFORE UPDATE OF "caseId", "employerId", "role" ON "CaseEmployer"
WHEN OLD."caseId" IS NOT NEW."caseId" OR OLD."employerId" IS NOT NEW."employerId" OR OLD."role" IS NOT NEW."role" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", -COUNT(*), -SUM(r."namedWorkerCount"), -SUM(r."unnamedWorkerCount"), -SUM(r."peopleHarmed"), -SUM(r."i1"), -SUM(r."i2"), -SUM(r."i3"), -SUM(r."i4"), -SUM(r."i5"), -SUM(r."i6"), -SUM(r."i7"), -SUM(r."i8"), -SUM(r."i9"), -SUM(r."i10"), -SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" IN (OLD."caseId", NEW."caseId")
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "CaseEmployer_report_update_after" AFTER UPDATE OF "caseId", "employerId", "role" ON "CaseEmployer"
WHEN OLD."caseId" IS NOT NEW."caseId" OR OLD."employerId" IS NOT NEW."employerId" OR OLD."role" IS NOT NEW."role" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", COUNT(*), SUM(r."namedWorkerCount"), SUM(r."unnamedWorkerCount"), SUM(r."peopleHarmed"), SUM(r."i1"), SUM(r."i2"), SUM(r."i3"), SUM(r."i4"), SUM(r."i5"), SUM(r."i6"), SUM(r."i7"), SUM(r."i8"), SUM(r."i9"), SUM(r."i10"), SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" IN (OLD."caseId", NEW."caseId")
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "Employer_report_update_before" BEFORE UPDATE OF "sector" ON "Employer"
WHEN OLD."sector" IS NOT NEW."sector" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", -COUNT(*), -SUM(r."namedWorkerCount"), -SUM(r."unnamedWorkerCount"), -SUM(r."peopleHarmed"), -SUM(r."i1"), -SUM(r."i2"), -SUM(r."i3"), -SUM(r."i4"), -SUM(r."i5"), -SUM(r."i6"), -SUM(r."i7"), -SUM(r."i8"), -SUM(r."i9"), -SUM(r."i10"), -SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" IN (SELECT ce."caseId" FROM "CaseEmployer" ce WHERE ce."employerId" = OLD."id" AND ce."role" = 'EMPLOYER')
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;

CREATE TRIGGER "Employer_report_update_after" AFTER UPDATE OF "sector" ON "Employer"
WHEN OLD."sector" IS NOT NEW."sector" BEGIN
  INSERT INTO "ReportTally" ("month", "region", "category", "sector", "level", "factGroup", "reported", "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed", "indicator1", "indicator2", "indicator3", "indicator4", "indicator5", "indicator6", "indicator7", "indicator8", "indicator9", "indicator10", "indicator11")
  SELECT r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported", COUNT(*), SUM(r."namedWorkerCount"), SUM(r."unnamedWorkerCount"), SUM(r."peopleHarmed"), SUM(r."i1"), SUM(r."i2"), SUM(r."i3"), SUM(r."i4"), SUM(r."i5"), SUM(r."i6"), SUM(r."i7"), SUM(r."i8"), SUM(r."i9"), SUM(r."i10"), SUM(r."i11")
  FROM "CaseReportRow" r WHERE r."caseId" IN (SELECT ce."caseId" FROM "CaseEmployer" ce WHERE ce."employerId" = OLD."id" AND ce."role" = 'EMPLOYER')
  GROUP BY r."month", r."region", r."category", r."sector", r."level", r."factGroup", r."reported"
  ON CONFLICT ("month", "region", "category", "sector", "level", "factGroup", "reported") DO UPDATE SET "cases" = "cases" + excluded."cases", "namedWorkers" = "namedWorkers" + excluded."namedWorkers", "unnamedWorkers" = "unnamedWorkers" + excluded."unnamedWorkers", "peopleHarmed" = "peopleHarmed" + excluded."peopleHarmed", "indicator1" = "indicator1" + excluded."indicator1", "indicator2" = "indicator2" + excluded."indicator2", "indicator3" = "indicator3" + excluded."indicator3", "indicator4" = "indicator4" + excluded."indicator4", "indicator5" = "indicator5" + excluded."indicator5", "indicator6" = "indicator6" + excluded."indicator6", "indicator7" = "indicator7" + excluded."indicator7", "indicator8" = "indicator8" + excluded."indicator8", "indicator9" = "indicator9" + excluded."indicator9", "indicator10" = "indicator10" + excluded."indicator10", "indicator11" = "indicator11" + excluded."indicator11";
END;
