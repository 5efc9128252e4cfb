// The coordinators' caseload dashboard: plain numbers about the cases the
// caller may reach (always within `caseScope`). Open-case figures are a
// snapshot of now, narrowed by region and category; the period narrows the
// flows: cases opened and closed per month, and outcomes.
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import { Prisma as PrismaSql } from "~/generated/prisma/sqlite/client";
import type { CaseCategory, CaseStatus, Region, Role } from "~/generated/prisma/sqlite/enums";
import { AWAITING_ASSIGNMENT, slaCutoffs } from "~/modules/assignment/triage-rules";
import { caseScope, isNational } from "~/modules/cases/access.server";
import { OPEN_STATUSES } from "~/modules/cases/status";
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

function caseFilterWhere(caller: Caller, filters: CaseloadFilters): Prisma.CaseWhereInput {
  return {
    AND: [
      caseScope(caller),
      filters.region ? { region: filters.region } : {},
      filters.category ? { category: filters.category } : {},
    ],
  };
}

/** Whether any condition applies to cases: without one, outcomes need no join. */
function narrowsCases(caller: Caller, filters: CaseloadFilters): boolean {
  return Object.keys(caseScope(caller)).length > 0 || !!filters.region || !!filters.category;
}

const toCount = (value: number | bigint | null) => Number(value ?? 0);

/** `caseFilterWhere` as raw SQL on "Case" c. */
function caseNarrowingSql(caller: Caller, filters: CaseloadFilters) {
  return PrismaSql.join(
    [
      caseScopeSql(caller, "c"),
      ...(filters.region
        ? [PrismaSql.sql`c."region" = ${enumValue(filters.region, "Region")}`]
        : []),
      ...(filters.category
        ? [PrismaSql.sql`c."category" = ${enumValue(filters.category, "CaseCategory")}`]
        : []),
    ],
    " AND ",
  );
}

/**
 * Cases opened and closed in each month of the period: one count per month
 * over an index range ("createdAt", "closedAt"), all in one statement.
 */
async function monthlyFlows(caller: Caller, filters: CaseloadFilters) {
  const months = periodMonths(filters);
  if (months.length === 0) return [];
  const narrowing = caseNarrowingSql(caller, filters);
  const counts = (column: "createdAt" | "closedAt") =>
    months.map((m, i) => {
      const col = PrismaSql.raw(`c."${column}"`);
      return PrismaSql.sql`(SELECT COUNT(*) FROM "Case" c
        WHERE ${col} >= ${m.start} AND ${col} < ${m.end} AND ${narrowing}) AS ${PrismaSql.raw(`"${column}${i}"`)}`;
    });
  const [row] = await prisma.$queryRaw<Record<string, number | bigint>[]>`
    SELECT ${PrismaSql.join([...counts("createdAt"), ...counts("closedAt")], ", ")}`;
  return months.map((m, i) => ({
    month: m.month,
    opened: toCount(row?.[`createdAt${i}`] ?? 0),
    closed: toCount(row?.[`closedAt${i}`] ?? 0),
  }));
}

/** Sum of `people` where recorded, one person where not. */
const peopleOf = (row: {
  _count: { _all: number; people: number };
  _sum: { people: number | null };
}) => (row._sum.people ?? 0) + (row._count._all - row._count.people);

async function outcomeTotals(caller: Caller, filters: CaseloadFilters) {
  // Outcome dates are calendar dates stored at midnight UTC.
  const rows = await prisma.caseOutcome.groupBy({
    by: ["kind", "currency"],
    where: {
      kind: {
        in: ["WAGES_RECOVERED", "COMPENSATION_PAID", "RELEASED_FROM_DETENTION", "REINSTATED"],
      },
      date: {
        gte: new Date(`${filters.from}T00:00:00.000Z`),
        lt: new Date(`${addDays(filters.to, 1)}T00:00:00.000Z`),
      },
      ...(narrowsCases(caller, filters) ? { case: caseFilterWhere(caller, filters) } : {}),
    },
    _count: { _all: true, people: true },
    _sum: { amountMinor: true, people: true },
  });
  const money = (kind: string) =>
    rows
      .filter((r) => r.kind === kind && r.currency && r._sum.amountMinor !== null)
      .map((r) => ({ currency: r.currency!, amountMinor: BigInt(r._sum.amountMinor!).toString() }))
      .sort((a, b) => a.currency.localeCompare(b.currency));
  const people = (kind: string) =>
    rows.filter((r) => r.kind === kind).reduce((sum, r) => sum + peopleOf(r), 0);
  return {
    wagesRecovered: money("WAGES_RECOVERED"),
    compensationPaid: money("COMPENSATION_PAID"),
    peopleReleased: people("RELEASED_FROM_DETENTION"),
    peopleReinstated: people("REINSTATED"),
  };
}

/**
 * `caseScope` as a condition on a tally's columns, when the caller's scope is
 * a matter of regions (coordinators, administrators); `undefined` when it
 * depends on who holds each case (organizers, lawyers), which no tally knows.
 */
function tallyScope(caller: Caller): Prisma.AssignmentTallyWhereInput | null | undefined {
  if (caller.role === "ADMIN") return null;
  if (caller.role !== "COORDINATOR") return undefined;
  if (isNational(caller.regions)) return {};
  const regions = caller.regions ?? [];
  return regions.length === 0 ? null : { region: { in: [...regions] } };
}

type PersonCounts = { open: number; urgent: number };

/** Open and urgent cases per assignee, from the tallies: a few hundred rows at most. */
async function countsFromTallies(
  scope: Prisma.AssignmentTallyWhereInput,
  filters: CaseloadFilters,
): Promise<Map<string, PersonCounts>> {
  const rows = await prisma.assignmentTally.groupBy({
    by: ["userId", "urgency"],
    where: {
      ...scope,
      status: { in: [...OPEN_STATUSES] },
      ...(filters.region ? { region: filters.region } : {}),
      ...(filters.category ? { category: filters.category } : {}),
      count: { gt: 0 },
    },
    _sum: { count: true },
  });
  const counts = new Map<string, PersonCounts>();
  for (const row of rows) {
    const person = counts.get(row.userId) ?? { open: 0, urgent: 0 };
    const n = row._sum.count ?? 0;
    person.open += n;
    if (row.urgency === "URGENT") person.urgent += n;
    counts.set(row.userId, person);
  }
  return counts;
}

/**
 * Open and urgent cases per assignee by joining the cases the caller reaches
 * to their assignments: for organizers and lawyers, whose few cases no tally
 * can pick out.
 */
async function countsFromCases(caller: Caller, filters: CaseloadFilters) {
  const rows = await prisma.$queryRaw<
    { userId: string; open: number | bigint; urgent: number | bigint }[]
  >`
    SELECT a."userId" AS "userId", COUNT(*) AS "open",
      SUM(CASE WHEN c."urgency" = ${enumValue("URGENT", "Urgency")} THEN 1 ELSE 0 END) AS "urgent"
    FROM "Case" c JOIN "CaseAssignment" a ON a."caseId" = c."id"
    WHERE c."status" IN (${openStatusList()}) AND ${caseNarrowingSql(caller, filters)}
    GROUP BY a."userId"`;
  return new Map(
    rows.map((r) => [r.userId, { open: toCount(r.open), urgent: toCount(r.urgent) }] as const),
  );
}

/**
 * Open cases per assignee with a hearing or deadline past and without its
 * outcome: read from the pending dates (a partial index), a few of the many.
 */
async function overdueByPerson(caller: Caller, filters: CaseloadFilters, now: Date) {
  const rows = await prisma.$queryRaw<{ userId: string; overdue: number | bigint }[]>`
    SELECT a."userId" AS "userId", COUNT(*) AS "overdue"
    FROM (
      SELECT DISTINCT d."caseId" AS "caseId" FROM "ProceedingDate" d
      WHERE d."outcome" IS NULL AND d."dueAt" < ${now}
    ) pending
    JOIN "Case" c ON c."id" = pending."caseId"
    JOIN "CaseAssignment" a ON a."caseId" = pending."caseId"
    WHERE c."status" IN (${openStatusList()}) AND ${caseNarrowingSql(caller, filters)}
    GROUP BY a."userId"`;
  return new Map(rows.map((r) => [r.userId, toCount(r.overdue)] as const));
}

const openStatusList = () => PrismaSql.join(OPEN_STATUSES.map((s) => enumValue(s, "CaseStatus")));

/** Open, urgent and overdue cases per active assignee, busiest first. */
async function loadPerPerson(
  caller: Caller,
  filters: CaseloadFilters,
  now: Date,
): Promise<CaseloadPerson[]> {
  const scope = tallyScope(caller);
  if (scope === null) return [];
  const [counts, overdue] = await Promise.all([
    scope === undefined ? countsFromCases(caller, filters) : countsFromTallies(scope, filters),
    overdueByPerson(caller, filters, now),
  ]);
  const people = await prisma.user.findMany({
    where: { id: { in: [...counts.keys()] }, active: true },
    select: { id: true, displayName: true, role: true },
  });
  return people
    .map((person) => ({
      userId: person.id,
      displayName: person.displayName,
      role: person.role,
      ...counts.get(person.id)!,
      overdue: overdue.get(person.id) ?? 0,
    }))
    .sort((a, b) => b.open - a.open || a.displayName.localeCompare(b.displayName));
}

/**
 * Everything about the open cases in one pass: counts by status, category and
 * region, ages and waiting-rule breaches (raw SQL: Prisma counts each figure in
 * a pass of its own, and its count reads every row instead of an index).
 */
async function openSnapshot(caller: Caller, filters: CaseloadFilters, now: Date) {
  const inList = (values: readonly CaseStatus[]) =>
    PrismaSql.join(values.map((s) => enumValue(s, "CaseStatus")));
  // Ages in whole days: a case 7 days and 23 hours old is 7 days old.
  const youngerThan = AGEING_BUCKETS.slice(0, -1).map(
    ({ maxDays }, i) =>
      PrismaSql.sql`SUM(CASE WHEN c."createdAt" > ${new Date(now.getTime() - (maxDays + 1) * DAY)} THEN 1 ELSE 0 END) AS ${PrismaSql.raw(`"age${i}"`)}`,
  );
  const cutoffs = slaCutoffs(now);
  const urgent = enumValue("URGENT", "Urgency");
  const awaiting = PrismaSql.sql`c."status" IN (${inList(AWAITING_ASSIGNMENT)})`;
  const rows = await prisma.$queryRaw<Record<string, string | number | bigint | null>[]>`
    SELECT c."status" AS "status", c."category" AS "category", c."region" AS "region",
      COUNT(*) AS "total",
      ${PrismaSql.join(youngerThan, ", ")},
      SUM(CASE WHEN ${awaiting} AND c."urgency" = ${urgent} AND c."createdAt" < ${cutoffs.urgent}
        THEN 1 ELSE 0 END) AS "urgentWaiting",
      SUM(CASE WHEN ${awaiting} AND c."urgency" <> ${urgent} AND c."createdAt" < ${cutoffs.any}
        THEN 1 ELSE 0 END) AS "newWaiting"
    FROM "Case" c
    WHERE c."status" IN (${inList(OPEN_STATUSES)}) AND ${caseNarrowingSql(caller, filters)}
    GROUP BY c."status", c."category", c."region"`;
  return rows.map((row) => ({
    status: String(row.status) as CaseStatus,
    category: String(row.category) as CaseCategory,
    region: String(row.region) as Region,
    total: toCount(row.total as number | bigint),
    youngerThan: youngerThan.map((_, i) => toCount(row[`age${i}`] as number | bigint | null)),
    urgentWaiting: toCount(row.urgentWaiting as number | bigint | null),
    newWaiting: toCount(row.newWaiting as number | bigint | null),
  }));
}

export async function loadCaseload(
  caller: Caller,
  filters: CaseloadFilters,
  now: Date = new Date(),
): Promise<Caseload> {
  // Independent queries: PostgreSQL runs them side by side; SQLite queues them.
  const [groups, people, months, outcomes] = await Promise.all([
    openSnapshot(caller, filters, now),
    loadPerPerson(caller, filters, now),
    monthlyFlows(caller, filters),
    outcomeTotals(caller, filters),
  ]);

  const sum = (pick: (g: (typeof groups)[number]) => number) =>
    groups.reduce((total, g) => total + pick(g), 0);
  const tally = <K extends string>(keys: readonly K[], keyOf: (g: (typeof groups)[number]) => K) =>
    keys.map((key) => ({
      key,
      count: groups.filter((g) => keyOf(g) === key).reduce((total, g) => total + g.total, 0),
    }));
  const openTotal = sum((g) => g.total);
  const cumulative = [
    ...AGEING_BUCKETS.slice(0, -1).map((_, i) => sum((g) => g.youngerThan[i]!)),
    openTotal,
  ];
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
    sla: { urgentWaiting: sum((g) => g.urgentWaiting), newWaiting: sum((g) => g.newWaiting) },
    people,
    months,
    outcomes,
  };
}
