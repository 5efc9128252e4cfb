// Putting people on cases and taking them off: the status move it causes, the
// timeline, audit and notification entries written with it, who may do it,
// bulk moves that are all or nothing, the assign dialog's suggestions, and the
// workflow rules that read the assignments.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { DomainError } from "~/utils/domain-error";
import { changeStatus } from "~/modules/cases/workflow.server";
import { deactivateUser } from "~/modules/people/people.server";
import { makeCase, makePerson, versionOf, type Person } from "../../../tests/fixtures/assignment";
import { expectSealed, opened } from "../../../tests/fixtures/sealed";
import {
  assignToCase,
  bulkReassign,
  casesHeldBy,
  reassignCase,
  suggestAssignees,
  unassignFromCase,
  workloads,
} from "./assignment.server";
import { listTriageQueue } from "./triage.server";
import { STATUS } from "~/utils/answer.server";

let organizer: Person;
let coordinator: Person;
let admin: Person;
let lawyer: Person;
let secondLawyer: Person;
let fieldOrganizer: Person;

let emails = 0;
/** A person no other test has touched, so that loads and holdings are known. */
const freshPerson = (
  role: Person["role"],
  regions: Parameters<typeof makePerson>[2] = ["ATYRAU"],
) => makePerson(`${role.toLowerCase()}${++emails}@example.org`, role, regions);

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR", ["ATYRAU", "MANGYSTAU"]);
  admin = await makePerson("ruslan@example.org", "ADMIN");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  secondLawyer = await makePerson("gulnar@example.org", "LAWYER");
  fieldOrganizer = await makePerson("erlan@example.org", "ORGANIZER");
});

const newCase = (options: Parameters<typeof makeCase>[1] = {}) => makeCase(organizer.id, options);

async function assign(
  reference: string,
  userId: string,
  role: Parameters<typeof assignToCase>[2]["role"],
) {
  await assignToCase(coordinator, reference, { userId, role, version: await versionOf(reference) });
}

async function moveTo(reference: string, to: "IN_PROGRESS" | "RESOLVED" | "CLOSED") {
  await changeStatus(coordinator, reference, {
    to,
    reason: to === "CLOSED" ? "nothing more to do" : undefined,
    version: await versionOf(reference),
  });
}

/** Everything an assignment writes, to show that a refused one wrote nothing. */
async function everything() {
  const [assignments, cases, timeline, audit, notifications] = await Promise.all([
    prisma.caseAssignment.findMany({
      orderBy: [{ caseId: "asc" }, { userId: "asc" }],
      select: { caseId: true, userId: true, role: true },
    }),
    prisma.case.findMany({
      orderBy: { reference: "asc" },
      select: { reference: true, status: true, version: true },
    }),
    prisma.timelineEvent.count(),
    prisma.auditEntry.count(),
    prisma.notification.count(),
  ]);
  return { assignments, cases, timeline, audit, notifications };
}

const statusOf = async (reference: string) =>
  (await prisma.case.findUniqueOrThrow({ where: { reference }, select: { status: true } })).status;

describe("assigning a person to a case", () => {
  it("moves a new case to ASSIGNED when a lawyer is put on it, writing the assignment, timeline, audit and notification together", async () => {
    const { id, reference } = await newCase();
    await assignToCase(
      coordinator,
      reference,
      { userId: lawyer.id, role: "LEAD_LAWYER", version: 1 },
      { ipAddress: "203.0.113.7" },
    );

    expect(
      await prisma.case.findUniqueOrThrow({
        where: { id },
        select: { status: true, version: true },
      }),
    ).toEqual({ status: "ASSIGNED", version: 2 });
    expect(
      await prisma.caseAssignment.findMany({
        where: { caseId: id },
        select: { userId: true, role: true, assignedById: true },
      }),
    ).toEqual([{ userId: lawyer.id, role: "LEAD_LAWYER", assignedById: coordinator.id }]);

    const events = await prisma.timelineEvent.findMany({
      where: { caseId: id, kind: { not: "CREATED" } },
      select: { kind: true, actorId: true, details: true },
    });
    expect(events.map((e) => e.kind).sort()).toEqual(["ASSIGNMENT_CHANGED", "STATUS_CHANGED"]);
    expect(events.every((e) => e.actorId === coordinator.id)).toBe(true);
    const byKind = Object.fromEntries(events.map((e) => [e.kind, JSON.parse(e.details)]));
    expect(byKind.ASSIGNMENT_CHANGED).toMatchObject({
      change: "assigned",
      userId: lawyer.id,
      role: "LEAD_LAWYER",
    });
    expect(byKind.STATUS_CHANGED).toMatchObject({ from: "NEW", to: "ASSIGNED" });

    const audit = await prisma.auditEntry.findMany({
      where: { targetType: "case", targetId: reference, action: { not: "case.created" } },
      orderBy: { seq: "asc" },
      select: { action: true, actorId: true, details: true, ipAddress: true },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["case.assigned", "case.status_changed"]);
    expect(audit.every((a) => a.actorId === coordinator.id && a.ipAddress === "203.0.113.7")).toBe(
      true,
    );
    expect(JSON.parse(audit.find((a) => a.action === "case.assigned")!.details)).toEqual({
      userId: lawyer.id,
      role: "LEAD_LAWYER",
      fromRole: null,
    });
    expect(JSON.parse(audit.find((a) => a.action === "case.status_changed")!.details)).toEqual({
      from: "NEW",
      to: "ASSIGNED",
    });

    const assigned = await prisma.notification.findMany({
      where: { userId: lawyer.id, caseId: id, kind: "ASSIGNED" },
      select: { details: true, readAt: true },
    });
    expect(assigned).toHaveLength(1);
    expect(JSON.parse(assigned[0]!.details)).toEqual({ reference, role: "LEAD_LAWYER" });
    expect(assigned[0]!.readAt).toBeNull();
  });

  it("tells the new lawyer only that they were assigned, and a field organizer already on the case of the status move", async () => {
    const { id, reference } = await newCase();
    await assign(reference, fieldOrganizer.id, "FIELD_ORGANIZER");
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    const kinds = async (userId: string) =>
      (
        await prisma.notification.findMany({
          where: { caseId: id, userId },
          select: { kind: true },
        })
      )
        .map((n) => n.kind)
        .sort();
    expect(await kinds(lawyer.id)).toEqual(["ASSIGNED"]);
    expect(await kinds(fieldOrganizer.id)).toEqual(["ASSIGNED", "CASE_CHANGED"]);
  });

  it("moves a triaged case to ASSIGNED too", async () => {
    const { reference } = await newCase();
    await changeStatus(coordinator, reference, { to: "TRIAGED", version: 1 });
    await assign(reference, lawyer.id, "SUPPORTING_LAWYER");
    expect(await statusOf(reference)).toBe("ASSIGNED");
  });

  it("leaves a new case NEW when only a field organizer is put on it", async () => {
    const { id, reference } = await newCase();
    await assign(reference, fieldOrganizer.id, "FIELD_ORGANIZER");
    expect(await statusOf(reference)).toBe("NEW");
    expect(await versionOf(reference)).toBe(2);
    expect(
      await prisma.timelineEvent.count({ where: { caseId: id, kind: "STATUS_CHANGED" } }),
    ).toBe(0);
    expect(
      await prisma.auditEntry.count({ where: { targetId: reference, action: "case.assigned" } }),
    ).toBe(1);
    expect(
      await prisma.notification.count({
        where: { userId: fieldOrganizer.id, caseId: id, kind: "ASSIGNED" },
      }),
    ).toBe(1);
  });

  it("changes the status only once, for the first lawyer", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, secondLawyer.id, "SUPPORTING_LAWYER");
    expect(await statusOf(reference)).toBe("ASSIGNED");
    expect(
      await prisma.timelineEvent.count({ where: { caseId: id, kind: "STATUS_CHANGED" } }),
    ).toBe(1);
  });

  it("makes the previous lead a supporting lawyer when a new lead lawyer is assigned", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, secondLawyer.id, "LEAD_LAWYER");

    const roles = await prisma.caseAssignment.findMany({
      where: { caseId: id },
      select: { userId: true, role: true },
    });
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.role]))).toEqual({
      [lawyer.id]: "SUPPORTING_LAWYER",
      [secondLawyer.id]: "LEAD_LAWYER",
    });
    const changes = (
      await prisma.timelineEvent.findMany({
        where: { caseId: id, kind: "ASSIGNMENT_CHANGED" },
        select: { details: true },
      })
    ).map((e) => JSON.parse(e.details) as Record<string, unknown>);
    expect(changes).toContainEqual(
      expect.objectContaining({
        change: "roleChanged",
        userId: lawyer.id,
        role: "SUPPORTING_LAWYER",
        fromRole: "LEAD_LAWYER",
      }),
    );
    expect(
      await prisma.auditEntry.count({ where: { targetId: reference, action: "case.assigned" } }),
    ).toBe(3);
  });

  it("refuses anyone but a coordinator with a 403, and writes nothing", async () => {
    const { reference } = await newCase();
    const before = await everything();
    for (const caller of [lawyer, organizer, admin]) {
      const refused = await assignToCase(caller, reference, {
        userId: lawyer.id,
        role: "LEAD_LAWYER",
        version: 1,
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ kind: "forbidden" });
    }
    expect(await everything()).toEqual(before);
  });

  it("refuses, by the person field, an organizer as lawyer, a lawyer as field organizer, a deactivated lawyer and an unknown id", async () => {
    const { reference } = await newCase();
    const gone = await freshPerson("LAWYER");
    await deactivateUser(gone.id, { actorId: null });
    const before = await everything();
    const attempts = [
      { userId: fieldOrganizer.id, role: "LEAD_LAWYER" as const },
      { userId: fieldOrganizer.id, role: "SUPPORTING_LAWYER" as const },
      { userId: lawyer.id, role: "FIELD_ORGANIZER" as const },
      { userId: coordinator.id, role: "LEAD_LAWYER" as const },
      { userId: gone.id, role: "LEAD_LAWYER" as const },
      { userId: "cnotauserxxxxxxxxxxxxxxx", role: "LEAD_LAWYER" as const },
    ];
    for (const attempt of attempts) {
      const refused = await assignToCase(coordinator, reference, { ...attempt, version: 1 }).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({
        messageKey: "assignment.errors.wrongPerson",
        field: "userId",
        kind: "invalid",
      });
    }
    expect(await everything()).toEqual(before);
  });

  it("refuses to assign someone again in the role they already have", async () => {
    const { reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await expect(assign(reference, lawyer.id, "LEAD_LAWYER")).rejects.toMatchObject({
      messageKey: "assignment.errors.alreadyAssigned",
      field: "userId",
    });
  });

  it("refuses a form from a stale version with a conflict naming the change, and writes nothing", async () => {
    const { reference } = await newCase();
    await assignToCase(coordinator, reference, {
      userId: lawyer.id,
      role: "LEAD_LAWYER",
      version: 1,
    });
    const before = await everything();
    const refused = await assignToCase(coordinator, reference, {
      userId: secondLawyer.id,
      role: "SUPPORTING_LAWYER",
      version: 1,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).lastChange).toMatchObject({ actorName: "saule" });
    expect(await everything()).toEqual(before);
  });

  it("answers 404 for a reference that does not exist", async () => {
    const refused = await assignToCase(coordinator, "KZ-2026-999999", {
      userId: lawyer.id,
      role: "LEAD_LAWYER",
      version: 1,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(STATUS[(refused as DomainError).kind]).toBe(404);
  });
});

describe("taking a person off a case", () => {
  it("refuses to take off someone who is not on the case, and writes nothing", async () => {
    const { reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    const before = await everything();
    await expect(
      unassignFromCase(coordinator, reference, {
        userId: secondLawyer.id,
        reason: "moving on",
        version: await versionOf(reference),
      }),
    ).rejects.toMatchObject({ messageKey: "assignment.errors.notOnCase", field: "userId" });
    expect(await everything()).toEqual(before);
  });

  it("lets only coordinators take people off", async () => {
    const { reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await expect(
      unassignFromCase(lawyer, reference, {
        userId: lawyer.id,
        reason: "leaving",
        version: await versionOf(reference),
      }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("tells the person, records why, and returns the case to the triage queue when no lawyer remains", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, secondLawyer.id, "SUPPORTING_LAWYER");
    const inQueue = async () =>
      (await listTriageQueue(coordinator, { take: 1000 })).cases.some(
        (c) => c.reference === reference,
      );
    expect(await inQueue()).toBe(false);

    await unassignFromCase(coordinator, reference, {
      userId: secondLawyer.id,
      reason: "conflict of interest",
      version: await versionOf(reference),
    });
    // One lawyer still holds it.
    expect(await inQueue()).toBe(false);

    await unassignFromCase(coordinator, reference, {
      userId: lawyer.id,
      reason: "on leave",
      version: await versionOf(reference),
    });
    expect(await prisma.caseAssignment.count({ where: { caseId: id } })).toBe(0);
    expect(await inQueue()).toBe(true);

    const unassigned = await prisma.notification.findMany({
      where: { caseId: id, kind: "UNASSIGNED" },
      select: { userId: true, details: true },
    });
    expect(unassigned.map((n) => n.userId).sort()).toEqual([lawyer.id, secondLawyer.id].sort());
    expect(JSON.parse(unassigned.find((n) => n.userId === lawyer.id)!.details)).toEqual({
      reference,
      role: "LEAD_LAWYER",
    });
    const removals = (
      await prisma.timelineEvent.findMany({
        where: { caseId: id, kind: "ASSIGNMENT_CHANGED" },
        select: { id: true, details: true },
      })
    )
      .map((e) => ({ ...(JSON.parse(e.details) as { change: string; reason: string }), id: e.id }))
      .filter((d) => d.change === "removed");
    // The reasons are sealed with the case key (they can name people).
    const reasons = await Promise.all(
      removals.map(async (d) => {
        expectSealed({ reason: d.reason });
        return (await opened(id, "TimelineEvent", d.id, { reason: d.reason })).reason;
      }),
    );
    expect(reasons.sort()).toEqual(["conflict of interest", "on leave"]);
    const audit = await prisma.auditEntry.findMany({
      where: { targetId: reference, action: "case.unassigned" },
      select: { details: true },
    });
    expect(audit).toHaveLength(2);
    // The reason is case content: in the timeline, never in the audit log.
    expect(audit.some((a) => a.details.includes("on leave"))).toBe(false);
  });
});

describe("reassigning one case", () => {
  it("hands the person's role to the new person and tells both", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await reassignCase(coordinator, reference, {
      fromUserId: lawyer.id,
      toUserId: secondLawyer.id,
      reason: "caseload",
      version: await versionOf(reference),
    });
    expect(
      await prisma.caseAssignment.findMany({
        where: { caseId: id },
        select: { userId: true, role: true },
      }),
    ).toEqual([{ userId: secondLawyer.id, role: "LEAD_LAWYER" }]);
    expect(
      await prisma.notification.count({
        where: { caseId: id, userId: lawyer.id, kind: "UNASSIGNED" },
      }),
    ).toBe(1);
    expect(
      await prisma.notification.count({
        where: { caseId: id, userId: secondLawyer.id, kind: "ASSIGNED" },
      }),
    ).toBe(1);
    expect(await statusOf(reference)).toBe("ASSIGNED");
  });

  it("keeps the lead when a supporting lawyer is replaced by the case's lead", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, secondLawyer.id, "SUPPORTING_LAWYER");
    await reassignCase(coordinator, reference, {
      fromUserId: secondLawyer.id,
      toUserId: lawyer.id,
      reason: "one lawyer is enough",
      version: await versionOf(reference),
    });
    expect(
      await prisma.caseAssignment.findMany({
        where: { caseId: id },
        select: { userId: true, role: true },
      }),
    ).toEqual([{ userId: lawyer.id, role: "LEAD_LAWYER" }]);
  });

  it("makes a supporting lawyer who replaces the lead the new lead", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, secondLawyer.id, "SUPPORTING_LAWYER");
    await reassignCase(coordinator, reference, {
      fromUserId: lawyer.id,
      toUserId: secondLawyer.id,
      reason: "on leave",
      version: await versionOf(reference),
    });
    expect(
      await prisma.caseAssignment.findMany({
        where: { caseId: id },
        select: { userId: true, role: true },
      }),
    ).toEqual([{ userId: secondLawyer.id, role: "LEAD_LAWYER" }]);
  });

  it("refuses, by the replacement field, someone who cannot hold the role, and writes nothing", async () => {
    const { reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    const gone = await freshPerson("LAWYER");
    await deactivateUser(gone.id, { actorId: null });
    const before = await everything();
    for (const toUserId of [fieldOrganizer.id, gone.id, coordinator.id]) {
      const refused = await reassignCase(coordinator, reference, {
        fromUserId: lawyer.id,
        toUserId,
        reason: "x",
        version: await versionOf(reference),
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({
        messageKey: "assignment.errors.wrongPerson",
        field: "toUserId",
      });
    }
    expect(await everything()).toEqual(before);
  });

  it("refuses to reassign a case to the same person", async () => {
    const { reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await expect(
      reassignCase(coordinator, reference, {
        fromUserId: lawyer.id,
        toUserId: lawyer.id,
        reason: "x",
        version: await versionOf(reference),
      }),
    ).rejects.toMatchObject({ messageKey: "assignment.errors.samePerson", field: "toUserId" });
  });
});

describe("bulk reassignment", () => {
  /** A lawyer who leaves, holding four open cases (one on hold), one resolved and one closed case. */
  async function leavingLawyer() {
    const leaving = await freshPerson("LAWYER");
    const open: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { reference } = await newCase();
      await assign(reference, leaving.id, i === 3 ? "SUPPORTING_LAWYER" : "LEAD_LAWYER");
      open.push(reference);
    }
    // A held case is still the person's work.
    await changeStatus(coordinator, open[2]!, {
      to: "ON_HOLD",
      reason: "worker travelling",
      version: await versionOf(open[2]!),
    });
    const resolved = (await newCase()).reference;
    await assign(resolved, leaving.id, "LEAD_LAWYER");
    await moveTo(resolved, "IN_PROGRESS");
    await moveTo(resolved, "RESOLVED");
    const closed = (await newCase()).reference;
    await assign(closed, leaving.id, "LEAD_LAWYER");
    await moveTo(closed, "IN_PROGRESS");
    await moveTo(closed, "RESOLVED");
    await moveTo(closed, "CLOSED");
    return { leaving, open, resolved, closed };
  }

  /** Two lawyers: one with no open case, one with two. */
  async function targets() {
    const light = await freshPerson("LAWYER");
    const busy = await freshPerson("LAWYER");
    for (let i = 0; i < 2; i++) await assign((await newCase()).reference, busy.id, "LEAD_LAWYER");
    return { light, busy };
  }

  const holders = async (reference: string) =>
    (
      await prisma.caseAssignment.findMany({
        where: { case: { reference } },
        select: { userId: true, role: true },
      })
    ).map((a) => `${a.userId}:${a.role}`);

  it("moves every open case of the person, leaves resolved and closed ones, and spreads them by load", async () => {
    const { leaving, open, resolved, closed } = await leavingLawyer();
    const { light, busy } = await targets();
    const bulkBefore = await prisma.auditEntry.count({
      where: { action: "cases.bulk_reassigned" },
    });

    const { moved } = await bulkReassign(coordinator, {
      fromUserId: leaving.id,
      references: [],
      toUserIds: [light.id, busy.id],
      reason: "left the organisation",
    });

    expect(moved.map((m) => m.reference).sort()).toEqual([...open].sort());
    // The lawyer with no open case takes three (0→1→2, then one each at 2–2), the busy one one.
    expect(moved.filter((m) => m.toUserId === light.id)).toHaveLength(3);
    expect(moved.filter((m) => m.toUserId === busy.id)).toHaveLength(1);
    for (const [index, reference] of open.entries()) {
      const target = moved.find((m) => m.reference === reference)!.toUserId;
      expect(await holders(reference)).toEqual([
        `${target}:${index === 3 ? "SUPPORTING_LAWYER" : "LEAD_LAWYER"}`,
      ]);
      expect(await statusOf(reference)).toBe(index === 2 ? "ON_HOLD" : "ASSIGNED");
    }
    expect(await holders(resolved)).toEqual([`${leaving.id}:LEAD_LAWYER`]);
    expect(await holders(closed)).toEqual([`${leaving.id}:LEAD_LAWYER`]);
    expect(await casesHeldBy(coordinator, leaving.id)).toEqual([]);

    const bulk = await prisma.auditEntry.findMany({
      where: { action: "cases.bulk_reassigned" },
      orderBy: { seq: "desc" },
      take: 1,
      select: { actorId: true, targetType: true, targetId: true, details: true },
    });
    expect(await prisma.auditEntry.count({ where: { action: "cases.bulk_reassigned" } })).toBe(
      bulkBefore + 1,
    );
    expect(bulk[0]).toMatchObject({
      actorId: coordinator.id,
      targetType: "user",
      targetId: leaving.id,
    });
    expect(JSON.parse(bulk[0]!.details)).toMatchObject({ count: 4 });
    expect(
      await prisma.notification.count({ where: { userId: leaving.id, kind: "UNASSIGNED" } }),
    ).toBe(4);
  });

  it("moves only the selected references", async () => {
    const { leaving, open } = await leavingLawyer();
    const { light } = await targets();
    const { moved } = await bulkReassign(coordinator, {
      fromUserId: leaving.id,
      references: [open[0]!, open[2]!],
      toUserIds: [light.id],
      reason: "detained",
    });
    expect(moved).toEqual(
      expect.arrayContaining([
        { reference: open[0], toUserId: light.id },
        { reference: open[2], toUserId: light.id },
      ]),
    );
    expect(moved).toHaveLength(2);
    expect((await casesHeldBy(coordinator, leaving.id)).map((c) => c.reference).sort()).toEqual(
      [open[1]!, open[3]!].sort(),
    );
  });

  it("changes nothing when one selected reference is not an open case of that person", async () => {
    const { leaving, open, resolved } = await leavingLawyer();
    const { light } = await targets();
    const someoneElses = (await newCase()).reference;
    await assign(someoneElses, lawyer.id, "LEAD_LAWYER");
    const before = await everything();
    for (const stray of [someoneElses, resolved, "KZ-2026-999999"]) {
      const refused = await bulkReassign(coordinator, {
        fromUserId: leaving.id,
        references: [open[0]!, stray, open[1]!],
        toUserIds: [light.id],
        reason: "detained",
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({
        messageKey: "assignment.errors.selectionChanged",
        field: "references",
      });
    }
    expect(await everything()).toEqual(before);
  });

  it("changes nothing when a target is inactive, of the wrong kind, or unknown", async () => {
    const { leaving } = await leavingLawyer();
    const { light } = await targets();
    const gone = await freshPerson("LAWYER");
    await deactivateUser(gone.id, { actorId: null });
    const before = await everything();
    for (const wrong of [gone.id, fieldOrganizer.id, coordinator.id, "cnotauserxxxxxxxxxxxxxxx"]) {
      const refused = await bulkReassign(coordinator, {
        fromUserId: leaving.id,
        references: [],
        toUserIds: [light.id, wrong],
        reason: "left",
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({
        messageKey: "assignment.errors.wrongPerson",
        field: "toUserIds",
      });
    }
    expect(await everything()).toEqual(before);
  });

  it("refuses a move to the person themselves only, a person with nothing open, and any caller but a coordinator", async () => {
    const { leaving } = await leavingLawyer();
    const { light } = await targets();
    await expect(
      bulkReassign(coordinator, {
        fromUserId: leaving.id,
        references: [],
        toUserIds: [leaving.id],
        reason: "x",
      }),
    ).rejects.toMatchObject({ messageKey: "assignment.errors.chooseTargets" });
    const idle = await freshPerson("LAWYER");
    await expect(
      bulkReassign(coordinator, {
        fromUserId: idle.id,
        references: [],
        toUserIds: [light.id],
        reason: "x",
      }),
    ).rejects.toMatchObject({ messageKey: "assignment.errors.nothingToMove" });
    await expect(
      bulkReassign(lawyer, {
        fromUserId: leaving.id,
        references: [],
        toUserIds: [light.id],
        reason: "x",
      }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(casesHeldBy(lawyer, leaving.id)).rejects.toMatchObject({ kind: "forbidden" });
    expect(await casesHeldBy(coordinator, leaving.id)).toHaveLength(4);
  });

  it("makes a target already supporting on the case its lead, and keeps a target already leading it", async () => {
    const leaving = await freshPerson("LAWYER");
    const target = await freshPerson("LAWYER");
    const supporting = (await newCase()).reference;
    await assign(supporting, leaving.id, "LEAD_LAWYER");
    await assign(supporting, target.id, "SUPPORTING_LAWYER");
    const leading = (await newCase()).reference;
    await assign(leading, target.id, "LEAD_LAWYER");
    await assign(leading, leaving.id, "SUPPORTING_LAWYER");

    await bulkReassign(coordinator, {
      fromUserId: leaving.id,
      references: [],
      toUserIds: [target.id],
      reason: "left",
    });
    expect(await holders(supporting)).toEqual([`${target.id}:LEAD_LAWYER`]);
    expect(await holders(leading)).toEqual([`${target.id}:LEAD_LAWYER`]);
  });
});

describe("suggestions", () => {
  it("rank people in the case's region first, then those who handled its category, then the lightest load", async () => {
    // The case: forced labour in Mangystau.
    const inRegionExperienced = await freshPerson("LAWYER", ["MANGYSTAU", "ATYRAU"]);
    const inRegion = await freshPerson("LAWYER", ["MANGYSTAU"]);
    const experiencedElsewhere = await freshPerson("LAWYER", ["ASTANA"]);
    const idleElsewhere = await freshPerson("LAWYER", ["ASTANA"]);
    const busyElsewhere = await freshPerson("LAWYER", ["ASTANA"]);
    const ours = new Set(
      [inRegionExperienced, inRegion, experiencedElsewhere, idleElsewhere, busyElsewhere].map(
        (p) => p.id,
      ),
    );

    // Experience: a resolved forced-labour case each (no load from it).
    for (const person of [inRegionExperienced, experiencedElsewhere]) {
      const { reference } = await newCase({ category: "FORCED_LABOR" });
      await assign(reference, person.id, "LEAD_LAWYER");
      await moveTo(reference, "IN_PROGRESS");
      await moveTo(reference, "RESOLVED");
    }
    // Load: open wage cases.
    for (const person of [inRegionExperienced, inRegionExperienced, inRegion, busyElsewhere])
      await assign((await newCase()).reference, person.id, "LEAD_LAWYER");

    const { reference } = await newCase({ category: "FORCED_LABOR", region: "MANGYSTAU" });
    const { lawyers, organizers, found } = await suggestAssignees(coordinator, reference);
    expect(found.reference).toBe(reference);

    const ranked = lawyers.filter((s) => ours.has(s.id));
    expect(ranked.map((s) => s.id)).toEqual([
      inRegionExperienced.id,
      inRegion.id,
      experiencedElsewhere.id,
      idleElsewhere.id,
      busyElsewhere.id,
    ]);
    expect(
      ranked.map(({ inRegion, experience, openCases }) => ({ inRegion, experience, openCases })),
    ).toEqual([
      { inRegion: true, experience: 1, openCases: 2 },
      { inRegion: true, experience: 0, openCases: 1 },
      { inRegion: false, experience: 1, openCases: 0 },
      { inRegion: false, experience: 0, openCases: 0 },
      { inRegion: false, experience: 0, openCases: 1 },
    ]);
    expect(lawyers.every((s) => s.role === "LAWYER")).toBe(true);
    expect(organizers.length).toBeGreaterThan(0);
    expect(organizers.every((s) => s.role === "ORGANIZER")).toBe(true);
  });

  it("say who is already on the case, leave out deactivated people, and are for coordinators only", async () => {
    const gone = await freshPerson("LAWYER");
    await deactivateUser(gone.id, { actorId: null });
    const { reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    const { lawyers } = await suggestAssignees(coordinator, reference);
    expect(lawyers.find((s) => s.id === lawyer.id)?.onCase).toBe("LEAD_LAWYER");
    expect(lawyers.find((s) => s.id === secondLawyer.id)?.onCase).toBeNull();
    expect(lawyers.some((s) => s.id === gone.id)).toBe(false);
    await expect(suggestAssignees(lawyer, reference)).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("list workloads lightest first, counting open and held cases but not resolved ones", async () => {
    const held = await freshPerson("LAWYER");
    const { reference } = await newCase();
    await assign(reference, held.id, "LEAD_LAWYER");
    await changeStatus(coordinator, reference, {
      to: "ON_HOLD",
      reason: "worker unreachable",
      version: await versionOf(reference),
    });
    const list = await workloads("LAWYER");
    expect(list.find((w) => w.id === held.id)?.openCases).toBe(1);
    // The suggestions read the same load their own way (assigneePool): a held case counts there too.
    const { lawyers } = await suggestAssignees(coordinator, (await newCase()).reference);
    expect(lawyers.find((s) => s.id === held.id)?.openCases).toBe(1);
    const loads = list.map((w) => w.openCases);
    expect(loads).toEqual([...loads].sort((a, b) => a - b));
    expect(list.every((w) => w.id !== fieldOrganizer.id)).toBe(true);
  });
});

describe("the workflow with assignments", () => {
  it("lets an assigned lawyer move the case ASSIGNED → IN_PROGRESS → RESOLVED, setting closedAt, and answers a lawyer not on it 404 (the case is outside their scope)", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "SUPPORTING_LAWYER");
    const refused = await changeStatus(secondLawyer, reference, {
      to: "IN_PROGRESS",
      version: await versionOf(reference),
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: "notFound" });
    expect(await statusOf(reference)).toBe("ASSIGNED");

    await changeStatus(lawyer, reference, {
      to: "IN_PROGRESS",
      version: await versionOf(reference),
    });
    const closedAt = async () =>
      (await prisma.case.findUniqueOrThrow({ where: { id }, select: { closedAt: true } })).closedAt;
    expect(await closedAt()).toBeNull();
    const beforeResolving = Date.now();
    await changeStatus(lawyer, reference, { to: "RESOLVED", version: await versionOf(reference) });
    expect(await statusOf(reference)).toBe("RESOLVED");
    expect((await closedAt())!.getTime()).toBeGreaterThanOrEqual(beforeResolving - 1000);
  });

  it("answers a lawyer who was taken off the case 404 (it left their scope with the assignment)", async () => {
    const { reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await unassignFromCase(coordinator, reference, {
      userId: lawyer.id,
      reason: "reassigned",
      version: await versionOf(reference),
    });
    await expect(
      changeStatus(lawyer, reference, { to: "IN_PROGRESS", version: await versionOf(reference) }),
    ).rejects.toSatisfy((e: unknown) => e instanceof DomainError && STATUS[e.kind] === 404);
    expect(await statusOf(reference)).toBe("ASSIGNED");
  });

  it("keeps closedAt when a resolved case is closed, and clears it when the case is reopened", async () => {
    const { id, reference } = await newCase();
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await moveTo(reference, "IN_PROGRESS");
    await moveTo(reference, "RESOLVED");
    const closedAt = async () =>
      (await prisma.case.findUniqueOrThrow({ where: { id }, select: { closedAt: true } })).closedAt;
    const resolvedAt = await closedAt();
    expect(resolvedAt).not.toBeNull();
    await moveTo(reference, "CLOSED");
    expect(await closedAt()).toEqual(resolvedAt);
    await changeStatus(lawyer, reference, {
      to: "REOPENED",
      reason: "the employer stopped paying again",
      version: await versionOf(reference),
    });
    expect(await statusOf(reference)).toBe("REOPENED");
    expect(await closedAt()).toBeNull();
  });
});
