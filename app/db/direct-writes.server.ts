// Small write transactions straight through the database driver, for the
// writes on hot paths: recording a view of a case, on every page showing one
// (docs/decisions/0030-an-audited-view-without-waiting-for-the-disk.md), and
// recording an intake, durably (docs/decisions/0039-the-intake-write-path.md).
// Everything else writes through Prisma.
//
// Why not Prisma: its client costs about half a millisecond a statement
// (decision 0010), and a view is five, an intake ten or more. Why not wait for the disk: a
// transaction that waits for fsync costs 4–15 ms on the machines we measured,
// more than the rest of the page. A transaction started with `durable: false`
// is committed and seen by every later read at once, but written to disk
// within a fraction of a second instead of before it returns:
// - SQLite: it commits with `synchronous = NORMAL` (WAL: the database stays
//   consistent after a power cut, the last commits may be lost), and the WAL
//   file is synced within SYNC_WITHIN_MS, or by the next ordinary commit
//   (FULL syncs everything written before it).
// - PostgreSQL: `SET LOCAL synchronous_commit = off`: the WAL writer flushes
//   it within three times wal_writer_delay (600 ms by default), and any later
//   synchronous commit flushes it first.
// A crash of the process loses nothing either way; a power cut or a kernel
// crash may lose the last fraction of a second of such transactions, never
// part of one, and never one that an ordinary transaction after it depended on.
//
// Statements are `Prisma.sql` templates, so values are always bound; values go
// in as the Prisma adapters write them (dates as ISO text, SQLite booleans as 1/0).
import { open } from "node:fs/promises";
import type pg from "pg";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import { database, prisma } from "../db.server";
import { logError } from "../utils/log.server";
import {
  SQLITE_BUSY_TIMEOUT_MS,
  sqliteConnection,
  type SqliteConnection,
} from "./driver-adapter.server";
import { postgresPool, postgresValue } from "./pg-pool.server";

export type DirectTx = {
  readonly provider: "sqlite" | "postgresql";
  /** The statement's first row, as an object (undefined when none); integers as numbers. */
  get<T extends object>(query: Prisma.Sql): Promise<T | undefined>;
  run(query: Prisma.Sql): Promise<void>;
};

type SavepointStatement =
  `SAVEPOINT ${string}` | `RELEASE SAVEPOINT ${string}` | `ROLLBACK TO SAVEPOINT ${string}`;

/**
 * The transaction's own control statements, for work that nests savepoints in it (the group
 * commit of intakes, group-commit.server.ts): SAVEPOINT, RELEASE and ROLLBACK TO only, one or
 * two at a time (two in one round trip; they take no parameters).
 */
export type TransactionControl = {
  savepoint(
    statement: SavepointStatement | `${SavepointStatement}; ${SavepointStatement}`,
  ): Promise<void>;
  /** False once the database has ended the transaction itself (SQLite does on some errors). */
  inTransaction(): boolean;
};

/** How soon a commit made without waiting for the disk is on it (SQLite). */
export const SYNC_WITHIN_MS = 200;

/**
 * Runs `work` in one transaction on the app's database and commits it. With
 * `durable: false` the commit does not wait for the disk (see above). `work`
 * must only run statements through its `tx`: on SQLite it holds the app's one
 * connection, and anything else that needs it waits until `work` is done.
 */
export async function directTransaction<T>(
  work: (tx: DirectTx, control: TransactionControl) => Promise<T>,
  { durable }: { durable: boolean },
): Promise<T> {
  return database.provider === "sqlite"
    ? sqliteTransaction(await appConnection(), work, durable)
    : postgresTransaction(work, durable);
}

// ---- SQLite: the app's own connection, in its turn ----

async function appConnection(): Promise<SqliteConnection> {
  let connection = sqliteConnection();
  if (!connection) {
    await prisma.$connect();
    connection = sqliteConnection();
  }
  if (!connection) throw new Error("The SQLite connection did not open");
  return connection;
}

/** A Date as Prisma's SQLite adapter stores it (ISO 8601 with an explicit UTC offset). */
const sqliteValue = (value: unknown) => {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
};

function sqliteTransaction<T>(
  connection: SqliteConnection,
  work: (tx: DirectTx, control: TransactionControl) => Promise<T>,
  durable: boolean,
): Promise<T> {
  const { client, statement } = connection;
  const tx: DirectTx = {
    provider: "sqlite",
    async get<R extends object>(query: Prisma.Sql) {
      const row = statement(query.sql)
        .raw(false)
        .get(...query.values.map(sqliteValue)) as Record<string, unknown> | undefined;
      // The connection reads integers as bigint (Prisma's adapter asks for it): numbers here.
      if (row) for (const key in row) if (typeof row[key] === "bigint") row[key] = Number(row[key]);
      return row as R | undefined;
    },
    async run(query) {
      statement(query.sql).run(...query.values.map(sqliteValue));
    },
  };
  const control: TransactionControl = {
    async savepoint(statement) {
      client.exec(statement);
    },
    inTransaction: () => client.inTransaction,
  };
  return connection.exclusive(async () => {
    if (client.inTransaction) throw new Error("The SQLite connection is inside a transaction");
    // The safety level cannot change inside a transaction: set it for this one, then back.
    if (!durable) client.exec("PRAGMA synchronous = NORMAL");
    try {
      await beginImmediate(client);
      try {
        const result = await work(tx, control);
        client.exec("COMMIT");
        if (!durable) syncWalSoon(`${client.name}-wal`);
        return result;
      } catch (error) {
        if (client.inTransaction) client.exec("ROLLBACK");
        throw error;
      }
    } finally {
      if (!durable) client.exec("PRAGMA synchronous = FULL"); // as SQLITE_PRAGMAS sets it
    }
  });
}

const BUSY_POLL_MS = 1;

/**
 * BEGIN IMMEDIATE, waiting for another process's writer without blocking this one. SQLite's busy
 * handler sleeps on the main thread, in steps that grow to 100 ms: while one worker waits it
 * serves nothing, and a worker that keeps writing (intakes at full rate) takes the lock again
 * between the other's sleeps until the other gives up after busy_timeout ("database is locked",
 * a 503). Here the attempt does not wait (busy_timeout 0 for that one statement) and is retried
 * every millisecond from the event loop, for as long as busy_timeout would have waited.
 */
async function beginImmediate(client: SqliteConnection["client"]): Promise<void> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (;;) {
    client.pragma("busy_timeout = 0");
    try {
      client.exec("BEGIN IMMEDIATE");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
    } finally {
      client.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`); // back to SQLITE_PRAGMAS' value
    }
    await new Promise((resolve) => setTimeout(resolve, BUSY_POLL_MS));
  }
}

let walSync: NodeJS.Timeout | undefined;

/** fsync of the WAL file in the background, at most SYNC_WITHIN_MS after a commit that did not wait. */
function syncWalSoon(walPath: string): void {
  walSync ??= setTimeout(() => {
    walSync = undefined;
    void (async () => {
      const file = await open(walPath, "r+");
      try {
        await file.sync();
      } finally {
        await file.close();
      }
    })().catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") logError(error); // no WAL file: checkpointed and removed
    });
  }, SYNC_WITHIN_MS);
  walSync.unref();
}

// ---- PostgreSQL: a small pool of its own ----

let pool: pg.Pool | undefined;

async function postgresTransaction<T>(
  work: (tx: DirectTx, control: TransactionControl) => Promise<T>,
  durable: boolean,
): Promise<T> {
  if (!pool) {
    pool = postgresPool({
      connectionString: database.url,
      max: 4,
      connectionTimeoutMillis: 5_000,
      allowExitOnIdle: true,
    });
  }
  const client = await pool.connect();
  const tx: DirectTx = {
    provider: "postgresql",
    async get<R extends object>(query: Prisma.Sql) {
      const result = await client.query({
        text: query.text,
        values: query.values.map(postgresValue),
      });
      return result.rows[0] as R | undefined;
    },
    async run(query) {
      await client.query({ text: query.text, values: query.values.map(postgresValue) });
    },
  };
  const control: TransactionControl = {
    async savepoint(statement) {
      await client.query(statement);
    },
    // A failed statement leaves the transaction open (aborted) until ROLLBACK [TO SAVEPOINT].
    inTransaction: () => true,
  };
  let broken: unknown;
  try {
    await client.query("BEGIN");
    if (!durable) await client.query("SET LOCAL synchronous_commit = off");
    const result = await work(tx, control);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError));
    throw error;
  } finally {
    // A client that could not even roll back is dropped, not handed to the next request.
    client.release(broken instanceof Error ? broken : undefined);
  }
}

// ---- PostgreSQL: one statement, committed on its own without waiting for the disk ----

let notDurablePool: pg.Pool | undefined;

/**
 * Runs one statement as a transaction of its own (PostgreSQL's autocommit) on connections whose
 * commits do not wait for the disk (`synchronous_commit = off` for the whole session, so there is
 * no BEGIN, SET LOCAL and COMMIT to send: one round trip instead of four or more), and returns its
 * first row. For a write that fits one statement (data-modifying WITH clauses) and may be lost by
 * a power cut as `durable: false` may: a case view (cases/views.server.ts). PostgreSQL only.
 */
export async function notDurableStatement<T extends object>(
  query: Prisma.Sql,
): Promise<T | undefined> {
  if (database.provider !== "postgresql") throw new Error("notDurableStatement is PostgreSQL's");
  notDurablePool ??= postgresPool({
    connectionString: database.url,
    max: 4,
    connectionTimeoutMillis: 5_000,
    allowExitOnIdle: true,
    options: "-c synchronous_commit=off",
  });
  const result = await notDurablePool.query({
    text: query.text,
    values: query.values.map(postgresValue),
  });
  return result.rows[0] as T | undefined;
}

/** Closes the PostgreSQL pools (tests and scripts, before they end). */
export async function closeDirectWrites(): Promise<void> {
  const open = [pool, notDurablePool];
  pool = undefined;
  notDurablePool = undefined;
  await Promise.all(open.map((each) => each?.end()));
}
