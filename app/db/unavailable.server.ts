// "The database cannot answer right now" — a full disk, an I/O error, a lock
// that did not come in time, PostgreSQL restarting or unreachable — told apart
// from a bug, so that it becomes a 503 the user can retry instead of a 500
// (docs/decisions/0020-database-outages-answer-503.md).
import type { ServerBuild } from "@remix-run/node";
import { logError } from "../utils/log.server";

/** A wait for the database (the SQLite connection's turn, a health check) that ran out of time. */
export class DatabaseWaitTimeout extends Error {
  readonly code = "ADAL_DB_WAIT_TIMEOUT";
  constructor(what: string, ms: number) {
    super(`Timed out after ${ms} ms waiting for ${what}`);
    this.name = "DatabaseWaitTimeout";
  }
}

const UNAVAILABLE_CODES = new Set([
  // SQLite (better-sqlite3's codes; extended codes start with these)
  "SQLITE_FULL",
  "SQLITE_IOERR",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_READONLY",
  "SQLITE_PROTOCOL",
  // sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  // PostgreSQL: admin/crash shutdown, cannot connect now, too many connections
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // Prisma: unreachable, timed out, closed, pool timeout
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "ADAL_DB_WAIT_TIMEOUT",
]);

// Prisma's driver-adapter error kinds that mean "no connection", not "bad query".
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);

const UNAVAILABLE_MESSAGE =
  /Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|database or disk is full|disk I\/O error|database is locked|SQLITE_(FULL|IOERR|BUSY)|Timed out fetching a new connection|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|connect ECONNREFUSED|Client has encountered a connection error|Connection refused/i;

function codeMeansUnavailable(code: unknown): boolean {
  if (typeof code !== "string") return false;
  if (UNAVAILABLE_CODES.has(code)) return true;
  if (/^08[0-9A-Z]{3}$/.test(code)) return true; // PostgreSQL class 08: connection exception
  return /^SQLITE_(FULL|IOERR|BUSY|CANTOPEN)(_|$)/.test(code);
}

/** True when `error` (or anything it wraps) says the database is out of reach, not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 6 || error === null || typeof error !== "object") return false;
  const e = error as Record<string, unknown>;
  if (
    codeMeansUnavailable(e.code) ||
    codeMeansUnavailable(e.errorCode) ||
    codeMeansUnavailable(e.originalCode)
  )
    return true;
  if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return [e.cause, e.meta, (e.meta as Record<string, unknown> | undefined)?.driverAdapterError]
    .filter((inner) => inner && inner !== error)
    .some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Rejects with DatabaseWaitTimeout when `work` takes longer than `ms` (the work itself is not cancelled). */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseWaitTimeout(what, ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The answer for any loader or action that met a database outage. */
export function databaseUnavailableResponse(): Response {
  return new Response("Service Unavailable: the database cannot answer right now", {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Retry-After": "5", "Content-Type": "text/plain; charset=utf-8" },
  });
}

type Handler = (args: never) => unknown;

function answering503<H extends Handler | undefined>(handler: H): H {
  if (!handler) return handler;
  const wrapped = async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      logError(error);
      throw databaseUnavailableResponse();
    }
  };
  return wrapped as H;
}

/**
 * The one place a database outage becomes a 503: server/index.js passes the
 * Remix build through this, so every loader and action that throws an
 * outage error answers "Service Unavailable" (the error boundary then says
 * so, translated) instead of 500. Routes with more to say (the intake keeps
 * the typed text) catch it themselves first.
 */
export function answerDatabaseOutages(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        loader: answering503(route.module.loader as Handler | undefined),
        action: answering503(route.module.action as Handler | undefined),
      } as typeof route.module,
    };
  }
  return { ...build, routes };
}
