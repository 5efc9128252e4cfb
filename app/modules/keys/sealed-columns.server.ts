// Every column stored sealed with a case key, in one list (issue 13): which
// table, which columns, the row id each ciphertext names, and how to find the
// row's case. `keys:encrypt-existing` walks it to seal what was stored before
// the keys existed, and the sentinel tests walk it to check that nothing in it
// is left in clear. A new sealed column is added here, or it is neither
// migrated nor checked. (The one sealed value inside JSON, a timeline entry's
// `details.reason`, bound to ("TimelineEvent", "reason", the entry's id), is
// handled by encrypt-existing's timeline step.)
import { Prisma } from "~/generated/prisma/sqlite/client";

/** How a row's case id is found. */
export type CaseIdOf =
  /** A column of the row itself ("caseId", or "id" for the case row). */
  | { column: string }
  /** A column of a parent row the row points at (WorkerIdentity → AffectedWorker). */
  | { through: { table: string; foreignKey: string; column: string } };

export type SealedTable = {
  readonly table: string;
  /** The primary key: the row id every ciphertext of the row is bound to. */
  readonly idColumn: string;
  readonly caseId: CaseIdOf;
  /** The sealed columns (text; null stays null). */
  readonly columns: readonly string[];
};

export const SEALED_TABLES: readonly SealedTable[] = [
  {
    table: "Case",
    idColumn: "id",
    caseId: { column: "id" },
    columns: ["place", "account", "factsText"],
  },
  {
    table: "WorkerIdentity",
    idColumn: "workerId",
    caseId: { through: { table: "AffectedWorker", foreignKey: "workerId", column: "caseId" } },
    columns: ["fullName", "iin", "phone", "address", "contactNotes"],
  },
  {
    table: "CaseDocument",
    idColumn: "id",
    caseId: { column: "caseId" },
    columns: ["title", "fileName", "withdrawnReason"],
  },
  // Notes, outcomes and legal action (decision 0027, addendum).
  {
    table: "CaseNote",
    idColumn: "id",
    caseId: { column: "caseId" },
    columns: ["body", "withdrawnReason"],
  },
  { table: "CaseOutcome", idColumn: "id", caseId: { column: "caseId" }, columns: ["note"] },
  {
    table: "Proceeding",
    idColumn: "id",
    caseId: { column: "caseId" },
    columns: ["externalNumber", "summary"],
  },
  {
    table: "LegalHold",
    idColumn: "id",
    caseId: { column: "caseId" },
    columns: ["reason", "releaseReason"],
  },
  {
    table: "ProceedingDate",
    idColumn: "id",
    caseId: { column: "caseId" },
    columns: ["place", "description", "outcome"],
  },
];

/** Every sealed column, one entry each: `{ table, column }`. */
export const SEALED_COLUMNS: ReadonlyArray<{ table: string; column: string }> =
  SEALED_TABLES.flatMap(({ table, columns }) => columns.map((column) => ({ table, column })));

const quoted = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * `SELECT <row id> AS "rowId", <case id> AS "caseId", <columns> FROM <table>` with the joins
 * the case id needs; `where` (over the alias `t`) and the order and limit follow.
 */
export function selectSealedRows(
  sealed: SealedTable,
  where: Prisma.Sql,
  limit: number,
): Prisma.Sql {
  const columns = Prisma.join(
    sealed.columns.map((column) => Prisma.sql`t.${quoted(column)} AS ${quoted(column)}`),
  );
  const id = Prisma.sql`t.${quoted(sealed.idColumn)}`;
  if ("column" in sealed.caseId)
    return Prisma.sql`SELECT ${id} AS "rowId", t.${quoted(sealed.caseId.column)} AS "caseId", ${columns}
      FROM ${quoted(sealed.table)} t WHERE ${where} ORDER BY ${id} LIMIT ${limit}`;
  const { table, foreignKey, column } = sealed.caseId.through;
  return Prisma.sql`SELECT ${id} AS "rowId", p.${quoted(column)} AS "caseId", ${columns}
    FROM ${quoted(sealed.table)} t JOIN ${quoted(table)} p ON p."id" = t.${quoted(foreignKey)}
    WHERE ${where} ORDER BY ${id} LIMIT ${limit}`;
}

/** Rows of `sealed` after `afterId` with at least one column in clear (not in the sealed format). */
export function rowsInClear(sealed: SealedTable, afterId: string, limit: number): Prisma.Sql {
  const inClear = Prisma.join(
    sealed.columns.map((column) => Prisma.sql`t.${quoted(column)} NOT LIKE 'enc:v1:%'`),
    " OR ",
  );
  return selectSealedRows(
    sealed,
    Prisma.sql`t.${quoted(sealed.idColumn)} > ${afterId} AND (${inClear})`,
    limit,
  );
}

/** Writes one sealed value over the plaintext it replaces (and only over that plaintext). */
export function replaceInClear(
  sealed: SealedTable,
  column: string,
  rowId: string,
  plaintext: string,
  ciphertext: string,
): Prisma.Sql {
  return Prisma.sql`UPDATE ${quoted(sealed.table)} SET ${quoted(column)} = ${ciphertext}
    WHERE ${quoted(sealed.idColumn)} = ${rowId} AND ${quoted(column)} = ${plaintext}`;
}

/** The tables the sealed columns live in, and those the migration rewrites besides. */
export function tablesHoldingSealedText(): string[] {
  return [
    ...new Set([
      ...SEALED_TABLES.map((t) => t.table),
      "TimelineEvent",
      "DocumentChunk",
      "_cf_ADAL_case_search",
    ]),
  ];
}
