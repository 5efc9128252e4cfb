// The Node flags the cluster's primary gives its workers (server/worker-flags.js): garbage
// collection on the worker's own thread when every core has a worker, V8's helper threads
// otherwise (docs/decisions/0047-garbage-collection-on-the-worker-thread.md).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { workerExecArgv } from "../../server/worker-flags.js";

const HEAP = "--max-old-space-size=192";

describe("workerExecArgv", () => {
  it("collects garbage on the worker's thread when there is a worker for every core", () => {
    expect(workerExecArgv([HEAP], 2, 2, {})).toEqual([HEAP, "--single-threaded-gc"]);
    expect(workerExecArgv([HEAP], 4, 2, {})).toEqual([HEAP, "--single-threaded-gc"]);
  });

  it("keeps V8's helper threads when some cores have no worker (WEB_CONCURRENCY below the cores)", () => {
    expect(workerExecArgv([HEAP], 1, 2, {})).toEqual([HEAP]);
    expect(workerExecArgv([], 3, 8, {})).toEqual([]);
  });

  it("keeps them when ADAL_PARALLEL_GC=1", () => {
    expect(workerExecArgv([HEAP], 2, 2, { ADAL_PARALLEL_GC: "1" })).toEqual([HEAP]);
  });

  it("leaves a choice made on the command line alone", () => {
    for (const own of ["--single-threaded-gc", "--no-single-threaded-gc", "--single_threaded_gc"]) {
      expect(workerExecArgv([own, HEAP], 2, 2, {})).toEqual([own, HEAP]);
    }
  });

  it("does not change the primary's own list", () => {
    const primary = [HEAP];
    workerExecArgv(primary, 2, 2, {});
    expect(primary).toEqual([HEAP]);
  });

  it("is a flag this Node accepts: a worker given one it refused would not start", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      ...workerExecArgv([HEAP], 2, 2, {}),
      "-e",
      "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit > 0))",
    ]);
    expect(stdout).toBe("true");
  });
});
