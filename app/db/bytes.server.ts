// Large byte values written and read through the database driver itself (the
// database document store's rows). Prisma's engine carries a Bytes value as
// base64 on the way in and as an array of numbers on the way out: about 100 ms
// per 256 KiB row, 4 s for a 10 MiB document. The driver binds a Buffer as it
// is; reads.server.ts's connection reads one back as a Buffer (SQLite as it
// is; PostgreSQL as hex text that node-pg turns into a Buffer: node-pg's
// binary result mode decodes these columns wrongly, so it is not used).
//
// SQLite: a connection of its own whose statements each commit on their own,
// inside one synchronous call, so that its write lock never spans a turn of
// the event loop: the app's connection (which holds its lock across `await`s
// in interactive transactions) can never find it locked. When the app's
// connection holds the lock, this one does not wait inside SQLite (that would
// block the event loop the app needs to finish) but retries after a pause.
// Its commits are not synced (synchronous = NORMAL): the app's next commit
// with synchronous = FULL — the document's own row, always written after its
// bytes — syncs the write-ahead log up to and including them.
//
// PostgreSQL: a small pool of its own; the statements run in one transaction.
import Database from "better-sqlite3";
import type pg from "pg";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import { database } from "../db.server";
import { readArrays } from "./reads.server";
import { lazyRequire } from "../utils/lazy-require.server";
import { logError } from "../utils/log.server";

/** How long a statement waits, in pauses, for the app's write transaction to end. */
const BUSY_WAIT_MS = 15_000;
const PAUSE_MS = 5;

type Writer = {
  insertAll(statements: AsyncIterable<Prisma.Sql>): Promise<number>;
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sqliteValue = (value: unknown) =>
  value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;

function sqliteWriter(filePath: string): Writer {
  const db = new Database(filePath, { fileMustExist: true, timeout: 0 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("secure_delete = ON");
  db.pragma("foreign_keys = ON");
  const run = async (query: Prisma.Sql) => {
    const statement = db.prepare(query.sql);
    const values = query.values.map(sqliteValue);
    for (let waited = 0; ; waited += PAUSE_MS) {
      try {
        return statement.run(...values);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code?.startsWith("SQLITE_BUSY") || waited >= BUSY_WAIT_MS) throw error;
        await sleep(PAUSE_MS);
      }
    }
  };
  return {
    async insertAll(statements) {
      let count = 0;
      for await (const query of statements) {
        await run(query);
        count += 1;
      }
      return count;
    },
    async close() {
      db.close();
    },
  };
}

function postgresWriter(url: string): Writer {
  // Loaded here, so that a server on SQLite never loads pg (pg-pool.server.ts).
  const driver = lazyRequire("pg") as typeof pg;
  const pool = new driver.Pool({ connectionString: url, max: 2 });
  pool.on("error", (error) => logError(error));
  return {
    async insertAll(statements) {
      const client = await pool.connect();
      let count = 0;
      try {
        await client.query("BEGIN");
        for await (const query of statements) {
          await client.query({ text: query.text, values: query.values });
          count += 1;
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      return count;
    },
    close: () => pool.end(),
  };
}

let writer: Writer | undefined;

/**
 * Runs INSERT statements carrying large byte values, as they come (the iterable may compute
 * each one as the previous is written). PostgreSQL: all or none. SQLite: each on its own, so a
 * failure part-way leaves the earlier rows: callers write rows nothing refers to yet, and
 * delete them again on failure.
 */
export function insertAll(statements: AsyncIterable<Prisma.Sql>): Promise<number> {
  writer ??=
    database.provider === "sqlite" ? sqliteWriter(database.filePath) : postgresWriter(database.url);
  return writer.insertAll(statements);
}

/**
 * Runs a SELECT of an integer column and a bytes column (in that order) through the reading
 * connection (reads.server.ts) and returns its rows, each byte value as a Buffer.
 */
export async function readIndexedBytes(query: Prisma.Sql): Promise<Array<[number, Buffer]>> {
  return (await readArrays(query)).map(([index, bytes]) => [Number(index), bytes as Buffer]);
}

/** Closes the writing connection (tests and scripts, before they end). */
export async function closeBytes(): Promise<void> {
  const open = writer;
  writer = undefined;
  await open?.close();
}
