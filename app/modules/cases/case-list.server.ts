// The case list and its CSV export: the cases the caller may reach (the
// caller's scope is ANDed into every query), filtered, searched, sorted and
// paged.
//
// The list is the app's most used query, so it is written in SQL and read
// through the driver (db/reads.server.ts): one statement reads a page with
// its employer, lead lawyer and worker count, and counts the matches (up to
// COUNT_CAP), where Prisma took four round trips. The scope is `caseScopeSql`,
// the SQL twin of `caseScope` (their test compares the two).
//
// Search looks for each word of the query as a substring of Case.searchText's
// clear part (reference, employers, BINs; folded: see search-text.server.ts),
// or as a whole word among the blind tokens of worker names, place and account.
// Both go through indexes written by hand in migrations. The clear letters of
// words of three or more characters: a trigram index (case_list_search) — on
// SQLite the FTS5 table "_cf_ADAL_case_search" (its rowid is
// year * 100000000 + number), on PostgreSQL a partial GIN index over
// "searchText" (pg_trgm) that `LIKE '%word%'` uses. The tokens: an exact-term
// index of the tokens line (case_search_tokens) — on SQLite the FTS5 table
// "_cf_ADAL_case_tokens" (same rowid), on PostgreSQL a partial GIN index over
// the tokens line as an array (TOKENS), which `@> ARRAY[...]` uses. Words
// shorter than a trigram are matched on the rows the other conditions leave.
import { instant, readRows } from "~/db/reads.server";
import { database, prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { CaseCategory, CaseStatus, Region, Urgency } from "~/generated/prisma/sqlite/enums";
import { checkExportSize } from "~/modules/audit/alerts.server";
import { appendAudit, recordReadAudit } from "~/modules/audit/audit.server";
import { URGENCIES } from "~/modules/intake/categories";
import { blindQuery, type BlindIndexKeys } from "~/modules/keys/blind-index.server";
import { sealExportWords } from "~/modules/keys/audit-words.server";
import { blindIndexKeysIfUnsealed, newRowId } from "~/modules/keys/case-fields.server";
import { toCsv } from "~/utils/csv";
import { endOfKazakhstanDay, startOfKazakhstanDay, todayInKazakhstan } from "~/utils/time";
import {
  CASE_LIST_PAGE_SIZE,
  INDEXED_TERM_LENGTH,
  searchTerms,
  type CaseListFilters,
  type CaseListSort,
  EXPORT_MAX_ROWS,
} from "./case-list";
import { caseScopeSql, enumValue } from "./scope-sql.server";
import type { Caller } from "~/modules/auth/caller";
import { identitiesByReference, pseudonymsByReference } from "./pseudonyms.server";
import type { RevealInput } from "./reveal.schema";

export { EXPORT_MAX_ROWS } from "./case-list";

/** Whoever asks, as caseScope needs them (a coordinator with their regions). */

const EXPORT_BATCH = 2_000;

/**
 * Counting stops here: past it the page says "more than 10 000". A full
 * count of a broad list reads every matching index entry on every page view;
 * nobody pages that far, and the filters narrow it.
 */
export const COUNT_CAP = 10_000;

/** What every list of cases shows of a case. */
export type CaseSummary = {
  reference: string;
  category: CaseCategory;
  status: CaseStatus;
  urgency: Urgency;
  region: Region;
  createdAt: Date;
  lastActivityAt: Date;
};

export type CaseListRow = CaseSummary & {
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

/** A row as the list's statement returns it (values as the driver gives them). */
type ListedRow = {
  id: string;
  reference: string;
  category: CaseCategory;
  status: CaseStatus;
  urgency: Urgency;
  region: Region;
  createdAt: unknown;
  lastActivityAt: unknown;
  employerId: string | null;
  employerName: string | null;
  leadLawyer: string | null;
  workerCount: unknown;
};

/**
 * What one row of the list shows, for the cases of "Case" c. A case has one
 * lead lawyer at most (a new lead makes the previous one a supporting lawyer)
 * and one employer of record at most (CaseEmployer's key is the case and the role).
 */
const LIST_COLUMNS = Prisma.sql`c."id" AS "id", c."reference" AS "reference",
  c."category" AS "category", c."status" AS "status", c."urgency" AS "urgency",
  c."region" AS "region", c."createdAt" AS "createdAt", c."lastActivityAt" AS "lastActivityAt",
  e."id" AS "employerId", e."name" AS "employerName",
  (SELECT u."displayName" FROM "CaseAssignment" a JOIN "User" u ON u."id" = a."userId"
    WHERE a."caseId" = c."id" AND a."role" = 'LEAD_LAWYER' LIMIT 1) AS "leadLawyer",
  c."unnamedWorkerCount" + (SELECT COUNT(*) FROM "AffectedWorker" w WHERE w."caseId" = c."id") AS "workerCount"`;

const EMPLOYER_JOIN = Prisma.sql`
  LEFT JOIN "CaseEmployer" ce ON ce."caseId" = c."id" AND ce."role" = 'EMPLOYER'
  LEFT JOIN "Employer" e ON e."id" = ce."employerId"`;

function toListRow(row: ListedRow): CaseListRow {
  return {
    reference: row.reference,
    category: row.category,
    status: row.status,
    urgency: row.urgency,
    region: row.region,
    createdAt: instant(row.createdAt),
    lastActivityAt: instant(row.lastActivityAt),
    employer:
      row.employerId && row.employerName ? { id: row.employerId, name: row.employerName } : null,
    leadLawyer: row.leadLawyer,
    workerCount: Number(row.workerCount),
  };
}

const characters = (term: string) => [...term].length;

/** LIKE treats % and _ (and the escape character \\) specially; a search means them literally. */
export const likeLiteral = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A query's conditions on "Case" c, and the common table expression they may
 * read ("matched": the cases the SQLite search index found).
 */
type Narrowed = { with?: Prisma.Sql; where: Prisma.Sql };

/**
 * "searchText" holds `term` as typed (in its clear part). Case-sensitive on purpose: terms are
 * folded to lower case, blind tokens are upper case (blind-index.server.ts), so a typed term never
 * matches inside a token. PostgreSQL's LIKE is case-sensitive and escapes with \\ by default;
 * on SQLite (whose LIKE ignores ASCII case) `instr` compares bytes and has no wildcards at all.
 */
const contains = (term: string) =>
  database.provider === "postgresql"
    ? Prisma.sql`c."searchText" LIKE ${`%${likeLiteral(term)}%`}`
    : Prisma.sql`instr(c."searchText", ${term}) > 0`;

/**
 * One search term's alternatives: the letters typed, found in the clear part (reference,
 * employers, BINs), or every word of it found whole among the tokens of the worker names, the
 * place and the account (docs/decisions/0013). No tokens while sealed: only the clear part.
 */
function alternatives(
  term: string,
  keys: BlindIndexKeys | null,
): { clear: string; tokens: string[] } {
  return { clear: term, tokens: keys ? blindQuery(keys, term) : [] };
}

const anyOf = (parts: Prisma.Sql[]) =>
  parts.length === 1 ? parts[0]! : Prisma.sql`(${Prisma.join(parts, " OR ")})`;
const allOf = (parts: Prisma.Sql[]) =>
  parts.length === 1 ? parts[0]! : Prisma.sql`(${Prisma.join(parts, " AND ")})`;

/**
 * The last line of "searchText" (the tokens line, if it has one) as an array, exactly as the partial GIN index
 * Case_searchText_tokens_idx (migration case_search_tokens) is built: the planner uses the
 * index only for this very expression, written as literals (a bound pattern would not match).
 */
const TOKENS = Prisma.raw(`string_to_array(split_part(c."searchText", E'\\n', -1), ' ')`);

/** A term as row conditions: its clear substring, or all its tokens. */
function termCondition({ clear, tokens }: { clear: string; tokens: string[] }): Prisma.Sql {
  if (tokens.length === 0) return contains(clear);
  // Short terms on SQLite are matched on rows: `instr` finds a token in the tokens line.
  const allTokens =
    database.provider === "postgresql"
      ? Prisma.sql`${TOKENS} @> ARRAY[${Prisma.join(tokens)}]::text[]`
      : allOf(tokens.map(contains));
  return anyOf([contains(clear), allTokens]);
}

const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The rowids of the cases whose clear part holds `clear` (SQLite's trigram index). */
const clearMatch = (clear: string) =>
  Prisma.sql`SELECT rowid AS "k" FROM "_cf_ADAL_case_search"
    WHERE "_cf_ADAL_case_search" MATCH ${phrase(clear)}`;

/** The rowids of the cases that hold every one of `tokens` (SQLite's token index). */
const tokenMatch = (tokens: string[]) =>
  Prisma.sql`SELECT rowid AS "k" FROM "_cf_ADAL_case_tokens"
    WHERE "_cf_ADAL_case_tokens" MATCH ${tokens.map(phrase).join(" AND ")}`;

/**
 * The search's conditions on "Case" c, and the indexes' matches as "matched" on SQLite.
 * Exported for its test, which reads the plan.
 */
export function searchConditions(q: string | undefined): {
  with?: Prisma.Sql;
  conditions: Prisma.Sql[];
} {
  const terms = searchTerms(q);
  if (terms.length === 0) return { conditions: [] };
  const keys = blindIndexKeysIfUnsealed();
  const alts = terms.map((term) => alternatives(term, keys));
  if (database.provider === "postgresql") {
    // `<> ''` repeats the partial trigram index's predicate so the planner can use it.
    const each = alts.map(termCondition);
    if (alts.length === 1 || alts.some((alt) => alt.tokens.length === 0))
      return { conditions: [Prisma.sql`c."searchText" <> ''`, ...each] };
    // Several words (a name and a surname), each found by its letters or by its tokens. Written
    // so that both ways are one index lookup each: every word by its tokens is one GIN lookup
    // of all the tokens together; otherwise some word's letters are in the clear part (the
    // trigram index finds those few cases) and every word holds there one way or the other.
    // The same cases as ANDing the words (a case that is not the first kind has a word found by
    // its letters), but the planner no longer fetches one common first name's thousands of
    // cases to test the surname on each row.
    const allTokens = Prisma.sql`${TOKENS} @> ARRAY[${Prisma.join(alts.flatMap((a) => a.tokens))}]::text[]`;
    const someClear = anyOf(alts.map((alt) => contains(alt.clear)));
    return {
      conditions: [
        Prisma.sql`c."searchText" <> ''`,
        anyOf([allTokens, allOf([someClear, ...each])]),
      ],
    };
  }
  // Terms shorter than a trigram are matched on the rows the other conditions leave.
  const indexed = alts.filter((alt) => characters(alt.clear) >= INDEXED_TERM_LENGTH);
  const short = alts
    .filter((alt) => characters(alt.clear) < INDEXED_TERM_LENGTH)
    .map(termCondition);
  if (indexed.length === 0) return { conditions: short };
  // Each word's cases: its letters as a quoted FTS5 phrase (a substring match on the trigram
  // index), or all its tokens (terms of the token index); the words' cases intersected.
  // UNION ALL: a case found both ways may come twice; INTERSECT and `IN` ignore repeats, and
  // a common word's thousands of cases are not sorted to remove them.
  // Read once per statement (MATERIALIZED), however often the statement uses it.
  const found = Prisma.join(
    indexed.map(({ clear, tokens }) =>
      tokens.length > 0
        ? Prisma.sql`SELECT "k" FROM (${clearMatch(clear)} UNION ALL ${tokenMatch(tokens)})`
        : clearMatch(clear),
    ),
    " INTERSECT ",
  );
  return {
    with: Prisma.sql`"matched" AS MATERIALIZED (
      SELECT m."id" FROM (${found}) f
      JOIN "Case" m ON m."year" = f."k" / 100000000 AND m."number" = f."k" % 100000000)`,
    // Only ever read through IN (see UNION ALL above).
    conditions: [...short, Prisma.sql`c."id" IN (SELECT "id" FROM "matched")`],
  };
}

/** `body` with the common table expression its conditions read, if any. */
const statement = (narrowed: Narrowed, body: Prisma.Sql) =>
  narrowed.with ? Prisma.sql`WITH ${narrowed.with} ${body}` : body;

const inList = <T extends string>(values: readonly T[], type: Parameters<typeof enumValue>[1]) =>
  Prisma.join(values.map((value) => enumValue(value, type)));

/** The caller's scope, the filters and the search, as conditions on "Case" c. */
function listCondition(caller: Caller, filters: CaseListFilters): Narrowed {
  const search = searchConditions(filters.q);
  const conditions: Prisma.Sql[] = [caseScopeSql(caller, "c")];
  if (filters.status.length > 0)
    conditions.push(Prisma.sql`c."status" IN (${inList(filters.status, "CaseStatus")})`);
  if (filters.category)
    conditions.push(Prisma.sql`c."category" = ${enumValue(filters.category, "CaseCategory")}`);
  if (filters.region)
    conditions.push(Prisma.sql`c."region" = ${enumValue(filters.region, "Region")}`);
  if (filters.urgency)
    conditions.push(Prisma.sql`c."urgency" = ${enumValue(filters.urgency, "Urgency")}`);
  if (filters.assignee === "none") {
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "CaseAssignment" a
      WHERE a."caseId" = c."id" AND a."role" = 'LEAD_LAWYER')`);
  } else if (filters.assignee) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "CaseAssignment" a
      WHERE a."caseId" = c."id" AND a."userId" = ${filters.assignee})`);
  }
  if (filters.employer) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "CaseEmployer" x
      WHERE x."caseId" = c."id" AND x."employerId" = ${filters.employer})`);
  }
  if (filters.from)
    conditions.push(Prisma.sql`c."createdAt" >= ${startOfKazakhstanDay(filters.from)}`);
  if (filters.to) conditions.push(Prisma.sql`c."createdAt" < ${endOfKazakhstanDay(filters.to)}`);
  conditions.push(...search.conditions);
  return { with: search.with, where: Prisma.join(conditions, " AND ") };
}

/** The list's order on the rows of `table`. The id breaks ties, so that pages never repeat or skip a case. */
function orderBy(sort: Exclude<CaseListSort, "urgency">, table: "c" | "page"): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${table}."${name}"`);
  return sort === "age"
    ? Prisma.sql`${column("createdAt")} ASC, ${column("id")} ASC`
    : Prisma.sql`${column("lastActivityAt")} DESC, ${column("id")} DESC`;
}

/**
 * Rows [skip, skip + take) of the cases matching `where`, in that order. The
 * page's ids are chosen first, from the index alone where it can; only their
 * rows get an employer, a lead lawyer and a worker count (a sort would
 * otherwise work them out for every match).
 */
const pageOf = (
  where: Prisma.Sql,
  sort: Exclude<CaseListSort, "urgency">,
  skip: number,
  take: number,
) => Prisma.sql`
  SELECT ${LIST_COLUMNS}
  FROM (
    SELECT c."id" FROM "Case" c WHERE ${where}
    ORDER BY ${orderBy(sort, "c")} LIMIT ${take} OFFSET ${skip}
  ) chosen
  JOIN "Case" c ON c."id" = chosen."id" ${EMPLOYER_JOIN}
  ORDER BY ${orderBy(sort, "c")}`;

/** How many cases match, counting no further than `upTo`. */
async function countUpTo(narrowed: Narrowed, upTo: number): Promise<number> {
  const [row] = await readRows(
    statement(
      narrowed,
      Prisma.sql`SELECT COUNT(*) AS "n"
        FROM (SELECT 1 FROM "Case" c WHERE ${narrowed.where} LIMIT ${upTo}) counted`,
    ),
  );
  return Number(row?.n ?? 0);
}

/**
 * A page and the count in one statement (one round trip). The count's row is
 * there even when the page is empty: the page is LEFT JOINed to it.
 */
async function pageWithCount(
  narrowed: Narrowed,
  sort: Exclude<CaseListSort, "urgency">,
  skip: number,
  take: number,
): Promise<{ counted: number; rows: CaseListRow[] }> {
  const { where } = narrowed;
  const found = await readRows(
    statement(
      narrowed,
      Prisma.sql`SELECT counted."n" AS "counted", page.*
        FROM (SELECT COUNT(*) AS "n"
          FROM (SELECT 1 FROM "Case" c WHERE ${where} LIMIT ${COUNT_CAP + 1}) m) counted
        LEFT JOIN (${pageOf(where, sort, skip, take)}) page ON 1 = 1
        ORDER BY ${orderBy(sort, "page")}`,
    ),
  );
  return {
    counted: Number(found[0]?.counted ?? 0),
    rows: found.filter((row) => row.id != null).map((row) => toListRow(row as ListedRow)),
  };
}

/**
 * Rows [skip, skip + take) of the sorted list. "urgency" puts the most urgent
 * first and, within one urgency, the oldest first. The databases order the
 * enum differently (PostgreSQL by declaration, SQLite by name), so each
 * urgency is read on its own, in order, with its own index range.
 */
async function readRange(
  narrowed: Narrowed,
  sort: CaseListSort,
  skip: number,
  take: number,
): Promise<CaseListRow[]> {
  if (sort !== "urgency") {
    const rows = await readRows(statement(narrowed, pageOf(narrowed.where, sort, skip, take)));
    return rows.map((row) => toListRow(row as ListedRow));
  }
  const rows: CaseListRow[] = [];
  let offset = skip;
  for (const urgency of URGENCIES) {
    if (rows.length >= take) break;
    const bucket = {
      ...narrowed,
      where: Prisma.sql`${narrowed.where} AND c."urgency" = ${enumValue(urgency, "Urgency")}`,
    };
    // Only how many come before the page matters: counting stops past it.
    const inBucket = await countUpTo(bucket, offset + 1);
    if (inBucket <= offset) {
      offset -= inBucket;
      continue;
    }
    const found = await readRows(
      statement(bucket, pageOf(bucket.where, "age", offset, take - rows.length)),
    );
    rows.push(...found.map((row) => toListRow(row as ListedRow)));
    offset = 0;
  }
  return rows;
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
  await recordReadAudit({
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
  const narrowed = listCondition(caller, filters);
  const skip = (page - 1) * pageSize;
  const { counted, rows } =
    filters.sort === "urgency"
      ? {
          counted: await countUpTo(narrowed, COUNT_CAP + 1),
          rows: await readRange(narrowed, "urgency", skip, pageSize),
        }
      : await pageWithCount(narrowed, filters.sort, skip, pageSize);
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

const EXPORT_ACTION = "cases.exported";

/** The reason code in clear; the words sealed, bound to this entry by a fresh id kept beside them. */
function sealedWords(actorId: string, given: RevealInput) {
  const wordsId = newRowId();
  const explanation = sealExportWords(
    { action: EXPORT_ACTION, actorId, wordsId },
    given.explanation,
  );
  return { reason: given.reason, wordsId, explanation };
}

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
  "pseudonyms",
] as const;

/**
 * The filtered list (all pages, at most EXPORT_MAX_ROWS rows) as CSV, and an
 * audit entry saying who exported what. Workers are exported by pseudonym; their
 * identities only when `withIdentities` gives the exporter's reason (the route has
 * checked step-up), and the audit entry says so, with the reason code and the exporter's words
 * sealed for that entry (docs/decisions/0034's addenda; the admin audit page opens them).
 * The audit entry records that there was a search and its length, not its words
 * (they may be a worker's name). Labels come in the caller's language.
 */
export async function exportCases(
  caller: Caller,
  filters: CaseListFilters,
  context: { ipAddress?: string | null; userAgent?: string | null },
  t: Translate,
  withIdentities: RevealInput | null = null,
): Promise<CaseExport> {
  // The words can name a worker or why they are at risk: sealed for this entry alone, before
  // anything is read or written. A sealed server refuses here (423), as a single case's reveal.
  const words = withIdentities ? sealedWords(caller.id, withIdentities) : {};
  const narrowed = listCondition(caller, filters);
  const rows: CaseListRow[] = [];
  let truncated = false;
  for (let skip = 0; skip < EXPORT_MAX_ROWS; skip += EXPORT_BATCH) {
    const take = Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - skip);
    const batch = await readRange(narrowed, filters.sort, skip, take);
    rows.push(...batch);
    if (batch.length < take) break;
  }
  if (rows.length === EXPORT_MAX_ROWS) {
    truncated = (await countUpTo(narrowed, EXPORT_MAX_ROWS + 1)) > EXPORT_MAX_ROWS;
  }
  await prisma.$transaction(async (tx) => {
    await appendAudit(tx, {
      action: EXPORT_ACTION,
      actorId: caller.id,
      details: {
        ...recordedFilters(filters),
        rows: rows.length,
        truncated,
        withIdentities: withIdentities !== null,
        ...words,
      },
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
    });
    await checkExportSize(tx, caller.id, rows.length);
  });
  const references = rows.map((row) => row.reference);
  const pseudonyms = withIdentities ? null : await pseudonymsByReference(references);
  const identities = withIdentities ? await identitiesByReference(references) : null;
  const workersOf = (reference: string) =>
    identities
      ? (identities.get(reference) ?? [])
          .map((w) => (w.identity ? `${w.pseudonym}: ${w.identity}` : w.pseudonym))
          .join("; ")
      : (pseudonyms?.get(reference) ?? []).join(" ");
  // The last column: the pseudonyms, or (with identities) each pseudonym with its identity.
  const header = EXPORT_COLUMNS.map((column) =>
    t(`caseList.columns.${column === "pseudonyms" && identities ? "identities" : column}`),
  );
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
    workersOf(row.reference),
  ]);
  return { csv: toCsv([header, ...body]), rowCount: rows.length, truncated };
}
