// Preloaded into the Prisma CLI by scripts/db/migrate.js. After a successful
// command, Prisma 6.19's WASM schema engine (and its pg adapter path) leaves a
// long timer pending (10 s on PostgreSQL, up to 60 s seen), so `migrate deploy`
// would sit idle before the server can start. Long timers are unref'd: they
// still fire if the process is alive for other reasons, but no longer keep an
// otherwise finished process from exiting.
const LONG_MS = 5000;
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = originalSetTimeout(callback, ms, ...args);
  if (typeof ms === "number" && ms >= LONG_MS && typeof timer?.unref === "function") timer.unref();
  return timer;
};
