// The triage queue on both databases: which cases wait, in which order, how
// long they have waited, and which waiting rule they break.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { Urgency } from "~/generated/prisma/sqlite/enums";
import { changeStatus } from "~/modules/cases/workflow.server";
import { makeCase, makePerson, versionOf, type Person } from "../../../tests/fixtures/assignment";
import { assignToCase } from "./assignment.server";
import { listTriageQueue, loadTriage, TRIAGE_SUGGESTIONS } from "./triage.server";

const NOW = new Date("2026-03-10T08:00:00.000Z");
const HOUR = 3_600_000;
const hoursAgo = (hours: number, ms = 0) => new Date(NOW.getTime() - hours * HOUR - ms);

let organizer: Person;
let otherOrganizer: Person;
let coordinator: Person;
let lawyer: Person;
/** Waiting cases by name, in the order the queue must list them. */
const expected: Array<{ name: string; reference: string }> = [];
const refs: Record<string, string> = {};

async function waiting(name: string, urgency: Urgency, at: Date, organizerId = organizer.id) {
  const { reference } = await makeCase(organizerId, { urgency, at });
  refs[name] = reference;
  return reference;
}

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  otherOrganizer = await makePerson("erlan@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR");
  lawyer = await makePerson("arman@example.org", "LAWYER", ["ATYRAU"]);
  const assign = async (
    reference: string,
    userId: string,
    role: "LEAD_LAWYER" | "FIELD_ORGANIZER",
  ) => assignToCase(coordinator, reference, { userId, role, version: await versionOf(reference) });

  // Created out of order, so that neither insertion order nor id order gives the answer.
  await waiting("normalNew", "NORMAL", hoursAgo(1));
  await waiting("highAt48h", "HIGH", hoursAgo(48));
  await waiting("urgentAt4h", "URGENT", hoursAgo(4));
  await waiting("normalPast48h", "NORMAL", hoursAgo(48, 1));
  await waiting("highRecent", "HIGH", hoursAgo(10));
  await waiting("urgentPast4h", "URGENT", hoursAgo(4, 1));
  await waiting("normalTwinA", "NORMAL", hoursAgo(20));
  await waiting("normalTwinB", "NORMAL", hoursAgo(20));
  await waiting("withOrganizerOnly", "NORMAL", hoursAgo(30), otherOrganizer.id);
  await assign(refs.withOrganizerOnly!, otherOrganizer.id, "FIELD_ORGANIZER");
  await waiting("triaged", "HIGH", hoursAgo(60));
  await changeStatus(coordinator, refs.triaged!, { to: "TRIAGED", version: 1 });

  // Not waiting: a lawyer holds it, it is on hold, or it is over.
  const taken = await waiting("withLawyer", "URGENT", hoursAgo(100));
  await assign(taken, lawyer.id, "LEAD_LAWYER");
  const held = await waiting("onHold", "URGENT", hoursAgo(100));
  await changeStatus(coordinator, held, { to: "ON_HOLD", reason: "unreachable", version: 1 });
  const done = await waiting("resolvedUnheld", "URGENT", hoursAgo(100));
  for (const to of ["TRIAGED", "ASSIGNED", "IN_PROGRESS", "RESOLVED"] as const)
    await changeStatus(coordinator, done, { to, version: await versionOf(done) });

  const [twinA, twinB] = await prisma.case.findMany({
    where: { reference: { in: [refs.normalTwinA!, refs.normalTwinB!] } },
    select: { id: true, reference: true },
  });
  // Same creation time to the millisecond: the id decides, the same way on both databases.
  const twins = [twinA!, twinB!].sort((a, b) => (a.id < b.id ? -1 : 1)).map((t) => t.reference);

  expected.push(
    ...[
      ["urgentPast4h", refs.urgentPast4h!],
      ["urgentAt4h", refs.urgentAt4h!],
      ["triaged", refs.triaged!],
      ["highAt48h", refs.highAt48h!],
      ["highRecent", refs.highRecent!],
      ["normalPast48h", refs.normalPast48h!],
      ["withOrganizerOnly", refs.withOrganizerOnly!],
      ["twin", twins[0]!],
      ["twin", twins[1]!],
      ["normalNew", refs.normalNew!],
    ].map(([name, reference]) => ({ name: name!, reference: reference! })),
  );
});

describe("the triage queue", () => {
  it("lists only open cases no lawyer holds: urgent, then high, then normal, oldest first within each", async () => {
    const { cases, total } = await listTriageQueue(coordinator, { now: NOW });
    expect(cases.map((c) => c.reference)).toEqual(expected.map((e) => e.reference));
    expect(total).toBe(expected.length);
  });

  it("counts every waiting case in total even when it shows fewer", async () => {
    const { cases, total } = await listTriageQueue(coordinator, { take: 3, now: NOW });
    expect(cases.map((c) => c.reference)).toEqual(expected.slice(0, 3).map((e) => e.reference));
    expect(total).toBe(expected.length);
    // Filling the page across urgencies: all urgent, then the first high ones.
    const five = await listTriageQueue(coordinator, { take: 5, now: NOW });
    expect(five.cases.map((c) => c.reference)).toEqual(
      expected.slice(0, 5).map((e) => e.reference),
    );
  });

  it("flags waiting-rule breaches only past the 4-hour and 48-hour edges", async () => {
    const { cases } = await listTriageQueue(coordinator, { now: NOW });
    const breachOf = (name: string) => cases.find((c) => c.reference === refs[name])!.breach;
    expect(breachOf("urgentPast4h")).toBe("urgentWaiting");
    expect(breachOf("urgentAt4h")).toBeNull();
    expect(breachOf("normalPast48h")).toBe("newWaiting");
    expect(breachOf("highAt48h")).toBeNull();
    expect(breachOf("triaged")).toBe("newWaiting");
    expect(breachOf("highRecent")).toBeNull();
    expect(breachOf("normalNew")).toBeNull();
    expect(cases.find((c) => c.reference === refs.urgentPast4h)!.ageHours).toBe(4);
    expect(cases.find((c) => c.reference === refs.normalPast48h)!.ageHours).toBe(48);
  });

  it("names the employer and the field organizers already on a waiting case", async () => {
    const { cases } = await listTriageQueue(coordinator, { now: NOW });
    const row = cases.find((c) => c.reference === refs.withOrganizerOnly)!;
    expect(row.organizers).toEqual(["erlan"]);
    expect(row.employer?.name).toBe("ТОО «Стройка»");
    expect(cases.find((c) => c.reference === refs.normalNew)!.organizers).toEqual([]);
  });

  it("shows an organizer only the waiting cases they took", async () => {
    const { cases, total } = await listTriageQueue(otherOrganizer, { now: NOW });
    expect(cases.map((c) => c.reference)).toEqual([refs.withOrganizerOnly]);
    expect(total).toBe(1);
  });

  it("suggests lawyers for each waiting case with their load", async () => {
    const { cases } = await loadTriage(coordinator, { now: NOW });
    expect(cases.map((c) => c.reference)).toEqual(expected.map((e) => e.reference));
    for (const row of cases)
      expect(row.suggestions).toEqual([
        { id: lawyer.id, displayName: "arman", inRegion: true, experience: 1, openCases: 1 },
      ]);
  });
});

describe("the index of waiting cases", () => {
  it("holds exactly the open statuses the queue asks for, so the queue can read it", async () => {
    const { database } = await import("~/db.server");
    const { OPEN_STATUSES } = await import("~/modules/cases/status");
    const [index] =
      database.provider === "sqlite"
        ? await prisma.$queryRaw<{ definition: string }[]>`
            SELECT sql AS "definition" FROM sqlite_master
            WHERE name = 'Case_waiting_urgency_createdAt_id_idx'`
        : await prisma.$queryRaw<{ definition: string }[]>`
            SELECT indexdef AS "definition" FROM pg_indexes
            WHERE indexname = 'Case_waiting_urgency_createdAt_id_idx'`;
    const statuses = [...index!.definition.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect(statuses).toEqual([...OPEN_STATUSES]);
    expect(index!.definition).toMatch(/"lawyerCount" = 0/);
  });
});

describe("a triage page", () => {
  it("offers each card only the best ranked lawyers and shows a page of cards unless asked for more", async () => {
    for (let i = 0; i < TRIAGE_SUGGESTIONS + 2; i += 1)
      await makePerson(`lawyer.${i}@example.org`, "LAWYER", i === 0 ? ["ATYRAU"] : ["ABAI"]);
    const { cases, total } = await loadTriage(coordinator, { now: NOW, take: 2 });
    expect(cases).toHaveLength(2);
    expect(total).toBeGreaterThan(2);
    for (const row of cases) {
      expect(row.suggestions).toHaveLength(TRIAGE_SUGGESTIONS);
      // Experienced and in the region first, then in the region.
      expect(row.suggestions.slice(0, 2).map((s) => s.inRegion)).toEqual([true, true]);
    }
  });
});
