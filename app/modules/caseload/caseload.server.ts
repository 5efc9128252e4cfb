// The coordinators' caseload dashboard: plain numbers about the cases the
// caller may reach (always within `caseScope`). Open-case figures are a
// snapshot of now, narrowed by region and category; the period narrows the
// flows: cases opened and closed per month, and outcomes.
//
// Every figure is one statement read through the driver (`readRows`): Prisma's
// client cost more than the SQL. Open cases are counted from `CaseTally` (kept
// by triggers) plus the last 91 days' cases, never a pass over every open case
// (docs/decisions/0041-caseload-tallies.md).
import { database } from "~/db.server";
import { readRows } from "~/db/reads.server";
import { Prisma as PrismaSql } from "~/generated/prisma/sqlite/client";
import type { CaseCategory, CaseStatus, Region, Role } from "~/generated/prisma/sqlite/enums";
import { AWAITING_ASSIGNMENT, slaCutoffs } from "~/modules/assignment/triage-rules";
import { OPEN_STATUSES } from "~/modules/cases/status";
import { isNational } from "~/modules/cases/access.server";
import { CATEGORIES } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import type { CaseloadFilters } from "./filters";
import { caseScopeSql, enumValue } from "~/modules/cases/scope-sql.server";
import type { Caller } from "~/modules/auth/caller";
import { addDays, kazakhstanMonths } from "~/utils/time";

const DAY = 24 * 60 * 60 * 1000;

/** Age of an open case in whole days since intake. Each bucket holds ages up to `maxDays`. */
export const AGEING_BUCKETS = [
  { bucket: "days0to7", maxDays: 7 },
  { bucket: "days8to30", maxDays: 30 },
  { bucket: "days31to90", maxDays: 90 },
  { bucket: "over90", maxDays: Infinity },
] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number]["bucket"];

/** Money as exact minor units in a decimal string: sums may pass 2^53. */
export type MoneyTotal = { currency: string; amountMinor: string };

export type CaseloadPerson = {
  userId: string;
  displayName: string;
  role: Role;
  open: number;
  urgent: number;
  overdue: number;
};

export type Caseload = {
  openTotal: number;
  openByStatus: { status: CaseStatus; count: number }[];
  openByCategory: { category: CaseCategory; count: number }[];
  openByRegion: { region: Region; count: number }[];
  ageing: { bucket: AgeingBucket; count: number }[];
  sla: { urgentWaiting: number; newWaiting: number };
  people: CaseloadPerson[];
  /** One entry per calendar month (Kazakhstan) of the period, oldest first. */
  months: { month: string; opened: number; closed: number }[];
  outcomes: {
    wagesRecovered: MoneyTotal[];
    compensationPaid: MoneyTotal[];
    peopleReleased: number;
    peopleReinstated: number;
  };
};

/** The calendar months the period touches, each cut to the period. */
export function periodMonths(filters: Pick<CaseloadFilters, "from" | "to">) {
  return kazakhstanMonths(filters.from, filters.to);
}

/** Whether any condition applies to cases: without one, outcomes need no join. */
function narrowsCases(caller: Caller, filters: CaseloadFilters): boolean {
  const national = caller.role === "COORDINATOR" && !caller.duress && isNational(caller.regions);
  return !national || !!filters.region || !!filters.category;
}

/**
 * Whether the caller's scope is a matter of regions (coordinators, administrators,
 * anyone under duress: no case at all), which a tally's columns can answer; an
 * organizer's or lawyer's depends on who holds each case, which no tally knows.
 */
const scopedByRegion = (caller: Caller) =>
  !!caller.duress || caller.role === "COORDINATOR" || caller.role === "ADMIN";

/** A count as either driver returns it (bigint text on PostgreSQL). */
const toCount = (value: unknown) => Number(value ?? 0);

/**
 * The caller's scope and the region and category filters as raw SQL on the
 * "Case" row `alias`, or on a tally's columns of the same names when
 * `scopedByRegion(caller)`.
 */
function caseNarrowingSql(caller: Caller, filters: CaseloadFilters, alias = "c") {
  const column = (name: string) => PrismaSql.raw(`"${alias}"."${name}"`);
  return PrismaSql.join(
    [
      caseScopeSql(caller, alias),
      ...(filters.region
        ? [PrismaSql.sql`${column("region")} = ${enumValue(filters.region, "Region")}`]
        : []),
      ...(filters.category
        ? [PrismaSql.sql`${column("category")} = ${enumValue(filters.category, "CaseCategory")}`]
        : []),
    ],
    " AND ",
  );
}

/**
 * Cases opened and closed in each month of the period: one count per month
 * over an index range ("createdAt", "closedAt"), all in one statement. For
 * organizers and lawyers, whose scope (the cases they hold) no tally knows.
 */
async function monthlyFlowsFromCases(caller: Caller, filters: CaseloadFilters) {
  const months = periodMonths(filters);
  if (months.length === 0) return [];
  const narrowing = caseNarrowingSql(caller, filters);
  const counts = (column: "createdAt" | "closedAt") =>
    months.map((m, i) => {
      const col = PrismaSql.raw(`c."${column}"`);
      return PrismaSql.sql`(SELECT COUNT(*) FROM "Case" c
        WHERE ${col} >= ${m.start} AND ${col} < ${m.end} AND ${narrowing}) AS ${PrismaSql.raw(`"${column}${i}"`)}`;
    });
  const [row] = await readRows(
    PrismaSql.sql`SELECT ${PrismaSql.join([...counts("createdAt"), ...counts("closedAt")], ", ")}`,
  );
  return months.map((m, i) => ({
    month: m.month,
    opened: toCount(row?.[`createdAt${i}`] ?? 0),
    closed: toCount(row?.[`closedAt${i}`] ?? 0),
  }));
}

/** The start of the UTC calendar month nearest to an instant (the earlier one on a tie). */
function nearestUtcMonthStart(at: Date): Date {
  const floor = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const ceil = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return at.getTime() - floor.getTime() <= ceil.getTime() - at.getTime() ? floor : ceil;
}

/** "YYYY-MM" of each UTC month that starts in [from, to). */
function utcMonthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  for (
    let at = from;
    at < to;
    at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))
  ) {
    months.push(at.toISOString().slice(0, 7));
  }
  return months;
}

/**
 * How one Kazakhstan month of the period is counted: UTC months from `CaseMonthTally`, plus
 * or minus ranges of instants counted from the cases (the hours between a Kazakhstan month's
 * edge and the nearest UTC month's, or the whole month when that reads less).
 */
type MonthPlan = {
  month: string;
  tallyMonths: string[];
  ranges: { start: Date; end: Date; sign: 1 | -1 }[];
};

/**
 * Kazakhstan's month [start, end) is the UTC months between the UTC month starts nearest to its
 * edges, plus [start, a) and [b, end) (signed: a range that runs backwards is subtracted). Exact
 * for any offset, history included, because every instant is compared as stored (UTC); no time
 * zone is needed in SQL. A month cut to the period short enough that its edges read more than
 * itself is counted whole from the cases.
 */
function planMonths(months: { month: string; start: Date; end: Date }[]): MonthPlan[] {
  return months.map(({ month, start, end }) => {
    const a = nearestUtcMonthStart(start);
    const b = nearestUtcMonthStart(end);
    const edges = Math.abs(start.getTime() - a.getTime()) + Math.abs(end.getTime() - b.getTime());
    if (a >= b || edges >= end.getTime() - start.getTime()) {
      return { month, tallyMonths: [], ranges: [{ start, end, sign: 1 }] };
    }
    const ranges: MonthPlan["ranges"] = [];
    if (start < a) ranges.push({ start, end: a, sign: 1 });
    if (a < start) ranges.push({ start: a, end: start, sign: -1 });
    if (b < end) ranges.push({ start: b, end, sign: 1 });
    if (end < b) ranges.push({ start: end, end: b, sign: -1 });
    return { month, tallyMonths: utcMonthsBetween(a, b), ranges };
  });
}

/**
 * The same flows for a scope of regions, from `CaseMonthTally` (cases opened and closed per UTC
 * month, region and category, kept by triggers) and the few hours at each Kazakhstan month's
 * edges counted from the cases by index range: a couple of thousand tally rows instead of every
 * case opened or closed in the period. One statement: one snapshot of both.
 */
async function monthlyFlowsFromTallies(caller: Caller, filters: CaseloadFilters) {
  const plans = planMonths(periodMonths(filters));
  if (plans.length === 0) return [];
  const tallyMonths = [...new Set(plans.flatMap((plan) => plan.tallyMonths))];
  // Adjacent months share their edge's range: each distinct range is counted once.
  const rangeKeys = new Map<string, { start: Date; end: Date }>();
  const rangeKey = (range: { start: Date; end: Date }) => {
    const key = `${range.start.toISOString()}/${range.end.toISOString()}`;
    if (!rangeKeys.has(key)) rangeKeys.set(key, range);
    return key;
  };
  const planned = plans.map((plan) => ({
    ...plan,
    keyed: plan.ranges.map((range) => ({ key: rangeKey(range), sign: range.sign })),
  }));
  const instant = (value: Date) =>
    database.provider === "postgresql"
      ? PrismaSql.sql`CAST(${value} AS TIMESTAMP(3))`
      : PrismaSql.sql`${value}`;
  // A VALUES list (its columns are column1… on both databases): one subquery per count to plan.
  const ranges = PrismaSql.join(
    [...rangeKeys].map(
      ([key, range]) => PrismaSql.sql`(${key}, ${instant(range.start)}, ${instant(range.end)})`,
    ),
    ", ",
  );
  const count = (column: "createdAt" | "closedAt") => {
    const col = PrismaSql.raw(`c."${column}"`);
    return PrismaSql.sql`(SELECT COUNT(*) FROM "Case" c
      WHERE ${col} >= r."column2" AND ${col} < r."column3" AND ${caseNarrowingSql(caller, filters)})`;
  };
  const tallied =
    tallyMonths.length === 0
      ? PrismaSql.empty
      : PrismaSql.sql`SELECT t."month" AS "key", SUM(t."opened") AS "opened", SUM(t."closed") AS "closed"
    FROM "CaseMonthTally" t
    WHERE t."month" IN (${PrismaSql.join(tallyMonths)}) AND ${caseNarrowingSql(caller, filters, "t")}
    GROUP BY t."month"
    UNION ALL
    `;
  const rows = await readRows(PrismaSql.sql`
    ${tallied}SELECT r."column1" AS "key", ${count("createdAt")} AS "opened",
      ${count("closedAt")} AS "closed"
    FROM (VALUES ${ranges}) r`);
  const byKey = new Map(
    rows.map((row) => [
      String(row.key),
      { opened: toCount(row.opened), closed: toCount(row.closed) },
    ]),
  );
  const of = (key: string) => byKey.get(key) ?? { opened: 0, closed: 0 };
  return planned.map((plan) => {
    let opened = 0;
    let closed = 0;
    for (const month of plan.tallyMonths) {
      opened += of(month).opened;
      closed += of(month).closed;
    }
    for (const { key, sign } of plan.keyed) {
      opened += sign * of(key).opened;
      closed += sign * of(key).closed;
    }
    return { month: plan.month, opened, closed };
  });
}

const OUTCOME_KINDS = [
  "WAGES_RECOVERED",
  "COMPENSATION_PAID",
  "RELEASED_FROM_DETENTION",
  "REINSTATED",
] as const;

/**
 * Outcome sums per kind and currency in the period, from the index on
 * (kind, date, currency, amount, people, case) alone when nothing narrows the
 * cases. Money is summed by the database and read as text: exact past 2^53.
 */
async function outcomeTotals(caller: Caller, filters: CaseloadFilters) {
  const narrowed = narrowsCases(caller, filters);
  // Outcome dates are calendar dates stored at midnight UTC.
  const rows = await readRows(PrismaSql.sql`
    SELECT o."kind" AS "kind", o."currency" AS "currency",
      CAST(SUM(o."amountMinor") AS TEXT) AS "amountMinor",
      SUM(o."people") AS "people", COUNT(o."people") AS "withPeople", COUNT(*) AS "outcomes"
    FROM "CaseOutcome" o
    ${narrowed ? PrismaSql.sql`JOIN "Case" c ON c."id" = o."caseId"` : PrismaSql.empty}
    WHERE o."kind" IN (${PrismaSql.join(OUTCOME_KINDS.map((kind) => enumValue(kind, "OutcomeKind")))})
      AND o."date" >= ${new Date(`${filters.from}T00:00:00.000Z`)}
      AND o."date" < ${new Date(`${addDays(filters.to, 1)}T00:00:00.000Z`)}
      ${narrowed ? PrismaSql.sql`AND ${caseNarrowingSql(caller, filters)}` : PrismaSql.empty}
    GROUP BY o."kind", o."currency"`);
  const money = (kind: string) =>
    rows
      .filter((r) => r.kind === kind && !!r.currency && r.amountMinor != null)
      .map((r) => ({
        currency: String(r.currency),
        amountMinor: BigInt(String(r.amountMinor)).toString(),
      }))
      .sort((a, b) => a.currency.localeCompare(b.currency));
  // The people recorded, and one person for each outcome that records none.
  const people = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .reduce((sum, r) => sum + toCount(r.people) + toCount(r.outcomes) - toCount(r.withPeople), 0);
  return {
    wagesRecovered: money("WAGES_RECOVERED"),
    compensationPaid: money("COMPENSATION_PAID"),
    peopleReleased: people("RELEASED_FROM_DETENTION"),
    peopleReinstated: people("REINSTATED"),
  };
}

type PersonCounts = { open: number; urgent: number };

/**
 * Open and urgent cases per assignee, from the tallies (their open statuses'
 * rows, by an index): a few hundred rows summed to one per person.
 */
async function countsFromTallies(
  caller: Caller,
  filters: CaseloadFilters,
): Promise<Map<string, PersonCounts>> {
  const rows = await readRows(PrismaSql.sql`
    SELECT t."userId" AS "userId", SUM(t."count") AS "open",
      SUM(CASE WHEN t."urgency" = ${enumValue("URGENT", "Urgency")} THEN t."count" ELSE 0 END) AS "urgent"
    FROM "AssignmentTally" t
    WHERE t."status" IN (${openStatusList()}) AND ${caseNarrowingSql(caller, filters, "t")}
    GROUP BY t."userId"
    HAVING SUM(t."count") > 0`);
  return new Map(
    rows.map(
      (r) => [String(r.userId), { open: toCount(r.open), urgent: toCount(r.urgent) }] as const,
    ),
  );
}

/**
 * Open and urgent cases per assignee by joining the cases the caller reaches
 * to their assignments: for organizers and lawyers, whose few cases no tally
 * can pick out.
 */
async function countsFromCases(caller: Caller, filters: CaseloadFilters) {
  const rows = await readRows(PrismaSql.sql`
    SELECT a."userId" AS "userId", COUNT(*) AS "open",
      SUM(CASE WHEN c."urgency" = ${enumValue("URGENT", "Urgency")} THEN 1 ELSE 0 END) AS "urgent"
    FROM "Case" c JOIN "CaseAssignment" a ON a."caseId" = c."id"
    WHERE c."status" IN (${openStatusList()}) AND ${caseNarrowingSql(caller, filters)}
    GROUP BY a."userId"`);
  return new Map(
    rows.map(
      (r) => [String(r.userId), { open: toCount(r.open), urgent: toCount(r.urgent) }] as const,
    ),
  );
}

/**
 * Open cases per assignee with a hearing or deadline past and without its outcome: the cases
 * whose earliest pending date ("nextPendingDueAt", kept by triggers on the dates) has passed,
 * one range of a partial index, a few of the many (docs/decisions/0048).
 */
export function overdueByPersonSql(caller: Caller, filters: CaseloadFilters, now: Date) {
  // Without statistics SQLite's planner prefers the status index (an equality) to the range.
  const byNextDue =
    database.provider === "sqlite"
      ? PrismaSql.raw(`INDEXED BY "Case_nextPendingDueAt_status_id_idx"`)
      : PrismaSql.empty;
  return PrismaSql.sql`
    SELECT a."userId" AS "userId", COUNT(*) AS "overdue"
    FROM "Case" c ${byNextDue} JOIN "CaseAssignment" a ON a."caseId" = c."id"
    WHERE c."nextPendingDueAt" < ${now} AND c."status" IN (${openStatusList()})
      AND ${caseNarrowingSql(caller, filters)}
    GROUP BY a."userId"`;
}

async function overdueByPerson(caller: Caller, filters: CaseloadFilters, now: Date) {
  const rows = await readRows(overdueByPersonSql(caller, filters, now));
  return new Map(rows.map((r) => [String(r.userId), toCount(r.overdue)] as const));
}

const statusList = (values: readonly CaseStatus[]) =>
  PrismaSql.join(values.map((s) => enumValue(s, "CaseStatus")));
const openStatusList = () => statusList(OPEN_STATUSES);

/** Open, urgent and overdue cases per active assignee, busiest first. */
async function loadPerPerson(
  caller: Caller,
  filters: CaseloadFilters,
  now: Date,
): Promise<CaseloadPerson[]> {
  // Administrators reach no case (and see no one's load).
  if (caller.role === "ADMIN") return [];
  const [counts, overdue] = await Promise.all([
    scopedByRegion(caller) ? countsFromTallies(caller, filters) : countsFromCases(caller, filters),
    overdueByPerson(caller, filters, now),
  ]);
  if (counts.size === 0) return [];
  const people = await readRows(PrismaSql.sql`
    SELECT u."id" AS "id", u."displayName" AS "displayName", u."role" AS "role" FROM "User" u
    WHERE u."id" IN (${PrismaSql.join([...counts.keys()])}) AND u."active" = ${true}`);
  return people
    .map((person) => ({
      userId: String(person.id),
      displayName: String(person.displayName),
      role: String(person.role) as Role,
      ...counts.get(String(person.id))!,
      overdue: overdue.get(String(person.id)) ?? 0,
    }))
    .sort((a, b) => b.open - a.open || a.displayName.localeCompare(b.displayName));
}

/** The open cases of one status × category × region. */
type OpenGroup = { status: CaseStatus; category: CaseCategory; region: Region; total: number };

/**
 * The open cases as the dashboard shows them: counts per group, and the figures it shows only
 * as totals (ages, waiting-rule breaches), one snapshot of the database.
 */
type OpenSnapshot = {
  groups: OpenGroup[];
  /** Cases younger than each ageing bucket's limit but the last. */
  youngerThan: number[];
  urgentWaiting: number;
  newWaiting: number;
};

const AGE_COLUMNS = AGEING_BUCKETS.slice(0, -1).map((_, i) => `age${i}`);

const openGroup = (row: Record<string, unknown>): OpenGroup => ({
  status: String(row.status) as CaseStatus,
  category: String(row.category) as CaseCategory,
  region: String(row.region) as Region,
  total: toCount(row.total),
});

/** Ages in whole days: a case 7 days and 23 hours old is 7 days old. */
const youngLimits = (now: Date) =>
  AGEING_BUCKETS.slice(0, -1).map(({ maxDays }) => new Date(now.getTime() - (maxDays + 1) * DAY));

/**
 * Everything about the open cases in one pass over them: counts by status,
 * category and region, ages and waiting-rule breaches. For organizers and
 * lawyers, whose scope (the cases they hold) no tally knows.
 */
async function openSnapshotFromCases(
  caller: Caller,
  filters: CaseloadFilters,
  now: Date,
): Promise<OpenSnapshot> {
  const youngerThan = youngLimits(now).map(
    (limit, i) =>
      PrismaSql.sql`SUM(CASE WHEN c."createdAt" > ${limit} THEN 1 ELSE 0 END) AS ${PrismaSql.raw(`"${AGE_COLUMNS[i]}"`)}`,
  );
  const cutoffs = slaCutoffs(now);
  const urgent = enumValue("URGENT", "Urgency");
  const awaiting = PrismaSql.sql`c."status" IN (${statusList(AWAITING_ASSIGNMENT)})`;
  const rows = await readRows(PrismaSql.sql`
    SELECT c."status" AS "status", c."category" AS "category", c."region" AS "region",
      COUNT(*) AS "total",
      ${PrismaSql.join(youngerThan, ", ")},
      SUM(CASE WHEN ${awaiting} AND c."urgency" = ${urgent} AND c."createdAt" < ${cutoffs.urgent}
        THEN 1 ELSE 0 END) AS "urgentWaiting",
      SUM(CASE WHEN ${awaiting} AND c."urgency" <> ${urgent} AND c."createdAt" < ${cutoffs.any}
        THEN 1 ELSE 0 END) AS "newWaiting"
    FROM "Case" c
    WHERE c."status" IN (${statusList(OPEN_STATUSES)}) AND ${caseNarrowingSql(caller, filters)}
    GROUP BY c."status", c."category", c."region"`);
  const sum = (column: string) => rows.reduce((total, row) => total + toCount(row[column]), 0);
  return {
    groups: rows.map(openGroup),
    youngerThan: AGE_COLUMNS.map(sum),
    urgentWaiting: sum("urgentWaiting"),
    newWaiting: sum("newWaiting"),
  };
}

/**
 * The same figures for a scope of regions, without reading every open case:
 * the counts come from `CaseTally`; only cases of the last 91 days can be in a
 * young ageing bucket or still within a waiting rule, so those are counted
 * from an index range over "createdAt" and the breaches are the tally's
 * waiting cases less those still within their rule. The recent cases are
 * summed into one row, not grouped: the dashboard shows ages and breaches only
 * as totals, and grouping every case of a busy quarter cost more than reading
 * it. One statement: one consistent snapshot of both.
 */
async function openSnapshotFromTallies(
  caller: Caller,
  filters: CaseloadFilters,
  now: Date,
): Promise<OpenSnapshot> {
  const limits = youngLimits(now);
  const windowStart = limits[limits.length - 1]!;
  const cutoffs = slaCutoffs(now);
  // A waiting rule longer than the window would need older cases: count them all instead.
  if (cutoffs.urgent <= windowStart || cutoffs.any <= windowStart) {
    return openSnapshotFromCases(caller, filters, now);
  }
  const urgent = enumValue("URGENT", "Urgency");
  const awaitingIn = (alias: string) =>
    PrismaSql.sql`${PrismaSql.raw(`"${alias}"."status"`)} IN (${statusList(AWAITING_ASSIGNMENT)})`;
  const zeros = PrismaSql.raw(AGE_COLUMNS.map((name) => `0 AS "${name}"`).join(", "));
  // SQLite's planner would walk the (status, …, createdAt) index over every open case.
  const byCreation =
    database.provider === "sqlite"
      ? PrismaSql.raw(`INDEXED BY "Case_createdAt_status_category_region_urgency_idx"`)
      : PrismaSql.empty;
  // The first part's rows are the groups; the last row (no group) holds the recent cases' sums,
  // and the tally's waiting cases are summed in each group's row and subtracted in code.
  const rows = await readRows(PrismaSql.sql`
    SELECT t."status" AS "status", t."category" AS "category", t."region" AS "region",
      SUM(t."count") AS "total", ${zeros},
      SUM(CASE WHEN ${awaitingIn("t")} AND t."urgency" = ${urgent} THEN t."count" ELSE 0 END)
        AS "urgentWaiting",
      SUM(CASE WHEN ${awaitingIn("t")} AND t."urgency" <> ${urgent} THEN t."count" ELSE 0 END)
        AS "newWaiting"
    FROM "CaseTally" t
    WHERE t."status" IN (${statusList(OPEN_STATUSES)}) AND t."count" <> 0
      AND ${caseNarrowingSql(caller, filters, "t")}
    GROUP BY t."status", t."category", t."region"
    UNION ALL
    SELECT NULL, NULL, NULL, 0,
      ${PrismaSql.join(
        limits.map(
          (limit, i) =>
            PrismaSql.sql`SUM(CASE WHEN c."createdAt" > ${limit} THEN 1 ELSE 0 END) AS ${PrismaSql.raw(`"${AGE_COLUMNS[i]}"`)}`,
        ),
        ", ",
      )},
      -SUM(CASE WHEN ${awaitingIn("c")} AND c."urgency" = ${urgent} AND c."createdAt" >= ${cutoffs.urgent}
        THEN 1 ELSE 0 END),
      -SUM(CASE WHEN ${awaitingIn("c")} AND c."urgency" <> ${urgent} AND c."createdAt" >= ${cutoffs.any}
        THEN 1 ELSE 0 END)
    FROM "Case" c ${byCreation}
    WHERE c."createdAt" > ${windowStart} AND c."status" IN (${statusList(OPEN_STATUSES)})
      AND ${caseNarrowingSql(caller, filters)}`);
  const sum = (column: string) => rows.reduce((total, row) => total + toCount(row[column]), 0);
  return {
    groups: rows.filter((row) => row.status != null).map(openGroup),
    youngerThan: AGE_COLUMNS.map(sum),
    urgentWaiting: sum("urgentWaiting"),
    newWaiting: sum("newWaiting"),
  };
}

export async function loadCaseload(
  caller: Caller,
  filters: CaseloadFilters,
  now: Date = new Date(),
): Promise<Caseload> {
  // Independent queries: PostgreSQL runs them side by side; SQLite queues them.
  const [open, people, months, outcomes] = await Promise.all([
    scopedByRegion(caller)
      ? openSnapshotFromTallies(caller, filters, now)
      : openSnapshotFromCases(caller, filters, now),
    loadPerPerson(caller, filters, now),
    scopedByRegion(caller)
      ? monthlyFlowsFromTallies(caller, filters)
      : monthlyFlowsFromCases(caller, filters),
    outcomeTotals(caller, filters),
  ]);

  const { groups } = open;
  const tally = <K extends string>(keys: readonly K[], keyOf: (g: OpenGroup) => K) =>
    keys.map((key) => ({
      key,
      count: groups.filter((g) => keyOf(g) === key).reduce((total, g) => total + g.total, 0),
    }));
  const openTotal = groups.reduce((total, g) => total + g.total, 0);
  const cumulative = [...open.youngerThan, openTotal];
  const ageing = AGEING_BUCKETS.map(({ bucket }, i) => ({
    bucket,
    count: cumulative[i]! - (i === 0 ? 0 : cumulative[i - 1]!),
  }));

  return {
    openTotal,
    openByStatus: tally(OPEN_STATUSES, (g) => g.status).map(({ key, count }) => ({
      status: key,
      count,
    })),
    openByCategory: tally(CATEGORIES, (g) => g.category).map(({ key, count }) => ({
      category: key,
      count,
    })),
    openByRegion: tally(REGIONS, (g) => g.region).map(({ key, count }) => ({ region: key, count })),
    ageing,
    sla: { urgentWaiting: open.urgentWaiting, newWaiting: open.newWaiting },
    people,
    months,
    outcomes,
  };
}
