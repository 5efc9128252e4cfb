// "Case"."nextPendingDueAt", kept by the triggers of migration case_next_pending_due: each
// case's earliest hearing or deadline without an outcome, or null. It must equal what the dates
// say after every kind of change, whoever makes it (the triggers do not care who writes), and the
// dashboard's overdue count per person, read from it, must be what the dates give
// (docs/decisions/0048).
import { beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { loadCaseload, overdueByPersonSql } from "~/modules/caseload/caseload.server";
import { OPEN_STATUSES } from "~/modules/cases/status";
import { REGIONS } from "~/modules/regions/regions";
import {
  makeCase,
  makePerson,
  makeProceedingDate,
  putOnCase,
  type Person,
} from "../../../tests/fixtures/assignment";
import { queryPlan } from "../../../tests/fixtures/query-plan";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const PERIOD = { from: "2026-06-01", to: "2026-06-15" };

let organizer: Person;
let coordinator: Person;
let lawyer: Person;

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR", ["ATYRAU"]);
  lawyer = await makePerson("arman@example.org", "LAWYER");
});

/** Every case's column as stored, and as its dates say it should be (ISO text, or null). */
async function columnAndTruth() {
  const [cases, dates] = await Promise.all([
    prisma.case.findMany({ select: { id: true, nextPendingDueAt: true } }),
    prisma.proceedingDate.findMany({ select: { caseId: true, dueAt: true, outcome: true } }),
  ]);
  const truth = new Map<string, number>();
  for (const date of dates) {
    if (date.outcome !== null) continue;
    const earliest = truth.get(date.caseId);
    if (earliest === undefined || date.dueAt.getTime() < earliest)
      truth.set(date.caseId, date.dueAt.getTime());
  }
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    stored: Object.fromEntries(
      cases.map((c) => [c.id, c.nextPendingDueAt?.toISOString() ?? null]).sort(),
    ),
    expected: Object.fromEntries(cases.map((c) => [c.id, iso(truth.get(c.id))]).sort()),
  };
}

async function expectColumnExact() {
  const { stored, expected } = await columnAndTruth();
  expect(stored).toEqual(expected);
}

describe("Case.nextPendingDueAt", () => {
  it("follows every insert, change, move and delete of a date", async () => {
    const first = await makeCase(organizer.id);
    const second = await makeCase(organizer.id);
    await expectColumnExact();
    expect((await columnAndTruth()).stored[first.id]).toBeNull();

    // Dates added: the earliest pending one counts; one with an outcome does not.
    const later = await makeProceedingDate(first.id, lawyer.id, { kind: "HEARING", dueAt: at(5) });
    const earlier = await makeProceedingDate(first.id, lawyer.id, {
      kind: "DEADLINE",
      dueAt: at(-3),
    });
    await makeProceedingDate(first.id, lawyer.id, {
      kind: "HEARING",
      dueAt: at(-10),
      outcome: "Adjourned",
    });
    await expectColumnExact();
    expect((await columnAndTruth()).stored[first.id]).toBe(at(-3).toISOString());

    // Its outcome recorded: the next pending date takes over; cleared again: back.
    await prisma.proceedingDate.update({ where: { id: earlier.id }, data: { outcome: "Filed" } });
    await expectColumnExact();
    expect((await columnAndTruth()).stored[first.id]).toBe(at(5).toISOString());
    await prisma.proceedingDate.update({ where: { id: earlier.id }, data: { outcome: null } });
    await expectColumnExact();

    // An outcome corrected (still an outcome), a date moved earlier and later.
    await prisma.proceedingDate.update({ where: { id: earlier.id }, data: { outcome: "Filed" } });
    await prisma.proceedingDate.update({
      where: { id: earlier.id },
      data: { outcome: "Filed late" },
    });
    await prisma.proceedingDate.update({ where: { id: later.id }, data: { dueAt: at(-1) } });
    await expectColumnExact();
    await prisma.proceedingDate.update({ where: { id: later.id }, data: { dueAt: at(30) } });
    await expectColumnExact();

    // A date moved to another case (the app makes no such change; the column follows anyway).
    await prisma.proceedingDate.update({ where: { id: later.id }, data: { caseId: second.id } });
    await expectColumnExact();
    expect((await columnAndTruth()).stored[first.id]).toBeNull();
    expect((await columnAndTruth()).stored[second.id]).toBe(at(30).toISOString());

    // Many at once, as retention's forgetting writes them (every outcome emptied).
    await prisma.proceedingDate.updateMany({
      where: { caseId: first.id },
      data: { outcome: null },
    });
    await expectColumnExact();
    expect((await columnAndTruth()).stored[first.id]).toBe(at(-10).toISOString());

    // A date deleted, and a proceeding deleted with its dates.
    await prisma.proceedingDate.delete({ where: { id: later.id } });
    await expectColumnExact();
    await prisma.proceeding.delete({ where: { id: earlier.proceedingId } });
    await expectColumnExact();

    // A case deleted with its proceedings and dates leaves the others as they were.
    await makeProceedingDate(second.id, lawyer.id, { kind: "HEARING", dueAt: at(2) });
    await prisma.case.delete({ where: { id: first.id } });
    await expectColumnExact();
  });

  it("gives the dashboard the overdue cases the dates give", async () => {
    const cases = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        makeCase(organizer.id, { at: new Date(NOW.getTime() - (i + 1) * DAY) }),
      ),
    );
    for (const c of cases) await putOnCase(c.reference, lawyer, "LEAD_LAWYER", coordinator);
    // 0: past, pending · 1: past with its outcome · 2: future · 3: past and future, pending ·
    // 4: past, pending, but the case is closed · 5: no date at all.
    const past = await makeProceedingDate(cases[0]!.id, lawyer.id, {
      kind: "HEARING",
      dueAt: at(-2),
    });
    await makeProceedingDate(cases[1]!.id, lawyer.id, {
      kind: "HEARING",
      dueAt: at(-2),
      outcome: "Heard",
    });
    await makeProceedingDate(cases[2]!.id, lawyer.id, { kind: "DEADLINE", dueAt: at(3) });
    await makeProceedingDate(cases[3]!.id, lawyer.id, { kind: "DEADLINE", dueAt: at(-1) });
    await makeProceedingDate(cases[3]!.id, lawyer.id, { kind: "HEARING", dueAt: at(4) });
    await makeProceedingDate(cases[4]!.id, lawyer.id, { kind: "HEARING", dueAt: at(-5) });
    await prisma.case.update({ where: { id: cases[4]!.id }, data: { status: "CLOSED" } });

    // What the dates give, read without the column: open cases with a pending date past.
    const statuses = Prisma.join(OPEN_STATUSES.map((s) => Prisma.sql`${s}`));
    const fromDates = async () => {
      const rows = await readRows(Prisma.sql`
        SELECT a."userId" AS "userId", COUNT(DISTINCT c."id") AS "overdue"
        FROM "ProceedingDate" d JOIN "Case" c ON c."id" = d."caseId"
        JOIN "CaseAssignment" a ON a."caseId" = c."id"
        WHERE d."outcome" IS NULL AND d."dueAt" < ${NOW}
          AND CAST(c."status" AS TEXT) IN (${statuses})
        GROUP BY a."userId"`);
      return Object.fromEntries(rows.map((r) => [String(r.userId), Number(r.overdue)]));
    };
    const onDashboard = async () => {
      const load = await loadCaseload(coordinator, PERIOD, NOW);
      return Object.fromEntries(
        load.people.filter((p) => p.overdue > 0).map((p) => [p.userId, p.overdue]),
      );
    };
    expect(await fromDates()).toEqual({ [lawyer.id]: 2 });
    expect(await onDashboard()).toEqual(await fromDates());

    // The lawyer records what came of the hearing: one overdue case fewer.
    await prisma.proceedingDate.update({ where: { id: past.id }, data: { outcome: "Won" } });
    expect(await onDashboard()).toEqual({ [lawyer.id]: 1 });
    expect(await onDashboard()).toEqual(await fromDates());
  });

  it("is read through its partial index, not every open case (a national coordinator's dashboard)", async () => {
    const national = await makePerson("aliya@example.org", "COORDINATOR", [...REGIONS]);
    const plan = await queryPlan(overdueByPersonSql(national, PERIOD, NOW));
    if (database.provider === "sqlite") {
      expect(plan).toMatch(/SEARCH c USING (COVERING )?INDEX Case_nextPendingDueAt_status_id_idx/);
    } else {
      expect(plan).toContain("Case_nextPendingDueAt_status_id_idx");
    }
  });
});
