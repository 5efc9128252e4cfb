// The triage queue: open cases no lawyer holds, urgent first, then oldest,
// with the waiting rules' breaches flagged.
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import type { Urgency } from "~/generated/prisma/sqlite/enums";
import type { SessionUser } from "~/modules/auth/session.server";
import { caseScope } from "~/modules/cases/access.server";
import { OPEN_STATUSES } from "~/modules/cases/status";
import { assigneePool, rankAssignees } from "./assignment.server";
import { AWAITING_ASSIGNMENT, slaBreach } from "./triage-rules";

type Caller = Pick<SessionUser, "id" | "role">;

/** Most pressing first. Enums sort differently on the two databases, so the order is spelled out. */
export const URGENCY_ORDER: readonly Urgency[] = ["URGENT", "HIGH", "NORMAL"];

export function triageWhere(caller: Caller): Prisma.CaseWhereInput {
  return {
    AND: [
      caseScope(caller),
      { status: { in: [...OPEN_STATUSES] } },
      // No lead or supporting lawyer: the count the database keeps (read from one index).
      { lawyerCount: 0 },
    ],
  };
}

const QUEUE_ROW = {
  id: true,
  reference: true,
  category: true,
  region: true,
  urgency: true,
  status: true,
  createdAt: true,
  version: true,
  employers: {
    where: { role: "EMPLOYER" as const },
    select: { employer: { select: { id: true, name: true } } },
  },
  assignments: { select: { role: true, user: { select: { displayName: true } } } },
} satisfies Prisma.CaseSelect;

/** Up to `take` waiting cases, most urgent then oldest first, and how many wait in all. */
export async function listTriageQueue(caller: Caller, { take = 100, now = new Date() } = {}) {
  const where = triageWhere(caller);
  const total = prisma.case.count({ where });
  // One ordered, indexed read per urgency (lawyerCount, status, urgency, createdAt) instead of a sort over all.
  const rows: Array<Prisma.CaseGetPayload<{ select: typeof QUEUE_ROW }>> = [];
  for (const urgency of URGENCY_ORDER) {
    if (rows.length >= take) break;
    rows.push(
      ...(await prisma.case.findMany({
        where: { AND: [where, { urgency }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: take - rows.length,
        select: QUEUE_ROW,
      })),
    );
  }
  return {
    total: await total,
    cases: rows.map(({ employers, assignments, ...row }) => ({
      ...row,
      employer: employers[0]?.employer ?? null,
      organizers: assignments.map((a) => a.user.displayName),
      ageHours: Math.floor((now.getTime() - row.createdAt.getTime()) / 3_600_000),
      // The waiting rules are about new intakes; a case that lost its lawyer is listed, not flagged.
      breach: AWAITING_ASSIGNMENT.includes(row.status) ? slaBreach(row, now) : null,
    })),
  };
}

/** The queue with each case's suggested lawyers, ranked from one read of everyone's load. */
export async function loadTriage(caller: Caller, options: { take?: number; now?: Date } = {}) {
  const [queue, pool] = await Promise.all([listTriageQueue(caller, options), assigneePool()]);
  return {
    ...queue,
    cases: queue.cases.map((row) => ({
      ...row,
      suggestions: rankAssignees(pool, row, "LAWYER").map(
        ({ id, displayName, inRegion, experience, openCases }) => ({
          id,
          displayName,
          inRegion,
          experience,
          openCases,
        }),
      ),
    })),
  };
}
