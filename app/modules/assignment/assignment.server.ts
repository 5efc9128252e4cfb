// Who works a case: coordinators put people on cases, take them off with a
// reason, and move a person's open cases to others in one transaction. Each
// change is on the case timeline, in the audit log and in the notifications of
// the people concerned, written together.
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import { readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { AssignmentRole, CaseStatus, Role } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { caseScope, requireCaseAccess } from "~/modules/cases/access.server";
import { enumValue } from "~/modules/cases/scope-sql.server";
import { OPEN_STATUSES } from "~/modules/cases/status";
import { atCaseVersion, recordCaseChange } from "~/modules/cases/versioned-write.server";
import { moveOnFirstLawyer } from "~/modules/cases/workflow.server";
import { notify } from "~/modules/notifications/notifications.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** The account role each case role needs. */
export const ROLE_HOLDERS: Record<AssignmentRole, Role> = {
  LEAD_LAWYER: "LAWYER",
  SUPPORTING_LAWYER: "LAWYER",
  FIELD_ORGANIZER: "ORGANIZER",
};

const LAWYER_ROLES: readonly AssignmentRole[] = ["LEAD_LAWYER", "SUPPORTING_LAWYER"];

/** Open for assignment purposes: everything not resolved or closed, held cases included. */
export const ACTIVE_STATUSES: CaseStatus[] = [...OPEN_STATUSES, "ON_HOLD"];

function requireCoordinator(caller: Caller): void {
  if (caller.role !== "COORDINATOR")
    throw DomainError.forbidden("assignment.errors.notAllowed", "form");
}

type CaseRow = { id: string; reference: string; status: CaseStatus; heldFrom: CaseStatus | null };

async function activePerson(tx: Tx, userId: string, role: AssignmentRole, field: string) {
  const person = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, displayName: true, role: true, active: true },
  });
  if (!person || !person.active || person.role !== ROLE_HOLDERS[role])
    throw DomainError.invalidField(field, "assignment.errors.wrongPerson");
  return person;
}

/**
 * Puts `userId` on the case in `role` (or changes their role). A new lead
 * lawyer makes the previous lead a supporting lawyer; the first lawyer on a
 * new or triaged case moves it to ASSIGNED through the workflow's rules.
 */
async function putOnCase(
  tx: Tx,
  found: CaseRow,
  change: { userId: string; role: AssignmentRole; reason?: string | null },
  caller: Caller,
  request: RequestContext,
): Promise<void> {
  const person = await activePerson(tx, change.userId, change.role, "userId");
  const current = await tx.caseAssignment.findMany({
    where: { caseId: found.id },
    select: { userId: true, role: true, user: { select: { displayName: true } } },
  });
  const existing = current.find((a) => a.userId === change.userId);
  if (existing?.role === change.role)
    throw DomainError.invalidField("userId", "assignment.errors.alreadyAssigned");

  // The status moves first, so the new holder is not also told of it as a change.
  const gainsLawyer =
    LAWYER_ROLES.includes(change.role) && !current.some((a) => LAWYER_ROLES.includes(a.role));
  if (gainsLawyer) Object.assign(found, await moveOnFirstLawyer(tx, caller, found, request));

  const previousLead = current.find((a) => a.role === "LEAD_LAWYER" && a.userId !== change.userId);
  if (change.role === "LEAD_LAWYER" && previousLead) {
    await tx.caseAssignment.update({
      where: { caseId_userId: { caseId: found.id, userId: previousLead.userId } },
      data: { role: "SUPPORTING_LAWYER" },
    });
    await recordAssignmentChange(tx, found, caller, request, {
      change: "roleChanged",
      userId: previousLead.userId,
      name: previousLead.user.displayName,
      role: "SUPPORTING_LAWYER",
      fromRole: "LEAD_LAWYER",
    });
  }

  await tx.caseAssignment.upsert({
    where: { caseId_userId: { caseId: found.id, userId: change.userId } },
    create: { caseId: found.id, userId: change.userId, role: change.role, assignedById: caller.id },
    update: { role: change.role, assignedById: caller.id, assignedAt: new Date() },
  });
  await recordAssignmentChange(tx, found, caller, request, {
    change: existing ? "roleChanged" : "assigned",
    userId: person.id,
    name: person.displayName,
    role: change.role,
    fromRole: existing?.role ?? null,
    reason: change.reason ?? null,
  });
  await notify(tx, {
    userId: person.id,
    kind: "ASSIGNED",
    caseId: found.id,
    details: { reference: found.reference, role: change.role },
  });
}

async function takeOffCase(
  tx: Tx,
  found: CaseRow,
  change: { userId: string; reason: string },
  caller: Caller,
  request: RequestContext,
): Promise<AssignmentRole> {
  const existing = await tx.caseAssignment.findUnique({
    where: { caseId_userId: { caseId: found.id, userId: change.userId } },
    select: { role: true, user: { select: { displayName: true } } },
  });
  if (!existing) throw DomainError.invalidField("userId", "assignment.errors.notOnCase");
  await tx.caseAssignment.delete({
    where: { caseId_userId: { caseId: found.id, userId: change.userId } },
  });
  await recordAssignmentChange(tx, found, caller, request, {
    change: "removed",
    userId: change.userId,
    name: existing.user.displayName,
    role: existing.role,
    reason: change.reason,
  });
  await notify(tx, {
    userId: change.userId,
    kind: "UNASSIGNED",
    caseId: found.id,
    details: { reference: found.reference, role: existing.role },
  });
  return existing.role;
}

async function recordAssignmentChange(
  tx: Tx,
  found: CaseRow,
  caller: Caller,
  request: RequestContext,
  details: {
    change: "assigned" | "removed" | "roleChanged";
    userId: string;
    name: string;
    role: AssignmentRole;
    fromRole?: AssignmentRole | null;
    reason?: string | null;
  },
): Promise<void> {
  // Colleagues' names are not worker identities: the timeline names who works the case.
  await recordCaseChange(tx, caller, found, request, {
    timeline: { kind: "ASSIGNMENT_CHANGED", details },
    audit: {
      action: details.change === "removed" ? "case.unassigned" : "case.assigned",
      details: { userId: details.userId, role: details.role, fromRole: details.fromRole ?? null },
    },
  });
}

/**
 * A coordinator's change to who works one case, from the version the form was
 * loaded at: one transaction that moves the version first, then writes each
 * assignment change with its own entries (recordCaseChange).
 */
async function changeAssignments(
  caller: Caller,
  reference: string,
  version: number,
  change: (tx: Tx, found: CaseRow) => Promise<void>,
): Promise<void> {
  const target = await requireCaseAccess(caller, reference);
  await atCaseVersion({ case: target, expectedVersion: version }, async (tx) => {
    const found = await tx.case.findUniqueOrThrow({
      where: { id: target.id },
      select: { id: true, reference: true, status: true, heldFrom: true },
    });
    await change(tx, found);
  });
}

export async function assignToCase(
  caller: Caller,
  reference: string,
  input: { userId: string; role: AssignmentRole; version: number },
  request: RequestContext = {},
): Promise<void> {
  requireCoordinator(caller);
  await changeAssignments(caller, reference, input.version, (tx, found) =>
    putOnCase(tx, found, input, caller, request),
  );
}

export async function unassignFromCase(
  caller: Caller,
  reference: string,
  input: { userId: string; reason: string; version: number },
  request: RequestContext = {},
): Promise<void> {
  requireCoordinator(caller);
  await changeAssignments(caller, reference, input.version, async (tx, found) => {
    await takeOffCase(tx, found, input, caller, request);
  });
}

/** Someone else takes over a person's role on one case. */
export async function reassignCase(
  caller: Caller,
  reference: string,
  input: { fromUserId: string; toUserId: string; reason: string; version: number },
  request: RequestContext = {},
): Promise<void> {
  requireCoordinator(caller);
  if (input.fromUserId === input.toUserId)
    throw DomainError.invalidField("toUserId", "assignment.errors.samePerson");
  await changeAssignments(caller, reference, input.version, (tx, found) =>
    // The new person is checked there, so that a refusal names the form's own field.
    handOver(tx, found, { ...input, checkField: "toUserId" }, caller, request),
  );
}

/**
 * One person's role on a case passes to another: the first is taken off, the
 * second put on in that role, unless already on the case in a role as strong
 * (replacing a supporting lawyer with the lead must not demote the lead).
 */
async function handOver(
  tx: Tx,
  found: CaseRow,
  change: { fromUserId: string; toUserId: string; reason: string; checkField?: string },
  caller: Caller,
  request: RequestContext,
): Promise<void> {
  const role = await takeOffCase(
    tx,
    found,
    { userId: change.fromUserId, reason: change.reason },
    caller,
    request,
  );
  if (change.checkField) await activePerson(tx, change.toUserId, role, change.checkField);
  const already = await tx.caseAssignment.findUnique({
    where: { caseId_userId: { caseId: found.id, userId: change.toUserId } },
    select: { role: true },
  });
  if (!already || (role === "LEAD_LAWYER" && already.role !== "LEAD_LAWYER"))
    await putOnCase(
      tx,
      found,
      { userId: change.toUserId, role, reason: change.reason },
      caller,
      request,
    );
}

/**
 * Moves a person's open cases (all, or the chosen ones) to others, spreading
 * them so that the least loaded target takes the next case: for when a lawyer
 * leaves or is detained. All or nothing, in one transaction.
 */
export async function bulkReassign(
  caller: Caller,
  input: { fromUserId: string; references: string[]; toUserIds: string[]; reason: string },
  request: RequestContext = {},
): Promise<{ moved: Array<{ reference: string; toUserId: string }> }> {
  requireCoordinator(caller);
  const targets = [...new Set(input.toUserIds)].filter((id) => id !== input.fromUserId);
  if (targets.length === 0)
    throw DomainError.invalidField("toUserIds", "assignment.errors.chooseTargets");
  return prisma.$transaction(
    async (tx) => {
      const held = await tx.caseAssignment.findMany({
        where: {
          userId: input.fromUserId,
          case: {
            AND: [
              caseScope(caller),
              { status: { in: ACTIVE_STATUSES } },
              input.references.length > 0 ? { reference: { in: input.references } } : {},
            ],
          },
        },
        orderBy: [{ case: { createdAt: "asc" } }],
        select: {
          role: true,
          case: { select: { id: true, reference: true, status: true, heldFrom: true } },
        },
      });
      if (input.references.length > 0 && held.length !== new Set(input.references).size)
        throw DomainError.invalidField("references", "assignment.errors.selectionChanged");
      if (held.length === 0)
        throw DomainError.invalidField("fromUserId", "assignment.errors.nothingToMove");

      const people = await tx.user.findMany({
        where: { id: { in: targets }, active: true },
        select: { id: true, role: true },
      });
      const fromRoles = new Set(held.map((h) => ROLE_HOLDERS[h.role]));
      if (people.length !== targets.length || people.some((p) => !fromRoles.has(p.role)))
        throw DomainError.invalidField("toUserIds", "assignment.errors.wrongPerson");

      const load = new Map(await openLoads(tx, targets));
      const moved: Array<{ reference: string; toUserId: string }> = [];
      for (const { role, case: row } of held) {
        const candidates = people
          .filter((p) => p.role === ROLE_HOLDERS[role])
          .sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0));
        const target = candidates[0];
        if (!target) throw DomainError.invalidField("toUserIds", "assignment.errors.wrongPerson");
        // No form version here: the move takes each case as it stands, and moves its version
        // so that a form loaded before it is answered with a conflict.
        await tx.case.update({ where: { id: row.id }, data: { version: { increment: 1 } } });
        await handOver(
          tx,
          { ...row },
          { fromUserId: input.fromUserId, toUserId: target.id, reason: input.reason },
          caller,
          request,
        );
        load.set(target.id, (load.get(target.id) ?? 0) + 1);
        moved.push({ reference: row.reference, toUserId: target.id });
      }
      await appendAudit(tx, {
        action: "cases.bulk_reassigned",
        actorId: caller.id,
        targetType: "user",
        targetId: input.fromUserId,
        details: { count: moved.length, to: targets },
        ...request,
      });
      return { moved };
    },
    { timeout: 60_000 },
  );
}

/**
 * Each person's open cases (on hold included), from the tallies the database
 * keeps (model AssignmentTally): inside a transaction they already count its
 * own changes.
 */
export async function openLoads(db: Pick<Tx, "assignmentTally">, userIds?: string[]) {
  const rows = await db.assignmentTally.groupBy({
    by: ["userId"],
    where: {
      ...(userIds ? { userId: { in: userIds } } : {}),
      status: { in: ACTIVE_STATUSES },
    },
    _sum: { count: true },
  });
  return rows.map((r) => [r.userId, r._sum.count ?? 0] as const);
}

export type AssigneeSuggestion = {
  id: string;
  displayName: string;
  role: Role;
  inRegion: boolean;
  experience: number;
  openCases: number;
  onCase: AssignmentRole | null;
};

/**
 * Everyone of `roles` who can be put on cases, with their regions, open loads and
 * past categories: read once, ranked per case (rankAssignees). Two reads through
 * the driver (docs/decisions/0010): the people with their regions, and one pass
 * over their tallies per category and status that sums both figures: a few hundred
 * rows, where AssignmentTally holds one per region and urgency too (27 000 at the
 * bench's 100 000 cases, the most of triage's database time: decision 0054).
 */
export async function assigneePool(roles: readonly Role[] = ["LAWYER", "ORGANIZER"]) {
  const eligible = Prisma.sql`u."active" = ${true} AND u."role" IN (${Prisma.join(
    roles.map((role) => enumValue(role, "Role")),
  )})`;
  const active = Prisma.join(ACTIVE_STATUSES.map((s) => enumValue(s, "CaseStatus")));
  const [people, tallies] = await Promise.all([
    readRows(Prisma.sql`
      SELECT u."id" AS "id", u."displayName" AS "displayName", u."role" AS "role",
        r."region" AS "region"
      FROM "User" u LEFT JOIN "UserRegion" r ON r."userId" = u."id"
      WHERE ${eligible}
      ORDER BY u."id"`),
    // Every case held, open or not, is experience in its category; the open ones are the load.
    readRows(Prisma.sql`
      SELECT t."userId" AS "userId", t."category" AS "category", SUM(t."count") AS "held",
        SUM(CASE WHEN t."status" IN (${active}) THEN t."count" ELSE 0 END) AS "open"
      FROM "AssignmentCategoryTally" t
      WHERE t."userId" IN (SELECT u."id" FROM "User" u WHERE ${eligible})
      GROUP BY t."userId", t."category"`),
  ]);
  const byId = new Map<
    string,
    { id: string; displayName: string; role: Role; regions: Set<string> }
  >();
  for (const row of people) {
    const id = String(row.id);
    let person = byId.get(id);
    if (!person) {
      person = {
        id,
        displayName: String(row.displayName),
        role: row.role as Role,
        regions: new Set<string>(),
      };
      byId.set(id, person);
    }
    if (row.region != null) person.regions.add(String(row.region));
  }
  const loads = new Map<string, number>();
  const experience = new Map<string, number>();
  for (const row of tallies) {
    const userId = String(row.userId);
    experience.set(`${userId}:${String(row.category)}`, Number(row.held ?? 0));
    loads.set(userId, (loads.get(userId) ?? 0) + Number(row.open ?? 0));
  }
  return { people: [...byId.values()], loads, experience };
}

export type AssigneePool = Awaited<ReturnType<typeof assigneePool>>;

/**
 * Whom to put on a case: people who work in the case's region first, then
 * those who have handled its category, then the lightest current load.
 */
export function rankAssignees(
  pool: AssigneePool,
  found: {
    region: string;
    category: string;
    assignments?: Array<{ userId: string; role: AssignmentRole }>;
  },
  role: Role,
): AssigneeSuggestion[] {
  const onCase = new Map((found.assignments ?? []).map((a) => [a.userId, a.role]));
  return pool.people
    .filter((p) => p.role === role)
    .map((p) => ({
      id: p.id,
      displayName: p.displayName,
      role: p.role,
      inRegion: p.regions.has(found.region),
      experience: pool.experience.get(`${p.id}:${found.category}`) ?? 0,
      openCases: pool.loads.get(p.id) ?? 0,
      onCase: onCase.get(p.id) ?? null,
    }))
    .sort(
      (a, b) =>
        Number(b.inRegion) - Number(a.inRegion) ||
        Number(b.experience > 0) - Number(a.experience > 0) ||
        a.openCases - b.openCases ||
        b.experience - a.experience ||
        a.displayName.localeCompare(b.displayName),
    );
}

/** The assign dialog's suggestions for one case, lawyers and field organizers. */
export async function suggestAssignees(
  caller: Caller,
  reference: string,
  request: RequestContext = {},
) {
  requireCoordinator(caller);
  const { id } = await requireCaseAccess(caller, reference, { page: "assign", context: request });
  const [found, pool] = await Promise.all([
    prisma.case.findUniqueOrThrow({
      where: { id },
      select: {
        reference: true,
        region: true,
        category: true,
        urgency: true,
        status: true,
        version: true,
        assignments: {
          orderBy: { assignedAt: "asc" },
          select: { userId: true, role: true, user: { select: { displayName: true } } },
        },
      },
    }),
    assigneePool(),
  ]);
  return {
    found,
    lawyers: rankAssignees(pool, found, "LAWYER"),
    organizers: rankAssignees(pool, found, "ORGANIZER"),
  };
}

/** Active lawyers (or organizers) with their open-case counts, lightest first: the queue's quick pick. */
export async function workloads(role: "LAWYER" | "ORGANIZER") {
  const [people, loads] = await Promise.all([
    prisma.user.findMany({
      where: { active: true, role },
      select: { id: true, displayName: true },
    }),
    openLoads(prisma),
  ]);
  const loadOf = new Map(loads);
  return people
    .map((p) => ({ ...p, openCases: loadOf.get(p.id) ?? 0 }))
    .sort((a, b) => a.openCases - b.openCases || a.displayName.localeCompare(b.displayName));
}

/** The open cases a person holds, for choosing what a bulk reassignment moves. */
export async function casesHeldBy(caller: Caller, userId: string) {
  requireCoordinator(caller);
  const held = await prisma.caseAssignment.findMany({
    where: {
      userId,
      case: { AND: [caseScope(caller), { status: { in: ACTIVE_STATUSES } }] },
    },
    orderBy: [{ case: { createdAt: "asc" } }],
    take: 5000,
    select: {
      role: true,
      case: {
        select: {
          reference: true,
          category: true,
          urgency: true,
          status: true,
          region: true,
          createdAt: true,
        },
      },
    },
  });
  return held.map(({ role, case: c }) => ({ ...c, role }));
}
