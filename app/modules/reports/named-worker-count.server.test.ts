// "Case"."namedWorkerCount" is kept by database triggers (migration
// named_worker_count): it must equal the case's AffectedWorker rows after every
// kind of change, whoever makes it — intake, a worker added, moved or removed,
// a case deleted (the triggers do not care who writes).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { makeCase, makePerson, type Person } from "../../../tests/fixtures/assignment";

let organizer: Person;

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
});

/** Case id → workers named on it, as the rows say and as the column keeps it. */
async function counts() {
  const [rows, kept] = await Promise.all([
    prisma.affectedWorker.groupBy({ by: ["caseId"], _count: { _all: true } }),
    prisma.case.findMany({ select: { id: true, namedWorkerCount: true } }),
  ]);
  const fromRows = new Map(rows.map((r) => [r.caseId, r._count._all]));
  return {
    expected: Object.fromEntries(kept.map((c) => [c.id, fromRows.get(c.id) ?? 0])),
    kept: Object.fromEntries(kept.map((c) => [c.id, c.namedWorkerCount])),
  };
}

async function expectExact() {
  const { expected, kept } = await counts();
  expect(kept).toEqual(expected);
}

describe("the named-worker count of a case", () => {
  it("follows intake, workers added, moved and removed, and deleted cases", async () => {
    const a = await makeCase(organizer.id);
    const b = await makeCase(organizer.id, { category: "FORCED_LABOR" });
    await expectExact();

    const added = await prisma.affectedWorker.create({
      data: { caseId: a.id, pseudonym: "W-AAA2", anonymous: true },
    });
    await prisma.affectedWorker.create({
      data: { caseId: a.id, pseudonym: "W-AAA3", anonymous: true },
    });
    await expectExact();
    expect((await counts()).kept[a.id]).toBeGreaterThanOrEqual(2);

    await prisma.affectedWorker.update({ where: { id: added.id }, data: { caseId: b.id } });
    await expectExact();
    // A write that leaves the case alone moves nothing.
    await prisma.affectedWorker.update({ where: { id: added.id }, data: { anonymous: false } });
    await expectExact();

    await prisma.affectedWorker.delete({ where: { id: added.id } });
    await prisma.affectedWorker.deleteMany({ where: { caseId: a.id } });
    await expectExact();
    expect((await prisma.case.findUniqueOrThrow({ where: { id: a.id } })).namedWorkerCount).toBe(0);

    await prisma.case.delete({ where: { id: b.id } });
    await expectExact();
  });
});
