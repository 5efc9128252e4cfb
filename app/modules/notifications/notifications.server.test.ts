// Notifications: each person reads and marks only their own; "a change on a
// case you hold" is one unread notice per person and case, never sent to the
// person who made the change, and never announcing privileged material to
// those who may not read it.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { assignToCase } from "~/modules/assignment/assignment.server";
import { addNote } from "~/modules/cases/notes.server";
import { changeStatus } from "~/modules/cases/workflow.server";
import { deactivateUser } from "~/modules/people/people.server";
import { makeCase, makePerson, versionOf, type Person } from "../../../tests/fixtures/assignment";
import { listNotifications, markRead, notifyOnce, unreadCount } from "./notifications.server";

let organizer: Person;
let coordinator: Person;
let lawyer: Person;
let secondLawyer: Person;

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  secondLawyer = await makePerson("gulnar@example.org", "LAWYER");
});

async function assign(
  reference: string,
  userId: string,
  role: "LEAD_LAWYER" | "SUPPORTING_LAWYER" | "FIELD_ORGANIZER",
) {
  await assignToCase(coordinator, reference, { userId, role, version: await versionOf(reference) });
}

describe("reading notifications", () => {
  it("marks only the caller's own notifications read: another person's id changes nothing", async () => {
    const reader = await makePerson("reader@example.org", "LAWYER");
    const neighbour = await makePerson("neighbour@example.org", "LAWYER");
    const { id: caseId, reference: onCase } = await makeCase(organizer.id);
    await assign(onCase, reader.id, "LEAD_LAWYER");
    await assign(onCase, neighbour.id, "SUPPORTING_LAWYER");
    await prisma.notification.deleteMany({ where: { userId: { in: [reader.id, neighbour.id] } } });
    const create = (userId: string, reference: string) =>
      prisma.notification.create({
        data: { userId, kind: "ASSIGNED", caseId, details: JSON.stringify({ reference }) },
        select: { id: true },
      });
    const first = await create(reader.id, "KZ-2026-000101");
    await create(reader.id, "KZ-2026-000102");
    const theirs = await create(neighbour.id, "KZ-2026-000103");

    expect(await markRead(reader.id, theirs.id)).toBe(0);
    expect(await unreadCount(neighbour)).toBe(1);
    expect(await markRead(reader.id, "cnotanotificationxxxxxx")).toBe(0);

    expect(await markRead(reader.id, first.id)).toBe(1);
    expect(await markRead(reader.id, first.id)).toBe(0);
    expect(await unreadCount(reader)).toBe(1);

    expect(await markRead(reader.id, "all")).toBe(1);
    expect(await unreadCount(reader)).toBe(0);
    expect(await unreadCount(neighbour)).toBe(1);
    expect(
      (await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt,
    ).toBeNull();
  });

  it("lists only the person's own notifications, newest first, with their details", async () => {
    const reader = await makePerson("lister@example.org", "LAWYER");
    const base = Date.parse("2026-03-10T08:00:00.000Z");
    for (const [offset, reference] of [
      [0, "KZ-2026-000201"],
      [2, "KZ-2026-000203"],
      [1, "KZ-2026-000202"],
    ] as const)
      await prisma.notification.create({
        data: {
          userId: reader.id,
          kind: "DEADLINE_SOON",
          details: JSON.stringify({ reference }),
          createdAt: new Date(base + offset * 60_000),
        },
      });
    const { total, items } = await listNotifications(reader, { take: 2 });
    expect(total).toBe(3);
    expect(items.map((i) => i.details.reference)).toEqual(["KZ-2026-000203", "KZ-2026-000202"]);
    const rest = await listNotifications(reader, { take: 2, skip: 2 });
    expect(rest.items.map((i) => i.details.reference)).toEqual(["KZ-2026-000201"]);
  });
});

describe("notifications about a case", () => {
  it("are no longer seen or counted once the person is taken off the case, except that notice itself", async () => {
    const holder = await makePerson("taken.off@example.org", "LAWYER");
    const { reference } = await makeCase(organizer.id);
    await assign(reference, holder.id, "LEAD_LAWYER");
    expect(await unreadCount(holder)).toBe(1);
    expect((await listNotifications(holder)).items.map((n) => n.kind)).toEqual(["ASSIGNED"]);

    const { unassignFromCase } = await import("~/modules/assignment/assignment.server");
    await unassignFromCase(coordinator, reference, {
      userId: holder.id,
      reason: "Moved to another region",
      version: await versionOf(reference),
    });
    // Told they were taken off, and nothing more about the case.
    expect(await prisma.notification.count({ where: { userId: holder.id } })).toBe(2);
    expect(await unreadCount(holder)).toBe(1);
    expect((await listNotifications(holder)).items.map((n) => n.kind)).toEqual(["UNASSIGNED"]);
  });

  it("are counted unread as they are listed: a coordinator's regions, the organizer's own intake, never in a duress session", async () => {
    const regional = await makePerson("regional@example.org", "COORDINATOR", ["ATYRAU"]);
    const taker = await makePerson("taker@example.org", "ORGANIZER");
    const inRegion = await makeCase(organizer.id, { region: "ATYRAU" });
    const elsewhere = await makeCase(organizer.id, { region: "PAVLODAR" });
    const taken = await makeCase(taker.id, { region: "PAVLODAR" });
    await prisma.notification.deleteMany({ where: { userId: { in: [regional.id, taker.id] } } });
    const send = (
      userId: string,
      kind: "ASSIGNED" | "UNASSIGNED" | "SECURITY_ALERT" | "DEADLINE_SOON",
      caseId: string | null,
      readAt: Date | null = null,
    ) => prisma.notification.create({ data: { userId, kind, caseId, readAt } });
    await send(regional.id, "ASSIGNED", inRegion.id);
    await send(regional.id, "ASSIGNED", elsewhere.id);
    await send(regional.id, "UNASSIGNED", elsewhere.id);
    await send(regional.id, "SECURITY_ALERT", null);
    await send(regional.id, "DEADLINE_SOON", inRegion.id, new Date());
    await send(taker.id, "DEADLINE_SOON", taken.id);
    await send(taker.id, "DEADLINE_SOON", elsewhere.id);

    expect(await unreadCount(regional)).toBe(3);
    const listed = (await listNotifications(regional)).items;
    expect(listed.filter((n) => n.readAt === null)).toHaveLength(3);
    expect(await unreadCount(taker)).toBe(1);
    expect(await unreadCount({ ...regional, duress: true })).toBe(0);
  });

  it("keep notices about no case (security alerts) for whoever they were sent to", async () => {
    const admin = await makePerson("alerted.admin@example.org", "ADMIN", []);
    await prisma.notification.create({
      data: { userId: admin.id, kind: "SECURITY_ALERT", details: JSON.stringify({ alert: "x" }) },
    });
    expect(await unreadCount(admin)).toBe(1);
  });
});

describe("notifyOnce", () => {
  it("creates a keyed notification once, even when several attempts run at the same time", async () => {
    const person = await makePerson("once@example.org", "LAWYER");
    const attempt = () =>
      notifyOnce({
        userId: person.id,
        kind: "DEADLINE_SOON",
        dedupeKey: "deadline:test:2026-03-12T04:00:00.000Z",
        details: { reference: "KZ-2026-000301" },
      });
    const results = await Promise.all([attempt(), attempt(), attempt(), attempt()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await attempt()).toBe(false);
    expect(await prisma.notification.count({ where: { userId: person.id } })).toBe(1);
  });
});

describe("changes on a case I hold", () => {
  const caseChanged = (caseId: string, userId: string) =>
    prisma.notification.findMany({
      where: { caseId, userId, kind: "CASE_CHANGED" },
      select: { id: true, details: true, readAt: true, createdAt: true },
    });

  it("give each holder but the actor one unread notice per case, refreshed by further changes", async () => {
    const { id, reference } = await makeCase(organizer.id);
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, secondLawyer.id, "SUPPORTING_LAWYER");
    await assign(reference, organizer.id, "FIELD_ORGANIZER");
    // What assigning itself caused is not what this test is about.
    await prisma.notification.updateMany({ where: { caseId: id }, data: { readAt: new Date() } });

    await changeStatus(lawyer, reference, {
      to: "IN_PROGRESS",
      version: await versionOf(reference),
    });
    expect(
      (
        await prisma.notification.findMany({
          where: { caseId: id, kind: "CASE_CHANGED", readAt: null },
          select: { userId: true },
        })
      )
        .map((n) => n.userId)
        .sort(),
    ).toEqual([secondLawyer.id, organizer.id].sort());
    const [first] = await caseChanged(id, secondLawyer.id).then((all) =>
      all.filter((n) => n.readAt === null),
    );
    expect(JSON.parse(first!.details)).toEqual({ reference, change: "STATUS_CHANGED" });

    await addNote(lawyer, reference, { body: "Called the inspectorate", legal: false });
    await addNote(lawyer, reference, { body: "Sent the claim", legal: false });
    const unread = await prisma.notification.findMany({
      where: { caseId: id, kind: "CASE_CHANGED", readAt: null },
      select: { id: true, userId: true, details: true, createdAt: true },
    });
    expect(unread.map((n) => n.userId).sort()).toEqual([secondLawyer.id, organizer.id].sort());
    const refreshed = unread.find((n) => n.userId === secondLawyer.id)!;
    expect(refreshed.id).toBe(first!.id);
    expect(JSON.parse(refreshed.details)).toEqual({ reference, change: "NOTE_ADDED" });
    expect(refreshed.createdAt.getTime()).toBeGreaterThanOrEqual(first!.createdAt.getTime());

    // Once read, the next change brings a new notice.
    await markRead(secondLawyer.id, first!.id);
    await addNote(organizer, reference, { body: "The worker can meet on Friday", legal: false });
    const forSecond = await caseChanged(id, secondLawyer.id);
    expect(forSecond.filter((n) => n.readAt === null)).toHaveLength(1);
    expect(forSecond.filter((n) => n.readAt !== null).map((n) => n.id)).toContain(first!.id);
    // The lead lawyer hears of the organizer's note; the organizer does not hear of their own.
    expect((await caseChanged(id, lawyer.id)).filter((n) => n.readAt === null)).toHaveLength(1);
    const forOrganizer = (await caseChanged(id, organizer.id)).filter((n) => n.readAt === null);
    expect(forOrganizer).toHaveLength(1);
    expect(JSON.parse(forOrganizer[0]!.details)).toEqual({ reference, change: "NOTE_ADDED" });
  });

  it("do not announce a legal note to a field organizer holding the case", async () => {
    const { id, reference } = await makeCase(organizer.id);
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, secondLawyer.id, "SUPPORTING_LAWYER");
    await assign(reference, organizer.id, "FIELD_ORGANIZER");
    await prisma.notification.updateMany({ where: { caseId: id }, data: { readAt: new Date() } });
    const before = await prisma.notification.findMany({
      where: { caseId: id, userId: organizer.id },
      select: { id: true, details: true, createdAt: true, readAt: true },
    });

    await addNote(lawyer, reference, { body: "Strategy for the hearing", legal: true });
    expect(
      await prisma.notification.findMany({
        where: { caseId: id, userId: organizer.id },
        select: { id: true, details: true, createdAt: true, readAt: true },
      }),
    ).toEqual(before);
    const forColleague = (await caseChanged(id, secondLawyer.id)).filter((n) => !n.readAt);
    expect(forColleague).toHaveLength(1);
    expect(JSON.parse(forColleague[0]!.details)).toEqual({ reference, change: "NOTE_ADDED" });

    // An unread notice from an earlier ordinary change is not refreshed by a legal one either.
    await addNote(secondLawyer, reference, { body: "Documents arrived", legal: false });
    const ordinary = (await caseChanged(id, organizer.id)).filter((n) => !n.readAt);
    expect(ordinary).toHaveLength(1);
    await addNote(lawyer, reference, { body: "Privileged assessment", legal: true });
    expect((await caseChanged(id, organizer.id)).filter((n) => !n.readAt)).toEqual(ordinary);
  });

  it("are not sent to deactivated holders", async () => {
    const leaving = await makePerson("leaving@example.org", "LAWYER");
    const { id, reference } = await makeCase(organizer.id);
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    await assign(reference, leaving.id, "SUPPORTING_LAWYER");
    await deactivateUser(leaving.id, { actorId: null });
    await addNote(lawyer, reference, { body: "Next steps", legal: false });
    expect(await caseChanged(id, leaving.id)).toEqual([]);
  });
});
