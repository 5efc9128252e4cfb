// Read-only statements through the database driver itself, for the reads that
// run on every view of the most-used pages and must cost no more than the SQL:
// the session, the lists, the dashboards and the whole case file (decisions
// 0010, 0044, 0053). Writes, and reads inside a transaction, go through Prisma.
//
// Why not Prisma's `$queryRaw`: its client adds about half a millisecond and
// an allocation-heavy mapping of every value to each statement, measured
// against its own driver adapter, which is as fast as the driver
// (docs/decisions/0010). On SQLite there is a second reason: this is a
// connection of its own, so a list never waits behind another request's
// write transaction on the app's connection, and sees only what has been
// committed (WAL: every statement reads the last committed state).
//
// Values come back as the driver gives them: dates as Date on PostgreSQL and
// ISO text on SQLite (use `instant`), counts as bigint text on PostgreSQL (use
// `Number`). Statements are `Prisma.sql` templates, so values are always
// bound, never spliced into the text.
import Database from "better-sqlite3";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import { database } from "../db.server";
import { READS_CACHE_MB, SQLITE_BUSY_TIMEOUT_MS } from "./driver-adapter.server";
import { postgresPool, postgresValue } from "./pg-pool.server";

export type ReadRow = Record<string, unknown>;

type Reader = {
  all(query: Prisma.Sql): Promise<ReadRow[]>;
  /** Rows as arrays in the statement's column order: no object per row (long scans). */
  arrays(query: Prisma.Sql): Promise<unknown[][]>;
  close(): Promise<void>;
};

/** Prepared statements kept per SQL text; the list's shapes are few, but bounded anyway. */
const MAX_STATEMENTS = 200;

/** A Date as Prisma's SQLite adapter stores it (ISO 8601 with an explicit UTC offset). */
const sqliteValue = (value: unknown) => {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
};

function sqliteReader(filePath: string): Reader {
  const db = new Database(filePath, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  // The app's connection sets WAL; this one only ever reads.
  db.pragma("query_only = ON");
  db.pragma(`cache_size = -${READS_CACHE_MB * 1024}`);
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  return {
    async all(query) {
      const statement = prepared(query.sql); // .sql is composed anew on every read
      return statement.raw(false).all(...query.values.map(sqliteValue)) as ReadRow[];
    },
    async arrays(query) {
      const statement = prepared(query.sql);
      return statement.raw(true).all(...query.values.map(sqliteValue)) as unknown[][];
    },
    async close() {
      db.close();
    },
  };
}

function postgresReader(url: string): Reader {
  // A script's process ends once its reads are done, without waiting for idle connections to close.
  const pool = postgresPool({ connectionString: url, max: 4, allowExitOnIdle: true });
  return {
    async all(query) {
      const result = await pool.query({
        text: query.text,
        values: query.values.map(postgresValue),
      });
      return result.rows as ReadRow[];
    },
    async arrays(query) {
      const result = await pool.query({
        text: query.text,
        values: query.values.map(postgresValue),
        rowMode: "array",
      });
      return result.rows as unknown[][];
    },
    close: () => pool.end(),
  };
}

let reader: Reader | undefined;

/** Runs one read-only statement and returns its rows. */
export function readRows(query: Prisma.Sql): Promise<ReadRow[]> {
  reader ??=
    database.provider === "sqlite" ? sqliteReader(database.filePath) : postgresReader(database.url);
  return reader.all(query);
}

/** Runs one read-only statement and returns its rows as arrays, in the order of its columns. */
export function readArrays(query: Prisma.Sql): Promise<unknown[][]> {
  reader ??=
    database.provider === "sqlite" ? sqliteReader(database.filePath) : postgresReader(database.url);
  return reader.arrays(query);
}

/** Closes the reading connection (tests and scripts, before they end). */
export async function closeReads(): Promise<void> {
  const open = reader;
  reader = undefined;
  await open?.close();
}

/** A date or time as either driver returns it. */
export const instant = (value: unknown): Date =>
  value instanceof Date ? value : new Date(String(value));

/** `instant`, or null for a null column. */
export const instantOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : instant(value);

/** A text column that may be null. */
export const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** A number column that may be null (PostgreSQL gives a BigInt column as text). */
export const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** A boolean as either driver returns it: SQLite gives 0 or 1, PostgreSQL true or false. */
export const flag = (value: unknown): boolean => value === true || Number(value) === 1;
