// The triage queue: open cases no lawyer holds, urgent first, then oldest,
// with the waiting rules' breaches flagged.
import { instant, readRows } from "~/db/reads.server";
import { database } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { CaseCategory, CaseStatus, Region, Urgency } from "~/generated/prisma/sqlite/enums";
import { caseScopeSql, enumValue } from "~/modules/cases/scope-sql.server";
import { OPEN_STATUSES } from "~/modules/cases/status";
import { assigneePool, rankAssignees } from "./assignment.server";
import { AWAITING_ASSIGNMENT, slaBreach } from "./triage-rules";
import type { Caller } from "~/modules/auth/caller";

/** Most pressing first. Enums sort differently on the two databases, so the order is spelled out. */
export const URGENCY_ORDER: readonly Urgency[] = ["URGENT", "HIGH", "NORMAL"];

/**
 * Waiting: open, and no lead or supporting lawyer (`lawyerCount`, kept by the
 * database's triggers). Written out in full, values and all, because that is
 * how a query matches the partial index of waiting cases (migration
 * triage_waiting_index): a bound value would hide it from the planner.
 */
const WAITING = Prisma.raw(
  `c."lawyerCount" = 0 AND c."status" IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(", ")})`,
);

/** The waiting cases within the caller's scope, a condition on "Case" c. */
const waitingSql = (caller: Caller) => Prisma.sql`${WAITING} AND ${caseScopeSql(caller, "c")}`;

type QueueRow = {
  id: string;
  reference: string;
  category: CaseCategory;
  region: Region;
  urgency: Urgency;
  status: CaseStatus;
  createdAt: unknown;
  version: unknown;
  employerId: string | null;
  employerName: string | null;
  organizers: unknown;
};

/** The names in a JSON array aggregate, as either database returns it (an empty one may be NULL). */
const names = (value: unknown): string[] =>
  value == null ? [] : ((typeof value === "string" ? JSON.parse(value) : value) as string[]);

/**
 * Up to `take` waiting cases, most urgent then oldest first, and how many wait
 * in all. Each urgency is one ordered read of the waiting cases' index; only
 * the chosen cases are then read in full. Read through the driver, like the
 * case list (docs/decisions/0010).
 */
export async function listTriageQueue(caller: Caller, { take = 100, now = new Date() } = {}) {
  const waiting = waitingSql(caller);
  const byUrgency = URGENCY_ORDER.map(
    (urgency, rank) => Prisma.sql`SELECT * FROM (
      SELECT c."id" AS "id", ${rank} AS "rank", c."createdAt" AS "at" FROM "Case" c
      WHERE ${waiting} AND c."urgency" = ${enumValue(urgency, "Urgency")}
      ORDER BY c."createdAt", c."id" LIMIT ${take}) ${Prisma.raw(`"u${rank}"`)}`,
  );
  const agg = Prisma.raw(database.provider === "sqlite" ? "json_group_array" : "json_agg");
  const [rows, [counted]] = await Promise.all([
    readRows(Prisma.sql`
      SELECT c."id" AS "id", c."reference" AS "reference", c."category" AS "category",
        c."region" AS "region", c."urgency" AS "urgency", c."status" AS "status",
        c."createdAt" AS "createdAt", c."version" AS "version",
        e."id" AS "employerId", e."name" AS "employerName",
        (SELECT ${agg}(u."displayName" ORDER BY a."assignedAt")
          FROM "CaseAssignment" a JOIN "User" u ON u."id" = a."userId"
          WHERE a."caseId" = c."id") AS "organizers"
      FROM (
        ${Prisma.join(byUrgency, " UNION ALL ")}
        ORDER BY "rank", "at", "id" LIMIT ${take}
      ) chosen
      JOIN "Case" c ON c."id" = chosen."id"
      LEFT JOIN "CaseEmployer" ce ON ce."caseId" = c."id" AND ce."role" = 'EMPLOYER'
      LEFT JOIN "Employer" e ON e."id" = ce."employerId"
      ORDER BY chosen."rank", chosen."at", chosen."id"`) as Promise<QueueRow[]>,
    readRows(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Case" c WHERE ${waiting}`),
  ]);
  return {
    total: Number(counted?.n ?? 0),
    cases: rows.map(({ employerId, employerName, organizers, ...row }) => {
      const createdAt = instant(row.createdAt);
      return {
        ...row,
        createdAt,
        version: Number(row.version),
        employer: employerId && employerName ? { id: employerId, name: employerName } : null,
        // Nobody waiting here has a lawyer: the people on the case are its field organizers.
        organizers: names(organizers),
        ageHours: Math.floor((now.getTime() - createdAt.getTime()) / 3_600_000),
        // The waiting rules are about new intakes; a case that lost its lawyer is listed, not flagged.
        breach: AWAITING_ASSIGNMENT.includes(row.status)
          ? slaBreach({ urgency: row.urgency, createdAt }, now)
          : null,
      };
    }),
  };
}

/** Waiting cases one triage page shows; "show more" asks for more, up to TRIAGE_MAX. */
export const TRIAGE_PAGE = 15;
export const TRIAGE_MAX = 100;
/**
 * Lawyers offered on each card: the best ranked. The card's "more options" link
 * opens the case's assign page with everyone, so a page of 20 cards carries
 * 20 × 6 options, not 20 × every lawyer of the organization.
 */
export const TRIAGE_SUGGESTIONS = 6;

/** The queue with each case's suggested lawyers, ranked from one read of everyone's load. */
export async function loadTriage(caller: Caller, options: { take?: number; now?: Date } = {}) {
  const take = Math.min(options.take ?? TRIAGE_PAGE, TRIAGE_MAX);
  const [queue, pool] = await Promise.all([
    listTriageQueue(caller, { ...options, take }),
    // Only lawyers are suggested here: the pool reads only theirs.
    assigneePool(["LAWYER"]),
  ]);
  return {
    ...queue,
    cases: queue.cases.map((row) => ({
      ...row,
      suggestions: rankAssignees(pool, row, "LAWYER")
        .slice(0, TRIAGE_SUGGESTIONS)
        .map(({ id, displayName, inRegion, experience, openCases }) => ({
          id,
          displayName,
          inRegion,
          experience,
          openCases,
        })),
    })),
  };
}
