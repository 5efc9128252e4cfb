// Driver adapters for the running app: one factory per provider, with the
// connection settings Adal's durability depends on.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "./database-url";

/** WAL for concurrent readers, FULL sync so an acknowledged write survives a power cut. */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA synchronous = FULL",
  "PRAGMA foreign_keys = ON",
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
    return adapter;
  }
}

export function createDriverAdapter(target: DatabaseTarget): SqlDriverAdapterFactory {
  if (target.provider === "sqlite") return new SqliteWithPragmas(target.filePath);
  return new PrismaPg({ connectionString: target.url, max: 10 });
}
