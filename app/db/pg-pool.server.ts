// A `pg` pool for the few statements Adal runs through the PostgreSQL driver
// itself (reads.server.ts, direct-writes.server.ts). `pg` is loaded when the
// first pool is made, so a server on SQLite never loads it: it would add
// about a tenth to the server's start.
import { lazyRequire } from "../utils/lazy-require.server";
import type pg from "pg";
import { logError } from "../utils/log.server";

// "timestamp(3)" columns hold UTC without a zone (as Prisma writes them): read
// them as UTC whatever the server's time zone is.
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

export function postgresPool(options: pg.PoolConfig): pg.Pool {
  const driver = lazyRequire("pg") as typeof pg;
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === TIMESTAMP_WITHOUT_TIME_ZONE
        ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
        : driver.types.getTypeParser(oid, format)) as typeof driver.types.getTypeParser,
  };
  const pool = new driver.Pool({ ...options, types });
  // An idle client whose server went away (a restart, a failover, an admin's
  // pg_terminate_backend) emits 'error'; without a listener it would end the
  // process. The pool drops that client and connects afresh on the next statement.
  pool.on("error", (error) => logError(error));
  return pool;
}

/** A Date as UTC text: compared with or written into a zone-less timestamp, the zone is ignored. */
export const postgresValue = (value: unknown) =>
  value instanceof Date ? value.toISOString() : value;
