// Loaded into every server process of `npm run soak` (`node --import` on the
// primary; cluster workers inherit the flag), never into a production start.
// Appends the process's memory to SOAK_PROBE_DIR/<pid>.jsonl every
// SOAK_PROBE_MS, and writes a heap snapshot there on SIGUSR2
// (heap-<worker>-<n>.heapsnapshot: 1 at the start, 2 the middle, 3 the end).
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";

const dir = process.env.SOAK_PROBE_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}.jsonl`);
  const worker = process.env.ADAL_WORKER_INDEX ?? "primary";
  const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  // RSS in its parts: private memory (heap, SQLite's caches, WebAssembly) and mapped files.
  const rssParts = () => {
    try {
      const status = readFileSync("/proc/self/status", "utf8");
      const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssAnonMb: mb(kb("RssAnon") * 1024), rssFileMb: mb(kb("RssFile") * 1024) };
    } catch {
      return {};
    }
  };
  const sample = () => {
    const memory = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    appendFileSync(
      file,
      `${JSON.stringify({
        at: Date.now(),
        pid: process.pid,
        worker,
        rssMb: mb(memory.rss),
        heapUsedMb: mb(memory.heapUsed),
        heapTotalMb: mb(memory.heapTotal),
        externalMb: mb(memory.external),
        arrayBuffersMb: mb(memory.arrayBuffers),
        mallocedMb: mb(heap.malloced_memory),
        ...rssParts(),
      })}\n`,
    );
  };
  sample();
  setInterval(sample, Number(process.env.SOAK_PROBE_MS) || 10_000).unref();
  let snapshots = 0;
  process.on("SIGUSR2", () => {
    snapshots += 1;
    const started = Date.now();
    const written = v8.writeHeapSnapshot(
      path.join(dir, `heap-${worker}-${snapshots}.heapsnapshot`),
    );
    console.error(`[soak-probe] ${worker}: ${written} in ${Date.now() - started} ms`);
  });
}
