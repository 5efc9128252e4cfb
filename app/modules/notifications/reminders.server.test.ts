// Reminders of hearings tomorrow (a calendar day in Almaty, UTC+5) and of
// deadlines within 3 days: one per person holding the case, never twice,
// however often or concurrently the job runs.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { assignToCase } from "~/modules/assignment/assignment.server";
import { changeStatus } from "~/modules/cases/workflow.server";
import { deactivateUser } from "~/modules/people/people.server";
import {
  makeCase,
  makePerson,
  makeProceedingDate,
  versionOf,
  type Person,
} from "../../../tests/fixtures/assignment";
import { runReminders } from "./reminders.server";

const DAY = 86_400_000;
/** An instant given as Almaty wall-clock time. */
const almaty = (local: string) => new Date(`${local}+05:00`);

let organizer: Person;
let coordinator: Person;
let lawyer: Person;
let fieldOrganizer: Person;

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  fieldOrganizer = await makePerson("erlan@example.org", "ORGANIZER");
});

/** A case held by the lawyer (lead) and a field organizer. */
async function heldCase() {
  const created = await makeCase(organizer.id);
  for (const [userId, role] of [
    [lawyer.id, "LEAD_LAWYER"],
    [fieldOrganizer.id, "FIELD_ORGANIZER"],
  ] as const)
    await assignToCase(coordinator, created.reference, {
      userId,
      role,
      version: await versionOf(created.reference),
    });
  return created;
}

const hearing = (caseId: string, dueAt: Date, outcome?: string) =>
  makeProceedingDate(caseId, lawyer.id, { kind: "HEARING", dueAt, outcome });
const deadline = (caseId: string, dueAt: Date) =>
  makeProceedingDate(caseId, lawyer.id, { kind: "DEADLINE", dueAt });

const reminders = (caseId: string) =>
  prisma.notification.findMany({
    where: { caseId, kind: { in: ["HEARING_TOMORROW", "DEADLINE_SOON"] } },
    orderBy: [{ userId: "asc" }, { createdAt: "asc" }],
    select: { userId: true, kind: true, details: true, dedupeKey: true },
  });

describe("runReminders", () => {
  it("reminds everyone on the case of a hearing on the next Almaty calendar day, from 00:30 to 23:30, and not of one the day after", async () => {
    // 15:00 in Almaty on 10 March: tomorrow is 11 March there.
    const now = almaty("2026-03-10T15:00:00");
    const early = await heldCase();
    await hearing(early.id, almaty("2026-03-11T00:30:00"));
    const late = await heldCase();
    await hearing(late.id, almaty("2026-03-11T23:30:00"));
    const dayAfter = await heldCase();
    await hearing(dayAfter.id, almaty("2026-03-12T00:30:00"));
    const laterToday = await heldCase();
    await hearing(laterToday.id, almaty("2026-03-10T20:00:00"));

    await runReminders(now);

    for (const { id, reference } of [early, late]) {
      const sent = await reminders(id);
      expect(sent.map((n) => n.userId).sort()).toEqual([lawyer.id, fieldOrganizer.id].sort());
      expect(sent.every((n) => n.kind === "HEARING_TOMORROW")).toBe(true);
      expect(JSON.parse(sent[0]!.details)).toMatchObject({ reference });
    }
    expect(await reminders(dayAfter.id)).toEqual([]);
    expect(await reminders(laterToday.id)).toEqual([]);
  });

  it("takes tomorrow from the Almaty date, not the UTC one, in the hours when the two differ", async () => {
    // 22:00 UTC on 14 March is already 03:00 on 15 March in Almaty: tomorrow there is 16 March.
    const now = new Date("2026-03-14T22:00:00.000Z");
    const utcTomorrow = await heldCase();
    await hearing(utcTomorrow.id, almaty("2026-03-15T10:00:00"));
    const almatyTomorrow = await heldCase();
    await hearing(almatyTomorrow.id, almaty("2026-03-16T10:00:00"));
    await runReminders(now);
    expect(await reminders(utcTomorrow.id)).toEqual([]);
    expect(await reminders(almatyTomorrow.id)).toHaveLength(2);
  });

  it("reminds of a deadline within 3 days, but not of one further off or already past", async () => {
    const now = new Date("2026-04-01T06:00:00.000Z");
    const soon = await heldCase();
    await deadline(soon.id, new Date(now.getTime() + 3 * DAY - 1));
    const far = await heldCase();
    await deadline(far.id, new Date(now.getTime() + 3 * DAY));
    const past = await heldCase();
    await deadline(past.id, new Date(now.getTime() - 60_000));
    await runReminders(now);
    const sent = await reminders(soon.id);
    expect(sent.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [lawyer.id, "DEADLINE_SOON"],
        [fieldOrganizer.id, "DEADLINE_SOON"],
      ].sort(),
    );
    expect(await reminders(far.id)).toEqual([]);
    expect(await reminders(past.id)).toEqual([]);
  });

  it("creates nothing new when run again, one run after another", async () => {
    const now = almaty("2026-05-04T09:00:00");
    const { id } = await heldCase();
    await hearing(id, almaty("2026-05-05T11:00:00"));
    await deadline(id, almaty("2026-05-06T18:00:00"));
    const first = await runReminders(now);
    expect(first.created).toBe(4);
    const second = await runReminders(now);
    expect(second).toEqual({ created: 0, already: 4 });
    // Later the same day: the same reminders, still once each.
    await runReminders(new Date(now.getTime() + 3 * 3_600_000));
    expect(await reminders(id)).toHaveLength(4);
  });

  it("creates nothing twice when two runs happen at the same time", async () => {
    const now = almaty("2026-05-20T09:00:00");
    const cases = [await heldCase(), await heldCase(), await heldCase()];
    for (const { id } of cases) {
      await hearing(id, almaty("2026-05-21T10:00:00"));
      await deadline(id, almaty("2026-05-22T10:00:00"));
    }
    const runs = await Promise.all([runReminders(now), runReminders(now)]);
    expect(runs[0]!.created + runs[1]!.created).toBe(12);
    for (const run of runs) expect(run.created + run.already).toBe(12);
    for (const { id } of cases) expect(await reminders(id)).toHaveLength(4);
  });

  it("reminds again of a hearing that was moved, and of the new time only", async () => {
    const now = almaty("2026-06-09T12:00:00");
    const { id } = await heldCase();
    const { id: dateId } = await hearing(id, almaty("2026-06-10T10:00:00"));
    await runReminders(now);
    expect(await reminders(id)).toHaveLength(2);

    await prisma.proceedingDate.update({
      where: { id: dateId },
      data: { dueAt: almaty("2026-06-10T15:00:00") },
    });
    await runReminders(now);
    await runReminders(now);
    const sent = await reminders(id);
    expect(sent).toHaveLength(4);
    expect(
      sent
        .filter((n) => n.userId === lawyer.id)
        .map((n) => JSON.parse(n.details).dueAt)
        .sort(),
    ).toEqual([
      almaty("2026-06-10T10:00:00").toISOString(),
      almaty("2026-06-10T15:00:00").toISOString(),
    ]);
  });

  it("does not remind on resolved cases, of dates with an outcome, or deactivated people", async () => {
    const now = almaty("2026-07-01T12:00:00");
    const tomorrow = almaty("2026-07-02T10:00:00");
    const resolved = await heldCase();
    await hearing(resolved.id, tomorrow);
    for (const to of ["IN_PROGRESS", "RESOLVED"] as const)
      await changeStatus(coordinator, resolved.reference, {
        to,
        version: await versionOf(resolved.reference),
      });
    const decided = await heldCase();
    await hearing(decided.id, tomorrow, "adjourned");
    const unheld = await makeCase(organizer.id);
    await hearing(unheld.id, tomorrow);
    const withLeaver = await heldCase();
    const leaver = await makePerson("leaver@example.org", "LAWYER");
    await assignToCase(coordinator, withLeaver.reference, {
      userId: leaver.id,
      role: "SUPPORTING_LAWYER",
      version: await versionOf(withLeaver.reference),
    });
    await deactivateUser(leaver.id, { actorId: null });
    await hearing(withLeaver.id, tomorrow);

    await runReminders(now);
    expect(await reminders(resolved.id)).toEqual([]);
    expect(await reminders(decided.id)).toEqual([]);
    expect(await reminders(unheld.id)).toEqual([]);
    expect((await reminders(withLeaver.id)).map((n) => n.userId).sort()).toEqual(
      [lawyer.id, fieldOrganizer.id].sort(),
    );
  });
});
