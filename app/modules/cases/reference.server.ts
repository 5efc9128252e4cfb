// Case references: KZ-<year>-<six digits>, sequential per year, issued inside
// the intake's transaction (straight through the driver). The counter row is incremented with
// one atomic upsert: PostgreSQL's row lock orders concurrent intakes, SQLite
// runs one write transaction at a time.
import type { DirectTx } from "~/db/direct-writes.server";
import { Prisma } from "~/generated/prisma/sqlite/client";

export function formatReference(year: number, number: number): string {
  return `KZ-${year}-${String(number).padStart(6, "0")}`;
}

export const REFERENCE_PATTERN = /^KZ-\d{4}-\d{6,}$/;

/** The advisory lock that orders the intakes' batches on PostgreSQL (reference numbers only). */
export const INTAKE_BATCH_LOCK = 4412002;

/**
 * Waits for this transaction's turn to issue references, before a batch of intakes takes its
 * intakes (group-commit.server.ts `beforeBatch`). Every intake locks its year's counter row, and
 * the tally rows its triggers update, until COMMIT: a batch that took its intakes first would
 * wait there for the other process's batch, while the intakes arriving meanwhile wait for the
 * batch after it. Waiting here first, the batch takes them all (docs/decisions/0040, addendum 2).
 * One lock for every year: the tally rows are shared by the years anyway. SQLite: the write lock
 * this transaction already holds.
 */
export async function awaitReferenceTurn(tx: DirectTx): Promise<void> {
  if (tx.provider === "postgresql")
    await tx.run(Prisma.sql`SELECT pg_advisory_xact_lock(${INTAKE_BATCH_LOCK})`);
}

export async function nextReference(
  tx: DirectTx,
  year: number,
): Promise<{ year: number; number: number; reference: string }> {
  const counter = await tx.get<{ last: number }>(Prisma.sql`
    INSERT INTO "CaseCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "CaseCounter"."last" + 1
    RETURNING "last"`);
  const number = Number(counter!.last);
  return { year, number, reference: formatReference(year, number) };
}
