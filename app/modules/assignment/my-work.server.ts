// "My work" for lawyers and organizers: the open cases I hold (organizers:
// also the ones I took), what is due in the next 7 and 30 days, what is
// overdue, and which cases changed since I last opened them.
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type {
  AssignmentRole,
  ProceedingDateKind,
  ProceedingKind,
} from "~/generated/prisma/sqlite/enums";
import type { CaseSummary } from "~/modules/cases/case-list.server";
import { caseScopeSql, enumValue } from "~/modules/cases/scope-sql.server";
import { ACTIVE_STATUSES } from "./assignment.server";
import { URGENCY_ORDER } from "./triage.server";
import type { Caller } from "~/modules/auth/caller";

const DAY = 24 * 60 * 60 * 1000;
const MAX_CASES = 500;

/**
 * The cases I hold (organizers: also the ones I took), open or on hold and
 * within my scope, as a condition on "Case" c. It starts from my own
 * assignments (an index range), so a busy lawyer's 1 500 cases cost their own
 * rows, not a pass over every case.
 */
function mineSql(caller: Caller): Prisma.Sql {
  const held = Prisma.sql`c."id" IN (SELECT a."caseId" FROM "CaseAssignment" a WHERE a."userId" = ${caller.id})`;
  const mine =
    caller.role === "ORGANIZER" ? Prisma.sql`(${held} OR c."organizerId" = ${caller.id})` : held;
  const active = Prisma.join(ACTIVE_STATUSES.map((s) => enumValue(s, "CaseStatus")));
  return Prisma.sql`${mine} AND c."status" IN (${active}) AND ${caseScopeSql(caller, "c")}`;
}

type MyCaseRow = CaseSummary & {
  id: string;
  myRole: AssignmentRole | null;
  lastViewedAt: Date | null;
};

type DueRow = {
  id: string;
  kind: ProceedingDateKind;
  dueAt: Date;
  place: string | null;
  description: string;
  proceedingId: string;
  proceedingKind: ProceedingKind;
  reference: string;
};

/** Hearings and deadlines without an outcome on my cases, read from the pending dates' index. */
async function myDates(
  mine: Prisma.Sql,
  due: { from?: Date; before: Date },
  order: "ASC" | "DESC",
  take: number,
) {
  const rows = await prisma.$queryRaw<DueRow[]>`
    SELECT d."id" AS "id", d."kind" AS "kind", d."dueAt" AS "dueAt", d."place" AS "place",
      d."description" AS "description", p."id" AS "proceedingId", p."kind" AS "proceedingKind",
      c."reference" AS "reference"
    FROM "ProceedingDate" d
    JOIN "Proceeding" p ON p."id" = d."proceedingId"
    JOIN "Case" c ON c."id" = d."caseId"
    WHERE d."outcome" IS NULL AND d."dueAt" < ${due.before}
      ${due.from ? Prisma.sql`AND d."dueAt" >= ${due.from}` : Prisma.empty}
      AND ${mine}
    ORDER BY d."dueAt" ${Prisma.raw(order)}, d."id" ${Prisma.raw(order)}
    LIMIT ${take}`;
  return rows.map(({ proceedingId, proceedingKind, reference, ...date }) => ({
    ...date,
    proceeding: { id: proceedingId, kind: proceedingKind },
    case: { reference },
  }));
}

export async function loadMyWork(caller: Caller, now = new Date()) {
  const mine = mineSql(caller);
  const [cases, upcoming, overdue] = await Promise.all([
    prisma.$queryRaw<MyCaseRow[]>`
      SELECT c."id" AS "id", c."reference" AS "reference", c."category" AS "category",
        c."status" AS "status", c."urgency" AS "urgency", c."region" AS "region",
        c."createdAt" AS "createdAt", c."lastActivityAt" AS "lastActivityAt",
        (SELECT a."role" FROM "CaseAssignment" a
          WHERE a."caseId" = c."id" AND a."userId" = ${caller.id}) AS "myRole",
        (SELECT v."lastViewedAt" FROM "CaseView" v
          WHERE v."caseId" = c."id" AND v."userId" = ${caller.id}) AS "lastViewedAt"
      FROM "Case" c WHERE ${mine}
      ORDER BY c."lastActivityAt" DESC, c."id" DESC
      LIMIT ${MAX_CASES}`,
    // Upcoming and overdue are read apart, so that many old overdue dates never hide the next ones.
    myDates(mine, { from: now, before: new Date(now.getTime() + 30 * DAY) }, "ASC", 300),
    myDates(mine, { before: now }, "DESC", 100),
  ]);

  const rank = (urgency: (typeof URGENCY_ORDER)[number]) => URGENCY_ORDER.indexOf(urgency);
  const rows = cases
    .map(({ lastViewedAt, ...c }) => ({
      ...c,
      changedSinceViewed: !lastViewedAt || c.lastActivityAt > lastViewedAt,
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
