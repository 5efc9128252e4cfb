// Which cases a person may reach: one rule, as a query condition for lists and
// counts and as a check for single records, so the two can never disagree.
// Until need-to-know scoping arrives: organizers reach the cases they took;
// lawyers and coordinators every case; administrators no case content.
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import type { SessionUser } from "~/modules/auth/session.server";

type Caller = Pick<SessionUser, "id" | "role">;

export function caseScope(user: Caller): Prisma.CaseWhereInput {
  switch (user.role) {
    case "ORGANIZER":
      return { organizerId: user.id };
    case "LAWYER":
    case "COORDINATOR":
      return {};
    case "ADMIN":
      return { id: { in: [] } };
  }
}

/** The case's id when the caller may reach it; otherwise a 404 that does not confirm it exists. */
export async function requireCaseAccess(user: Caller, reference: string): Promise<{ id: string }> {
  const found = await prisma.case.findFirst({
    where: { AND: [{ reference }, caseScope(user)] },
    select: { id: true },
  });
  if (!found) throw new Response("Not found", { status: 404 });
  return found;
}
