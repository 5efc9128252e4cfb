// Bulk inserts through the raw drivers (better-sqlite3, pg): multi-row INSERTs
// in big transactions, far faster than one Prisma call per row.
import Database from "better-sqlite3";
import pg from "pg";

export type Value = string | number | boolean | Date | null | bigint | Uint8Array;

export interface BulkWriter {
  readonly provider: "sqlite" | "postgresql";
  insert(table: string, columns: readonly string[], rows: Value[][]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  exec(sql: string): Promise<void>;
  /** A statement's rows (the seed reads the database's own objects, e.g. its triggers). */
  all<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name}"`;

/** Prisma's SQLite DateTime text: ISO 8601 with "+00:00". */
export const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

export function sqliteWriter(filePath: string): BulkWriter {
  const db = new Database(filePath);
  // Only for the seed: a crash leaves a broken file, which the next run deletes anyway.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("cache_size = -200000");
  const statements = new Map<string, Database.Statement>();
  const toSqlite = (value: Value) =>
    value instanceof Date
      ? sqliteDate(value)
      : typeof value === "boolean"
        ? value
          ? 1
          : 0
        : value;
  return {
    provider: "sqlite",
    async insert(table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
      const one = `(${columns.map(() => "?").join(",")})`;
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const key = `${table}:${columns.length}:${chunk.length}`;
        let statement = statements.get(key);
        if (!statement) {
          statement = db.prepare(
            `INSERT INTO ${quote(table)} (${columns.map(quote).join(",")}) VALUES ${Array(chunk.length).fill(one).join(",")}`,
          );
          statements.set(key, statement);
        }
        statement.run(chunk.flat().map(toSqlite));
      }
    },
    async begin() {
      db.exec("BEGIN");
    },
    async commit() {
      db.exec("COMMIT");
    },
    async exec(sql) {
      db.exec(sql);
    },
    async all<T>(sql: string) {
      return db.prepare(sql).all() as T[];
    },
    async close() {
      db.pragma("foreign_keys = ON");
      db.close();
    },
  };
}

export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET synchronous_commit = off");
  const toPg = (value: Value) =>
    value instanceof Date
      ? value.toISOString() // timestamp(3) without time zone: the UTC wall time, as Prisma stores it
      : typeof value === "bigint"
        ? value.toString()
        : value;
  return {
    provider: "postgresql",
    async insert(table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(60_000 / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        let n = 0;
        const values = chunk.map(() => `(${columns.map(() => `$${++n}`).join(",")})`).join(",");
        await client.query(
          `INSERT INTO ${quote(table)} (${columns.map(quote).join(",")}) VALUES ${values}`,
          chunk.flat().map(toPg),
        );
      }
    },
    async begin() {
      await client.query("BEGIN");
    },
    async commit() {
      await client.query("COMMIT");
    },
    async exec(sql) {
      await client.query(sql);
    },
    async all<T>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
    async close() {
      await client.end();
    },
  };
}
