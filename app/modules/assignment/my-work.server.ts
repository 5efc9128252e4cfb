// "My work" for lawyers and organizers: the open cases I hold (organizers:
// also the ones I took), what is due in the next 7 and 30 days, what is
// overdue, and which cases changed since I last opened them.
import { instant, readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type {
  AssignmentRole,
  ProceedingDateKind,
  ProceedingKind,
} from "~/generated/prisma/sqlite/enums";
import type { CaseSummary } from "~/modules/cases/case-list.server";
import {
  assignmentRolesSql,
  caseScopeSql,
  enumValue,
  inIdList,
  scopeByAssignment,
} from "~/modules/cases/scope-sql.server";
import { openersForCases } from "~/modules/keys/case-fields.server";
import { ACTIVE_STATUSES } from "./assignment.server";
import { URGENCY_ORDER } from "./triage.server";
import type { Caller } from "~/modules/auth/caller";

const DAY = 24 * 60 * 60 * 1000;
const MAX_CASES = 500;

/**
 * The cases I hold (organizers: also the ones I took), open or on hold and
 * within my scope, as a condition on "Case" c. It starts from my own
 * assignments (an index range), so a busy lawyer's 1 500 cases cost their own
 * rows, not a pass over every case. For a lawyer and an organizer the scope is
 * made of those assignments (scopeByAssignment, the same rule caseScopeSql
 * states), so it is spelled into that range instead of checked again per case;
 * anyone else gets the scope as well.
 */
function mineSql(caller: Caller): Prisma.Sql {
  const active = Prisma.join(ACTIVE_STATUSES.map((s) => enumValue(s, "CaseStatus")));
  const status = Prisma.sql`c."status" IN (${active})`;
  if (caller.duress) return Prisma.sql`1 = 0`;
  const byAssignment = scopeByAssignment(caller);
  if (byAssignment) {
    const held = inIdList(
      Prisma.sql`c."id"`,
      Prisma.sql`SELECT a."caseId" FROM "CaseAssignment" a
        WHERE a."userId" = ${caller.id} AND a."role" IN (${assignmentRolesSql(byAssignment.roles)})`,
    );
    return byAssignment.tookThem
      ? Prisma.sql`(${held} OR c."organizerId" = ${caller.id}) AND ${status}`
      : Prisma.sql`${held} AND ${status}`;
  }
  const held = inIdList(
    Prisma.sql`c."id"`,
    Prisma.sql`SELECT a."caseId" FROM "CaseAssignment" a WHERE a."userId" = ${caller.id}`,
  );
  return Prisma.sql`${held} AND ${status} AND ${caseScopeSql(caller, "c")}`;
}

type MyCaseRow = CaseSummary & { id: string; myRole: AssignmentRole | null };

type DueRow = {
  id: string;
  kind: ProceedingDateKind;
  dueAt: Date;
  place: string | null;
  description: string;
  caseId: string;
  proceedingId: string;
  proceedingKind: ProceedingKind;
  reference: string;
};

/**
 * Hearings and deadlines without an outcome on my cases, due before the last list's end:
 * the `take` most recent overdue ones and the first `take` of each later list. `pending` is
 * the narrow pass over my cases' pending dates (id and time: no text is read or sorted, see
 * rankedMineSql); the lists are cut here, then only the chosen dates are read in full.
 */
async function myDates(
  pendingRows: ReadonlyArray<Record<string, unknown>>,
  lists: ReadonlyArray<{ from?: Date; before: Date }>,
  take: number,
): Promise<DueRow[][]> {
  const pending = pendingRows.map((row) => ({
    id: String(row.id),
    at: instant(row.at).getTime(),
  }));
  const byTime = (a: { id: string; at: number }, b: { id: string; at: number }) =>
    a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  pending.sort(byTime);
  const chosen = lists.map(({ from, before }) => {
    const within = pending.filter(
      (d) => d.at < before.getTime() && (from === undefined || d.at >= from.getTime()),
    );
    // Overdue (no start): the most recent first, as the lists are cut.
    return (from === undefined ? within.reverse() : within).slice(0, take).map((d) => d.id);
  });
  const ids = [...new Set(chosen.flat())];
  if (ids.length === 0) return chosen.map(() => []);
  const rows = await readRows(Prisma.sql`
    SELECT d."id" AS "id", d."kind" AS "kind", d."dueAt" AS "dueAt", d."place" AS "place",
      d."description" AS "description", d."caseId" AS "caseId",
      p."id" AS "proceedingId", p."kind" AS "proceedingKind",
      c."reference" AS "reference"
    FROM "ProceedingDate" d
    JOIN "Proceeding" p ON p."id" = d."proceedingId"
    JOIN "Case" c ON c."id" = d."caseId"
    WHERE d."id" IN (${Prisma.join(ids)})`);
  const byId = new Map(
    rows.map((row) => [String(row.id), { ...row, dueAt: instant(row.dueAt) } as DueRow]),
  );
  return chosen.map((list) => list.flatMap((id) => byId.get(id) ?? []));
}

/** The dates as the page shows them: place and description opened with their case's key (0027). */
async function openDates(lists: DueRow[][]) {
  const openers = await openersForCases(lists.flatMap((rows) => rows.map((row) => row.caseId)));
  return lists.map((rows) =>
    rows.map(
      ({ proceedingId, proceedingKind, reference, caseId, place, description, ...date }) => ({
        ...date,
        ...openers.get(caseId)!.open("ProceedingDate", date.id, { place, description }),
        proceeding: { id: proceedingId, kind: proceedingKind },
        case: { reference },
      }),
    ),
  );
}

/**
 * My open cases, ranked and cut by the database: the `cases` most urgent (URGENCY_ORDER), then
 * most recently active, then the greater id (ties); the `changed` most recently active of those
 * changed since I last opened them (never opened, or active after my last view); and how many
 * there are of each; and the id and time of every pending hearing or deadline of those cases due
 * before `datesUntil` (myDates cuts its lists from them), looked up only for the cases whose
 * next pending date (`nextPendingDueAt`, kept by triggers: 0048) falls before it. One statement, so one pass over my
 * cases in one snapshot, as rows (list, id, changed, at): "cases" and "changed" rows name a case,
 * the "open" and "changedCount" rows carry their count in `changed`, "date" rows a date and its time.
 */
function rankedMineSql(
  caller: Caller,
  mine: Prisma.Sql,
  cases: number,
  changed: number,
  datesUntil: Date,
) {
  const rank = Prisma.sql`CASE c."urgency" ${Prisma.join(
    URGENCY_ORDER.map(
      (urgency, i) =>
        Prisma.sql`WHEN ${enumValue(urgency, "Urgency")} THEN ${Prisma.raw(String(i))}`,
    ),
    " ",
  )} ELSE ${Prisma.raw(String(URGENCY_ORDER.length))} END`;
  return Prisma.sql`
    WITH "mine" AS MATERIALIZED (
      SELECT c."id" AS "id", ${rank} AS "rank", c."lastActivityAt" AS "at",
        c."nextPendingDueAt" AS "nextDue",
        CASE WHEN v."lastViewedAt" IS NULL OR c."lastActivityAt" > v."lastViewedAt"
          THEN 1 ELSE 0 END AS "changed"
      FROM "Case" c
      LEFT JOIN "CaseView" v ON v."caseId" = c."id" AND v."userId" = ${caller.id}
      WHERE ${mine})
    SELECT 'date' AS "list", d."id" AS "id", NULL AS "changed", d."dueAt" AS "at"
      FROM "mine" m JOIN "ProceedingDate" d ON d."caseId" = m."id"
      WHERE m."nextDue" < ${datesUntil} AND d."outcome" IS NULL AND d."dueAt" < ${datesUntil}
    UNION ALL
    -- After the dates: PostgreSQL types a column by its first rows, and "at" is a time.
    SELECT 'cases', "id", "changed", NULL FROM (SELECT "id", "changed"
      FROM "mine" ORDER BY "rank", "at" DESC, "id" DESC LIMIT ${cases}) AS "shown"
    UNION ALL
    SELECT 'changed', "id", "changed", NULL FROM (SELECT "id", "changed" FROM "mine"
      WHERE "changed" = 1 ORDER BY "at" DESC, "id" DESC LIMIT ${changed}) AS "recent"
    UNION ALL
    SELECT 'open', NULL, COUNT(*), NULL FROM "mine"
    UNION ALL
    SELECT 'changedCount', NULL, COUNT(*), NULL FROM "mine" WHERE "changed" = 1`;
}

/** How much of each list one page shows; "show more" asks for a bigger step (see the route). */
export const MY_WORK_PAGE = { cases: 50, dates: 10, changed: 20 } as const;
export const MY_WORK_MAX = { cases: MAX_CASES, dates: 300 } as const;

/**
 * My work, bounded: the `limits.cases` most urgent then most recently active of
 * my open cases, how many there are and how many changed since I last looked,
 * the `limits.changed` most recent of those, and up to `limits.dates` hearings
 * and deadlines in each of overdue, the next 7 days and the rest of 30 days.
 * A busy lawyer's 1 500 cases make a page of the same size as anyone's.
 */
export async function loadMyWork(
  caller: Caller,
  now = new Date(),
  limits: { cases?: number; dates?: number; changed?: number } = {},
) {
  const take = {
    cases: Math.min(limits.cases ?? MY_WORK_PAGE.cases, MY_WORK_MAX.cases),
    dates: Math.min(limits.dates ?? MY_WORK_PAGE.dates, MY_WORK_MAX.dates),
    changed: limits.changed ?? MY_WORK_PAGE.changed,
  };
  const mine = mineSql(caller);
  const in7 = new Date(now.getTime() + 7 * DAY);
  const in30 = new Date(now.getTime() + 30 * DAY);
  // My open cases ranked, cut and counted, and their pending dates, in one statement (an index
  // range from my assignments, through the driver: decision 0010): only the shown ids travel.
  const chosen = await readRows(rankedMineSql(caller, mine, take.cases, take.changed, in30));
  const listed = (list: string) => chosen.filter((row) => row.list === list);
  // Each list is cut apart, so that many old overdue dates never hide the next ones.
  const dates = myDates(
    listed("date"),
    [{ before: now }, { from: now, before: in7 }, { from: in7, before: in30 }],
    take.dates + 1,
  ).then(openDates);
  const counted = (list: string) => Number(listed(list)[0]?.changed ?? 0);
  const shownIds = listed("cases").map((row) => String(row.id));
  const changedIds = listed("changed").map((row) => String(row.id));
  const changedById = new Map(
    listed("cases").map((row) => [String(row.id), Number(row.changed) === 1]),
  );
  const openCount = counted("open");
  const changedCount = counted("changedCount");
  const ids = [...new Set([...shownIds, ...changedIds])];
  const [details, [overdue = [], next7 = [], next30 = []]] = await Promise.all([
    ids.length === 0
      ? []
      : readRows(Prisma.sql`
          SELECT c."id" AS "id", c."reference" AS "reference", c."category" AS "category",
            c."status" AS "status", c."urgency" AS "urgency", c."region" AS "region",
            c."createdAt" AS "createdAt", c."lastActivityAt" AS "lastActivityAt",
            (SELECT a."role" FROM "CaseAssignment" a
              WHERE a."caseId" = c."id" AND a."userId" = ${caller.id}) AS "myRole"
          FROM "Case" c WHERE c."id" IN (${Prisma.join(ids)})`),
    dates,
  ]);
  const byId = new Map(
    details.map((row) => [
      String(row.id),
      {
        ...row,
        createdAt: instant(row.createdAt),
        lastActivityAt: instant(row.lastActivityAt),
      } as MyCaseRow,
    ]),
  );
  const cases = shownIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, changedSinceViewed: changedById.get(id) ?? true }] : [];
  });
  const changed = changedIds.flatMap((id) => {
    const row = byId.get(id);
    return row
      ? [{ reference: row.reference, category: row.category, lastActivityAt: row.lastActivityAt }]
      : [];
  });
  return {
    cases,
    openCount,
    truncated: openCount > cases.length,
    changed,
    changedCount,
    overdue: overdue.slice(0, take.dates).reverse(),
    next7: next7.slice(0, take.dates),
    next30: next30.slice(0, take.dates),
    /** Lists with more dates than shown. */
    moreDates: {
      overdue: overdue.length > take.dates,
      next7: next7.length > take.dates,
      next30: next30.length > take.dates,
    },
  };
}
