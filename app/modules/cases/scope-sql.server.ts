// `caseScope` (cases/access.server.ts) as a raw SQL condition on a "Case" row,
// for the queries Prisma cannot express or runs too slowly: the case list and
// the caseload dashboard's aggregates.
// It must say exactly what `caseScope` says: the caseload test compares the
// two for every role. Change both in the same commit.
import { database } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { isNational } from "./access.server";
import type { Caller } from "~/modules/auth/caller";

/** A condition on the columns of "Case" as `alias`: the rows the caller may count. */
export function caseScopeSql(user: Caller, alias = "c"): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`"${alias}"."${name}"`);
  const holds = (roles: string[]) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "CaseAssignment" a WHERE a."caseId" = ${column("id")} AND a."userId" = ${user.id} AND a."role" IN (${Prisma.join(roles.map((role) => enumValue(role, "AssignmentRole")))}))`;
  if (user.duress) return Prisma.sql`1 = 0`;
  switch (user.role) {
    case "ORGANIZER":
      return Prisma.sql`(${column("organizerId")} = ${user.id} OR ${holds(["LEAD_LAWYER", "SUPPORTING_LAWYER", "FIELD_ORGANIZER"])})`;
    case "LAWYER":
      return holds(["LEAD_LAWYER", "SUPPORTING_LAWYER"]);
    case "COORDINATOR": {
      if (isNational(user.regions)) return Prisma.sql`1 = 1`;
      const regions = user.regions ?? [];
      if (regions.length === 0) return Prisma.sql`1 = 0`;
      return Prisma.sql`${column("region")} IN (${Prisma.join(regions.map((r) => enumValue(r, "Region")))})`;
    }
    case "ADMIN":
      return Prisma.sql`1 = 0`;
  }
}

/**
 * An enum value as a query parameter. PostgreSQL compares an enum column only
 * with a value of its type; SQLite stores enums as text.
 */
export function enumValue(
  value: string,
  typeName:
    | "Region"
    | "CaseCategory"
    | "CaseStatus"
    | "Urgency"
    | "AssignmentRole"
    | "OutcomeKind"
    | "Role",
) {
  return database.provider === "postgresql"
    ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${typeName}"`)})`
    : Prisma.sql`${value}`;
}
