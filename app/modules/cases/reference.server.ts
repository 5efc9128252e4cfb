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

/**
 * The year's counter incremented (created at 1): its one row is the new "last". A statement of its
 * own (`nextReference`) or a clause of the intake's first statement on PostgreSQL (0040, addendum 3).
 */
export function counterIncrement(year: number): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "CaseCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "CaseCounter"."last" + 1
    RETURNING "last"`;
}

export type IssuedReference = { year: number; number: number; reference: string };

export function issuedReference(year: number, last: unknown): IssuedReference {
  const number = Number(last);
  return { year, number, reference: formatReference(year, number) };
}

export async function nextReference(tx: DirectTx, year: number): Promise<IssuedReference> {
  const counter = await tx.get<{ last: number }>(counterIncrement(year));
  return issuedReference(year, counter!.last);
}
