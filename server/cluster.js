// Adal on every core: a primary process forks WEB_CONCURRENCY workers (default:
// the cores Node may use), each running the ordinary server (server/index.js);
// they share the port, and the operating system spreads connections over them.
// Only the first worker runs the in-process jobs (reminders), so a reminder is
// sent once; a worker that dies is replaced with the same role.
// SQLite stays correct across processes: WAL, busy_timeout and BEGIN IMMEDIATE
// (app/db/driver-adapter.server.ts) queue the writers, so the audit chain and
// the reference counter are written by one transaction at a time. See
// docs/decisions/0015-bounded-pages-and-both-cores.md.
import "./compile-cache.js";
import cluster from "node:cluster";
import os from "node:os";
import { READY } from "./ready.js";
import { workerExecArgv } from "./worker-flags.js";

/** The longest the other workers wait for the first one's keyring once it listens. */
const OTHERS_AFTER_MS = 2_000;

if (cluster.isPrimary) {
  const cores = os.availableParallelism();
  const count = Math.max(1, Number(process.env.WEB_CONCURRENCY) || cores);
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, count, cores) });
  const jobs = process.env.ADAL_IN_PROCESS_JOBS ?? "1";
  let stopping = false;
  /** Worker index → its process, so a replacement keeps the index (and the jobs). */
  const byIndex = new Map();
  const fork = (index) => {
    const worker = cluster.fork({
      ADAL_WORKER_INDEX: String(index),
      ADAL_IN_PROCESS_JOBS: index === 0 ? jobs : "0",
    });
    byIndex.set(index, worker);
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`[adal] worker ${index} ended (${signal ?? code}); starting another`);
      setTimeout(() => fork(index), 1000).unref();
    });
    return worker;
  };
  // The first worker starts alone and the others once it is ready — it listens and its keyring
  // has read its state, so that signed-in pages are answered too — or ended, or listened
  // OTHERS_AFTER_MS ago (a slow database): started together they would share the cores while
  // each loads the whole server, and the first pages after a start would wait for all of them
  // (docs/decisions/0042-cold-start.md).
  const first = fork(0);
  let othersStarted = false;
  const startOthers = () => {
    if (othersStarted) return;
    othersStarted = true;
    for (let index = 1; index < count; index += 1) fork(index);
  };
  first.on("message", (message) => {
    if (message === READY) startOthers();
  });
  first.once("listening", () => setTimeout(startOthers, OTHERS_AFTER_MS).unref());
  first.once("exit", startOthers);
  console.log(`[adal] ${count} worker process${count === 1 ? "" : "es"}`);
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of byIndex.values()) worker.process.kill("SIGTERM");
      const exit = setTimeout(() => process.exit(0), 6000);
      exit.unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  await import("./index.js");
}
