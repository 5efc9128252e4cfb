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
