// The monitoring reports: what the cases a coordinator may reach say about
// violations of core labour standards in a period, as tables of exact counts.
// What leaves the system goes through ./suppress.ts first (see shown.ts).
// Every count is within `caseScope` (its SQL twin); a region outside the
// caller's scope is refused as not found, never widened.
import { database, prisma } from "~/db.server";
import { joinFacts } from "~/modules/cases/facts-text";
import { openersForCases, valueOf } from "~/modules/keys/case-fields.server";
import { readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type {
  CaseCategory,
  OutcomeKind,
  ProceedingKind,
  ProceedingStatus,
  Region,
  Sector,
} from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";
import { isNational } from "~/modules/cases/access.server";
import { caseScopeSql } from "~/modules/cases/scope-sql.server";
import {
  CATEGORIES,
  HARM_KINDS,
  ILO_INDICATORS,
  SECTORS,
  TRI_STATE,
} from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { DomainError } from "~/utils/domain-error";
import { VERIFICATION_LEVELS, type ReportFilters } from "./filters";
import type { CountTable } from "./suppress";

/** Cases whose employer's sector is not recorded (no employer named, e.g. a detained activist). */
export const NO_SECTOR = "NONE";
export type SectorKey = Sector | typeof NO_SECTOR;
export const SECTOR_KEYS: SectorKey[] = [...SECTORS, NO_SECTOR];

/** The categories of the freedom-of-association list. */
export const FOA_CATEGORIES = [
  "DETAINED_ACTIVIST",
  "UNION_BUSTING",
  "STRIKE_PENALTIES",
] as const satisfies readonly CaseCategory[];

/** At most this many cases are listed one by one; the count says how many there are. */
export const FOA_LIST_LIMIT = 500;

/**
 * The screen lists the most recent this many: each listed case's key is opened
 * to read consented names and sealed text, so a page view opens 50 keys, not
 * 500. The export and the printable form (`foa: "full"`) list up to FOA_LIST_LIMIT.
 */
export const FOA_SCREEN_LIMIT = 50;

/** Which freedom-of-association cases are listed: the first FOA_LIST_LIMIT, or the FOA_SCREEN_LIMIT most recent. */
export type FoaListing = "full" | "recent";

export type FoaEntry = {
  incidentStart: string;
  category: CaseCategory;
  region: Region;
  sector: SectorKey;
  /** Organizations are named. */
  employer: string | null;
  /** The authority that acted (detained, declared the strike illegal), as recorded. */
  authority: string | null;
  proceedings: { kind: ProceedingKind; status: ProceedingStatus; authority: string }[];
  outcomes: OutcomeKind[];
  /** Why the ILO Committee on Freedom of Association would treat it as urgent. */
  urgency: ("PERSONAL_FREEDOM" | "LIFE" | "UNION_DISSOLUTION")[];
  workers: number;
  /** Only those who consented to be named publicly. */
  namedWorkers: string[];
};

export type MoneyOutcome = { currency: string; amountMinor: string; cases: number };
export type PeopleOutcome = { kind: OutcomeKind; people: number; cases: number };

export const PEOPLE_OUTCOMES = [
  "REINSTATED",
  "RELEASED_FROM_DETENTION",
  "CHARGES_DROPPED",
  "COMPENSATION_PAID",
] as const satisfies readonly OutcomeKind[];

export type Report = {
  filters: ReportFilters;
  /** The regions counted: the filter's, or all of the caller's. */
  regions: Region[];
  categories: CaseCategory[];
  months: string[];
  casesByCategoryMonth: CountTable;
  workersByCategoryMonth: CountTable;
  casesByRegionCategory: CountTable;
  workersByRegion: CountTable;
  casesBySectorCategory: CountTable;
  workersBySector: CountTable;
  verification: CountTable;
  forcedLabour: { verdicts: CountTable; indicators: CountTable };
  unsafeWork: {
    bySector: CountTable;
    byRegion: CountTable;
    reportedToInspectorate: CountTable;
    peopleHarmed: CountTable;
  };
  outcomes: { money: MoneyOutcome[]; people: PeopleOutcome[] };
  freedomOfAssociation: { total: number; entries: FoaEntry[]; listing: FoaListing };
};

const DAY = 86_400_000;
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + DAY);
const toNumber = (v: unknown) => Number(v ?? 0);

type EnumType = "Region" | "CaseCategory" | "Sector" | "Verification";
function enumParam(value: string, type: EnumType) {
  return database.provider === "postgresql"
    ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${type}"`)})`
    : Prisma.sql`${value}`;
}
const inList = (column: string, values: readonly string[], type: EnumType) =>
  Prisma.sql`${Prisma.raw(column)} IN (${Prisma.join(values.map((v) => enumParam(v, type)))})`;

/** Calendar months (YYYY-MM) from the period's first to its last day. */
export function reportMonths(filters: Pick<ReportFilters, "from" | "to">): string[] {
  const months: string[] = [];
  let [year, month] = filters.from.split("-").map(Number) as [number, number];
  const last = filters.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** The regions a report counts; a region outside the caller's scope is not found. */
export function reportRegions(caller: Caller, filters: ReportFilters): Region[] {
  if (caller.role !== "COORDINATOR") throw DomainError.forbidden();
  const scope: readonly Region[] = isNational(caller.regions) ? REGIONS : caller.regions;
  const allowed = new Set(scope);
  if (filters.regions.some((r) => !allowed.has(r))) throw DomainError.notFound();
  const chosen = new Set(filters.regions.length > 0 ? filters.regions : scope);
  return REGIONS.filter((r) => chosen.has(r));
}

/**
 * The cases a report counts, as a condition on "Case" c joined to its
 * employer's row e: scope, regions, categories, sectors, level and, unless
 * told otherwise, incidents that began in the period.
 */
export function reportCasesSql(
  caller: Caller,
  filters: ReportFilters,
  options: { period: boolean } = { period: true },
): Prisma.Sql {
  const conditions = [caseScopeSql(caller, "c")];
  if (options.period) {
    conditions.push(
      Prisma.sql`c."incidentStart" >= ${dayStart(filters.from)} AND c."incidentStart" < ${dayAfter(filters.to)}`,
    );
  }
  if (filters.regions.length > 0) conditions.push(inList(`c."region"`, filters.regions, "Region"));
  if (filters.categories.length > 0)
    conditions.push(inList(`c."category"`, filters.categories, "CaseCategory"));
  if (filters.sectors.length > 0) conditions.push(inList(`e."sector"`, filters.sectors, "Sector"));
  if (filters.level)
    conditions.push(
      Prisma.sql`c."verificationLevel" = ${enumParam(filters.level, "Verification")}`,
    );
  return Prisma.join(conditions, " AND ");
}

/** The case's employer (role EMPLOYER), for its sector and name. */
const EMPLOYER_JOIN = Prisma.raw(
  `LEFT JOIN "CaseEmployer" ce ON ce."caseId" = c."id" AND ce."role" = 'EMPLOYER'
   LEFT JOIN "Employer" e ON e."id" = ce."employerId"`,
);

/**
 * The employer join where only the sector filter needs it: a case has one
 * employer row at most, so leaving it out changes no count.
 */
const employerJoinFor = (filters: ReportFilters) =>
  filters.sectors.length > 0 ? EMPLOYER_JOIN : Prisma.empty;

/** The report's key columns, as "ReportTally" and "CaseReportRow" both name them. */
const TALLY_KEYS = `"month", "region", "category", "sector", "level", "factGroup", "reported"`;
const INDICATOR_COLUMNS = ILO_INDICATORS.map((_, i) => `"indicator${i + 1}"`);

/** The period's days as whole months (read from the tally) and the days of the months it cuts (read from the cases). */
export function periodParts(filters: Pick<ReportFilters, "from" | "to">): {
  months: string[];
  days: { from: string; to: string }[];
} {
  const months: string[] = [];
  const days: { from: string; to: string }[] = [];
  for (const month of reportMonths(filters)) {
    const first = `${month}-01`;
    const [year, monthNumber] = month.split("-").map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
    const from = filters.from > first ? filters.from : first;
    const to = filters.to < lastDay ? filters.to : lastDay;
    if (from === first && to === lastDay) months.push(month);
    else days.push({ from, to });
  }
  return { months, days };
}

/**
 * The report's counts: "ReportTally" for the period's whole months, and the
 * cases themselves ("CaseReportRow", the same columns) for the days of a month
 * the period cuts; both limited by the filters. The regions are the caller's
 * scope already (`reportRegions`), so the scope is a list of regions here.
 */
function talliedSql(caller: Caller, filters: ReportFilters, regions: Region[]): Prisma.Sql {
  const text = (column: string, values: readonly string[]) =>
    Prisma.sql`${Prisma.raw(column)} IN (${Prisma.join(values)})`;
  // Every region (a national coordinator's unfiltered report): no condition to test on each row.
  const conditions: Prisma.Sql[] = [
    caller.duress || regions.length === 0
      ? Prisma.sql`1 = 0`
      : regions.length === REGIONS.length
        ? Prisma.sql`1 = 1`
        : text(`"region"`, regions),
  ];
  if (filters.categories.length > 0) conditions.push(text(`"category"`, filters.categories));
  if (filters.sectors.length > 0) conditions.push(text(`"sector"`, filters.sectors));
  if (filters.level) conditions.push(Prisma.sql`"level" = ${filters.level}`);
  const where = Prisma.join(conditions, " AND ");
  const { months, days } = periodParts(filters);
  const parts: Prisma.Sql[] = [];
  if (months.length > 0) {
    parts.push(Prisma.sql`
      SELECT ${Prisma.raw(TALLY_KEYS)}, "cases", "namedWorkers", "unnamedWorkers", "peopleHarmed",
             ${Prisma.raw(INDICATOR_COLUMNS.join(", "))}
      -- Whole months are contiguous: only a period's first and last month can be cut.
      FROM "ReportTally" WHERE "month" >= ${months[0]!} AND "month" <= ${months.at(-1)!} AND ${where}`);
  }
  if (days.length > 0) {
    const period = Prisma.join(
      days.map(
        (d) =>
          Prisma.sql`("incidentStart" >= ${dayStart(d.from)} AND "incidentStart" < ${dayAfter(d.to)})`,
      ),
      " OR ",
    );
    parts.push(Prisma.sql`
      SELECT ${Prisma.raw(TALLY_KEYS)}, 1, "namedWorkerCount", "unnamedWorkerCount", "peopleHarmed",
             ${Prisma.raw(ILO_INDICATORS.map((_, i) => `"i${i + 1}"`).join(", "))}
      FROM "CaseReportRow" WHERE (${period}) AND ${where}`);
  }
  return Prisma.join(parts, " UNION ALL ");
}

type TalliedGroup = {
  region: Region;
  category: CaseCategory;
  sector: SectorKey;
  level: string;
  factGroup: string;
  reported: string;
  month: string;
  cases: number;
  named: number;
  unnamed: number;
  peopleHarmed: number;
  /** Cases per indicator, in ILO_INDICATORS' order. */
  indicators: number[];
};

const TALLY_COLUMNS = [
  "region",
  "category",
  "sector",
  "level",
  "factGroup",
  "reported",
  "month",
] as const;
type TallyColumn = (typeof TALLY_COLUMNS)[number];

/**
 * The sums each table needs, by the columns it is drawn by (a few hundred rows
 * in all): "month" category × month; "region" and "sector" × category with
 * workers; "level"; "forced" the verdicts with the indicators; the unsafe-work
 * kinds by sector, by region, and by report to the inspectorate with people harmed.
 */
const TALLY_PARTS = {
  month: { by: ["category", "month"], where: null },
  region: { by: ["region", "category"], where: null },
  sector: { by: ["sector", "category"], where: null },
  level: { by: ["level"], where: null },
  forced: { by: ["factGroup"], where: `"category" = 'FORCED_LABOR'` },
  unsafeSector: {
    by: ["sector", "factGroup"],
    where: `"category" = 'UNSAFE_CONDITIONS' AND "factGroup" <> ''`,
  },
  unsafeRegion: {
    by: ["region", "factGroup"],
    where: `"category" = 'UNSAFE_CONDITIONS' AND "factGroup" <> ''`,
  },
  unsafeReported: {
    by: ["factGroup", "reported"],
    where: `"category" = 'UNSAFE_CONDITIONS' AND "factGroup" <> ''`,
  },
} as const satisfies Record<string, { by: readonly TallyColumn[]; where: string | null }>;
type TallyPart = keyof typeof TALLY_PARTS;

/**
 * Every table's sums in one statement: the tallied rows are read once
 * (materialized) and summed per part; only the sums reach Node.
 */
async function tallied(
  caller: Caller,
  filters: ReportFilters,
  regions: Region[],
): Promise<Record<TallyPart, TalliedGroup[]>> {
  const measures = ["cases", "namedWorkers", "unnamedWorkers", "peopleHarmed"]
    .map((c) => `"${c}"`)
    .concat(INDICATOR_COLUMNS)
    .map((c) => `SUM(${c}) AS ${c}`)
    .join(", ");
  const selects = Object.entries(TALLY_PARTS).map(([part, spec]) => {
    const by: readonly string[] = spec.by;
    const columns = TALLY_COLUMNS.map((c) => (by.includes(c) ? `"${c}"` : `'' AS "${c}"`));
    return `SELECT '${part}' AS "part", ${columns.join(", ")}, ${measures} FROM src${
      spec.where ? ` WHERE ${spec.where}` : ""
    } GROUP BY ${by.map((c) => `"${c}"`).join(", ")}`;
  });
  const rows = await readRows(Prisma.sql`
    WITH src AS MATERIALIZED (${talliedSql(caller, filters, regions)})
    ${Prisma.raw(selects.join(" UNION ALL "))}`);
  const parts = Object.fromEntries(
    Object.keys(TALLY_PARTS).map((part) => [part, [] as TalliedGroup[]]),
  ) as Record<TallyPart, TalliedGroup[]>;
  for (const r of rows) {
    parts[r.part as TallyPart].push({
      region: r.region as Region,
      category: r.category as CaseCategory,
      sector: r.sector as SectorKey,
      level: String(r.level),
      factGroup: String(r.factGroup),
      reported: String(r.reported),
      month: String(r.month),
      cases: toNumber(r.cases),
      named: toNumber(r.namedWorkers),
      unnamed: toNumber(r.unnamedWorkers),
      peopleHarmed: toNumber(r.peopleHarmed),
      indicators: ILO_INDICATORS.map((_, i) => toNumber(r[`indicator${i + 1}`])),
    });
  }
  return parts;
}

/** A table of `rows` × `columns`, each cell the sum of `measure` over the groups that fall in it. */
function crossTable<G>(
  data: G[],
  rows: readonly string[],
  columns: readonly string[],
  rowOf: (g: G) => string,
  columnOf: (g: G) => string,
  measure: (g: G) => number,
): CountTable {
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const columnIndex = new Map(columns.map((c, i) => [c, i]));
  const cells = rows.map(() => columns.map(() => 0));
  for (const g of data) {
    const r = rowIndex.get(rowOf(g));
    const c = columnIndex.get(columnOf(g));
    if (r === undefined || c === undefined) continue;
    cells[r]![c]! += measure(g);
  }
  return { rows: [...rows], columns: [...columns], cells };
}

async function outcomesOf(caller: Caller, filters: ReportFilters) {
  // A national coordinator's report without filters counts every case: no need to join them.
  const everyCase =
    caller.role === "COORDINATOR" &&
    !caller.duress &&
    isNational(caller.regions) &&
    filters.regions.length === 0 &&
    filters.categories.length === 0 &&
    filters.sectors.length === 0 &&
    !filters.level;
  const from = everyCase
    ? Prisma.sql`"CaseOutcome" o WHERE o."date" >= ${dayStart(filters.from)} AND o."date" < ${dayAfter(filters.to)}`
    : Prisma.sql`"CaseOutcome" o JOIN "Case" c ON c."id" = o."caseId" ${employerJoinFor(filters)}
    WHERE o."date" >= ${dayStart(filters.from)} AND o."date" < ${dayAfter(filters.to)}
      AND ${reportCasesSql(caller, filters, { period: false })}`;
  // Through Prisma, not the driver: sums of money stay exact (bigint) on both databases.
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT o."kind" AS kind, o."currency" AS currency, COUNT(*) AS n, COUNT(o."people") AS counted,
           SUM(o."people") AS people, SUM(o."amountMinor") AS amount, COUNT(DISTINCT o."caseId") AS cases
    FROM ${from}
    GROUP BY o."kind", o."currency"`;
  const money = rows
    .filter((r) => r.kind === "WAGES_RECOVERED" && r.currency && r.amount !== null)
    .map((r) => ({
      currency: String(r.currency),
      amountMinor: BigInt(String(r.amount).replace(/\.0+$/, "")).toString(),
      cases: toNumber(r.cases),
    }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  // A case may record one kind under two currencies: count its cases once per kind
  // (asked only when some kind has more than one currency).
  const kinds = rows.map((r) => r.kind);
  const caseCounts =
    new Set(kinds).size === kinds.length
      ? rows
      : await prisma.$queryRaw<Record<string, unknown>[]>`
          SELECT o."kind" AS kind, COUNT(DISTINCT o."caseId") AS cases FROM ${from} GROUP BY o."kind"`;
  const people = PEOPLE_OUTCOMES.map((kind) => {
    const mine = rows.filter((r) => r.kind === kind);
    return {
      kind,
      // Sum of `people` where recorded, one person where not.
      people: mine.reduce(
        (sum, r) => sum + toNumber(r.people) + toNumber(r.n) - toNumber(r.counted),
        0,
      ),
      cases: toNumber(caseCounts.find((r) => r.kind === kind)?.cases),
    };
  });
  return { money, people };
}

/** Why the CFA would treat a case as urgent: life, personal freedom, a union's dissolution (in that order). */
export function cfaUrgency(
  category: CaseCategory,
  facts: Record<string, unknown>,
): FoaEntry["urgency"] {
  const list = (key: string): unknown[] => (Array.isArray(facts[key]) ? facts[key] : []);
  const urgency: FoaEntry["urgency"] = [];
  // Life: any violence recorded against the people involved (threats to life, assault, a killing).
  if (list("violence").length > 0) urgency.push("LIFE");
  if (category === "DETAINED_ACTIVIST") urgency.push("PERSONAL_FREEDOM");
  if (
    category === "STRIKE_PENALTIES" &&
    (list("penalties").includes("JAIL") || Number(facts.peopleJailed ?? 0) > 0)
  )
    urgency.push("PERSONAL_FREEDOM");
  if (category === "UNION_BUSTING" && list("actions").includes("DISSOLUTION"))
    urgency.push("UNION_DISSOLUTION");
  return urgency;
}

async function freedomOfAssociation(
  caller: Caller,
  filters: ReportFilters,
  categories: CaseCategory[],
  listing: FoaListing,
): Promise<Report["freedomOfAssociation"]> {
  const foa = FOA_CATEGORIES.filter((c) => categories.includes(c));
  if (foa.length === 0) return { total: 0, entries: [], listing };
  const where = Prisma.sql`${reportCasesSql(caller, filters)} AND ${inList(`c."category"`, foa, "CaseCategory")}`;
  const [countRow] = await prisma.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS n FROM "Case" c ${employerJoinFor(filters)} WHERE ${where}`;
  const ids =
    listing === "full"
      ? await prisma.$queryRaw<{ id: string }[]>`
          SELECT c."id" AS id FROM "Case" c ${employerJoinFor(filters)} WHERE ${where}
          ORDER BY c."incidentStart", c."id" LIMIT ${FOA_LIST_LIMIT}`
      : await prisma.$queryRaw<{ id: string }[]>`
          SELECT c."id" AS id FROM "Case" c ${employerJoinFor(filters)} WHERE ${where}
          ORDER BY c."incidentStart" DESC, c."id" DESC LIMIT ${FOA_SCREEN_LIMIT}`;
  const cases = await prisma.case.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ incidentStart: "asc" }, { id: "asc" }],
    select: {
      id: true,
      incidentStart: true,
      category: true,
      region: true,
      facts: true,
      factsText: true,
      unnamedWorkerCount: true,
      employers: {
        where: { role: "EMPLOYER" },
        select: { employer: { select: { name: true, sector: true } } },
      },
      proceedings: {
        orderBy: { createdAt: "asc" },
        select: { kind: true, status: true, authority: true },
      },
      outcomes: { orderBy: { date: "asc" }, select: { kind: true } },
      workers: {
        select: {
          id: true,
          consentToBeNamed: true,
          anonymous: true,
          identity: { select: { fullName: true } },
        },
      },
    },
  });
  // The authority is free text and the names are identities: both sealed, opened per case.
  const openers = await openersForCases(cases.map((c) => c.id));
  const entries: FoaEntry[] = cases.map((c) => {
    const opener = openers.get(c.id)!;
    let facts: Record<string, unknown> = {};
    try {
      const text = valueOf(opener.openOne("Case", "factsText", c.id, c.factsText));
      facts = joinFacts(
        JSON.parse(c.facts) as Record<string, unknown>,
        text ? (JSON.parse(text) as Record<string, string>) : null,
      );
    } catch {
      facts = {};
    }
    const employer = c.employers[0]?.employer ?? null;
    const authority =
      typeof facts.authority === "string"
        ? facts.authority
        : typeof facts.declaredIllegalBy === "string"
          ? facts.declaredIllegalBy
          : null;
    return {
      incidentStart: c.incidentStart.toISOString().slice(0, 10),
      category: c.category,
      region: c.region,
      sector: employer?.sector ?? NO_SECTOR,
      employer: employer?.name ?? null,
      authority,
      proceedings: c.proceedings,
      outcomes: [...new Set(c.outcomes.map((o) => o.kind))],
      urgency: cfaUrgency(c.category, facts),
      workers: c.workers.length + c.unnamedWorkerCount,
      namedWorkers: c.workers.flatMap((w) => {
        if (!w.consentToBeNamed || w.anonymous || !w.identity) return [];
        const name = valueOf(
          opener.openOne("WorkerIdentity", "fullName", w.id, w.identity.fullName),
        );
        return name ? [name] : [];
      }),
    };
  });
  return { total: toNumber(countRow?.n), entries, listing };
}

export async function buildReport(
  caller: Caller,
  filters: ReportFilters,
  options: { foa: FoaListing } = { foa: "full" },
): Promise<Report> {
  const regions = reportRegions(caller, filters);
  const categories = filters.categories.length > 0 ? [...filters.categories] : [...CATEGORIES];
  const sectors = filters.sectors.length > 0 ? [...filters.sectors] : SECTOR_KEYS;
  const months = reportMonths(filters);

  const [counts, outcomes, foa] = await Promise.all([
    tallied(caller, filters, regions),
    outcomesOf(caller, filters),
    freedomOfAssociation(caller, filters, categories, options.foa),
  ]);
  const workers = (g: Pick<TalliedGroup, "named" | "unnamed">) => g.named + g.unnamed;
  const byCategoryMonth = (measure: (g: TalliedGroup) => number) =>
    crossTable(
      counts.month,
      categories,
      months,
      (g) => g.category,
      (g) => g.month,
      measure,
    );
  const workersBy = (part: TalliedGroup[], keys: string[], keyOf: (g: TalliedGroup) => string) =>
    keys.map((key) => {
      const mine = part.filter((g) => keyOf(g) === key);
      return [mine.reduce((s, g) => s + g.named, 0), mine.reduce((s, g) => s + g.unnamed, 0)];
    });
  const forced = counts.forced;

  return {
    filters,
    regions,
    categories,
    months,
    casesByCategoryMonth: byCategoryMonth((g) => g.cases),
    workersByCategoryMonth: byCategoryMonth(workers),
    casesByRegionCategory: crossTable(
      counts.region,
      regions,
      categories,
      (g) => g.region,
      (g) => g.category,
      (g) => g.cases,
    ),
    workersByRegion: {
      rows: regions,
      columns: ["named", "unnamed"],
      cells: workersBy(counts.region, regions, (g) => g.region),
    },
    casesBySectorCategory: crossTable(
      counts.sector,
      sectors,
      categories,
      (g) => g.sector,
      (g) => g.category,
      (g) => g.cases,
    ),
    workersBySector: {
      rows: sectors,
      columns: ["named", "unnamed"],
      cells: workersBy(counts.sector, sectors, (g) => g.sector),
    },
    verification: crossTable(
      counts.level,
      ["cases"],
      filters.level ? [filters.level] : VERIFICATION_LEVELS,
      () => "cases",
      (g) => g.level,
      (g) => g.cases,
    ),
    forcedLabour: {
      verdicts: crossTable(
        forced,
        ["cases"],
        ["FORCED_LABOUR", "INDICATORS_ONLY"],
        () => "cases",
        (f) => f.factGroup,
        (f) => f.cases,
      ),
      // A case counts under each indicator it shows: the column does not add up to the cases.
      indicators: {
        rows: [...ILO_INDICATORS],
        columns: ["cases"],
        additive: false,
        cells: ILO_INDICATORS.map((_, i) => [forced.reduce((sum, f) => sum + f.indicators[i]!, 0)]),
      },
    },
    unsafeWork: {
      bySector: crossTable(
        counts.unsafeSector,
        sectors,
        HARM_KINDS,
        (u) => u.sector,
        (u) => u.factGroup,
        (u) => u.cases,
      ),
      byRegion: crossTable(
        counts.unsafeRegion,
        regions,
        HARM_KINDS,
        (u) => u.region,
        (u) => u.factGroup,
        (u) => u.cases,
      ),
      reportedToInspectorate: crossTable(
        counts.unsafeReported,
        HARM_KINDS,
        TRI_STATE,
        (u) => u.factGroup,
        (u) => u.reported,
        (u) => u.cases,
      ),
      peopleHarmed: crossTable(
        counts.unsafeReported,
        HARM_KINDS,
        ["people"],
        (u) => u.factGroup,
        () => "people",
        (u) => u.peopleHarmed,
      ),
    },
    outcomes,
    freedomOfAssociation: foa,
  };
}
