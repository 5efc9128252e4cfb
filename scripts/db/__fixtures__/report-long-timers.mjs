// Test preload, loaded with --import (see scripts/db/migrate.test.ts): on exit, writes which timers of
// 5 s or more fired and which were still pending, one JSON file per process.
import fs from "node:fs";
import path from "node:path";

const LONG_MS = 5000;
const pending = new Set();
const fired = [];
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

globalThis.setTimeout = function reportLongTimers(callback, ms, ...args) {
  if (!(typeof ms === "number" && ms >= LONG_MS)) return realSetTimeout(callback, ms, ...args);
  const timer = realSetTimeout(
    function (...callbackArgs) {
      pending.delete(timer);
      fired.push(ms);
      return callback.apply(this, callbackArgs);
    },
    ms,
    ...args,
  );
  pending.add(timer);
  return timer;
};
globalThis.clearTimeout = function (timer) {
  pending.delete(timer);
  return realClearTimeout(timer);
};

process.on("exit", () => {
  const report = {
    argv: process.argv.slice(1),
    fired,
    pending: [...pending].map((timer) => ({ ref: timer.hasRef() })),
  };
  fs.writeFileSync(
    path.join(process.env.ADAL_TIMER_REPORT_DIR, `${process.pid}.json`),
    JSON.stringify(report),
  );
});
