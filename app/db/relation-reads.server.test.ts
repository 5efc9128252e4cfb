// Rows read through a relation come back exactly as the same rows read on their own, on both
// databases. Prisma loads relations with a statement per relation today; with its relationJoins
// (tried for the case page, docs/decisions/0044) PostgreSQL builds each related row as JSON and
// Prisma turns it back into values, a second path for every type: dates to the millisecond,
// large integers, enums, nulls, booleans, Cyrillic and Kazakh text, bytes. These tests are where
// such a change of strategy shows what it changes.
//
// Under relationJoins a bigint is written into the JSON as a number, which JavaScript holds
// exactly only up to 2^53 − 1. The one bigint column, an outcome's amount in minor units, is
// validated below 10^14 (LIMITS), so every amount Adal can store would still come back exact; a
// test below fails if that limit is ever raised past it.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { LIMITS } from "~/modules/intake/categories";
import { createUser } from "~/modules/people/people.server";

const CYRILLIC = "Жұмысшы Әлия «Қазақстан» — ёлка, ҒҚҢӨҰҮҺІ ғқңөұүһі";
/** The largest amount an outcome can have, in minor units: 10^14 − 1, beyond 32 and 48 bits. */
const HUGE = BigInt(LIMITS.amountMajorExclusive) * 100n - 1n;
const AT = new Date("2026-03-04T05:06:07.891Z");

let caseId: string;
let authorId: string;

beforeAll(async () => {
  const author = await createUser(
    {
      email: "relation-reads@example.org",
      displayName: CYRILLIC,
      role: "LAWYER",
      regions: ["ATYRAU"],
    },
    { actorId: null },
  );
  authorId = author.id;
  const created = await prisma.case.create({
    data: {
      reference: "KZ-2026-990001",
      year: 2026,
      number: 990001,
      category: "UNPAID_WAGES",
      urgency: "HIGH",
      suggestedUrgency: "NORMAL",
      incidentStart: AT,
      heldFrom: null,
      region: "ATYRAU",
      place: CYRILLIC,
      channel: "HOTLINE",
      account: CYRILLIC,
      facts: "{}",
      organizerId: author.id,
      createdAt: AT,
      lastActivityAt: AT,
    },
    select: { id: true },
  });
  caseId = created.id;
  await prisma.caseOutcome.createMany({
    data: [
      {
        caseId,
        kind: "WAGES_RECOVERED",
        amountMinor: HUGE,
        currency: "KZT",
        people: 3,
        date: AT,
        note: CYRILLIC,
        recordedById: author.id,
        createdAt: AT,
      },
      {
        caseId,
        kind: "REINSTATED",
        amountMinor: null,
        currency: null,
        people: null,
        date: new Date("1999-12-31T23:59:59.999Z"),
        note: null,
        recordedById: author.id,
      },
    ],
  });
  await prisma.caseNote.createMany({
    data: [
      { caseId, authorId: author.id, body: CYRILLIC, legal: true, createdAt: AT },
      {
        caseId,
        authorId: author.id,
        body: "withdrawn",
        withdrawnAt: AT,
        withdrawnById: author.id,
        withdrawnReason: CYRILLIC,
      },
    ],
  });
});

describe("reads through a relation", () => {
  it("give every type back as a read of the rows alone does", async () => {
    const outcomeFields = {
      id: true,
      kind: true,
      amountMinor: true,
      currency: true,
      people: true,
      date: true,
      note: true,
      createdAt: true,
    } as const;
    const noteFields = {
      id: true,
      body: true,
      legal: true,
      createdAt: true,
      withdrawnAt: true,
      withdrawnReason: true,
    } as const;
    const nested = await prisma.case.findUniqueOrThrow({
      where: { id: caseId },
      select: {
        createdAt: true,
        place: true,
        urgency: true,
        heldFrom: true,
        incidentEnd: true,
        organizer: { select: { displayName: true, role: true, active: true } },
        outcomes: { orderBy: { date: "desc" }, select: outcomeFields },
        notes: {
          orderBy: { createdAt: "asc" },
          select: {
            ...noteFields,
            author: { select: { id: true, displayName: true } },
            withdrawnBy: { select: { displayName: true } },
          },
        },
      },
    });
    const outcomes = await prisma.caseOutcome.findMany({
      where: { caseId },
      orderBy: { date: "desc" },
      select: outcomeFields,
    });
    const notes = await prisma.caseNote.findMany({
      where: { caseId },
      orderBy: { createdAt: "asc" },
      select: noteFields,
    });
    expect(nested.outcomes).toEqual(outcomes);
    expect(nested.notes.map(({ author: _a, withdrawnBy: _w, ...note }) => note)).toEqual(notes);

    const [recovered, reinstated] = nested.outcomes;
    expect(recovered).toMatchObject({ kind: "WAGES_RECOVERED", currency: "KZT", people: 3 });
    expect(recovered!.amountMinor).toBe(HUGE);
    expect(recovered!.date).toEqual(AT);
    expect(recovered!.createdAt).toEqual(AT);
    expect(recovered!.note).toBe(CYRILLIC);
    expect(reinstated).toMatchObject({
      amountMinor: null,
      currency: null,
      people: null,
      note: null,
    });
    expect(reinstated!.date.toISOString()).toBe("1999-12-31T23:59:59.999Z");

    expect(nested.createdAt).toEqual(AT);
    expect(nested).toMatchObject({ urgency: "HIGH", heldFrom: null, incidentEnd: null });
    expect(nested.place).toBe(CYRILLIC);
    expect(nested.organizer).toEqual({ displayName: CYRILLIC, role: "LAWYER", active: true });
    const [kept, withdrawn] = nested.notes;
    expect(kept).toMatchObject({ legal: true, withdrawnAt: null, withdrawnBy: null });
    expect(kept!.author).toEqual({ id: authorId, displayName: CYRILLIC });
    expect(withdrawn!.withdrawnAt).toEqual(AT);
    expect(withdrawn!.withdrawnBy).toEqual({ displayName: CYRILLIC });
  });

  it("give an empty list, not a missing one, for a relation with no rows", async () => {
    const found = await prisma.case.findUniqueOrThrow({
      where: { id: caseId },
      select: { documents: { select: { id: true } }, assignments: { select: { userId: true } } },
    });
    expect(found).toEqual({ documents: [], assignments: [] });
  });

  it("count related rows as a count", async () => {
    const found = await prisma.case.findUniqueOrThrow({
      where: { id: caseId },
      select: { _count: { select: { outcomes: true, notes: true } } },
    });
    expect(found._count).toEqual({ outcomes: 2, notes: 2 });
  });

  it("can hold every amount Adal accepts: the largest is below 2^53", () => {
    expect(HUGE).toBe(99_999_999_999_999n);
    expect(HUGE <= BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it("keep bytes byte for byte (no relation carries bytes: read on their own)", async () => {
    const wrapped = Buffer.from([0, 1, 2, 254, 255, 0x80, 0x7f, 0]);
    await prisma.caseKey.create({
      data: { caseId, version: 99, wrappedTo: "MASTER", masterVersion: 1, wrappedKey: wrapped },
    });
    const read = await prisma.caseKey.findUniqueOrThrow({
      where: { caseId_version: { caseId, version: 99 } },
      select: { wrappedKey: true, destroyedAt: true },
    });
    expect(Buffer.from(read.wrappedKey!)).toEqual(wrapped);
    expect(read.destroyedAt).toBeNull();
  });
});
