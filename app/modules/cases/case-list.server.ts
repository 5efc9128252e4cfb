// The case list and its CSV export: the cases the caller may reach (caseScope
// is ANDed into every query), filtered, searched, sorted and paged.
//
// Search looks for each word of the query as a substring of Case.searchText
// (folded: see search-text.server.ts). Words of three or more characters go
// through a trigram index, written by hand in the case_list_search migration:
// on SQLite the FTS5 table "_cf_ADAL_case_search" (its rowid is
// year * 100000000 + number), on PostgreSQL a partial GIN index over
// "searchText" (pg_trgm) that `LIKE '%word%'` uses. Shorter words are matched
// on the rows the other conditions leave.
import { database, prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { checkExportSize } from "~/modules/audit/alerts.server";
import { appendAudit, recordAudit } from "~/modules/audit/audit.server";
import { URGENCIES } from "~/modules/intake/categories";
import { toCsv } from "~/utils/csv";
import { todayInKazakhstan } from "~/utils/schema-primitives";
import { caseScope } from "./access.server";
import {
  CASE_LIST_PAGE_SIZE,
  INDEXED_TERM_LENGTH,
  searchTerms,
  type CaseListFilters,
  type CaseListSort,
} from "./case-list";

/** Whoever asks, as caseScope needs them (a coordinator with their regions). */
type Caller = Parameters<typeof caseScope>[0];

/** The most rows one export holds; the file says when it was cut short. */
export const EXPORT_MAX_ROWS = 50_000;
/**
 * On SQLite the index's matches reach the list query as an id list. Past this
 * many, the words are matched with LIKE on the filtered rows instead (slower,
 * same result), to stay far below SQLite's limit of bound parameters.
 */
const MAX_INDEXED_MATCHES = 20_000;
const EXPORT_BATCH = 2_000;
/** Up to this many index matches, a search's list is read in one query (see listCases). */
const SMALL_MATCH = 2_000;

/** The columns of Case the list shows; the rest comes from `withDetails`. */
const listSelect = {
  id: true,
  reference: true,
  category: true,
  status: true,
  urgency: true,
  region: true,
  createdAt: true,
  lastActivityAt: true,
  unnamedWorkerCount: true,
} satisfies Prisma.CaseSelect;

type ListedCase = Prisma.CaseGetPayload<{ select: typeof listSelect }>;

/**
 * Counting stops here: past it the page says "more than 10 000". A full
 * count of a broad list reads every matching index entry on every page view;
 * nobody pages that far, and the filters narrow it.
 */
export const COUNT_CAP = 10_000;

export type CaseListRow = {
  reference: string;
  category: ListedCase["category"];
  status: ListedCase["status"];
  urgency: ListedCase["urgency"];
  region: ListedCase["region"];
  createdAt: Date;
  lastActivityAt: Date;
  employer: { id: string; name: string } | null;
  leadLawyer: string | null;
  /** Named and unnamed workers together. */
  workerCount: number;
};

export type CaseListPage = {
  /** Exact up to COUNT_CAP; when `capped`, there are more than COUNT_CAP. */
  total: number;
  capped: boolean;
  page: number;
  pageSize: number;
  rows: CaseListRow[];
};

type Details = {
  id: string;
  employerId: string | null;
  employerName: string | null;
  leadLawyer: string | null;
  namedWorkers: number | bigint;
};

/**
 * The employer, lead lawyer and worker count of the cases of one page, in one
 * query (Prisma would take five, and its relation `_count` aggregates the
 * whole worker table). The ids come from the page's query, which holds the
 * caller's scope: this reads nothing about any other case.
 */
async function withDetails(cases: ListedCase[]): Promise<CaseListRow[]> {
  if (cases.length === 0) return [];
  const details = await prisma.$queryRaw<Details[]>`
    SELECT c."id" AS "id", e."id" AS "employerId", e."name" AS "employerName",
      (SELECT u."displayName" FROM "CaseAssignment" a JOIN "User" u ON u."id" = a."userId"
        WHERE a."caseId" = c."id" AND a."role" = 'LEAD_LAWYER'
        ORDER BY a."assignedAt" LIMIT 1) AS "leadLawyer",
      (SELECT COUNT(*) FROM "AffectedWorker" w WHERE w."caseId" = c."id") AS "namedWorkers"
    FROM "Case" c
    LEFT JOIN "CaseEmployer" ce ON ce."caseId" = c."id" AND ce."role" = 'EMPLOYER'
    LEFT JOIN "Employer" e ON e."id" = ce."employerId"
    WHERE c."id" IN (${Prisma.join(cases.map((c) => c.id))})`;
  const byId = new Map(details.map((d) => [d.id, d]));
  return cases.map(({ id, unnamedWorkerCount, ...rest }) => {
    const found = byId.get(id);
    return {
      ...rest,
      employer:
        found?.employerId && found.employerName
          ? { id: found.employerId, name: found.employerName }
          : null,
      leadLawyer: found?.leadLawyer ?? null,
      workerCount: Number(found?.namedWorkers ?? 0) + unnamedWorkerCount,
    };
  });
}

/** Start of a YYYY-MM-DD day in Kazakhstan, as an instant. */
export function startOfDayInKazakhstan(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  const offset = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Almaty",
    timeZoneName: "longOffset",
  })
    .formatToParts(utcMidnight)
    .find((part) => part.type === "timeZoneName")?.value;
  const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? "") ?? [];
  const offsetMs = sign
    ? (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000
    : 0;
  return new Date(utcMidnight.getTime() - offsetMs);
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const characters = (term: string) => [...term].length;

/** PostgreSQL's LIKE treats \ % _ specially; a search means them literally. */
const likeLiteral = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** How many cases the SQLite index matched, when the list query got them as an id list. */
type Narrowed = { conditions: Prisma.CaseWhereInput[]; indexedMatches?: number };

/**
 * The search's conditions. `null` when the index already says nothing matches.
 */
async function searchConditions(q: string | undefined): Promise<Narrowed | null> {
  const terms = searchTerms(q);
  if (terms.length === 0) return { conditions: [] };
  if (database.provider === "postgresql") {
    // `<> ''` repeats the partial trigram index's predicate so the planner can use it.
    return {
      conditions: [
        { searchText: { not: "" } },
        ...terms.map((term) => ({ searchText: { contains: likeLiteral(term) } })),
      ],
    };
  }
  const indexed = terms.filter((term) => characters(term) >= INDEXED_TERM_LENGTH);
  // SQLite's LIKE has no escape character by default: %, _ in a short word act as wildcards.
  const short = terms
    .filter((term) => characters(term) < INDEXED_TERM_LENGTH)
    .map((term) => ({ searchText: { contains: term } }));
  if (indexed.length === 0) return { conditions: short };
  // Each word a quoted FTS5 phrase: a substring match on the trigram index.
  const match = indexed.map((term) => `"${term.replaceAll('"', '""')}"`).join(" AND ");
  const matches = await prisma.$queryRaw<{ id: string }[]>`
    SELECT c."id" AS "id"
    FROM "_cf_ADAL_case_search" AS s
    JOIN "Case" AS c ON c."year" = s.rowid / 100000000 AND c."number" = s.rowid % 100000000
    WHERE "_cf_ADAL_case_search" MATCH ${match}
    LIMIT ${MAX_INDEXED_MATCHES + 1}`;
  if (matches.length === 0) return null;
  if (matches.length > MAX_INDEXED_MATCHES) {
    return {
      conditions: [...short, ...indexed.map((term) => ({ searchText: { contains: term } }))],
    };
  }
  return {
    conditions: [...short, { id: { in: matches.map(({ id }) => id) } }],
    indexedMatches: matches.length,
  };
}

/** The query condition for the caller's scope and these filters; `null`: nothing can match. */
export async function caseListWhere(
  caller: Caller,
  filters: CaseListFilters,
): Promise<Prisma.CaseWhereInput | null> {
  return (await narrowedWhere(caller, filters))?.where ?? null;
}

async function narrowedWhere(
  caller: Caller,
  filters: CaseListFilters,
): Promise<{ where: Prisma.CaseWhereInput; indexedMatches?: number } | null> {
  const search = await searchConditions(filters.q);
  if (search === null) return null;
  const conditions: Prisma.CaseWhereInput[] = [caseScope(caller)];
  if (filters.status.length > 0) conditions.push({ status: { in: filters.status } });
  if (filters.category) conditions.push({ category: filters.category });
  if (filters.region) conditions.push({ region: filters.region });
  if (filters.urgency) conditions.push({ urgency: filters.urgency });
  if (filters.assignee === "none") {
    conditions.push({ assignments: { none: { role: "LEAD_LAWYER" } } });
  } else if (filters.assignee) {
    conditions.push({ assignments: { some: { userId: filters.assignee } } });
  }
  if (filters.employer) conditions.push({ employers: { some: { employerId: filters.employer } } });
  if (filters.from) conditions.push({ createdAt: { gte: startOfDayInKazakhstan(filters.from) } });
  if (filters.to) {
    conditions.push({ createdAt: { lt: startOfDayInKazakhstan(nextDay(filters.to)) } });
  }
  conditions.push(...search.conditions);
  return { where: { AND: conditions }, indexedMatches: search.indexedMatches };
}

function orderFor(sort: Exclude<CaseListSort, "urgency">): Prisma.CaseOrderByWithRelationInput[] {
  // The id breaks ties, so that pages never repeat or skip a case.
  return sort === "age"
    ? [{ createdAt: "asc" }, { id: "asc" }]
    : [{ lastActivityAt: "desc" }, { id: "desc" }];
}

/**
 * Rows [skip, skip + take) of the sorted list. "urgency" puts the most urgent
 * first and, within one urgency, the oldest first. The databases order the
 * enum differently (PostgreSQL by declaration, SQLite by name), so each
 * urgency is read on its own, in order, with its own index range.
 */
async function readRange(
  where: Prisma.CaseWhereInput,
  sort: CaseListSort,
  skip: number,
  take: number,
): Promise<CaseListRow[]> {
  if (sort !== "urgency") {
    return withDetails(
      await prisma.case.findMany({
        where,
        orderBy: orderFor(sort),
        skip,
        take,
        select: listSelect,
      }),
    );
  }
  const rows: ListedCase[] = [];
  let offset = skip;
  for (const urgency of URGENCIES) {
    if (rows.length >= take) break;
    const bucket = { AND: [where, { urgency }] };
    // Only how many come before the page matters: counting stops past it.
    const inBucket = await prisma.case.count({ where: bucket, take: offset + 1 });
    if (inBucket <= offset) {
      offset -= inBucket;
      continue;
    }
    rows.push(
      ...(await prisma.case.findMany({
        where: bucket,
        orderBy: orderFor("age"),
        skip: offset,
        take: take - rows.length,
        select: listSelect,
      })),
    );
    offset = 0;
  }
  return withDetails(rows);
}

/**
 * The filters as the audit log keeps them: what was chosen, and of a search
 * only its length — the words may be a worker's name.
 */
function recordedFilters(filters: CaseListFilters) {
  const { q, page: _page, ...rest } = filters;
  return {
    filters: Object.fromEntries(
      Object.entries(rest).filter(
        ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
      ),
    ),
    ...(q ? { searchLength: [...q].length } : {}),
  };
}

/** A search or a filtered view of the case list is on the record (the default view is not). */
export async function recordCaseSearch(
  caller: Caller,
  filters: CaseListFilters,
  context: { ipAddress?: string | null; userAgent?: string | null },
): Promise<void> {
  const recorded = recordedFilters(filters);
  if (
    !recorded.searchLength &&
    Object.keys(recorded.filters).filter((k) => k !== "sort").length === 0
  )
    return;
  await recordAudit({
    action: "cases.searched",
    actorId: caller.id,
    details: recorded,
    ipAddress: context.ipAddress,
    userAgent: context.userAgent,
  });
}

/** One page of the list, with the number of cases that match (see COUNT_CAP). */
export async function listCases(
  caller: Caller,
  filters: CaseListFilters,
  { pageSize = CASE_LIST_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<CaseListPage> {
  const page = filters.page;
  const narrowed = await narrowedWhere(caller, filters);
  if (!narrowed) return { total: 0, capped: false, page, pageSize, rows: [] };
  const { where, indexedMatches } = narrowed;
  const skip = (page - 1) * pageSize;
  if (indexedMatches !== undefined && indexedMatches <= SMALL_MATCH && filters.sort !== "urgency") {
    // A search the index narrowed to a few hundred cases: one query reads them
    // all, sorted, which counts them too.
    const all = await prisma.case.findMany({
      where,
      orderBy: orderFor(filters.sort),
      select: listSelect,
    });
    const rows = await withDetails(all.slice(skip, skip + pageSize));
    return { total: all.length, capped: false, page, pageSize, rows };
  }
  const [counted, rows] = await Promise.all([
    prisma.case.count({ where, take: COUNT_CAP + 1 }),
    readRange(where, filters.sort, skip, pageSize),
  ]);
  const capped = counted > COUNT_CAP;
  return { total: capped ? COUNT_CAP : counted, capped, page, pageSize, rows };
}

/** What the filter form offers: people cases can be assigned to, and the chosen employer's name. */
export async function caseListChoices(filters: CaseListFilters) {
  const [assignees, employer] = await Promise.all([
    prisma.user.findMany({
      where: { active: true, role: { in: ["LAWYER", "COORDINATOR", "ORGANIZER"] } },
      orderBy: { displayName: "asc" },
      select: { id: true, displayName: true },
    }),
    filters.employer
      ? prisma.employer.findUnique({
          where: { id: filters.employer },
          select: { id: true, name: true },
        })
      : null,
  ]);
  return { assignees, employer };
}

export type Translate = (key: string) => string;

export type CaseExport = { csv: string; rowCount: number; truncated: boolean };

const EXPORT_COLUMNS = [
  "reference",
  "category",
  "status",
  "urgency",
  "region",
  "recorded",
  "lastChange",
  "employer",
  "leadLawyer",
  "workers",
] as const;

/**
 * The filtered list (all pages, at most EXPORT_MAX_ROWS rows) as CSV, and an
 * audit entry saying who exported what. No worker identity is exported; the
 * audit entry records that there was a search and its length, not its words
 * (they may be a worker's name). Labels come in the caller's language.
 */
export async function exportCases(
  caller: Caller,
  filters: CaseListFilters,
  context: { ipAddress?: string | null; userAgent?: string | null },
  t: Translate,
): Promise<CaseExport> {
  const where = await caseListWhere(caller, filters);
  const rows: CaseListRow[] = [];
  let truncated = false;
  if (where) {
    for (let skip = 0; skip < EXPORT_MAX_ROWS; skip += EXPORT_BATCH) {
      const take = Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - skip);
      const batch = await readRange(where, filters.sort, skip, take);
      rows.push(...batch);
      if (batch.length < take) break;
    }
    if (rows.length === EXPORT_MAX_ROWS) {
      truncated = (await prisma.case.count({ where, skip: EXPORT_MAX_ROWS, take: 1 })) > 0;
    }
  }
  await prisma.$transaction(async (tx) => {
    await appendAudit(tx, {
      action: "cases.exported",
      actorId: caller.id,
      details: { ...recordedFilters(filters), rows: rows.length, truncated },
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
    });
    await checkExportSize(tx, caller.id, rows.length);
  });
  const header = EXPORT_COLUMNS.map((column) => t(`caseList.columns.${column}`));
  const body = rows.map((row) => [
    row.reference,
    t(`categories.${row.category}`),
    t(`statuses.${row.status}`),
    t(`urgencies.${row.urgency}`),
    t(`regions.${row.region}`),
    todayInKazakhstan(row.createdAt),
    todayInKazakhstan(row.lastActivityAt),
    row.employer?.name ?? "",
    row.leadLawyer ?? "",
    String(row.workerCount),
  ]);
  return { csv: toCsv([header, ...body]), rowCount: rows.length, truncated };
}
