// The `pg` pools: Prisma's (driver-adapter.server.ts) and those for the statements Adal runs
// through the PostgreSQL driver itself (reads.server.ts, direct-writes.server.ts). Their
// connections prepare each statement once (docs/decisions/0052). `pg` is loaded when the first
// pool is made, so a server on SQLite never loads it: it would add about a tenth to the
// server's start.
import { createHash } from "node:crypto";
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
  const preparing = preparedStatements();
  const pool = new driver.Pool({
    ...options,
    types,
    ...(preparing && {
      Client: preparingClient(driver),
      options: [options.options, "-c plan_cache_mode=force_custom_plan"].filter(Boolean).join(" "),
    }),
  });
  // An idle client whose server went away (a restart, a failover, an admin's
  // pg_terminate_backend) emits 'error'; without a listener it would end the
  // process. The pool drops that client and connects afresh on the next statement.
  pool.on("error", (error) => logError(error));
  return pool;
}

/** A Date as UTC text: compared with or written into a zone-less timestamp, the zone is ignored. */
export const postgresValue = (value: unknown) =>
  value instanceof Date ? value.toISOString() : value;

/**
 * Whether statements with parameters are sent as named prepared statements (docs/decisions/0052).
 * ADAL_PG_PREPARED=0 sends them unnamed, for a pooler that cannot keep prepared statements
 * (PgBouncer in transaction mode before 1.21).
 */
export function preparedStatements(): boolean {
  return process.env.ADAL_PG_PREPARED !== "0";
}

/** Names one connection keeps at most; statements beyond them are sent unnamed, as before. */
export const PREPARED_PER_CONNECTION = 128;

const names = new Map<string, string>();
/** A statement's name: a digest of its text, so one name never stands for two texts. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `adal_${createHash("sha256").update(text).digest("base64url").slice(0, 24)}`;
    // Texts differ by the length of their IN lists: the memo is bounded, not the names.
    if (names.size >= 2_000) names.clear();
    names.set(text, name);
  }
  return name;
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

/**
 * A client that prepares each statement with parameters once per connection: PostgreSQL then
 * skips parsing and analysing it on every later use. The plan is still made for each call's
 * values (`plan_cache_mode=force_custom_plan`): a generic plan cannot see them, and the pages'
 * statements were planned for the values they get (an IN list's length, a date).
 */
function preparingClient(driver: typeof pg): typeof pg.Client {
  class PreparingClient extends driver.Client {
    private readonly prepared = new Set<string>();

    // @ts-expect-error pg's overloads cannot be restated; every form is passed on as it came.
    query(config: unknown, values?: unknown, callback?: unknown) {
      const query = config as QueryConfig | string | null;
      if (
        query !== null &&
        typeof query === "object" &&
        typeof query.text === "string" &&
        query.name === undefined &&
        typeof query.submit !== "function"
      ) {
        const params = Array.isArray(query.values) ? query.values : values;
        if (Array.isArray(params) && params.length > 0) {
          const name = statementName(query.text);
          if (this.prepared.has(name) || this.prepared.size < PREPARED_PER_CONNECTION) {
            this.prepared.add(name);
            return super.query({ ...query, name } as never, values as never, callback as never);
          }
        }
      }
      return super.query(config as never, values as never, callback as never);
    }
  }
  return PreparingClient as unknown as typeof pg.Client;
}
