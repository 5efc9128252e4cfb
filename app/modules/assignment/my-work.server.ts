// "My work" for lawyers and organizers: the open cases I hold (organizers:
// also the ones I took), what is due in the next 7 and 30 days, what is
// overdue, and which cases changed since I last opened them.
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import type { SessionUser } from "~/modules/auth/session.server";
import { caseScope } from "~/modules/cases/access.server";
import { ACTIVE_STATUSES } from "./assignment.server";
import { URGENCY_ORDER } from "./triage.server";

type Caller = Pick<SessionUser, "id" | "role">;

const DAY = 24 * 60 * 60 * 1000;
const MAX_CASES = 500;

const DUE_ITEM = {
  id: true,
  kind: true,
  dueAt: true,
  place: true,
  description: true,
  proceeding: { select: { id: true, kind: true } },
  case: { select: { reference: true } },
} satisfies Prisma.ProceedingDateSelect;

/**
 * The ids of the cases I hold (and, for organizers, took), read from the
 * person's own index entries: a busy lawyer's 1 500 cases cost two index
 * reads, not a pass over every case.
 */
async function myCaseIds(caller: Caller): Promise<string[]> {
  const [held, took] = await Promise.all([
    prisma.caseAssignment.findMany({ where: { userId: caller.id }, select: { caseId: true } }),
    caller.role === "ORGANIZER"
      ? prisma.case.findMany({ where: { organizerId: caller.id }, select: { id: true } })
      : [],
  ]);
  return [...new Set([...held.map((h) => h.caseId), ...took.map((c) => c.id)])];
}

export async function myCasesWhere(caller: Caller): Promise<Prisma.CaseWhereInput> {
  return {
    AND: [
      caseScope(caller),
      { status: { in: ACTIVE_STATUSES } },
      { id: { in: await myCaseIds(caller) } },
    ],
  };
}

export async function loadMyWork(caller: Caller, now = new Date()) {
  const where = await myCasesWhere(caller);
  const [cases, upcoming, overdue] = await Promise.all([
    prisma.case.findMany({
      where,
      orderBy: [{ lastActivityAt: "desc" }],
      take: MAX_CASES,
      select: {
        id: true,
        reference: true,
        category: true,
        status: true,
        urgency: true,
        region: true,
        createdAt: true,
        lastActivityAt: true,
        assignments: { where: { userId: caller.id }, select: { role: true } },
        views: { where: { userId: caller.id }, select: { lastViewedAt: true } },
      },
    }),
    // Upcoming and overdue are read apart, so that many old overdue dates never hide the next ones.
    prisma.proceedingDate.findMany({
      where: {
        outcome: null,
        dueAt: { gte: now, lt: new Date(now.getTime() + 30 * DAY) },
        case: where,
      },
      orderBy: [{ dueAt: "asc" }],
      take: 300,
      select: DUE_ITEM,
    }),
    prisma.proceedingDate.findMany({
      where: { outcome: null, dueAt: { lt: now }, case: where },
      orderBy: [{ dueAt: "desc" }],
      take: 100,
      select: DUE_ITEM,
    }),
  ]);

  const rank = (urgency: (typeof URGENCY_ORDER)[number]) => URGENCY_ORDER.indexOf(urgency);
  const rows = cases
    .map(({ assignments, views, ...c }) => ({
      ...c,
      myRole: assignments[0]?.role ?? null,
      changedSinceViewed: !views[0] || c.lastActivityAt > views[0].lastViewedAt,
    }))
    .sort(
      (a, b) =>
        rank(a.urgency) - rank(b.urgency) ||
        b.lastActivityAt.getTime() - a.lastActivityAt.getTime(),
    );
  const in7 = now.getTime() + 7 * DAY;
  return {
    cases: rows,
    truncated: cases.length === MAX_CASES,
    changed: rows.filter((c) => c.changedSinceViewed),
    overdue: overdue.reverse(),
    next7: upcoming.filter((d) => d.dueAt.getTime() < in7),
    next30: upcoming.filter((d) => d.dueAt.getTime() >= in7),
  };
}
