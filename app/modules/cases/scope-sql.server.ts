// `caseScope` (cases/access.server.ts) as a raw SQL condition on a "Case" row,
// for the queries Prisma cannot express or runs too slowly: the case list and
// the caseload dashboard's aggregates.
// It must say exactly what `caseScope` says: the caseload test compares the
// two for every role. Change both in the same commit.
import { database } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { isNational } from "./access.server";
import type * as Enums from "~/generated/prisma/sqlite/enums";
import type { AssignmentRole } from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";

/**
 * For the roles whose scope is the cases they work on: which assignments of theirs open a case,
 * and whether the cases they took (as organizer) do too. Null for the other roles. caseScopeSql
 * is built from it, and so is "my work" (assignment/my-work.server.ts), which spells the same
 * rule as a range of the person's own assignments.
 */
export function scopeByAssignment(
  user: Caller,
): { roles: readonly AssignmentRole[]; tookThem: boolean } | null {
  if (user.role === "ORGANIZER")
    return { roles: ["LEAD_LAWYER", "SUPPORTING_LAWYER", "FIELD_ORGANIZER"], tookThem: true };
  if (user.role === "LAWYER")
    return { roles: ["LEAD_LAWYER", "SUPPORTING_LAWYER"], tookThem: false };
  return null;
}

/** The assignment roles as one SQL list of values (`IN (…)`). */
export const assignmentRolesSql = (roles: readonly AssignmentRole[]) =>
  Prisma.join(roles.map((role) => enumValue(role, "AssignmentRole")));

/** A condition on the columns of "Case" as `alias`: the rows the caller may count. */
export function caseScopeSql(user: Caller, alias = "c"): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`"${alias}"."${name}"`);
  if (user.duress) return Prisma.sql`1 = 0`;
  const byAssignment = scopeByAssignment(user);
  if (byAssignment) {
    const holds = Prisma.sql`EXISTS (SELECT 1 FROM "CaseAssignment" a WHERE a."caseId" = ${column("id")} AND a."userId" = ${user.id} AND a."role" IN (${assignmentRolesSql(byAssignment.roles)}))`;
    return byAssignment.tookThem
      ? Prisma.sql`(${column("organizerId")} = ${user.id} OR ${holds})`
      : holds;
  }
  if (user.role === "COORDINATOR") {
    if (isNational(user.regions)) return Prisma.sql`1 = 1`;
    const regions = user.regions ?? [];
    if (regions.length === 0) return Prisma.sql`1 = 0`;
    return Prisma.sql`${column("region")} IN (${Prisma.join(regions.map((r) => enumValue(r, "Region")))})`;
  }
  // ADMIN: no case.
  return Prisma.sql`1 = 0`;
}

/** The name of one of the schema's enums ("CaseStatus", "TimelineKind", …). */
type EnumName = keyof typeof Enums;

/**
 * An enum value as a query parameter. PostgreSQL compares an enum column only
 * with a value of its type; SQLite stores enums as text.
 */
export function enumValue(value: string, typeName: EnumName) {
  return database.provider === "postgresql"
    ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${typeName}"`)})`
    : Prisma.sql`${value}`;
}

/**
 * `column IN (subquery)` for a short list of ids that is known before the rows it picks
 * (a person's own assignments). PostgreSQL's planner guesses how many rows a semi-join keeps
 * from column statistics alone; for the busy lawyer's 1 500 cases among 100 000 it chose a
 * parallel scan of every assignment (a worker process started per statement) or a pass over
 * every open case, 20–50 ms, where fetching those 1 500 cases by key takes ~8 ms. As
 * `= ANY(ARRAY(subquery))` the list is computed first (an InitPlan) and the cases are read by
 * their primary key. SQLite already reads an IN list that way.
 */
export function inIdList(column: Prisma.Sql, subquery: Prisma.Sql): Prisma.Sql {
  return database.provider === "postgresql"
    ? Prisma.sql`${column} = ANY(ARRAY(${subquery}))`
    : Prisma.sql`${column} IN (${subquery})`;
}
