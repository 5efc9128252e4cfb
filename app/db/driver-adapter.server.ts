// Driver adapters for the running app: one factory per provider, with the
// connection settings Adal's durability depends on.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "./database-url";

/**
 * WAL for concurrent readers, FULL sync so an acknowledged write survives a
 * power cut. A 64 MiB page cache (SQLite's default is 2 MiB) keeps the indexes
 * the lists and the dashboard read in memory. `optimize` gathers the planner's
 * statistics where they are missing or stale (bounded by analysis_limit):
 * without them SQLite may walk the wrong index, hundreds of times slower at
 * 100 000 cases. SQLite's advice for long-lived connections is to run it on
 * opening and then periodically (app/jobs.server.ts does, hourly).
 */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA synchronous = FULL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA cache_size = -65536",
  "PRAGMA analysis_limit = 1000",
  "PRAGMA optimize = 0x10002",
].join(";\n");

class SqliteWithPragmas implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  #inner: PrismaBetterSQLite3;

  constructor(filePath: string) {
    this.#inner = new PrismaBetterSQLite3({ url: filePath, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
  }

  async connect() {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    // Prisma assumes SQLite's old limit of 999 bound values unless told
    // otherwise, and refuses larger queries (P2029). The SQLite inside
    // better-sqlite3 (3.32 and later) allows 32 766: the case list's search
    // passes the trigram index's matches as one id list.
    adapter.getConnectionInfo = () => ({ maxBindValues: 32_766, supportsRelationJoins: false });
    return withImmediateTransactions(adapter);
  }
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

export function createDriverAdapter(target: DatabaseTarget): SqlDriverAdapterFactory {
  if (target.provider === "sqlite") return new SqliteWithPragmas(target.filePath);
  return new PrismaPg({ connectionString: target.url, max: 10 });
}
