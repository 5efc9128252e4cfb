// The caseload dashboard's numbers on a small dataset built for its edges:
// ageing and SLA thresholds to the millisecond, month boundaries in Kazakhstan,
// outcome sums beyond 2^53, filters, and the caller's scope.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type {
  CaseCategory,
  CaseStatus,
  OutcomeKind,
  Region,
  Role,
  Urgency,
} from "~/generated/prisma/sqlite/enums";
import { caseScope } from "~/modules/cases/access.server";
import { createUser } from "~/modules/people/people.server";
import { REGIONS } from "~/modules/regions/regions";
import { loadCaseload, periodMonths } from "./caseload.server";
import type { CaseloadFilters } from "./filters";
import { caseScopeSql } from "~/modules/cases/scope-sql.server";
import type { Caller } from "~/modules/auth/caller";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const PERIOD = { from: "2026-04-01", to: "2026-06-15" } satisfies CaseloadFilters;

type Person = { id: string; role: Role; regions: Region[] };
let organizer: Person;
let otherOrganizer: Person;
let lawyer: Person;
let secondLawyer: Person;
let formerLawyer: Person;
let coordinator: Person;
let regionalCoordinator: Person;
let admin: Person;
const cases: Record<string, string> = {};

async function makeCase(
  name: string,
  data: {
    status: CaseStatus;
    urgency: Urgency;
    category: CaseCategory;
    region: Region;
    createdAt: Date;
    closedAt?: Date;
    organizerId?: string;
  },
) {
  const number = Object.keys(cases).length + 1;
  const created = await prisma.case.create({
    data: {
      reference: `KZ-2026-${String(number).padStart(6, "0")}`,
      year: 2026,
      number,
      suggestedUrgency: data.urgency,
      incidentStart: new Date("2026-01-01T00:00:00.000Z"),
      place: "Test site",
      channel: "HOTLINE",
      account: "A fictional account for the caseload test.",
      facts: "{}",
      organizerId: organizer.id,
      ...data,
    },
    select: { id: true },
  });
  cases[name] = created.id;
}

async function assign(name: string, userId: string) {
  await prisma.caseAssignment.create({
    data: { caseId: cases[name]!, userId, role: "LEAD_LAWYER", assignedById: coordinator.id },
  });
}

async function dueDate(name: string, kind: "HEARING" | "DEADLINE", dueAt: Date, outcome?: string) {
  const caseId = cases[name]!;
  const proceeding = await prisma.proceeding.create({
    data: { caseId, kind: "CIVIL_CLAIM", authority: "District court", createdById: lawyer.id },
  });
  await prisma.proceedingDate.create({
    data: {
      proceedingId: proceeding.id,
      caseId,
      kind,
      dueAt,
      description: "Test date",
      outcome: outcome ?? null,
      createdById: lawyer.id,
    },
  });
}

async function outcome(
  name: string,
  kind: OutcomeKind,
  date: string,
  extra: { amountMinor?: bigint; currency?: string; people?: number } = {},
) {
  await prisma.caseOutcome.create({
    data: {
      caseId: cases[name]!,
      kind,
      date: new Date(`${date}T00:00:00.000Z`),
      recordedById: lawyer.id,
      amountMinor: extra.amountMinor ?? null,
      currency: extra.currency ?? null,
      people: extra.people ?? null,
    },
  });
}

const BEYOND_2_53 = 2n ** 53n + 1n;

beforeAll(async () => {
  const make = async (email: string, role: Role, regions: Region[] = ["ATYRAU"]) => ({
    id: (
      await createUser(
        { email, displayName: email.split("@")[0]!, role, regions },
        { actorId: null },
      )
    ).id,
    role,
    regions,
  });
  organizer = await make("dana@example.org", "ORGANIZER");
  otherOrganizer = await make("erlan@example.org", "ORGANIZER");
  lawyer = await make("arman@example.org", "LAWYER");
  secondLawyer = await make("bota@example.org", "LAWYER");
  formerLawyer = await make("gani@example.org", "LAWYER");
  // National: the dashboard's figures below span every region.
  coordinator = await make("saule@example.org", "COORDINATOR", [...REGIONS]);
  regionalCoordinator = await make("aigerim@example.org", "COORDINATOR", ["ATYRAU", "MANGYSTAU"]);
  admin = await make("ruslan@example.org", "ADMIN");

  const justUnder = (days: number) => DAY * (days + 1) - 1;
  // Open cases, at the edges of the ageing buckets and the waiting rules.
  await makeCase("urgent7", {
    status: "NEW",
    urgency: "URGENT",
    category: "UNPAID_WAGES",
    region: "ATYRAU",
    createdAt: ago(justUnder(7)),
  });
  await makeCase("normal8", {
    status: "NEW",
    urgency: "NORMAL",
    category: "UNPAID_WAGES",
    region: "ATYRAU",
    createdAt: ago(8 * DAY),
  });
  await makeCase("triaged30", {
    status: "TRIAGED",
    urgency: "HIGH",
    category: "FORCED_LABOR",
    region: "MANGYSTAU",
    createdAt: ago(justUnder(30)),
  });
  await makeCase("assigned31", {
    status: "ASSIGNED",
    urgency: "NORMAL",
    category: "FORCED_LABOR",
    region: "ATYRAU",
    createdAt: ago(31 * DAY),
  });
  await makeCase("inProgress90", {
    status: "IN_PROGRESS",
    urgency: "URGENT",
    category: "DETAINED_ACTIVIST",
    region: "ALMATY",
    createdAt: ago(justUnder(90)),
  });
  await makeCase("reopened91", {
    status: "REOPENED",
    urgency: "NORMAL",
    category: "UNPAID_WAGES",
    region: "ALMATY",
    createdAt: ago(91 * DAY),
  });
  await makeCase("urgentAt4h", {
    status: "NEW",
    urgency: "URGENT",
    category: "OTHER",
    region: "ASTANA",
    createdAt: ago(4 * HOUR),
  });
  await makeCase("urgentPast4h", {
    status: "NEW",
    urgency: "URGENT",
    category: "OTHER",
    region: "ASTANA",
    createdAt: ago(4 * HOUR + 1),
  });
  await makeCase("triagedAt48h", {
    status: "TRIAGED",
    urgency: "NORMAL",
    category: "OTHER",
    region: "ASTANA",
    createdAt: ago(48 * HOUR),
  });
  await makeCase("highPast48h", {
    status: "NEW",
    urgency: "HIGH",
    category: "OTHER",
    region: "ASTANA",
    createdAt: ago(48 * HOUR + 1),
  });
  await makeCase("othersUrgent", {
    status: "NEW",
    urgency: "URGENT",
    category: "UNPAID_WAGES",
    region: "ATYRAU",
    createdAt: ago(10 * DAY),
    organizerId: otherOrganizer.id,
  });
  // Not open.
  await makeCase("onHold", {
    status: "ON_HOLD",
    urgency: "URGENT",
    category: "UNPAID_WAGES",
    region: "ATYRAU",
    createdAt: ago(100 * DAY),
  });
  await makeCase("resolvedApril", {
    status: "RESOLVED",
    urgency: "NORMAL",
    category: "UNPAID_WAGES",
    region: "ATYRAU",
    createdAt: new Date("2026-02-01T10:00:00.000Z"),
    closedAt: new Date("2026-04-10T10:00:00.000Z"),
  });
  await makeCase("closedJune", {
    status: "CLOSED",
    urgency: "NORMAL",
    category: "OTHER",
    region: "ALMATY",
    createdAt: new Date("2025-12-01T10:00:00.000Z"),
    closedAt: new Date("2026-06-01T00:00:00.000Z"),
  });
  // Month edges in Kazakhstan (UTC+5): 18:59:59.999Z on the 30th of April is still April there.
  await makeCase("lastMomentOfApril", {
    status: "CLOSED",
    urgency: "NORMAL",
    category: "UNPAID_WAGES",
    region: "ATYRAU",
    createdAt: new Date("2026-04-30T18:59:59.999Z"),
    closedAt: new Date("2026-05-31T19:00:00.000Z"),
  });
  await makeCase("firstMomentOfMay", {
    status: "RESOLVED",
    urgency: "NORMAL",
    category: "UNPAID_WAGES",
    region: "MANGYSTAU",
    createdAt: new Date("2026-04-30T19:00:00.000Z"),
    closedAt: new Date("2026-05-20T10:00:00.000Z"),
  });
  await makeCase("beforePeriod", {
    status: "CLOSED",
    urgency: "NORMAL",
    category: "UNPAID_WAGES",
    region: "ATYRAU",
    createdAt: new Date("2026-03-31T18:59:59.999Z"),
    closedAt: new Date("2026-03-31T19:00:00.000Z"),
  });

  await assign("urgent7", lawyer.id);
  await assign("assigned31", lawyer.id);
  await assign("inProgress90", lawyer.id);
  await assign("resolvedApril", lawyer.id);
  await assign("normal8", secondLawyer.id);
  await assign("reopened91", secondLawyer.id);
  await assign("othersUrgent", otherOrganizer.id);
  await assign("triaged30", formerLawyer.id);
  await prisma.user.update({ where: { id: formerLawyer.id }, data: { active: false } });

  await dueDate("assigned31", "DEADLINE", ago(HOUR));
  await dueDate("assigned31", "HEARING", ago(2 * HOUR));
  await dueDate("inProgress90", "HEARING", ago(DAY), "Postponed to July");
  await dueDate("inProgress90", "DEADLINE", new Date(NOW.getTime() + DAY));
  await dueDate("reopened91", "DEADLINE", ago(1));
  await dueDate("resolvedApril", "DEADLINE", ago(DAY));

  await outcome("resolvedApril", "WAGES_RECOVERED", "2026-04-01", {
    amountMinor: BEYOND_2_53,
    currency: "KZT",
  });
  await outcome("closedJune", "WAGES_RECOVERED", "2026-06-15", {
    amountMinor: BEYOND_2_53,
    currency: "KZT",
  });
  await outcome("urgent7", "WAGES_RECOVERED", "2026-05-01", {
    amountMinor: 12_345n,
    currency: "USD",
  });
  await outcome("resolvedApril", "WAGES_RECOVERED", "2026-03-31", {
    amountMinor: 1000n,
    currency: "KZT",
  });
  await outcome("closedJune", "WAGES_RECOVERED", "2026-06-16", {
    amountMinor: 500n,
    currency: "KZT",
  });
  await outcome("assigned31", "COMPENSATION_PAID", "2026-05-05", {
    amountMinor: 250_000n,
    currency: "KZT",
  });
  await outcome("inProgress90", "RELEASED_FROM_DETENTION", "2026-05-10", { people: 3 });
  await outcome("inProgress90", "RELEASED_FROM_DETENTION", "2026-05-11");
  await outcome("othersUrgent", "REINSTATED", "2026-05-12", { people: 2 });
  await outcome("reopened91", "REINSTATED", "2026-05-13");
  await outcome("reopened91", "SETTLED", "2026-05-14", { amountMinor: 777n, currency: "KZT" });
});

const countOf = <T extends { count: number }>(rows: T[], pick: (row: T) => boolean) =>
  rows.find(pick)?.count;

describe("open cases", () => {
  it("are counted by status, category and region, leaving out cases on hold, resolved or closed", async () => {
    const load = await loadCaseload(coordinator, PERIOD, NOW);
    expect(load.openTotal).toBe(11);
    expect(load.openByStatus).toEqual([
      { status: "NEW", count: 6 },
      { status: "TRIAGED", count: 2 },
      { status: "ASSIGNED", count: 1 },
      { status: "IN_PROGRESS", count: 1 },
      { status: "REOPENED", count: 1 },
    ]);
    expect(countOf(load.openByCategory, (r) => r.category === "UNPAID_WAGES")).toBe(4);
    expect(countOf(load.openByCategory, (r) => r.category === "FORCED_LABOR")).toBe(2);
    expect(countOf(load.openByCategory, (r) => r.category === "DETAINED_ACTIVIST")).toBe(1);
    expect(countOf(load.openByCategory, (r) => r.category === "OTHER")).toBe(4);
    expect(countOf(load.openByCategory, (r) => r.category === "CHILD_LABOR")).toBe(0);
    expect(load.openByCategory).toHaveLength(9);
    expect(countOf(load.openByRegion, (r) => r.region === "ATYRAU")).toBe(4);
    expect(countOf(load.openByRegion, (r) => r.region === "MANGYSTAU")).toBe(1);
    expect(countOf(load.openByRegion, (r) => r.region === "ALMATY")).toBe(2);
    expect(countOf(load.openByRegion, (r) => r.region === "ASTANA")).toBe(4);
    expect(load.openByRegion).toHaveLength(20);
  });

  it("fall into ageing buckets by whole days since intake: 7|8, 30|31 and 90|91 days", async () => {
    const load = await loadCaseload(coordinator, PERIOD, NOW);
    expect(load.ageing).toEqual([
      // urgent7 (7 days 23:59:59.999), the four ASTANA cases of the last two days
      { bucket: "days0to7", count: 5 },
      // normal8 (8 days exactly), triaged30 (30 days 23:59:59.999), othersUrgent (10 days)
      { bucket: "days8to30", count: 3 },
      // assigned31 (31 days exactly), inProgress90 (90 days 23:59:59.999)
      { bucket: "days31to90", count: 2 },
      // reopened91 (91 days exactly)
      { bucket: "over90", count: 1 },
    ]);
  });

  it("count SLA breaches: urgent waiting past 4 hours, any other waiting past 48, not at the limit", async () => {
    const load = await loadCaseload(coordinator, PERIOD, NOW);
    // urgent7, urgentPast4h, othersUrgent; not urgentAt4h
    // normal8, triaged30, highPast48h; not triagedAt48h; never assigned or on-hold cases
    expect(load.sla).toEqual({ urgentWaiting: 3, newWaiting: 3 });
  });
});

describe("load per person", () => {
  it("counts each active assignee's open, urgent and overdue cases", async () => {
    const load = await loadCaseload(coordinator, PERIOD, NOW);
    const byId = Object.fromEntries(load.people.map((p) => [p.userId, p]));
    // assigned31 has two passed dates without an outcome and counts once; the
    // hearing with an outcome and the future deadline of inProgress90 do not count;
    // the resolved case's missed deadline does not either.
    expect(byId[lawyer.id]).toMatchObject({ open: 3, urgent: 2, overdue: 1, role: "LAWYER" });
    // reopened91's deadline passed a millisecond ago.
    expect(byId[secondLawyer.id]).toMatchObject({ open: 2, urgent: 0, overdue: 1 });
    expect(byId[otherOrganizer.id]).toMatchObject({ open: 1, urgent: 1, overdue: 0 });
    expect(byId[formerLawyer.id]).toBeUndefined();
    expect(load.people.map((p) => p.userId)).toEqual([
      lawyer.id,
      secondLawyer.id,
      otherOrganizer.id,
    ]);
  });
});

describe("the period", () => {
  it("is cut into calendar months in Kazakhstan", () => {
    const months = periodMonths({ from: "2026-04-10", to: "2026-06-15" });
    expect(months.map((m) => m.month)).toEqual(["2026-04", "2026-05", "2026-06"]);
    expect(months[0]!.start.toISOString()).toBe("2026-04-09T19:00:00.000Z");
    expect(months[1]!.start.toISOString()).toBe("2026-04-30T19:00:00.000Z");
    expect(months[2]!.end.toISOString()).toBe("2026-06-15T19:00:00.000Z");
    expect(periodMonths({ from: "2025-12-31", to: "2026-01-01" }).map((m) => m.month)).toEqual([
      "2025-12",
      "2026-01",
    ]);
  });

  it("gives the cases opened and closed in each month, at Kazakhstan's month boundaries", async () => {
    const load = await loadCaseload(coordinator, PERIOD, NOW);
    expect(load.months).toEqual([
      // opened: lastMomentOfApril; closed: resolvedApril, beforePeriod (closed 00:00 on 1 April)
      { month: "2026-04", opened: 1, closed: 2 },
      // opened: triaged30, assigned31, firstMomentOfMay; closed: firstMomentOfMay
      { month: "2026-05", opened: 3, closed: 1 },
      // opened: urgent7, normal8, the four ASTANA cases, othersUrgent; closed: closedJune, lastMomentOfApril
      { month: "2026-06", opened: 7, closed: 2 },
    ]);
  });

  it("sums outcomes exactly, per currency, counting one person where none was recorded", async () => {
    const load = await loadCaseload(coordinator, PERIOD, NOW);
    expect(load.outcomes).toEqual({
      // Two amounts of 2^53 + 1 on the period's first and last days; the ones a day outside are left out.
      wagesRecovered: [
        { currency: "KZT", amountMinor: (2n * BEYOND_2_53).toString() },
        { currency: "USD", amountMinor: "12345" },
      ],
      compensationPaid: [{ currency: "KZT", amountMinor: "250000" }],
      peopleReleased: 4,
      peopleReinstated: 3,
    });
    expect(load.outcomes.wagesRecovered[0]!.amountMinor).toBe("18014398509481986");
  });
});

describe("filters", () => {
  it("narrow every figure to a region", async () => {
    const load = await loadCaseload(coordinator, { ...PERIOD, region: "ATYRAU" }, NOW);
    expect(load.openTotal).toBe(4);
    expect(countOf(load.openByRegion, (r) => r.region === "ASTANA")).toBe(0);
    expect(load.ageing.map((b) => b.count)).toEqual([1, 2, 1, 0]);
    expect(load.sla).toEqual({ urgentWaiting: 2, newWaiting: 1 });
    expect(load.months).toEqual([
      { month: "2026-04", opened: 1, closed: 2 },
      { month: "2026-05", opened: 1, closed: 0 },
      { month: "2026-06", opened: 3, closed: 1 },
    ]);
    expect(load.people.map((p) => [p.userId, p.open, p.urgent, p.overdue])).toEqual([
      [lawyer.id, 2, 1, 1],
      // Equal loads are listed by name: "bota" before "erlan".
      [secondLawyer.id, 1, 0, 0],
      [otherOrganizer.id, 1, 1, 0],
    ]);
    expect(load.outcomes).toEqual({
      wagesRecovered: [
        { currency: "KZT", amountMinor: BEYOND_2_53.toString() },
        { currency: "USD", amountMinor: "12345" },
      ],
      compensationPaid: [{ currency: "KZT", amountMinor: "250000" }],
      peopleReleased: 0,
      peopleReinstated: 2,
    });
  });

  it("narrow every figure to a category", async () => {
    const load = await loadCaseload(coordinator, { ...PERIOD, category: "OTHER" }, NOW);
    expect(load.openTotal).toBe(4);
    expect(load.sla).toEqual({ urgentWaiting: 1, newWaiting: 1 });
    expect(load.months.map((m) => [m.opened, m.closed])).toEqual([
      [0, 0],
      [0, 0],
      [4, 1],
    ]);
    expect(load.people).toEqual([]);
    expect(load.outcomes.wagesRecovered).toEqual([
      { currency: "KZT", amountMinor: BEYOND_2_53.toString() },
    ]);
  });

  it("narrow the flows to the period, leaving the open-case snapshot as it is", async () => {
    const load = await loadCaseload(coordinator, { from: "2026-05-01", to: "2026-05-31" }, NOW);
    expect(load.openTotal).toBe(11);
    expect(load.months).toEqual([{ month: "2026-05", opened: 3, closed: 1 }]);
    expect(load.outcomes.wagesRecovered).toEqual([{ currency: "USD", amountMinor: "12345" }]);
    expect(load.outcomes.peopleReleased).toBe(4);
  });
});

describe("scope", () => {
  it("never counts a case outside the caller's scope", async () => {
    // An organizer reaches only the cases they took: not othersUrgent.
    const load = await loadCaseload(organizer, PERIOD, NOW);
    expect(load.openTotal).toBe(10);
    expect(load.sla).toEqual({ urgentWaiting: 2, newWaiting: 3 });
    expect(load.months.map((m) => m.opened)).toEqual([1, 3, 6]);
    expect(load.people.find((p) => p.userId === otherOrganizer.id)).toBeUndefined();
    expect(load.outcomes.peopleReinstated).toBe(1);
  });

  it("gives a regional coordinator the figures of their regions and nothing else", async () => {
    const load = await loadCaseload(regionalCoordinator, PERIOD, NOW);
    const [atyrau, mangystau] = await Promise.all(
      (["ATYRAU", "MANGYSTAU"] as const).map((region) =>
        loadCaseload(coordinator, { ...PERIOD, region }, NOW),
      ),
    );
    expect(atyrau!.openTotal).toBeGreaterThan(0);
    expect(mangystau!.openTotal).toBeGreaterThan(0);
    expect(load.openTotal).toBe(atyrau!.openTotal + mangystau!.openTotal);
    expect(load.openTotal).toBeLessThan((await loadCaseload(coordinator, PERIOD, NOW)).openTotal);
    expect(load.months.map((m) => m.opened)).toEqual(
      atyrau!.months.map((m, i) => m.opened + mangystau!.months[i]!.opened),
    );
    expect(load.sla).toEqual({
      urgentWaiting: atyrau!.sla.urgentWaiting + mangystau!.sla.urgentWaiting,
      newWaiting: atyrau!.sla.newWaiting + mangystau!.sla.newWaiting,
    });
    // Load per person (read from the tallies) counts only those regions' cases too.
    const openOf = (l: typeof load, userId: string) =>
      l.people.find((p) => p.userId === userId)?.open ?? 0;
    const everyone = new Set([...atyrau!.people, ...mangystau!.people].map((p) => p.userId));
    expect(load.people.map((p) => p.userId).sort()).toEqual([...everyone].sort());
    for (const userId of everyone)
      expect(openOf(load, userId)).toBe(openOf(atyrau!, userId) + openOf(mangystau!, userId));
  });

  it("gives a caller who reaches no case nothing but zeros", async () => {
    const load = await loadCaseload(admin, PERIOD, NOW);
    expect(load.openTotal).toBe(0);
    expect(load.ageing.every((b) => b.count === 0)).toBe(true);
    expect(load.sla).toEqual({ urgentWaiting: 0, newWaiting: 0 });
    expect(load.people).toEqual([]);
    expect(load.months.every((m) => m.opened === 0 && m.closed === 0)).toBe(true);
    expect(load.outcomes).toEqual({
      wagesRecovered: [],
      compensationPaid: [],
      peopleReleased: 0,
      peopleReinstated: 0,
    });
  });

  it("in raw SQL selects exactly the cases `caseScope` selects, for every role", async () => {
    const withoutRegions = { id: coordinator.id, role: coordinator.role };
    for (const caller of [
      organizer,
      otherOrganizer,
      lawyer,
      coordinator,
      regionalCoordinator,
      withoutRegions,
      admin,
    ]) {
      const viaPrisma = await prisma.case.findMany({
        where: caseScope(caller as Caller),
        select: { id: true },
        orderBy: { id: "asc" },
      });
      const viaSql = await prisma.$queryRaw<{ id: string }[]>(
        Prisma.sql`SELECT c."id" FROM "Case" c WHERE ${caseScopeSql(caller as Caller)} ORDER BY c."id"`,
      );
      expect(viaSql.map((r) => r.id)).toEqual(viaPrisma.map((r) => r.id));
    }
  });
});
