// "My work": which cases are mine, which dates are overdue or coming, and
// which of my cases changed since I last opened them.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { recordCaseEvent } from "~/modules/cases/timeline.server";
import { changeStatus } from "~/modules/cases/workflow.server";
import {
  makeCase,
  makePerson,
  makeProceedingDate,
  versionOf,
  type Person,
} from "../../../tests/fixtures/assignment";
import { assignToCase } from "./assignment.server";
import { markCaseViewed } from "~/modules/cases/views.server";
import { loadMyWork } from "./my-work.server";

const DAY = 86_400_000;

let organizer: Person;
let otherOrganizer: Person;
let coordinator: Person;
let lawyer: Person;
let otherLawyer: Person;

async function assign(
  reference: string,
  userId: string,
  role: "LEAD_LAWYER" | "SUPPORTING_LAWYER" | "FIELD_ORGANIZER",
) {
  await assignToCase(coordinator, reference, { userId, role, version: await versionOf(reference) });
}

async function moveTo(reference: string, to: "IN_PROGRESS" | "RESOLVED") {
  await changeStatus(coordinator, reference, { to, version: await versionOf(reference) });
}

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  otherOrganizer = await makePerson("erlan@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  otherLawyer = await makePerson("gulnar@example.org", "LAWYER");
});

describe("my cases", () => {
  it("are the open cases assigned to me, with my role, and for an organizer also the ones they took", async () => {
    const leading = await makeCase(organizer.id);
    await assign(leading.reference, lawyer.id, "LEAD_LAWYER");
    const supporting = await makeCase(organizer.id, { urgency: "URGENT" });
    await assign(supporting.reference, otherLawyer.id, "LEAD_LAWYER");
    await assign(supporting.reference, lawyer.id, "SUPPORTING_LAWYER");
    const held = await makeCase(organizer.id);
    await assign(held.reference, lawyer.id, "LEAD_LAWYER");
    await changeStatus(coordinator, held.reference, {
      to: "ON_HOLD",
      reason: "worker travelling",
      version: await versionOf(held.reference),
    });
    const resolved = await makeCase(organizer.id);
    await assign(resolved.reference, lawyer.id, "LEAD_LAWYER");
    await moveTo(resolved.reference, "IN_PROGRESS");
    await moveTo(resolved.reference, "RESOLVED");
    const notMine = await makeCase(otherOrganizer.id);
    await assign(notMine.reference, otherLawyer.id, "LEAD_LAWYER");
    const waiting = await makeCase(organizer.id);
    const fieldWork = await makeCase(otherOrganizer.id);
    await assign(fieldWork.reference, otherOrganizer.id, "FIELD_ORGANIZER");

    const mine = await loadMyWork(lawyer);
    // Urgent first, then the most recently changed.
    expect(mine.cases.map((c) => [c.reference, c.myRole])).toEqual([
      [supporting.reference, "SUPPORTING_LAWYER"],
      [held.reference, "LEAD_LAWYER"],
      [leading.reference, "LEAD_LAWYER"],
    ]);
    expect(mine.truncated).toBe(false);

    const organizers = await loadMyWork(organizer);
    expect(organizers.cases.map((c) => c.reference).sort()).toEqual(
      [leading.reference, supporting.reference, held.reference, waiting.reference].sort(),
    );
    expect(organizers.cases.every((c) => c.myRole === null)).toBe(true);

    const fieldOrganizers = await loadMyWork(otherOrganizer);
    expect(fieldOrganizers.cases.map((c) => [c.reference, c.myRole]).sort()).toEqual(
      [
        [notMine.reference, null],
        [fieldWork.reference, "FIELD_ORGANIZER"],
      ].sort(),
    );
  });
});

describe("my dates", () => {
  it("split open dates of my cases into overdue, the next 7 days and the next 30 days by when they are due", async () => {
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    const mine = await makeCase(organizer.id);
    await assign(mine.reference, otherLawyer.id, "LEAD_LAWYER");
    const other = await makeCase(organizer.id);
    const done = await makeCase(organizer.id);
    await assign(done.reference, otherLawyer.id, "LEAD_LAWYER");

    const date = async (
      caseId: string,
      kind: "HEARING" | "DEADLINE",
      dueAt: Date,
      outcome?: string,
    ) => (await makeProceedingDate(caseId, otherLawyer.id, { kind, dueAt, outcome })).id;
    const overdue = await date(mine.id, "DEADLINE", at(-3 * DAY));
    const justPassed = await date(mine.id, "HEARING", at(-1));
    const dueNow = await date(mine.id, "HEARING", now);
    const inTwoDays = await date(mine.id, "DEADLINE", at(2 * DAY));
    const justUnder7 = await date(mine.id, "HEARING", at(7 * DAY - 1));
    const at7 = await date(mine.id, "HEARING", at(7 * DAY));
    const in20 = await date(mine.id, "DEADLINE", at(20 * DAY));
    const justUnder30 = await date(mine.id, "DEADLINE", at(30 * DAY - 1));
    await date(mine.id, "HEARING", at(30 * DAY));
    await date(mine.id, "HEARING", at(-2 * DAY), "postponed by the court");
    await date(mine.id, "HEARING", at(DAY), "settled before the hearing");
    await date(other.id, "HEARING", at(DAY));
    await date(done.id, "HEARING", at(DAY));
    // Resolved after its date was set: no longer my work.
    await moveTo(done.reference, "IN_PROGRESS");
    await moveTo(done.reference, "RESOLVED");

    const work = await loadMyWork(otherLawyer, now);
    expect(work.overdue.map((d) => d.id)).toEqual([overdue, justPassed]);
    expect(work.next7.map((d) => d.id)).toEqual([dueNow, inTwoDays, justUnder7]);
    expect(work.next30.map((d) => d.id)).toEqual([at7, in20, justUnder30]);
    expect(work.next7[1]).toMatchObject({
      kind: "DEADLINE",
      // Stored sealed, opened with the case's key.
      description: { ok: true, value: "File the appeal" },
      place: null,
      case: { reference: mine.reference },
      proceeding: { kind: "CIVIL_CLAIM" },
    });
  });
});

describe("my dates, one case at a time", () => {
  it("lists a case's dates whatever its earliest pending one, up to the last moment of the 30 days", async () => {
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    const lawyerOfThese = await makePerson("aigerim@example.org", "LAWYER");
    const caseWith = async () => {
      const made = await makeCase(organizer.id);
      await assign(made.reference, lawyerOfThese.id, "LEAD_LAWYER");
      return made.id;
    };
    const date = async (caseId: string, dueAt: Date, outcome?: string) =>
      (await makeProceedingDate(caseId, lawyerOfThese.id, { kind: "HEARING", dueAt, outcome })).id;
    // Each case's only pending date, near the end of the 30 days and just past it.
    const lastMoment = await date(await caseWith(), at(30 * DAY - 1));
    await date(await caseWith(), at(30 * DAY));
    // An earlier date with its outcome recorded does not stand for the case's next one.
    const afterOutcome = await caseWith();
    await date(afterOutcome, at(-5 * DAY), "heard; decision reserved");
    const nextAfterOutcome = await date(afterOutcome, at(25 * DAY));
    // A date moved later, then back within the 30 days.
    const moved = await caseWith();
    const movedDate = await date(moved, at(40 * DAY));
    await prisma.proceedingDate.update({ where: { id: movedDate }, data: { dueAt: at(3 * DAY) } });
    // Recorded after the page's first load: the case has no pending date left.
    const settled = await caseWith();
    const settledDate = await date(settled, at(2 * DAY));

    const before = await loadMyWork(lawyerOfThese, now);
    expect(before.next7.map((d) => d.id)).toEqual([settledDate, movedDate]);
    expect(before.next30.map((d) => d.id)).toEqual([nextAfterOutcome, lastMoment]);
    expect(before.overdue).toEqual([]);

    await prisma.proceedingDate.update({
      where: { id: settledDate },
      data: { outcome: "settled" },
    });
    const after = await loadMyWork(lawyerOfThese, now);
    expect(after.next7.map((d) => d.id)).toEqual([movedDate]);
  });
});

describe("changed since I last looked", () => {
  it("is true before I open the case, false after, and true again after a new timeline entry or status change", async () => {
    const { id, reference } = await makeCase(organizer.id);
    await assign(reference, lawyer.id, "LEAD_LAWYER");
    const changed = async () => {
      const work = await loadMyWork(lawyer);
      const row = work.cases.find((c) => c.reference === reference)!;
      expect(work.changed.some((c) => c.reference === reference)).toBe(row.changedSinceViewed);
      return row.changedSinceViewed;
    };
    expect(await changed()).toBe(true);

    await markCaseViewed(lawyer.id, id);
    expect(await changed()).toBe(false);
    // Opening it again changes nothing.
    await markCaseViewed(lawyer.id, id);
    expect(await changed()).toBe(false);

    const { lastViewedAt } = await prisma.caseView.findUniqueOrThrow({
      where: { userId_caseId: { userId: lawyer.id, caseId: id } },
    });
    await prisma.$transaction((tx) =>
      recordCaseEvent(tx, {
        caseId: id,
        actorId: coordinator.id,
        kind: "FACT_EDITED",
        details: { fields: ["place"] },
        at: new Date(lastViewedAt.getTime() + 1),
      }),
    );
    expect(await changed()).toBe(true);

    await markCaseViewed(lawyer.id, id, new Date(lastViewedAt.getTime() + 1));
    expect(await changed()).toBe(false);
    // Another person's view does not count as mine.
    await markCaseViewed(otherLawyer.id, id, new Date(lastViewedAt.getTime() + 60_000));
    await changeStatus(coordinator, reference, {
      to: "IN_PROGRESS",
      version: await versionOf(reference),
    });
    expect(await changed()).toBe(true);
  });
});

describe("a busy person's work", () => {
  it("shows a page of the most urgent cases with how many there are, and more when asked", async () => {
    const busy = await makePerson("busy.lawyer@example.org", "LAWYER");
    const references: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { reference } = await makeCase(organizer.id, i === 3 ? { urgency: "URGENT" } : {});
      await assign(reference, busy.id, "LEAD_LAWYER");
      references.push(reference);
    }
    const now = new Date();
    const mine = await prisma.case.findFirstOrThrow({ where: { reference: references[0] } });
    for (let d = 1; d <= 4; d += 1)
      await makeProceedingDate(mine.id, busy.id, {
        kind: "HEARING",
        dueAt: new Date(now.getTime() + d * DAY),
      });

    const page = await loadMyWork(busy, now, { cases: 2, dates: 3, changed: 1 });
    // The urgent one first, then the most recently active.
    expect(page.cases.map((c) => c.reference)).toEqual([references[3], references[4]]);
    expect(page.openCount).toBe(5);
    expect(page.truncated).toBe(true);
    expect(page.changedCount).toBe(5);
    expect(page.changed.map((c) => c.reference)).toEqual([references[4]]);
    expect(page.next7).toHaveLength(3);
    expect(page.moreDates).toEqual({ overdue: false, next7: true, next30: false });

    const all = await loadMyWork(busy, now, { cases: 50, dates: 20 });
    expect(all.cases).toHaveLength(5);
    expect(all.truncated).toBe(false);
    expect(all.next7).toHaveLength(4);
    expect(all.moreDates.next7).toBe(false);
  });
});

describe("the order and the counts", () => {
  it("ranks by urgency, then the latest activity, then the id (ties), and counts what changed since I looked", async () => {
    const ranker = await makePerson("ranking.lawyer@example.org", "LAWYER");
    const made: { id: string; reference: string; urgency: "URGENT" | "HIGH" | "NORMAL" }[] = [];
    for (const urgency of ["NORMAL", "HIGH", "NORMAL", "URGENT", "HIGH", "NORMAL"] as const) {
      const { id, reference } = await makeCase(organizer.id, { urgency });
      await assign(reference, ranker.id, "LEAD_LAWYER");
      made.push({ id, reference, urgency });
    }
    // Three of them with the same last activity: the id breaks the tie, the greater first.
    const tied = new Date("2026-03-01T10:00:00.123Z");
    const at = [
      tied,
      tied,
      tied,
      new Date("2026-03-02T09:00:00Z"),
      tied,
      new Date("2026-02-01T00:00:00Z"),
    ];
    for (const [i, c] of made.entries())
      await prisma.case.update({ where: { id: c.id }, data: { lastActivityAt: at[i] } });
    // Viewed after its last activity: not changed; viewed at the same instant: not changed;
    // viewed a millisecond before it: changed.
    await markCaseViewed(ranker.id, made[0]!.id, new Date(tied.getTime() + 60_000));
    await markCaseViewed(ranker.id, made[4]!.id, tied);
    await markCaseViewed(ranker.id, made[2]!.id, new Date(tied.getTime() - 1));

    const urgencyRank = { URGENT: 0, HIGH: 1, NORMAL: 2 };
    const byActivity = (a: number, b: number) =>
      at[b]!.getTime() - at[a]!.getTime() || (made[a]!.id < made[b]!.id ? 1 : -1);
    const indexes = made.map((_, i) => i);
    const expected = indexes
      .slice()
      .sort(
        (a, b) => urgencyRank[made[a]!.urgency] - urgencyRank[made[b]!.urgency] || byActivity(a, b),
      )
      .map((i) => made[i]!.reference);
    const changedExpected = indexes
      .filter((i) => i !== 0 && i !== 4)
      .sort(byActivity)
      .map((i) => made[i]!.reference);

    const work = await loadMyWork(ranker, new Date(), { cases: 50, changed: 50 });
    expect(work.cases.map((c) => c.reference)).toEqual(expected);
    expect(work.openCount).toBe(6);
    expect(work.changedCount).toBe(4);
    expect(work.changed.map((c) => c.reference)).toEqual(changedExpected);
    expect(
      work.cases
        .filter((c) => !c.changedSinceViewed)
        .map((c) => c.reference)
        .sort(),
    ).toEqual([made[0]!.reference, made[4]!.reference].sort());

    // A page cut inside the ties keeps the same order.
    const page = await loadMyWork(ranker, new Date(), { cases: 3, changed: 2 });
    expect(page.cases.map((c) => c.reference)).toEqual(expected.slice(0, 3));
    expect(page.changed.map((c) => c.reference)).toEqual(changedExpected.slice(0, 2));
    expect(page.openCount).toBe(6);
    expect(page.changedCount).toBe(4);
    expect(page.truncated).toBe(true);
  });
});
