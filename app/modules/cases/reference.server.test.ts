import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { directTransaction } from "~/db/direct-writes.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake, type IntakeInput } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { minimalIntake } from "../../../tests/fixtures/intake";
import { REFERENCE_PATTERN, formatReference, nextReference } from "./reference.server";

let organizer: { id: string };

function intake(): IntakeInput {
  const result = validateIntake(minimalIntake("OTHER"));
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const durable = { durable: true };
const on = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);
const numberOf = (reference: string) => Number(reference.slice("KZ-2024-".length));

beforeAll(async () => {
  organizer = await createUser(
    { email: "dana@example.org", displayName: "Dana", role: "ORGANIZER", regions: ["ATYRAU"] },
    { actorId: null },
  );
});

describe("case references", () => {
  it("read KZ-<year>-<six digits>", () => {
    expect(formatReference(2026, 1)).toBe("KZ-2026-000001");
    expect(formatReference(2026, 123_456)).toBe("KZ-2026-123456");
    expect(formatReference(2026, 1_000_000)).toBe("KZ-2026-1000000");
    expect(REFERENCE_PATTERN.test("KZ-2026-000001")).toBe(true);
    expect(REFERENCE_PATTERN.test("KZ-2026-1000000")).toBe(true);
    expect(REFERENCE_PATTERN.test("KZ-26-000001")).toBe(false);
    expect(REFERENCE_PATTERN.test("KZ-2026-00001")).toBe(false);
  });

  it("are issued one after another within a year and start again at 1 in the next", async () => {
    const actor = { userId: organizer.id };
    const issued = [
      await createIntake(intake(), actor, on("2022-03-01")),
      await createIntake(intake(), actor, on("2022-07-15")),
      await createIntake(intake(), actor, on("2022-12-31")),
      await createIntake(intake(), actor, on("2023-01-01")),
      await createIntake(intake(), actor, on("2023-01-02")),
    ];
    expect(issued.map((c) => c.reference)).toEqual([
      "KZ-2022-000001",
      "KZ-2022-000002",
      "KZ-2022-000003",
      "KZ-2023-000001",
      "KZ-2023-000002",
    ]);
    const stored = await prisma.case.findMany({
      where: { reference: { in: issued.map((c) => c.reference) } },
      select: { reference: true, year: true, number: true },
      orderBy: [{ year: "asc" }, { number: "asc" }],
    });
    expect(stored.map((c) => [c.year, c.number])).toEqual([
      [2022, 1],
      [2022, 2],
      [2022, 3],
      [2023, 1],
      [2023, 2],
    ]);
    expect(await prisma.caseCounter.findMany({ orderBy: { year: "asc" } })).toEqual([
      { year: 2022, last: 3 },
      { year: 2023, last: 2 },
    ]);
  });

  it("do not use up a number when the case is not saved", async () => {
    await directTransaction(async (tx) => {
      expect((await nextReference(tx, 2021)).reference).toBe("KZ-2021-000001");
    }, durable);
    await expect(
      directTransaction(async (tx) => {
        expect((await nextReference(tx, 2021)).reference).toBe("KZ-2021-000002");
        throw new Error("the intake failed");
      }, durable),
    ).rejects.toThrow("the intake failed");
    await directTransaction(async (tx) => {
      expect((await nextReference(tx, 2021)).reference).toBe("KZ-2021-000002");
    }, durable);
  });

  it("stay distinct and gapless when 30 intakes are saved at the same moment", async () => {
    const actor = { userId: organizer.id };
    const created = await Promise.all(
      Array.from({ length: 30 }, () => createIntake(intake(), actor, on("2024-05-09"))),
    );
    const references = created.map((c) => c.reference);
    expect(new Set(references).size).toBe(30);
    for (const reference of references) expect(reference).toMatch(/^KZ-2024-\d{6}$/);
    expect(references.map(numberOf).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(await prisma.case.count({ where: { year: 2024 } })).toBe(30);
    expect(await prisma.caseCounter.findUnique({ where: { year: 2024 } })).toEqual({
      year: 2024,
      last: 30,
    });
    // Each of them has its audit entry, in one unbroken chain.
    expect(
      await prisma.auditEntry.count({
        where: { action: "case.created", targetId: { in: references } },
      }),
    ).toBe(30);
  });

  it("continue without gaps when concurrent intakes meet a year's existing counter", async () => {
    const actor = { userId: organizer.id };
    await createIntake(intake(), actor, on("2025-01-10"));
    const created = await Promise.all(
      Array.from({ length: 30 }, () => createIntake(intake(), actor, on("2025-02-10"))),
    );
    expect(created.map((c) => numberOf(c.reference)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 2),
    );
  });
});
