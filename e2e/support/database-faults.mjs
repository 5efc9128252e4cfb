// Database faults for the end-to-end tests, one request at a time. Loaded with
// `node --import` by scripts/e2e-server.js only (never by `npm start`, the
// cluster, the Dockerfile or the build: nothing in app/ or server/ imports it),
// and inert unless E2E_DATABASE_FAULTS=1, which only that script sets.
//
// A request carrying `X-E2E-Database-Fault: full` meets what a full disk does
// to SQLite: every statement that writes fails with SQLITE_FULL, reads work.
// `down`: every statement fails with SQLITE_IOERR (the disk or volume is gone).
// Other requests, running at the same time, are untouched: the fault follows
// the request through its asynchronous work (AsyncLocalStorage), so parallel
// tests on the same server do not see it.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

if (process.env.E2E_DATABASE_FAULTS === "1") {
  // The app's own better-sqlite3 (the same module instance the server build loads).
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const Database = require("better-sqlite3");
  const fault = new AsyncLocalStorage();

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, request, ...rest) {
    const kind = event === "request" ? request.headers["x-e2e-database-fault"] : undefined;
    if (kind === "full" || kind === "down")
      return fault.run(kind, () => emit.call(this, event, request, ...rest));
    return emit.call(this, event, request, ...rest);
  };

  const WRITES = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
  const failing = (statement) => {
    const kind = fault.getStore();
    if (kind === "down") return new Database.SqliteError("disk I/O error", "SQLITE_IOERR");
    if (kind === "full" && WRITES.test(statement.source))
      return new Database.SqliteError("database or disk is full", "SQLITE_FULL");
    return null;
  };
  const probe = new Database(":memory:");
  const Statement = Object.getPrototypeOf(probe.prepare("SELECT 1"));
  probe.close();
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = Statement[method];
    Statement[method] = function (...args) {
      const error = failing(this);
      if (error) throw error;
      return original.apply(this, args);
    };
  }
  console.error("[e2e] database faults can be injected per request (X-E2E-Database-Fault)");
}
