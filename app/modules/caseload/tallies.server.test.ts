// The counts the database keeps by trigger (migrations caseload_tallies,
// caseload_case_tally, caseload_month_tally and assignment_category_tally):
// AssignmentTally, AssignmentCategoryTally, CaseTally, CaseMonthTally and
// Case.lawyerCount must
// equal what the rows say after every kind of change, whoever makes it: the
// assignment module, the status workflow, a fact edit, or a plain write (the
// triggers do not care who writes). The dashboard read from them must give the
// figures the rows give, for every scope.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { CaseCategory, Region, Urgency } from "~/generated/prisma/sqlite/enums";
import { AWAITING_ASSIGNMENT, slaBreach } from "~/modules/assignment/triage-rules";
import { AGEING_BUCKETS, loadCaseload, periodMonths } from "~/modules/caseload/caseload.server";
import type { CaseloadFilters } from "~/modules/caseload/filters";
import { OPEN_STATUSES, STATUSES } from "~/modules/cases/status";
import type { Caller } from "~/modules/auth/caller";
import { REGIONS } from "~/modules/regions/regions";
import { DomainError } from "~/utils/domain-error";
import {
  assignToCase,
  bulkReassign,
  reassignCase,
  unassignFromCase,
} from "~/modules/assignment/assignment.server";
import { changeStatus } from "~/modules/cases/workflow.server";
import {
  makeCase,
  makePerson,
  putOnCase,
  versionOf,
  type Person,
} from "../../../tests/fixtures/assignment";

let organizer: Person;
let coordinator: Person;
let lawyers: Person[];

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR", ["ATYRAU", "MANGYSTAU"]);
  lawyers = await Promise.all(
    ["arman", "gulnar", "timur"].map((name) => makePerson(`${name}@example.org`, "LAWYER")),
  );
});

/** The tallies as the rows say they should be, keyed like the table, without zeros. */
async function expectedTallies() {
  const rows = await prisma.caseAssignment.findMany({
    select: {
      userId: true,
      case: { select: { status: true, category: true, region: true, urgency: true } },
    },
  });
  const counts = new Map<string, number>();
  for (const { userId, case: c } of rows) {
    const key = [userId, c.status, c.category, c.region, c.urgency].join("|");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort());
}

async function keptTallies() {
  const rows = await prisma.assignmentTally.findMany({ where: { count: { not: 0 } } });
  return Object.fromEntries(
    rows
      .map(
        (t) => [[t.userId, t.status, t.category, t.region, t.urgency].join("|"), t.count] as const,
      )
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** AssignmentCategoryTally as AssignmentTally's rows say it should be: summed over region and urgency. */
async function expectedCategoryTallies() {
  const counts = new Map<string, number>();
  for (const [key, count] of Object.entries(await expectedTallies())) {
    const [userId, status, category] = key.split("|");
    const byCategory = [userId, category, status].join("|");
    counts.set(byCategory, (counts.get(byCategory) ?? 0) + count);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function keptCategoryTallies() {
  const rows = await prisma.assignmentCategoryTally.findMany({ where: { count: { not: 0 } } });
  return Object.fromEntries(
    rows
      .map((t) => [[t.userId, t.category, t.status].join("|"), t.count] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

async function lawyerCounts() {
  const cases = await prisma.case.findMany({
    select: {
      reference: true,
      lawyerCount: true,
      assignments: { select: { role: true } },
    },
  });
  return cases.map((c) => ({
    reference: c.reference,
    kept: c.lawyerCount,
    counted: c.assignments.filter((a) => a.role === "LEAD_LAWYER" || a.role === "SUPPORTING_LAWYER")
      .length,
  }));
}

/** CaseTally as the rows say it should be, without zeros. */
async function expectedCaseTally() {
  const rows = await prisma.case.groupBy({
    by: ["status", "category", "region", "urgency"],
    _count: { _all: true },
  });
  return Object.fromEntries(
    rows
      .map((r) => [[r.status, r.category, r.region, r.urgency].join("|"), r._count._all] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

async function keptCaseTally() {
  const rows = await prisma.caseTally.findMany({ where: { count: { not: 0 } } });
  return Object.fromEntries(
    rows
      .map((t) => [[t.status, t.category, t.region, t.urgency].join("|"), t.count] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** CaseMonthTally as the rows say it should be: opened and closed per UTC month, region, category. */
async function expectedMonthTally() {
  const cases = await prisma.case.findMany({
    select: { createdAt: true, closedAt: true, region: true, category: true },
  });
  const counts = new Map<string, { opened: number; closed: number }>();
  const add = (at: Date, region: string, category: string, kind: "opened" | "closed") => {
    const key = [at.toISOString().slice(0, 7), region, category].join("|");
    const count = counts.get(key) ?? { opened: 0, closed: 0 };
    count[kind] += 1;
    counts.set(key, count);
  };
  for (const c of cases) {
    add(c.createdAt, c.region, c.category, "opened");
    if (c.closedAt) add(c.closedAt, c.region, c.category, "closed");
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function keptMonthTally() {
  const rows = await prisma.caseMonthTally.findMany({
    where: { OR: [{ opened: { not: 0 } }, { closed: { not: 0 } }] },
  });
  return Object.fromEntries(
    rows
      .map(
        (t) =>
          [
            [t.month, t.region, t.category].join("|"),
            { opened: t.opened, closed: t.closed },
          ] as const,
      )
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

async function expectTalliesExact() {
  expect(await keptMonthTally()).toEqual(await expectedMonthTally());
  expect(
    await prisma.caseMonthTally.count({
      where: { OR: [{ opened: { lt: 0 } }, { closed: { lt: 0 } }] },
    }),
  ).toBe(0);
  expect(await keptCaseTally()).toEqual(await expectedCaseTally());
  expect(await prisma.caseTally.count({ where: { count: { lt: 0 } } })).toBe(0);
  expect(await keptTallies()).toEqual(await expectedTallies());
  expect(await keptCategoryTallies()).toEqual(await expectedCategoryTallies());
  expect(await prisma.assignmentCategoryTally.count({ where: { count: { lt: 0 } } })).toBe(0);
  for (const c of await lawyerCounts()) expect(c.kept, c.reference).toBe(c.counted);
  // A count never goes below zero: a decrement always follows its increment.
  expect(await prisma.assignmentTally.count({ where: { count: { lt: 0 } } })).toBe(0);
}

const assign = async (
  reference: string,
  person: Person,
  role: "LEAD_LAWYER" | "SUPPORTING_LAWYER" | "FIELD_ORGANIZER",
) =>
  assignToCase(coordinator, reference, {
    userId: person.id,
    role,
    version: await versionOf(reference),
  });

describe("AssignmentTally, CaseTally and Case.lawyerCount", () => {
  it("follow assignments made, changed and removed through the assignment module", async () => {
    const [a, b, c] = lawyers as [Person, Person, Person];
    const first = await makeCase(organizer.id, { urgency: "URGENT" });
    const second = await makeCase(organizer.id, { category: "FORCED_LABOR", region: "MANGYSTAU" });
    await assign(first.reference, a, "LEAD_LAWYER");
    await assign(second.reference, a, "LEAD_LAWYER");
    await assign(first.reference, organizer, "FIELD_ORGANIZER");
    await expectTalliesExact();

    // A new lead makes the previous lead a supporting lawyer: a change of role.
    await assign(first.reference, b, "LEAD_LAWYER");
    await expectTalliesExact();
    expect((await lawyerCounts()).find((x) => x.reference === first.reference)?.kept).toBe(2);

    await reassignCase(coordinator, second.reference, {
      fromUserId: a.id,
      toUserId: c.id,
      reason: "Caseload",
      version: await versionOf(second.reference),
    });
    await unassignFromCase(coordinator, first.reference, {
      userId: b.id,
      reason: "Conflict of interest",
      version: await versionOf(first.reference),
    });
    await expectTalliesExact();

    await bulkReassign(coordinator, {
      fromUserId: a.id,
      references: [first.reference],
      toUserIds: [b.id, c.id],
      reason: "Detained",
    });
    await expectTalliesExact();
  });

  it("follow a case's status, category, region and urgency as they change", async () => {
    const [a, b] = lawyers as [Person, Person];
    const found = await makeCase(organizer.id, { region: "ATYRAU" });
    await assign(found.reference, a, "LEAD_LAWYER");
    await assign(found.reference, b, "SUPPORTING_LAWYER");
    await changeStatus(a, found.reference, {
      to: "IN_PROGRESS",
      version: await versionOf(found.reference),
    });
    await expectTalliesExact();

    // Any writer: the counts are the database's, not the app's.
    await prisma.case.update({
      where: { id: found.id },
      data: { region: "MANGYSTAU", category: "UNSAFE_CONDITIONS", urgency: "HIGH" },
    });
    await expectTalliesExact();
    // Writing the same values again moves nothing.
    await prisma.case.update({ where: { id: found.id }, data: { region: "MANGYSTAU" } });
    await expectTalliesExact();
  });

  it("let go of a deleted case's assignments exactly once", async () => {
    const [a, b] = lawyers as [Person, Person];
    const doomed = await makeCase(organizer.id, { urgency: "HIGH" });
    const kept = await makeCase(organizer.id, { urgency: "HIGH" });
    await putOnCase(doomed.reference, a, "LEAD_LAWYER", coordinator);
    await putOnCase(doomed.reference, b, "SUPPORTING_LAWYER", coordinator);
    await putOnCase(kept.reference, a, "LEAD_LAWYER", coordinator);
    await expectTalliesExact();

    await prisma.$transaction([
      prisma.timelineEvent.deleteMany({ where: { caseId: doomed.id } }),
      prisma.case.delete({ where: { id: doomed.id } }),
    ]);
    await expectTalliesExact();
  });

  it("keeps a plain write of an assignment counted too", async () => {
    const [, , c] = lawyers as [Person, Person, Person];
    const found = await makeCase(organizer.id);
    await putOnCase(found.reference, c, "SUPPORTING_LAWYER", coordinator);
    await prisma.caseAssignment.update({
      where: { caseId_userId: { caseId: found.id, userId: c.id } },
      data: { role: "FIELD_ORGANIZER" },
    });
    await expectTalliesExact();
    await prisma.caseAssignment.delete({
      where: { caseId_userId: { caseId: found.id, userId: c.id } },
    });
    await expectTalliesExact();
  });
});

/** A small deterministic random source (mulberry32): the same writes on every run. */
function randomSource(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The dashboard's open-case and per-person figures counted in TypeScript from the rows. */
async function caseloadFromRows(
  scopeRegions: readonly Region[] | null,
  filters: CaseloadFilters,
  now: Date,
) {
  const all = await prisma.case.findMany({
    select: {
      status: true,
      category: true,
      region: true,
      urgency: true,
      createdAt: true,
      closedAt: true,
      assignments: {
        select: { userId: true, user: { select: { displayName: true, active: true } } },
      },
    },
  });
  const reached = all.filter(
    (c) =>
      (!scopeRegions || scopeRegions.includes(c.region)) &&
      (!filters.region || c.region === filters.region) &&
      (!filters.category || c.category === filters.category),
  );
  const open = reached.filter((c) => OPEN_STATUSES.includes(c.status));
  const within = (at: Date | null, m: { start: Date; end: Date }) =>
    !!at && at >= m.start && at < m.end;
  const months = periodMonths(filters).map((m) => ({
    month: m.month,
    opened: reached.filter((c) => within(c.createdAt, m)).length,
    closed: reached.filter((c) => within(c.closedAt, m)).length,
  }));
  const count = <K extends string>(key: (c: (typeof open)[number]) => K) => {
    const counts = new Map<K, number>();
    for (const c of open) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
    return counts;
  };
  const byStatus = count((c) => c.status);
  const byCategory = count((c) => c.category);
  const byRegion = count((c) => c.region);
  const ages = count((c) => {
    const days = Math.floor((now.getTime() - c.createdAt.getTime()) / DAY);
    return AGEING_BUCKETS.find(({ maxDays }) => days <= maxDays)!.bucket;
  });
  const waiting = open.filter((c) => AWAITING_ASSIGNMENT.includes(c.status));
  const people = new Map<string, { displayName: string; open: number; urgent: number }>();
  for (const c of open) {
    for (const a of c.assignments) {
      if (!a.user.active) continue;
      const person = people.get(a.userId) ?? {
        displayName: a.user.displayName,
        open: 0,
        urgent: 0,
      };
      person.open += 1;
      if (c.urgency === "URGENT") person.urgent += 1;
      people.set(a.userId, person);
    }
  }
  return {
    openTotal: open.length,
    openByStatus: Object.fromEntries(byStatus),
    openByCategory: Object.fromEntries(byCategory),
    openByRegion: Object.fromEntries(byRegion),
    ageing: Object.fromEntries(ages),
    sla: {
      urgentWaiting: waiting.filter((c) => slaBreach(c, now) === "urgentWaiting").length,
      newWaiting: waiting.filter((c) => slaBreach(c, now) === "newWaiting").length,
    },
    people: [...people]
      .map(([userId, p]) => ({ userId, open: p.open, urgent: p.urgent }))
      .sort((a, b) => a.userId.localeCompare(b.userId)),
    months,
  };
}

/** What `loadCaseload` shows, in the shape of `caseloadFromRows` (zero counts left out; a negative one would show). */
async function caseloadShown(caller: Caller, filters: CaseloadFilters, now: Date) {
  const shown = await loadCaseload(caller, filters, now);
  const nonZero = <K extends string>(entries: [K, number][]) =>
    Object.fromEntries(entries.filter(([, n]) => n !== 0));
  return {
    openTotal: shown.openTotal,
    openByStatus: nonZero(shown.openByStatus.map((s) => [s.status, s.count])),
    openByCategory: nonZero(shown.openByCategory.map((s) => [s.category, s.count])),
    openByRegion: nonZero(shown.openByRegion.map((s) => [s.region, s.count])),
    ageing: nonZero(shown.ageing.map((s) => [s.bucket, s.count])),
    sla: shown.sla,
    people: shown.people
      .map((p) => ({ userId: p.userId, open: p.open, urgent: p.urgent }))
      .sort((a, b) => a.userId.localeCompare(b.userId)),
    months: shown.months,
  };
}

describe("the dashboard read from the tallies", () => {
  it("gives what the rows give after 80 random writes of every kind, for every region scope and filter, months included", async () => {
    const random = randomSource(16);
    const national = await makePerson("zhanar@example.org", "COORDINATOR", [
      "ATYRAU",
      "MANGYSTAU",
      "ALMATY",
    ]);
    // National: every region (as the session carries it).
    const nationalCaller = { ...national, regions: [...REGIONS] } as unknown as Caller;
    const regionalCaller = coordinator as unknown as Caller;
    const regions: Region[] = ["ATYRAU", "MANGYSTAU", "ALMATY"];
    const categories: CaseCategory[] = ["UNPAID_WAGES", "FORCED_LABOR", "UNSAFE_CONDITIONS"];
    const urgencies: Urgency[] = ["URGENT", "HIGH", "NORMAL"];
    // Ages at the edges that matter: the waiting rules (4 h, 48 h), the buckets (7, 30, 90 days) and older.
    const ages = [
      HOUR,
      3 * HOUR,
      5 * HOUR,
      47 * HOUR,
      49 * HOUR,
      6 * DAY,
      20 * DAY,
      60 * DAY,
      89 * DAY,
      92 * DAY,
      400 * DAY,
    ];
    const intake = async () =>
      makeCase(organizer.id, {
        region: random.pick(regions),
        category: random.pick(categories),
        urgency: random.pick(urgencies),
        at: new Date(Date.now() - random.pick(ages)),
      });
    const references: string[] = [];
    for (let i = 0; i < 8; i++) references.push((await intake()).reference);
    const caseOf = (reference: string) =>
      prisma.case.findUniqueOrThrow({ where: { reference }, select: { id: true, status: true } });
    const holders = async (reference: string) =>
      (
        await prisma.caseAssignment.findMany({
          where: { case: { reference } },
          select: { userId: true },
        })
      ).map((a) => a.userId);

    const writes = [
      "intake",
      "status",
      "assign",
      "reassign",
      "unassign",
      "close and reopen",
      "case attributes",
      "delete",
      "outcome",
    ] as const;
    for (let step = 0; step < 80; step++) {
      const kind = writes[step % writes.length]!;
      const reference = random.pick(references);
      // The assignment module may refuse a write (a closed case): then nothing moves either.
      const unlessRefused = async (write: () => Promise<unknown>) => {
        try {
          await write();
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      };
      if (kind === "intake") {
        references.push((await intake()).reference);
      } else if (kind === "status") {
        const found = await caseOf(reference);
        await prisma.case.update({
          where: { id: found.id },
          data: { status: random.pick(STATUSES) },
        });
      } else if (kind === "assign") {
        const person = random.pick(lawyers);
        if (!(await holders(reference)).includes(person.id)) {
          const role = random.pick(["LEAD_LAWYER", "SUPPORTING_LAWYER"] as const);
          await unlessRefused(() => assign(reference, person, role));
        }
      } else if (kind === "reassign") {
        const held = await holders(reference);
        const from = held[0];
        const to = lawyers.find((l) => !held.includes(l.id));
        if (from && to) {
          const version = await versionOf(reference);
          await unlessRefused(() =>
            reassignCase(coordinator, reference, {
              fromUserId: from,
              toUserId: to.id,
              reason: "Caseload",
              version,
            }),
          );
        }
      } else if (kind === "unassign") {
        const held = await holders(reference);
        if (held[0]) {
          const version = await versionOf(reference);
          await unlessRefused(() =>
            unassignFromCase(coordinator, reference, {
              userId: held[0]!,
              reason: "Conflict of interest",
              version,
            }),
          );
        }
      } else if (kind === "close and reopen") {
        const found = await caseOf(reference);
        const closing = OPEN_STATUSES.includes(found.status);
        await prisma.case.update({
          where: { id: found.id },
          // Closed at any age, so that the months of the period see closings move.
          data: closing
            ? { status: "CLOSED", closedAt: new Date(Date.now() - random.pick(ages)) }
            : { status: "REOPENED", closedAt: null },
        });
      } else if (kind === "case attributes") {
        const found = await caseOf(reference);
        await prisma.case.update({
          where: { id: found.id },
          data: {
            region: random.pick(regions),
            category: random.pick(categories),
            urgency: random.pick(urgencies),
          },
        });
      } else if (kind === "delete") {
        // As retention's deletion does: the case and everything hanging off it.
        if (references.length > 4) {
          const found = await caseOf(reference);
          await prisma.$transaction([
            prisma.timelineEvent.deleteMany({ where: { caseId: found.id } }),
            prisma.case.delete({ where: { id: found.id } }),
          ]);
          references.splice(references.indexOf(reference), 1);
        }
      } else {
        // Outcomes move no tally: added, edited and removed, the open figures stay the rows'.
        const found = await caseOf(reference);
        const added = await prisma.caseOutcome.create({
          data: {
            caseId: found.id,
            kind: "WAGES_RECOVERED",
            amountMinor: 1000n,
            currency: "KZT",
            date: new Date(),
            recordedById: lawyers[0]!.id,
          },
        });
        await prisma.caseOutcome.update({ where: { id: added.id }, data: { amountMinor: 2000n } });
        if (random.int(2) === 0) await prisma.caseOutcome.delete({ where: { id: added.id } });
      }
      await expectTalliesExact();
      const now = new Date();
      const period = { from: "2026-01-01", to: "2026-12-31" } satisfies CaseloadFilters;
      const filters: CaseloadFilters[] = [
        period,
        { ...period, region: random.pick(regions) },
        { ...period, category: random.pick(categories) },
      ];
      for (const filter of filters) {
        expect(await caseloadShown(nationalCaller, filter, now), `${kind}, national`).toEqual(
          await caseloadFromRows(null, filter, now),
        );
        expect(await caseloadShown(regionalCaller, filter, now), `${kind}, regional`).toEqual(
          await caseloadFromRows(coordinator.regions, filter, now),
        );
      }
    }
  }, 120_000);
});

describe("the months read from CaseMonthTally", () => {
  it("count every case opened and closed at a Kazakhstan or UTC month's edge (± 1 ms) in its month, for every period", async () => {
    const national = await makePerson("aigerim@example.org", "COORDINATOR", ["ATYRAU"]);
    const nationalCaller = { ...national, regions: [...REGIONS] } as unknown as Caller;
    const regionalCaller = coordinator as unknown as Caller;
    // Kazakhstan's month starts (UTC+6 until 1 March 2024, UTC+5 since) and UTC's, ± 1 ms.
    const edges = [
      ...["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2026-01-01", "2026-02-01"].map(
        (day) => periodMonths({ from: day, to: day })[0]!.start,
      ),
      new Date("2024-03-01T00:00:00.000Z"),
      new Date("2026-02-01T00:00:00.000Z"),
    ].flatMap((edge) => [-1, 0, 1].map((ms) => new Date(edge.getTime() + ms)));
    // The first edge is the start of January 2024 in Kazakhstan: 18:00 UTC the day before.
    expect(edges[1]!.toISOString()).toBe("2023-12-31T18:00:00.000Z");
    expect(edges[7]!.toISOString()).toBe("2024-02-29T19:00:00.000Z");
    const regions: Region[] = ["ATYRAU", "ALMATY"];
    const categories: CaseCategory[] = ["UNPAID_WAGES", "FORCED_LABOR"];
    const made: { id: string; at: Date }[] = [];
    for (const [i, at] of edges.entries()) {
      const found = await makeCase(organizer.id, {
        region: regions[i % 2],
        category: categories[Math.floor(i / 2) % 2],
        at,
      });
      made.push({ id: found.id, at });
    }
    // Closed at an edge too: each case at the edge three places later.
    for (const [i, { id }] of made.entries()) {
      if (i % 3 === 2) continue;
      await prisma.case.update({
        where: { id },
        data: { status: "CLOSED", closedAt: edges[(i + 3) % edges.length] },
      });
    }
    const periods: CaseloadFilters[] = [
      { from: "2024-01-01", to: "2024-12-31" },
      { from: "2023-12-31", to: "2024-03-01" },
      { from: "2024-02-15", to: "2024-03-10" },
      { from: "2024-02-29", to: "2024-02-29" },
      { from: "2024-03-01", to: "2024-03-01" },
      { from: "2023-11-20", to: "2026-02-01" },
      { from: "2025-12-31", to: "2026-01-31" },
      { from: "2026-01-01", to: "2026-01-01" },
    ];
    const expectMonthsExact = async (when: string) => {
      await expectTalliesExact();
      for (const period of periods) {
        for (const filters of [
          period,
          { ...period, region: "ALMATY" as const },
          { ...period, category: "FORCED_LABOR" as const },
        ]) {
          const now = new Date();
          const label = `${when}: ${JSON.stringify(filters)}`;
          expect((await loadCaseload(nationalCaller, filters, now)).months, label).toEqual(
            (await caseloadFromRows(null, filters, now)).months,
          );
          expect((await loadCaseload(regionalCaller, filters, now)).months, label).toEqual(
            (await caseloadFromRows(coordinator.regions, filters, now)).months,
          );
        }
      }
    };
    await expectMonthsExact("opened and closed at the edges");
    // Hand-checked: a case opened 1 ms before Kazakhstan's March 2024 is February's.
    const february = (
      await loadCaseload(nationalCaller, { from: "2024-02-01", to: "2024-03-31" }, new Date())
    ).months;
    expect(february.map((m) => m.month)).toEqual(["2024-02", "2024-03"]);
    expect(february[0]!.opened).toBeGreaterThanOrEqual(3);

    // Reopened, then closed again in another month; a close moved across a month's edge.
    await prisma.case.update({
      where: { id: made[0]!.id },
      data: { status: "REOPENED", closedAt: null },
    });
    await prisma.case.update({
      where: { id: made[1]!.id },
      data: { closedAt: new Date(made[1]!.at.getTime() + 40 * DAY) },
    });
    await expectMonthsExact("reopened and closed again");
    await prisma.case.update({
      where: { id: made[0]!.id },
      data: { status: "CLOSED", closedAt: edges[7] },
    });
    // Region and category changed, on a closed case and an open one; then an opening moved.
    await prisma.case.update({
      where: { id: made[3]!.id },
      data: { region: "MANGYSTAU", category: "UNSAFE_CONDITIONS" },
    });
    await prisma.case.update({ where: { id: made[2]!.id }, data: { region: "ATYRAU" } });
    await prisma.case.update({ where: { id: made[4]!.id }, data: { createdAt: edges[10] } });
    await expectMonthsExact("region, category and opening changed");
    // Deleted, as retention deletes: closed and open.
    for (const { id } of [made[5]!, made[8]!]) {
      await prisma.$transaction([
        prisma.timelineEvent.deleteMany({ where: { caseId: id } }),
        prisma.case.delete({ where: { id } }),
      ]);
    }
    await expectMonthsExact("deleted");
  }, 120_000);
});
