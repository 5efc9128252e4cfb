// What `npm run bench` measures. Each scenario runs the real module function a
// loader calls, with a real SessionUser-shaped caller, and the same rows
// fetched by hand-written SQL through the raw driver, for the ratio.
//
// To add one: append a factory to SCENARIOS. `run` must call the module
// function exactly as the route's loader does; `raw` must return the same
// rows; `same` (optional) compares the two results once before timing.
import type { SessionUser } from "~/modules/auth/session.server";
import { CASE_PAGE_SCENARIOS } from "./case-page";
import { DOCUMENT_SCENARIOS } from "./documents";
import { unsealedBenchKeyring } from "./keyring";
import type { SeededPeople, SeededPerson } from "./seed";

export type RawDriver = {
  provider: "sqlite" | "postgresql";
  /** SQL with `?` placeholders (turned into $1… on PostgreSQL). */
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type BenchContext = {
  provider: "sqlite" | "postgresql";
  raw: RawDriver;
  people: SeededPeople;
  /** A caller as requireUser returns it. */
  caller(person: SeededPerson): SessionUser;
};

export type Scenario = {
  name: string;
  /**
   * What the target says: p95 ≤ maxP95Ms and ≤ maxRatio × the raw query's p95; with
   * maxOverMs, p50 and p95 each at most that many milliseconds over raw's (a cost added
   * to the same work, such as auditing a read).
   */
  target?: { maxP95Ms: number; maxRatio?: number; maxOverMs?: number };
  run: () => Promise<unknown>;
  raw: () => Promise<unknown>;
  /** A description of a difference between run's and raw's rows, or null when they agree. */
  same?: (run: unknown, raw: unknown) => string | null;
  /** Timed runs, when not BENCH_ITERATIONS (scenarios that move megabytes). */
  iterations?: number;
  /** Bytes each run moves: the table then shows MiB/s at the median, for run and raw. */
  bytes?: number;
  /** Untimed, after each pair of runs (undoing what a run wrote). */
  afterEach?: () => Promise<void>;
};

export type ScenarioFactory = (context: BenchContext) => Promise<Scenario>;

const LIST_TARGET = { maxP95Ms: 30, maxRatio: 1.5 };
const COUNT_CAP = 10_000;

// ---- The case list (app/modules/cases/case-list.server.ts) ----

const LIST_COLUMNS = `
  c."reference", c."category", c."status", c."urgency", c."region", c."createdAt", c."lastActivityAt",
  e."id" AS "employerId", e."name" AS "employerName",
  (SELECT u."displayName" FROM "CaseAssignment" a JOIN "User" u ON u."id" = a."userId"
    WHERE a."caseId" = c."id" AND a."role" = 'LEAD_LAWYER' LIMIT 1) AS "leadLawyer",
  c."unnamedWorkerCount" + (SELECT COUNT(*) FROM "AffectedWorker" w WHERE w."caseId" = c."id") AS "workerCount"`;
const EMPLOYER_JOIN = `
  LEFT JOIN "CaseEmployer" ce ON ce."caseId" = c."id" AND ce."role" = 'EMPLOYER'
  LEFT JOIN "Employer" e ON e."id" = ce."employerId"`;

type ListResult = { total: number; rows: { reference: string }[] };
type RawListResult = { total: number; rows: { reference: string }[] };

async function rawList(
  raw: RawDriver,
  { from = `"Case" c`, where = "1 = 1", params = [] as unknown[], limit = 50 } = {},
): Promise<RawListResult> {
  const [rows, [counted]] = await Promise.all([
    // The page's ids first, then their details: what a careful hand would write.
    raw.all<{ reference: string }>(
      `SELECT ${LIST_COLUMNS} FROM (
         SELECT c."id" FROM ${from} WHERE ${where}
         ORDER BY c."lastActivityAt" DESC, c."id" DESC LIMIT ${limit}
       ) chosen JOIN "Case" c ON c."id" = chosen."id" ${EMPLOYER_JOIN}
       ORDER BY c."lastActivityAt" DESC, c."id" DESC`,
      params,
    ),
    // Counted up to the list's cap, as the list counts (COUNT_CAP in case-list.server.ts).
    raw.all<{ total: number | string }>(
      `SELECT COUNT(*) AS "total" FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${COUNT_CAP + 1}) s`,
      params,
    ),
  ]);
  return { total: Math.min(COUNT_CAP, Number(counted!.total)), rows };
}

const sameList = (run: unknown, raw: unknown) => {
  const a = run as ListResult;
  const b = raw as RawListResult;
  if (a.total !== b.total) return `total ${a.total} ≠ ${b.total}`;
  const left = a.rows.map((r) => r.reference).join(",");
  const right = b.rows.map((r) => r.reference).join(",");
  return left === right ? null : "rows differ";
};

async function caseListScenario(
  context: BenchContext,
  name: string,
  query: string,
  rawQuery: { from?: string; where?: string; params?: unknown[] },
): Promise<Scenario> {
  const { listCases } = await import("~/modules/cases/case-list.server");
  const { parseCaseListFilters } = await import("~/modules/cases/case-list");
  const caller = context.caller(context.people.coordinator);
  return {
    name,
    target: LIST_TARGET,
    // As the /cases loader does: parse the URL's filters, then list.
    run: () => listCases(caller, parseCaseListFilters(new URLSearchParams(query))),
    raw: () => rawList(context.raw, rawQuery),
    same: sameList,
  };
}

/**
 * A search's words as the case list matches them (docs/decisions/0013 and its addendum, 0027):
 * each word's letters in the clear part (trigram index), or all its blind tokens (the token
 * index: SQLite's "_cf_ADAL_case_tokens", PostgreSQL's GIN index over the tokens line as an
 * array). The keyring is unsealed first: the list needs its index keys.
 */
async function rawSearch(context: BenchContext, words: string[]) {
  await unsealedBenchKeyring(context.provider);
  const { keyring } = await import("~/modules/keys/keyring.server");
  const { blindQuery } = await import("~/modules/keys/blind-index.server");
  const keys = keyring.blindIndexKeys();
  const alternatives = words.map((word) => ({ clear: word, tokens: blindQuery(keys, word) }));
  if (context.provider === "sqlite") {
    const phrase = (text: string) => `"${text}"`;
    const perWord = `SELECT k FROM (
        SELECT rowid AS k FROM "_cf_ADAL_case_search" WHERE "_cf_ADAL_case_search" MATCH ?
        UNION SELECT rowid FROM "_cf_ADAL_case_tokens" WHERE "_cf_ADAL_case_tokens" MATCH ?)`;
    return {
      from: `"Case" c JOIN (${alternatives.map(() => perWord).join(" INTERSECT ")}) m
        ON c."year" = m.k / 100000000 AND c."number" = m.k % 100000000`,
      where: "1 = 1",
      params: alternatives.flatMap(({ clear, tokens }) => [
        phrase(clear),
        tokens.map(phrase).join(" AND "),
      ]),
    };
  }
  // The expression of the index Case_searchText_tokens_idx, word for word.
  const tokensLine = `string_to_array(split_part(c."searchText", E'\\n', -1), ' ')`;
  const holds = (tokens: string[]) =>
    `${tokensLine} @> ARRAY[${tokens.map(() => "?::text").join(", ")}]`;
  const everyWord = alternatives.map(({ tokens }) => `(c."searchText" LIKE ? OR ${holds(tokens)})`);
  const everyWordParams = alternatives.flatMap(({ clear, tokens }) => [`%${clear}%`, ...tokens]);
  if (alternatives.length === 1)
    return { where: `c."searchText" <> '' AND ${everyWord[0]}`, params: everyWordParams };
  // Several words, as the list writes them: all their tokens, or some word's letters and every word.
  const allTokens = alternatives.flatMap(({ tokens }) => tokens);
  return {
    where: `c."searchText" <> '' AND (${holds(allTokens)} OR ((${alternatives
      .map(() => `c."searchText" LIKE ?`)
      .join(" OR ")}) AND ${everyWord.join(" AND ")}))`,
    params: [...allTokens, ...alternatives.map(({ clear }) => `%${clear}%`), ...everyWordParams],
  };
}

export const SCENARIOS: Record<string, ScenarioFactory> = {
  "case list: default view": (context) =>
    caseListScenario(context, "case list: default view", "", {}),

  "case list: filtered (region, two statuses, category)": (context) =>
    caseListScenario(
      context,
      "case list: filtered (region, two statuses, category)",
      "region=ALMATY&status=IN_PROGRESS&status=ASSIGNED&category=UNPAID_WAGES",
      {
        where: `c."region" = ? AND c."status" IN (?, ?) AND c."category" = ?`,
        params: ["ALMATY", "IN_PROGRESS", "ASSIGNED", "UNPAID_WAGES"],
      },
    ),

  "case list: Cyrillic search (a worker's name)": async (context) =>
    caseListScenario(
      context,
      "case list: Cyrillic search (a worker's name)",
      `q=${encodeURIComponent("ЕРЖАН Сапаров")}`,
      await rawSearch(context, ["ержан", "сапаров"]),
    ),

  "case list: Cyrillic search (a common place word)": async (context) =>
    caseListScenario(
      context,
      "case list: Cyrillic search (a common place word)",
      `q=${encodeURIComponent("Қарағанды")}`,
      await rawSearch(context, ["қарағанды"]),
    ),

  // ---- The triage queue, my work and the caseload dashboard ----

  "triage queue": async (context) => {
    const triage = await import("~/modules/assignment/triage.server");
    const caller = context.caller(context.people.coordinator);
    // Open, no lawyer (lead or supporting: the count triggers keep), urgent first then oldest; 100 rows and the total.
    const waiting = `c."status" IN ('NEW','TRIAGED','ASSIGNED','IN_PROGRESS','REOPENED') AND c."lawyerCount" = 0`;
    return {
      name: "triage queue",
      target: { maxP95Ms: 30, maxRatio: 1.5 },
      run: () => triage.listTriageQueue(caller),
      raw: async () => {
        const [rows, [counted]] = await Promise.all([
          context.raw.all<{ reference: string }>(
            `SELECT c."id", c."reference", c."category", c."region", c."urgency", c."status", c."createdAt", c."version",
               e."id" AS "employerId", e."name" AS "employerName"
             FROM "Case" c ${EMPLOYER_JOIN}
             WHERE ${waiting}
             ORDER BY CASE c."urgency" WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END, c."createdAt", c."id"
             LIMIT 100`,
          ),
          context.raw.all<{ total: number | string }>(
            `SELECT COUNT(*) AS "total" FROM "Case" c WHERE ${waiting}`,
          ),
        ]);
        return { total: Number(counted!.total), rows };
      },
      same: (run, raw) => {
        const a = run as { total: number; cases: { reference: string }[] };
        const b = raw as RawListResult;
        if (a.total !== b.total) return `total ${a.total} ≠ ${b.total}`;
        return a.cases.map((r) => r.reference).join() === b.rows.map((r) => r.reference).join()
          ? null
          : "rows differ";
      },
    };
  },

  "my work (busy lawyer)": async (context) => {
    const myWork = await import("~/modules/assignment/my-work.server");
    const caller = context.caller(context.people.busyLawyer);
    // From the lawyer's own assignments (an index range), as the module reads them.
    const mine = `c."id" IN (SELECT a."caseId" FROM "CaseAssignment" a WHERE a."userId" = ?)
      AND c."status" IN ('NEW','TRIAGED','ASSIGNED','IN_PROGRESS','REOPENED','ON_HOLD')`;
    return {
      name: "my work (busy lawyer)",
      target: { maxP95Ms: 100 },
      run: () => myWork.loadMyWork(caller),
      raw: async () => {
        const now = new Date();
        const in7 = new Date(now.getTime() + 7 * 86_400_000);
        const in30 = new Date(now.getTime() + 30 * 86_400_000);
        // Dates as each driver stores them (SQLite: ISO text with an offset).
        const at = (date: Date) =>
          context.provider === "sqlite"
            ? date.toISOString().replace("Z", "+00:00")
            : date.toISOString();
        const dueDates = `SELECT d."id", d."kind", d."dueAt", d."place", d."description", p."id" AS "proceedingId", p."kind" AS "proceedingKind", c."reference"
             FROM "ProceedingDate" d JOIN "Proceeding" p ON p."id" = d."proceedingId" JOIN "Case" c ON c."id" = d."caseId"
             WHERE d."outcome" IS NULL`;
        // The page's bounds (MY_WORK_PAGE): a page of cases, and each list of dates cut apart.
        const { cases: casesShown, dates: datesShown } = myWork.MY_WORK_PAGE;
        const [cases, overdue, next7, next30] = await Promise.all([
          context.raw.all(
            `SELECT c."id", c."reference", c."category", c."status", c."urgency", c."region", c."createdAt", c."lastActivityAt",
               (SELECT a."role" FROM "CaseAssignment" a WHERE a."caseId" = c."id" AND a."userId" = ?) AS "myRole",
               (SELECT v."lastViewedAt" FROM "CaseView" v WHERE v."caseId" = c."id" AND v."userId" = ?) AS "lastViewedAt"
             FROM "Case" c WHERE ${mine}
             ORDER BY CASE c."urgency" WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END,
               c."lastActivityAt" DESC LIMIT ${casesShown}`,
            [caller.id, caller.id, caller.id],
          ),
          context.raw.all(
            `${dueDates} AND d."dueAt" < ? AND ${mine} ORDER BY d."dueAt" DESC LIMIT ${datesShown}`,
            [at(now), caller.id],
          ),
          context.raw.all(
            `${dueDates} AND d."dueAt" >= ? AND d."dueAt" < ? AND ${mine}
             ORDER BY d."dueAt" LIMIT ${datesShown}`,
            [at(now), at(in7), caller.id],
          ),
          context.raw.all(
            `${dueDates} AND d."dueAt" >= ? AND d."dueAt" < ? AND ${mine}
             ORDER BY d."dueAt" LIMIT ${datesShown}`,
            [at(in7), at(in30), caller.id],
          ),
        ]);
        return { cases, dates: [...overdue, ...next7, ...next30] };
      },
      same: (run, raw) => {
        const a = run as {
          cases: unknown[];
          overdue: unknown[];
          next7: unknown[];
          next30: unknown[];
        };
        const b = raw as { cases: unknown[]; dates: unknown[] };
        if (a.cases.length !== b.cases.length) return `cases ${a.cases.length} ≠ ${b.cases.length}`;
        const dates = a.overdue.length + a.next7.length + a.next30.length;
        return dates === b.dates.length ? null : `dates ${dates} ≠ ${b.dates.length}`;
      },
    };
  },

  "caseload dashboard": async (context) => {
    const caseload = await import("~/modules/caseload/caseload.server");
    const filters = await import("~/modules/caseload/filters");
    const caller = context.caller(context.people.coordinator);
    const parsed = filters.parseCaseloadFilters(new URLSearchParams());
    return {
      name: "caseload dashboard",
      target: { maxP95Ms: 100 },
      // As the /caseload loader does: parse the URL's filters (none: the last 12 months), then load.
      run: () => caseload.loadCaseload(caller, parsed),
      raw: () => rawCaseload(context, caseload.periodMonths(parsed), parsed),
      same: (run, raw) => {
        const a = run as Awaited<ReturnType<typeof caseload.loadCaseload>>;
        const b = raw as Awaited<ReturnType<typeof rawCaseload>>;
        const checks: [string, unknown, unknown][] = [
          ["open", a.openTotal, b.openTotal],
          ["ageing", a.ageing.map((x) => x.count), b.ageing],
          ["sla", [a.sla.urgentWaiting, a.sla.newWaiting], b.sla],
          ["months", a.months.map((m) => [m.opened, m.closed]), b.months],
          ["people", a.people.map((p) => [p.userId, p.open, p.urgent, p.overdue]), b.people],
          ["wages", a.outcomes.wagesRecovered, b.wages],
          ["released", a.outcomes.peopleReleased, b.released],
        ];
        const differs = checks.find(([, x, y]) => JSON.stringify(x) !== JSON.stringify(y));
        return differs
          ? `${differs[0]}: ${JSON.stringify(differs[1])} ≠ ${JSON.stringify(differs[2])}`
          : null;
      },
    };
  },

  // ---- Reads that write: an audited case view against the same access check unaudited ----

  "case view: a file opened again, audited vs not": (context) =>
    caseViewScenario(context, "case view: a file opened again, audited vs not", 5),

  "case view: a new file each time (over the alert threshold), audited vs not": (context) =>
    caseViewScenario(
      context,
      "case view: a new file each time (over the alert threshold), audited vs not",
      2000,
    ),

  // ---- Monitoring reports and the employer register (docs/decisions/0019) ----

  "monitoring report, this year": async (context) => {
    const reports = await import("~/modules/reports/reports.server");
    const filters = await import("~/modules/reports/filters");
    const sections = await import("~/modules/reports/sections");
    const caller = context.caller(context.people.coordinator);
    const parsed = filters.parseReportFilters(new URLSearchParams());
    if (!parsed.ok) throw new Error("default report filters do not parse");
    return {
      name: "monitoring report, this year",
      target: { maxP95Ms: 300 },
      // As /reports does, less the audit entry: every table of the report, then small counts
      // suppressed across its tables (what the page, the CSV and the JSON show).
      run: async () => {
        const report = await reports.buildReport(caller, parsed.filters, { foa: "recent" });
        sections.showReport(report);
        return report;
      },
      // The report's table over time by hand, read as the report reads it (decision 0037): the
      // tally for the period's whole months, the cases' report rows for the days of the month
      // the period cuts (this year: the current month so far).
      raw: () => {
        const { months, days } = reports.periodParts(parsed.filters);
        const day = (d: string) =>
          context.provider === "postgresql" ? `${d}T00:00:00.000Z` : `${d}T00:00:00.000+00:00`;
        const after = (d: string) => {
          const next = new Date(Date.parse(`${d}T00:00:00.000Z`) + 86_400_000);
          return day(next.toISOString().slice(0, 10));
        };
        const parts = [
          ...(months.length > 0
            ? [
                `SELECT "category", "month", "cases", "namedWorkers" AS named, "unnamedWorkers" AS unnamed
                 FROM "ReportTally" WHERE "month" IN (${months.map(() => "?").join(", ")})`,
              ]
            : []),
          ...days.map(
            () =>
              `SELECT "category", "month", 1 AS "cases", "namedWorkerCount" AS named,
                      "unnamedWorkerCount" AS unnamed
               FROM "CaseReportRow" WHERE "incidentStart" >= ? AND "incidentStart" < ?`,
          ),
        ];
        return context.raw.all<{ cases: number | string }>(
          `SELECT "category", "month", SUM("cases") AS cases, SUM(named) AS named, SUM(unnamed) AS unnamed
           FROM (${parts.join(" UNION ALL ")}) t GROUP BY 1, 2`,
          [...months, ...days.flatMap((d) => [day(d.from), after(d.to)])],
        );
      },
      same: (run, raw) => {
        const report = run as Awaited<ReturnType<typeof reports.buildReport>>;
        const total = report.casesByCategoryMonth.cells.flat().reduce((a, b) => a + b, 0);
        const rawTotal = (raw as { cases: number | string }[]).reduce(
          (sum, r) => sum + Number(r.cases),
          0,
        );
        return total === rawTotal ? null : `cases ${total} ≠ ${rawTotal}`;
      },
    };
  },

  "employer page": async (context) => {
    const register = await import("~/modules/employers/register.server");
    const caller = context.caller(context.people.coordinator);
    // The employer named on the most cases: the heaviest page.
    const [busiest] = await context.raw.all<{ id: string; cases: number | string }>(
      `SELECT ce."employerId" AS id, COUNT(*) AS cases FROM "CaseEmployer" ce
       GROUP BY ce."employerId" ORDER BY cases DESC LIMIT 1`,
    );
    return {
      name: "employer page",
      target: { maxP95Ms: 300 },
      run: () => register.employerDetail(caller, busiest!.id),
      // The page's tally by hand: the company's rows of the trigger-kept tally (0038).
      raw: () =>
        context.raw.all<{ cases: number | string }>(
          `SELECT COUNT(*) AS cases, SUM(t."workers") AS workers,
                  SUM(CASE WHEN t."death" THEN 1 ELSE 0 END) AS deaths
           FROM "EmployerCase" t WHERE t."employerId" = ?`,
          [busiest!.id],
        ),
      same: (run, raw) => {
        const a = (run as { cases: number }).cases;
        const b = Number((raw as { cases: number | string }[])[0]!.cases);
        return a === b ? null : `cases ${a} ≠ ${b}`;
      },
    };
  },

  "employer register": async (context) => {
    const register = await import("~/modules/employers/register.server");
    const caller = context.caller(context.people.coordinator);
    return {
      name: "employer register",
      target: { maxP95Ms: 300 },
      run: () => register.listEmployers(caller),
      // The register's aggregate by hand: every company's tally with its name (0038).
      raw: () =>
        context.raw.all<{ id: string }>(
          `SELECT t.*, r."name", r."bin", r."sector", r."region"
           FROM (SELECT t."employerId" AS id, COUNT(*) AS cases,
                        SUM(CASE WHEN t."incidentStart" >= ? THEN 1 ELSE 0 END) AS recent,
                        SUM(CASE WHEN t."category" = 'FORCED_LABOR' THEN 1 ELSE 0 END) AS forced,
                        SUM(CASE WHEN t."category" = 'DETAINED_ACTIVIST' THEN 1 ELSE 0 END) AS detained,
                        SUM(CASE WHEN t."death" THEN 1 ELSE 0 END) AS deaths,
                        SUM(t."workers") AS workers
                 FROM "EmployerCase" t GROUP BY t."employerId") t
           JOIN "Employer" r ON r."id" = t.id
           ORDER BY r."name"`,
          [
            context.provider === "postgresql"
              ? new Date(Date.now() - 365 * 86_400_000).toISOString()
              : new Date(Date.now() - 365 * 86_400_000).toISOString().replace("Z", "+00:00"),
          ],
        ),
      same: (run, raw) => {
        const a = (run as unknown[]).length;
        const b = (raw as unknown[]).length;
        return a === b ? null : `employers ${a} ≠ ${b}`;
      },
    };
  },

  // ---- The case page with 10 workers decrypted (./case-page.ts) ----
  ...CASE_PAGE_SCENARIOS,

  // ---- Documents: upload and download of 10 MiB in each store (./documents.ts) ----
  ...DOCUMENT_SCENARIOS,
};

const OPEN = `('NEW','TRIAGED','ASSIGNED','IN_PROGRESS','REOPENED')`;

/** The caseload dashboard's aggregates by hand (a coordinator: every case). */
async function rawCaseload(
  context: BenchContext,
  months: { start: Date; end: Date }[],
  period: { from: string; to: string },
) {
  const at = (date: Date) =>
    context.provider === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString();
  const now = Date.now();
  const day = 86_400_000;
  const perMonth = (column: string) =>
    `SELECT ${months
      .map(
        (_, i) =>
          `(SELECT COUNT(*) FROM "Case" c WHERE c."${column}" >= ? AND c."${column}" < ?) AS "m${i}"`,
      )
      .join(", ")}`;
  const monthParams = months.flatMap((m) => [at(m.start), at(m.end)]);
  const [snapshot, people, opened, closed, outcomes] = await Promise.all([
    context.raw.all<Record<string, number | string>>(
      `SELECT COUNT(*) AS "n",
         SUM(CASE WHEN c."createdAt" > ? THEN 1 ELSE 0 END) AS "a0",
         SUM(CASE WHEN c."createdAt" > ? THEN 1 ELSE 0 END) AS "a1",
         SUM(CASE WHEN c."createdAt" > ? THEN 1 ELSE 0 END) AS "a2",
         SUM(CASE WHEN c."status" IN ('NEW','TRIAGED') AND c."urgency" = 'URGENT' AND c."createdAt" < ? THEN 1 ELSE 0 END) AS "u",
         SUM(CASE WHEN c."status" IN ('NEW','TRIAGED') AND c."urgency" <> 'URGENT' AND c."createdAt" < ? THEN 1 ELSE 0 END) AS "w"
       FROM "Case" c WHERE c."status" IN ${OPEN}`,
      [8, 31, 91]
        .map((d) => at(new Date(now - d * day)))
        .concat([at(new Date(now - 4 * 3_600_000)), at(new Date(now - 48 * 3_600_000))]),
    ),
    // Open and urgent from the tallies the triggers keep; overdue from the pending dates.
    context.raw.all<{ userId: string; n: number; u: number; o: number; displayName: string }>(
      `SELECT t."userId", MIN(u."displayName") AS "displayName", SUM(t."count") AS "n",
         SUM(CASE WHEN t."urgency" = 'URGENT' THEN t."count" ELSE 0 END) AS "u",
         (SELECT COUNT(*) FROM (SELECT DISTINCT d."caseId" FROM "ProceedingDate" d
            WHERE d."outcome" IS NULL AND d."dueAt" < ?) p
          JOIN "Case" c ON c."id" = p."caseId" JOIN "CaseAssignment" a ON a."caseId" = p."caseId"
          WHERE a."userId" = t."userId" AND c."status" IN ${OPEN}) AS "o"
       FROM "AssignmentTally" t JOIN "User" u ON u."id" = t."userId"
       WHERE t."status" IN ${OPEN} AND t."count" > 0 AND u."active" = ${context.provider === "sqlite" ? 1 : "true"}
       GROUP BY t."userId"`,
      [at(new Date(now))],
    ),
    context.raw.all<Record<string, number | string>>(perMonth("createdAt"), monthParams),
    context.raw.all<Record<string, number | string>>(perMonth("closedAt"), monthParams),
    context.raw.all<{
      kind: string;
      currency: string | null;
      amount: string | number | null;
      n: number;
      people: number;
      known: number;
    }>(
      `SELECT o."kind", o."currency", CAST(SUM(o."amountMinor") AS TEXT) AS "amount", COUNT(*) AS "n",
         SUM(o."people") AS "people", COUNT(o."people") AS "known"
       FROM "CaseOutcome" o
       WHERE o."kind" IN ('WAGES_RECOVERED','COMPENSATION_PAID','RELEASED_FROM_DETENTION','REINSTATED')
         AND o."date" >= ? AND o."date" < ?
       GROUP BY o."kind", o."currency"`,
      [
        at(new Date(`${period.from}T00:00:00.000Z`)),
        at(new Date(Date.parse(`${period.to}T00:00:00.000Z`) + day)),
      ],
    ),
  ]);
  const row = snapshot[0]!;
  const total = Number(row.n);
  const within = [Number(row.a0 ?? 0), Number(row.a1 ?? 0), Number(row.a2 ?? 0), total];
  return {
    openTotal: total,
    ageing: within.map((n, i) => n - (i === 0 ? 0 : within[i - 1]!)),
    sla: [Number(row.u ?? 0), Number(row.w ?? 0)],
    months: months.map((_, i) => [
      Number(opened[0]![`m${i}`] ?? 0),
      Number(closed[0]![`m${i}`] ?? 0),
    ]),
    people: people
      .map((p) => ({ ...p, n: Number(p.n), u: Number(p.u), o: Number(p.o) }))
      .sort((x, y) => y.n - x.n || x.displayName.localeCompare(y.displayName))
      .map((p) => [p.userId, p.n, p.u, p.o]),
    wages: outcomes
      .filter((o) => o.kind === "WAGES_RECOVERED" && o.currency && o.amount !== null)
      .map((o) => ({ currency: o.currency!, amountMinor: String(o.amount) }))
      .sort((x, y) => x.currency.localeCompare(y.currency)),
    released: outcomes
      .filter((o) => o.kind === "RELEASED_FROM_DETENTION")
      .reduce((sum, o) => sum + Number(o.people ?? 0) + Number(o.n) - Number(o.known), 0),
  };
}

/**
 * requireCaseAccess as the case page calls it (the read names itself: the view is recorded,
 * with its audit entry, the "last looked" mark and the view-rate alert, in one transaction)
 * against the same check with no read (nothing recorded): the difference is what auditing a
 * view costs. `files` cases taken in turn: 5 are opened again and again within the alert's
 * window; 2 000 make every timed view a file new to the window, past the alert's threshold
 * (an insider browsing), so the alert's count and its raising run each time.
 */
async function caseViewScenario(
  context: BenchContext,
  name: string,
  files: number,
): Promise<Scenario> {
  const access = await import("~/modules/cases/access.server");
  // As the server runs it: on PostgreSQL, entries wait for the chainer instead of a lock.
  (await import("~/modules/audit/audit.server")).startAuditChainer();
  const caller = context.caller(context.people.coordinator);
  // Cases this coordinator (national) never opened in the seed, taken from a random offset so
  // that a kept database's second run does not reopen the same ones within the window.
  const offset = Math.floor(Math.random() * 90_000);
  const references = (
    await context.raw.all<{ reference: string }>(
      `SELECT c."reference" FROM "Case" c ORDER BY c."id" LIMIT ${files} OFFSET ${offset}`,
    )
  ).map((row) => row.reference);
  const read = {
    page: "file" as const,
    context: { ipAddress: "192.0.2.10", userAgent: "bench", sessionId: null },
  };
  let audited = 0;
  let unaudited = 0;
  return {
    name,
    target: { maxP95Ms: 30, maxOverMs: 2 },
    run: () => access.requireCaseAccess(caller, references[audited++ % files]!, read),
    raw: () => access.requireCaseAccess(caller, references[unaudited++ % files]!),
  };
}
