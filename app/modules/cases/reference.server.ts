// Case references: KZ-<year>-<six digits>, sequential per year, issued inside
// the transaction that creates the case. The counter row is incremented with
// one atomic upsert: PostgreSQL's row lock orders concurrent intakes, SQLite
// runs one write transaction at a time.
import type { Tx } from "~/db.server";

export function formatReference(year: number, number: number): string {
  return `KZ-${year}-${String(number).padStart(6, "0")}`;
}

export const REFERENCE_PATTERN = /^KZ-\d{4}-\d{6,}$/;

export async function nextReference(
  tx: Tx,
  year: number,
): Promise<{ year: number; number: number; reference: string }> {
  const counter = await tx.caseCounter.upsert({
    where: { year },
    create: { year, last: 1 },
    update: { last: { increment: 1 } },
    select: { last: true },
  });
  return { year, number: counter.last, reference: formatReference(year, counter.last) };
}
