// Driver adapters for the running app: one factory per provider, with the
// connection settings Adal's durability depends on.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { lazyRequire } from "../utils/lazy-require.server";
import type { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type Database from "better-sqlite3";
import type { DatabaseTarget } from "./database-url";
import { logError } from "../utils/log.server";
import { DatabaseWaitTimeout } from "./unavailable.server";
import { postgresPool } from "./pg-pool.server";

/**
 * How long a statement or transaction waits for its turn on the SQLite
 * connection before giving up with a 503 (DatabaseWaitTimeout). Longer than
 * busy_timeout and Prisma's 5-second transaction timeout, so it only fires
 * when something is wrong.
 */
export const CONNECTION_WAIT_MS = 15_000;

/**
 * SQLite's page cache of the app's connection, in MiB. The dashboard's counts
 * (/caseload) at 100 000 cases read an index working set of 32–64 MiB: at 48 MiB
 * a /caseload view reads ~200 pages from the file cache, at 16 MiB ~5 000. The
 * reading connection (app/db/reads.server.ts: the case list, search, triage)
 * needs far less and gets READS_CACHE_MB. Pages beyond them come from the
 * operating system's file cache, shared by every process. Together they bound
 * what SQLite keeps in a process's private memory; 64 MiB each made RSS pass
 * 400 MB per worker in a 10-minute soak (docs/decisions/0027).
 */
export const SQLITE_CACHE_MB = 48;
export const READS_CACHE_MB = 16;

/**
 * WAL for concurrent readers, FULL sync so an acknowledged write survives a
 * power cut. A page cache of SQLITE_CACHE_MB (SQLite's default is 2 MiB) keeps
 * the indexes the dashboard reads in memory. `optimize` gathers the planner's
 * statistics where they are missing or stale (bounded by analysis_limit):
 * without them SQLite may walk the wrong index, hundreds of times slower at
 * 100 000 cases. SQLite's advice for long-lived connections is to run it on
 * opening and then periodically (app/jobs.server.ts does, hourly).
 * `secure_delete` zeroes deleted content in the file, so what retention or a
 * worker's request to be forgotten destroys does not linger in free pages.
 */
/** How long a statement waits for another connection's write lock. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "PRAGMA synchronous = FULL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA secure_delete = ON",
  `PRAGMA cache_size = -${SQLITE_CACHE_MB * 1024}`,
  "PRAGMA analysis_limit = 1000",
  "PRAGMA optimize = 0x10002",
].join(";\n");

class SqliteWithPragmas implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  #inner: PrismaBetterSQLite3;

  constructor(filePath: string) {
    this.#inner = new PrismaBetterSQLite3({ url: filePath, timeout: SQLITE_BUSY_TIMEOUT_MS });
    this.adapterName = this.#inner.adapterName;
  }

  async connect() {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    // Prisma assumes SQLite's old limit of 999 bound values unless told
    // otherwise, and refuses larger queries (P2029). The SQLite inside
    // better-sqlite3 (3.32 and later) allows 32 766.
    adapter.getConnectionInfo = () => ({ maxBindValues: 32_766, supportsRelationJoins: false });
    const client = (adapter as unknown as { client: Database.Database }).client;
    const statement = keepPreparedStatements(client);
    const { adapter: queued, exclusive } = outsideTransactions(withImmediateTransactions(adapter));
    appSqlite = { client, statement, exclusive };
    return queued;
  }
}

/**
 * The app's SQLite connection, for the few writes that go straight through the driver
 * (app/db/direct-writes.server.ts): set when Prisma connects.
 */
export type SqliteConnection = {
  client: Database.Database;
  /** The connection's kept prepared statement for this SQL text (a real better-sqlite3 one). */
  statement(sql: string): Database.Statement;
  /**
   * Runs `work` with the connection to itself: after the open transaction or statement, and
   * before the next; nothing else runs on the connection until it settles.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
};

let appSqlite: SqliteConnection | undefined;

export const sqliteConnection = (): SqliteConnection | undefined => appSqlite;

/** SQL texts whose prepared statements are kept; bulk statements vary, so the cache is bounded. */
const MAX_PREPARED = 500;

/**
 * Prisma's adapter prepares every statement again on every call (`prepare(sql).bind(args)`),
 * 5–6% of an intake's CPU. Here the connection keeps the statements it prepared, most recently
 * used first, and gives the adapter a statement bound anew on each use: better-sqlite3 binds a
 * statement only once, so the arguments are passed on each run instead. Statements run to
 * completion synchronously, so one kept statement is never in use twice at once.
 */
function keepPreparedStatements(client: Database.Database): (sql: string) => Database.Statement {
  const prepare = client.prepare.bind(client);
  const kept = new Map<string, Database.Statement>();
  const reuse = (sql: string): Database.Statement => {
    let prepared = kept.get(sql);
    if (prepared) {
      kept.delete(sql);
    } else {
      prepared = prepare(sql);
      if (kept.size >= MAX_PREPARED) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, prepared);
    return prepared;
  };
  const adapterView = (prepared: Database.Statement) => ({
    get reader() {
      return prepared.reader;
    },
    columns: () => prepared.columns(),
    bind: (args: unknown[]) => ({
      get reader() {
        return prepared.reader;
      },
      columns: () => prepared.columns(),
      run: () => prepared.run(...args),
      raw: () => ({ all: () => prepared.raw(true).all(...args) }),
    }),
    run: (...args: unknown[]) => prepared.run(...args),
  });
  client.prepare = ((sql: string) => adapterView(reuse(sql))) as unknown as typeof client.prepare;
  return reuse;
}

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

/**
 * Prisma's adapter opens transactions with a deferred BEGIN. One that reads
 * before it writes (the audit chain's head, a login-throttle counter) then
 * fails at once with SQLITE_BUSY_SNAPSHOT, whatever busy_timeout says, when
 * another process (an admin command, the e2e fixtures) committed in between:
 * a 500 for the user. Taking the write lock at BEGIN makes writers queue instead.
 */
function withImmediateTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startDeferred = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startDeferred(isolationLevel);
    try {
      // A deferred BEGIN takes no lock until its first statement, so nothing is lost here.
      await transaction.executeRaw(statement("ROLLBACK"));
      await transaction.executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (error) {
      await transaction.rollback(); // releases the adapter's transaction lock
      throw error;
    }
    return transaction;
  };
  return adapter;
}

/**
 * One SQLite connection serves every request, and Prisma's adapter only
 * queues transactions behind each other: a statement from outside a
 * transaction that runs while one is open runs inside it. It reads what the
 * transaction has not committed, and a write it makes (an audit entry, a
 * sign-in counter) vanishes without an error if the transaction rolls back.
 * Here every statement from outside waits until the open transaction ends,
 * and a transaction waits for the statement before it.
 * Code inside `prisma.$transaction(async (tx) => …)` must use `tx`: a call on
 * `prisma` there would wait for its own transaction to end.
 */
function outsideTransactions(
  adapter: SqlDriverAdapter,
  waitMs = CONNECTION_WAIT_MS,
): { adapter: SqlDriverAdapter; exclusive: SqliteConnection["exclusive"] } {
  let tail: Promise<void> = Promise.resolve();
  /**
   * Waits for everything before it, at most `waitMs`; the caller holds the
   * connection until it calls `release`. One that gives up releases its place
   * at once, so those behind it wait only for what was before it.
   */
  const enter = async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const before = tail;
    tail = before.then(() => released);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), waitMs);
    });
    const outcome = await Promise.race([before, timedOut]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      release();
      throw new DatabaseWaitTimeout("the SQLite connection", waitMs);
    }
    return release;
  };
  const one =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await enter();
      try {
        return await run(...args);
      } finally {
        release();
      }
    };
  adapter.queryRaw = one(adapter.queryRaw.bind(adapter));
  adapter.executeRaw = one(adapter.executeRaw.bind(adapter));
  adapter.executeScript = one(adapter.executeScript.bind(adapter));
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const release = await enter();
    try {
      const transaction = await start(isolationLevel);
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      const execute = transaction.executeRaw.bind(transaction);
      transaction.commit = () => commit().finally(release);
      transaction.rollback = () => rollback().finally(release);
      // Prisma sends COMMIT as a statement and calls commit() only when it
      // succeeds. A COMMIT that fails (SQLITE_FULL on a full disk, a deferred
      // constraint) would otherwise keep the connection forever: roll back
      // what SQLite may still hold open, and let the next one in.
      transaction.executeRaw = async (query) => {
        try {
          return await execute(query);
        } catch (error) {
          if (/^\s*COMMIT\b/i.test(query.sql)) {
            await execute(statement("ROLLBACK")).catch(() => {});
            await rollback().catch(() => {});
            release();
          }
          throw error;
        }
      };
      return transaction;
    } catch (error) {
      release();
      throw error;
    }
  };
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await enter();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return { adapter, exclusive };
}

export function createDriverAdapter(target: DatabaseTarget): SqlDriverAdapterFactory {
  if (target.provider === "sqlite") return new SqliteWithPragmas(target.filePath);
  // Prisma's adapter listens for the pool's errors itself (a terminated idle
  // client must not end the process); these only make them visible in the log.
  // Loaded only on PostgreSQL: on SQLite it would add ~10% to the server's start for nothing.
  const { PrismaPg: PgAdapter } = lazyRequire("@prisma/adapter-pg") as {
    PrismaPg: typeof PrismaPg;
  };
  // Our pool: its clients prepare each statement once per connection (pg-pool.server.ts).
  const pool = postgresPool({
    connectionString: target.url,
    max: 10,
    connectionTimeoutMillis: 5_000,
  });
  // Ended with Prisma's connection ($disconnect), as the adapter's own pool was: idle connections
  // would keep a script's process alive. Connected again, the adapter makes a pool from this
  // one's options, Client class included.
  return new PgAdapter(pool, {
    onPoolError: (error) => logError(error),
    onConnectionError: (error) => logError(error),
    disposeExternalPool: true,
  });
}
