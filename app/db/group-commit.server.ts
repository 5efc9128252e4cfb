// Group commit: durable writes that arrive while this process's previous one is still committing
// are written in one transaction, each in its own savepoint, and answered after its one COMMIT
// (docs/decisions/0040-group-commit-for-intakes.md). One flush of the disk then serves several
// writes, and on PostgreSQL the reference counter's row lock is taken once per batch instead of
// once per intake: the two things that made intakes commit one after another.
//
// - A lone write is not delayed: when nothing is in flight its batch starts at once.
// - One write failing rolls back only its savepoint (everything it wrote, its counter increment
//   included) and only its caller gets the error; the others commit.
// - Every caller is answered only after the COMMIT is durable; a COMMIT that fails answers every
//   caller of the batch with its error, and nothing of the batch remains.
// - A deadlock or serialization failure (PostgreSQL, two processes' batches) is no one write's
//   fault: the whole batch is rolled back and run again, up to MAX_ATTEMPTS times.
//
// `work` must only run statements through its `tx` and be safe to run again after a rollback
// (all it computes before the database, it computes before; ids drawn inside are drawn anew).
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { directTransaction, type DirectTx } from "./direct-writes.server";

/** The most writes one transaction takes: bounds how long the batch holds its locks. */
export const MAX_BATCH = 32;
const MAX_ATTEMPTS = 3;

type Waiting = {
  work: (tx: DirectTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const queue: Waiting[] = [];
let draining = false;

/**
 * This process's batches and writes so far (the tests read it; the HTTP bench reads it through
 * ADAL_GROUP_COMMIT_STATS_DIR). `sizes[n]`: batches of n writes; `retries`: batches run again
 * after a deadlock or serialization failure.
 */
export const groupCommitStats = {
  batches: 0,
  writes: 0,
  largestBatch: 0,
  retries: 0,
  sizes: [] as number[],
};

// The HTTP bench only (scripts/bench/http.ts): each process writes its statistics to a file of
// its own in this directory four times a second. Nothing of it is reachable over HTTP.
const statsDir = process.env.ADAL_GROUP_COMMIT_STATS_DIR;
if (statsDir) {
  const file = path.join(statsDir, `group-commit-${process.pid}.json`);
  // Written aside and renamed (the bench never reads half a file), without blocking the event
  // loop on a busy disk.
  let writing = false;
  setInterval(() => {
    if (writing) return;
    writing = true;
    void writeFile(`${file}.partial`, JSON.stringify(groupCommitStats))
      .then(() => rename(`${file}.partial`, file))
      .finally(() => (writing = false));
  }, 250).unref();
}

/** Runs `work` in the next batch of this process's durable group commit; resolves after COMMIT. */
export function groupCommit<T>(work: (tx: DirectTx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!draining) {
      draining = true;
      void drain();
    }
  });
}

async function drain(): Promise<void> {
  try {
    while (queue.length > 0) await commitBatch();
  } finally {
    draining = false;
  }
}

/**
 * One transaction. Its writes are taken from the queue once the transaction is open (on SQLite,
 * once this process has the write lock): every write that arrived while waiting for it joins.
 */
async function commitBatch(): Promise<void> {
  let batch: Waiting[] | undefined;
  let outcomes: Outcome[] = [];
  let failed: { error: unknown } | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      await directTransaction(
        async (tx, control) => {
          batch ??= queue.splice(0, MAX_BATCH);
          outcomes = [];
          // A write's savepoint is released together with the next one's start (one round trip
          // on PostgreSQL, while the batch holds its locks); the last one by the COMMIT.
          let open = false;
          for (const waiting of batch) {
            await control.savepoint(
              open
                ? "RELEASE SAVEPOINT group_commit; SAVEPOINT group_commit"
                : "SAVEPOINT group_commit",
            );
            open = true;
            try {
              outcomes.push({ ok: true, value: await waiting.work(tx) });
            } catch (error) {
              // Not this write's own failure: the transaction as a whole is lost, or must be redone.
              if (isTransient(error) || !control.inTransaction()) throw error;
              await control.savepoint(
                "ROLLBACK TO SAVEPOINT group_commit; RELEASE SAVEPOINT group_commit",
              );
              open = false;
              outcomes.push({ ok: false, error });
            }
          }
        },
        { durable: true },
      );
      break;
    } catch (error) {
      if (isTransient(error) && attempt < MAX_ATTEMPTS) {
        groupCommitStats.retries += 1;
        continue;
      }
      failed = { error };
      break;
    }
  }
  // No batch yet: the transaction never opened, and the writes first in line hear why.
  const taken = batch ?? queue.splice(0, MAX_BATCH);
  // A transaction, or its COMMIT, that failed: nothing of the batch was written.
  if (failed) {
    const { error } = failed;
    outcomes = taken.map(() => ({ ok: false, error }));
  }
  groupCommitStats.batches += 1;
  groupCommitStats.writes += taken.length;
  groupCommitStats.largestBatch = Math.max(groupCommitStats.largestBatch, taken.length);
  groupCommitStats.sizes[taken.length] = (groupCommitStats.sizes[taken.length] ?? 0) + 1;
  taken.forEach((waiting, index) => {
    const outcome = outcomes[index]!;
    if (outcome.ok) waiting.resolve(outcome.value);
    else waiting.reject(outcome.error);
  });
}

/** PostgreSQL's deadlock_detected and serialization_failure: the batch is run again. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}
