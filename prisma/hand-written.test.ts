// The database objects written by hand into migrations, which Prisma's schema
// cannot describe: the search indexes, the tallies' triggers, the partial
// indexes. A later migration that makes Prisma rebuild a table (SQLite
// rebuilds "Case" for many column changes) drops them without a word; search,
// loads and the triage queue would then go quietly wrong. This names them all.
import { describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { OPEN_STATUSES, STATUSES } from "~/modules/cases/status";

const SQLITE = {
  table: ["_cf_ADAL_case_search", "_cf_ADAL_case_tokens"],
  trigger: [
    "AffectedWorker_count_delete",
    "AffectedWorker_count_insert",
    "AffectedWorker_count_update",
    "CaseEmployer_employer_tally_delete",
    "CaseEmployer_employer_tally_insert",
    "CaseEmployer_employer_tally_update",
    "CaseAssignment_tally_delete",
    "CaseAssignment_tally_insert",
    "CaseAssignment_tally_update",
    "Case_search_delete",
    "Case_search_insert",
    "Case_search_update",
    "Case_employer_tally_delete",
    "Case_employer_tally_update",
    "Case_tokens_delete",
    "Case_tokens_insert",
    "Case_tokens_update",
    "Case_tally_delete",
    "Case_tally_update",
    // The cases per status, category, region and urgency (caseload_case_tally, decision 0041).
    "Case_case_tally_delete",
    "Case_case_tally_insert",
    "Case_case_tally_update",
    // The cases opened and closed per UTC month, region and category (caseload_month_tally, 0041).
    "Case_month_tally_delete",
    "Case_month_tally_insert",
    "Case_month_tally_update_closed",
    "Case_month_tally_update_opened",
    "Employer_employer_tally_merge",
    // The monitoring report's tally (report_tallies, decision 0037).
    "CaseEmployer_report_delete_after",
    "CaseEmployer_report_delete_before",
    "CaseEmployer_report_insert_after",
    "CaseEmployer_report_insert_before",
    "CaseEmployer_report_update_after",
    "CaseEmployer_report_update_before",
    "Case_report_delete",
    "Case_report_insert",
    "Case_report_update_after",
    "Case_report_update_before",
    "Employer_report_update_after",
    "Employer_report_update_before",
    // Each case's earliest date without an outcome (case_next_pending_due, decision 0048).
    "ProceedingDate_next_due_delete",
    "ProceedingDate_next_due_insert",
    "ProceedingDate_next_due_update",
    // Triage's loads and experience per person and category (assignment_category_tally, 0054).
    "AssignmentTally_by_category_delete",
    "AssignmentTally_by_category_insert",
    "AssignmentTally_by_category_update",
  ],
  index: [
    "Case_waiting_urgency_createdAt_id_idx",
    "ProceedingDate_pending_dueAt_idx",
    // Intakes taken while sealed, still to index (decision 0046).
    "Case_blindIndexPending_createdAt_id_idx",
    // The dashboard's overdue cases per person (decision 0048).
    "Case_nextPendingDueAt_status_id_idx",
  ],
  view: ["CaseReportRow"],
};

const POSTGRES = {
  trigger: [
    "AffectedWorker_count",
    "CaseAssignment_tally",
    "CaseEmployer_employer_tally",
    "Case_employer_tally",
    "Case_tally_delete",
    "Case_tally_update",
    "Case_case_tally",
    "Case_case_tally_update",
    "Case_month_tally",
    "Case_month_tally_update",
    "Employer_employer_tally_merge",
    "CaseEmployer_report_delete_after",
    "CaseEmployer_report_delete_before",
    "CaseEmployer_report_insert_after",
    "CaseEmployer_report_insert_before",
    "CaseEmployer_report_update_after",
    "CaseEmployer_report_update_before",
    "Case_report_delete",
    "Case_report_insert",
    "Case_report_update_after",
    "Case_report_update_before",
    "Employer_report_update_after",
    "Employer_report_update_before",
    "ProceedingDate_next_due_delete",
    "ProceedingDate_next_due_insert",
    "ProceedingDate_next_due_update",
    "AssignmentTally_by_category",
  ],
  index: [
    "Case_searchText_tokens_idx",
    "Case_searchText_trgm_idx",
    "Case_waiting_urgency_createdAt_id_idx",
    "ProceedingDate_pending_dueAt_idx",
    // The dashboard's load per person: the open statuses' tally rows (decision 0041, months).
    "AssignmentTally_open_userId_idx",
    // Intakes taken while sealed, still to index (decision 0046).
    "Case_blindIndexPending_createdAt_id_idx",
    "Case_nextPendingDueAt_status_id_idx",
  ],
  view: ["CaseReportRow"],
};

describe("hand-written database objects", () => {
  it("are all there after every migration", async () => {
    if (database.provider === "sqlite") {
      const rows = await prisma.$queryRaw<{ type: string; name: string }[]>`
        SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index', 'view')`;
      for (const [type, names] of Object.entries(SQLITE)) {
        const present = new Set(rows.filter((r) => r.type === type).map((r) => r.name));
        expect(
          names.filter((name) => !present.has(name)),
          type,
        ).toEqual([]);
      }
    } else {
      const triggers = await prisma.$queryRaw<{ name: string }[]>`
        SELECT tgname::text AS "name" FROM pg_trigger WHERE NOT tgisinternal`;
      const indexes = await prisma.$queryRaw<{ name: string }[]>`
        SELECT indexname::text AS "name" FROM pg_indexes WHERE schemaname = current_schema()`;
      const views = await prisma.$queryRaw<{ name: string }[]>`
        SELECT viewname::text AS "name" FROM pg_views WHERE schemaname = current_schema()`;
      const names = (rows: { name: string }[]) => new Set(rows.map((r) => r.name));
      expect(POSTGRES.view.filter((n) => !names(views).has(n))).toEqual([]);
      expect(POSTGRES.trigger.filter((n) => !names(triggers).has(n))).toEqual([]);
      expect(POSTGRES.index.filter((n) => !names(indexes).has(n))).toEqual([]);
    }
  });

  it("keep the case search's GIN pending lists short, since every search scans them (PostgreSQL)", async () => {
    if (database.provider !== "postgresql") return;
    const rows = await prisma.$queryRaw<{ name: string; options: string[] | null }[]>`
      SELECT relname::text AS "name", reloptions AS "options" FROM pg_class
      WHERE relname IN ('Case_searchText_trgm_idx', 'Case_searchText_tokens_idx')
      ORDER BY relname`;
    expect(rows).toEqual([
      { name: "Case_searchText_tokens_idx", options: ["gin_pending_list_limit=256"] },
      { name: "Case_searchText_trgm_idx", options: ["gin_pending_list_limit=256"] },
    ]);
  });

  it("keep the load per person's partial index to exactly the open statuses (PostgreSQL)", async () => {
    if (database.provider !== "postgresql") return;
    const [index] = await prisma.$queryRaw<{ definition: string }[]>`
      SELECT indexdef AS "definition" FROM pg_indexes
      WHERE indexname = 'AssignmentTally_open_userId_idx'`;
    // Else the dashboard's statement, which names OPEN_STATUSES, would not be answered by it.
    const named = STATUSES.filter((status) => index!.definition.includes(`'${status}'`));
    expect(named).toEqual([...OPEN_STATUSES]);
  });
});
