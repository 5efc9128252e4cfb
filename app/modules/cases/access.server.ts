// Which cases a person may reach: one rule, as a query condition for lists and
// counts and as a check for single records, so the two can never disagree.
//   Organizer:   the cases they took, and those they are assigned to.
//   Lawyer:      the cases they are assigned to (lead or supporting).
//   Coordinator: every case in the regions they cover (all regions: national).
//   Admin:       no case content (accounts and the audit log only).
//   A duress session, whatever its role: nothing.
// Raw SQL that counts cases must say the same: cases/scope-sql.server.ts
// (its test compares the two for every role).
import { DomainError } from "~/utils/domain-error";
import { readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { Region } from "~/generated/prisma/sqlite/enums";
import { REGIONS } from "~/modules/regions/regions";
import type { Caller } from "~/modules/auth/caller";
// scope-sql.server.ts imports isNational from here: each uses the other only when called.
import { caseScopeSql } from "./scope-sql.server";
import { recordCaseView, type CaseRead } from "./views.server";

// The person asking is a Caller (~/modules/auth/caller). A coordinator's regions
// come with their session; a caller without them reaches no case by region
// (the rule fails closed, even when a caller object arrives without the field).

/** A coordinator who covers every region is national: no region condition at all. */
export function isNational(regions: readonly Region[] | undefined): boolean {
  const covered = new Set(regions ?? []);
  return REGIONS.every((region) => covered.has(region));
}

export function caseScope(user: Caller): Prisma.CaseWhereInput {
  if (user.duress) return { id: { in: [] } };
  switch (user.role) {
    case "ORGANIZER":
      return { OR: [{ organizerId: user.id }, { assignments: { some: { userId: user.id } } }] };
    case "LAWYER":
      return {
        assignments: {
          some: { userId: user.id, role: { in: ["LEAD_LAWYER", "SUPPORTING_LAWYER"] } },
        },
      };
    case "COORDINATOR":
      return isNational(user.regions) ? {} : { region: { in: [...(user.regions ?? [])] } };
    case "ADMIN":
      return { id: { in: [] } };
  }
}

/**
 * The case's id when the caller may reach it; otherwise a 404 that does not confirm it exists.
 *
 * A read of case content names itself (`read`): the view is recorded in the same call,
 * before anything of the case is loaded, so a loader cannot show case content without a
 * "case.viewed" entry (docs/decisions/0025-every-read-of-case-content-is-recorded.md).
 * A refused read records nothing (`only`, `within`). Writes pass no `read`.
 */
export type ContentRead = CaseRead & {
  /** Who may read this page: others get 403, and nothing is recorded. */
  only?: (caller: Caller) => boolean;
  /** The record inside the case the page is about (a worker, a proceeding): 404 if absent, and nothing is recorded. */
  within?: (caseId: string) => Promise<unknown>;
};

export async function requireCaseAccess(
  user: Caller,
  reference: string,
  read?: ContentRead,
): Promise<{ id: string; reference: string }> {
  // Every case page and write starts here: one statement through the driver, not a query
  // compiled by Prisma (docs/decisions/0053). caseScopeSql says what caseScope says.
  const [row] = await readRows(Prisma.sql`
    SELECT c."id", c."reference" FROM "Case" c
    WHERE c."reference" = ${reference} AND ${caseScopeSql(user)}`);
  if (!row) throw DomainError.notFound();
  const found = { id: String(row.id), reference: String(row.reference) };
  if (read) {
    if (read.only && !read.only(user)) throw DomainError.forbidden();
    if (read.within) await read.within(found.id);
    await recordCaseView(user, found, read);
  }
  return found;
}
