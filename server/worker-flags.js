// The Node flags the cluster's primary (server/cluster.js) gives its workers.
/**
 * The workers' Node flags: the primary's own (`--max-old-space-size=192` from `npm start`), and,
 * when there is a worker for every core, `--single-threaded-gc`: each worker collects its garbage
 * on its own thread instead of also on V8's helper threads, which would take the core another
 * worker is answering on. Measured at 100 000 cases with 8 clients: more pages per second for
 * less CPU per page (docs/decisions/0047-garbage-collection-on-the-worker-thread.md).
 * ADAL_PARALLEL_GC=1 keeps V8's helper threads.
 */
export function workerExecArgv(execArgv, workers, cores, env = process.env) {
  const own = execArgv.some((flag) => /^--(no-)?single[-_]threaded[-_]gc$/.test(flag));
  if (own || env.ADAL_PARALLEL_GC === "1" || workers < cores) return [...execArgv];
  return [...execArgv, "--single-threaded-gc"];
}
