// `caseScope` (cases/access.server.ts) as a raw SQL condition on a "Case" row,
// for the few caseload aggregates Prisma cannot express (counts per month).
// REVIEW: it must say exactly what `caseScope` says. scope-sql.server.test.ts
// compares the two for every role; when `caseScope` is tightened (to the
// coordinator's regions), change this function in the same commit.
import { database } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { SessionUser } from "~/modules/auth/session.server";

type Caller = Pick<SessionUser, "id" | "role">;

/** A condition on the columns of "Case" as `alias`: the rows the caller may count. */
export function caseScopeSql(user: Caller, alias = "c"): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`"${alias}"."${name}"`);
  switch (user.role) {
    case "ORGANIZER":
      return Prisma.sql`${column("organizerId")} = ${user.id}`;
    case "LAWYER":
    case "COORDINATOR":
      return Prisma.sql`1 = 1`;
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
  typeName: "Region" | "CaseCategory" | "CaseStatus" | "Urgency",
) {
  return database.provider === "postgresql"
    ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${typeName}"`)})`
    : Prisma.sql`${value}`;
}
