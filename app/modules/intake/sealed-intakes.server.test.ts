// A server sealed at the door: organizers keep taking intakes, nobody reads a
// name, editing sealed text waits, and on unsealing the intakes taken meanwhile
// get their search tokens, identity indexes and duplicate warnings.
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { readRows } from "~/db/reads.server";
import { listCases } from "~/modules/cases/case-list.server";
import { parseCaseListFilters } from "~/modules/cases/case-list";
import { uncheckedCaseSummaryById } from "~/modules/cases/cases.server";
import { updateCaseFacts } from "~/modules/cases/facts.server";
import { keyring } from "~/modules/keys/keyring.server";
import { DomainError } from "~/utils/domain-error";
import { makePerson, type Person } from "../../../tests/fixtures/assignment";
import { minimalIntake, namedWorker } from "../../../tests/fixtures/intake";
import { queryPlan } from "../../../tests/fixtures/query-plan";
import { withCheckDigit } from "./identifiers";
import { createIntake } from "./intake.server";
import { validateIntake } from "./schema";
import { indexSealedIntakes, laterDuplicatesOf, pendingIntakesSql } from "./sealed-intakes.server";

let organizer: Person;
let coordinator: Person;
const iin = withCheckDigit("85031530012")!;

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR");
});
afterEach(async () => {
  await keyring.start();
});

async function intake(name: string, extra: Record<string, unknown> = {}) {
  const parsed = validateIntake(
    minimalIntake("UNPAID_WAGES", {
      workers: [namedWorker({ fullName: name, iin, phone: "8 701 555 12 34" })],
      unnamedWorkerCount: "0",
      ...extra,
    }),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return createIntake(parsed.data, { userId: organizer.id });
}

async function search(q: string): Promise<string[]> {
  const found = await listCases(coordinator, parseCaseListFilters(new URLSearchParams({ q })));
  return found.rows.map((r) => r.reference);
}

describe("while sealed", () => {
  it("takes intakes, shows them as sealed, refuses edits of their text, and indexes them on unsealing", async () => {
    const before = await intake("Айгерім Нұрланқызы");
    await keyring.sealNow();

    const during = await intake("Айгерім Нұрланқызы", { place: "Жаңаөзен" });
    const stored = await prisma.case.findUniqueOrThrow({
      where: { id: during.id },
      include: { workers: { include: { identity: true } } },
    });
    expect(stored.blindIndexPending).toBe(true);
    expect(stored.place.startsWith("enc:v1:")).toBe(true);
    expect(stored.workers[0]!.identity).toMatchObject({ iinIndex: null, phoneIndex: null });
    expect(stored.workers[0]!.identity!.fullName).not.toContain("Айгерім");
    expect(await prisma.caseKey.findFirst({ where: { caseId: during.id } })).toMatchObject({
      wrappedTo: "INTAKE",
    });

    // Metadata pages work; the text says why it cannot be shown.
    const summary = await uncheckedCaseSummaryById(during.id, { withIdentities: true });
    expect(summary.place).toEqual({ ok: false, reason: "sealed" });
    expect(summary.workers[0]!.identity!.fullName).toEqual({ ok: false, reason: "sealed" });
    expect(await search("нұрланқызы")).toEqual([]);
    const refused = await updateCaseFacts(coordinator, during.reference, {}).catch((e) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).kind).toBe("sealed");
    expect((await laterDuplicatesOf([during.id]))[during.id]).toEqual({
      pending: true,
      warnings: [],
    });

    // Key holders unseal: the intake gets its indexes, tokens and duplicate warnings.
    await keyring.start();
    expect(await indexSealedIntakes()).toBe(1);
    expect(await indexSealedIntakes()).toBe(0);
    const indexed = await prisma.case.findUniqueOrThrow({
      where: { id: during.id },
      include: { workers: { include: { identity: true } } },
    });
    expect(indexed.blindIndexPending).toBe(false);
    expect(indexed.workers[0]!.identity!.iinIndex).toMatch(/^[0-9a-f]{32}$/);
    expect((await search("нұрланқызы")).sort()).toEqual(
      [before.reference, during.reference].sort(),
    );
    expect(await search("жаңаөзен")).toEqual([during.reference]);
    const later = (await laterDuplicatesOf([during.id]))[during.id]!;
    expect(later.pending).toBe(false);
    expect(later.warnings).toEqual([
      { reference: before.reference, reasons: ["sameIin", "samePhone", "sameWorkerAndEmployer"] },
    ]);
    const opened = await uncheckedCaseSummaryById(during.id, { withIdentities: true });
    expect(opened.workers[0]!.identity!.fullName).toEqual({
      ok: true,
      value: "Айгерім Нұрланқызы",
    });
    // The unsealing audit says how many case keys moved under the master key.
    expect(await prisma.caseKey.findFirst({ where: { caseId: during.id } })).toMatchObject({
      wrappedTo: "MASTER",
    });
  });

  it("shows a field moved to another row as cannot be read, and the rest of the page", async () => {
    const a = await intake("Серік Бекұлы", { place: "Атырау" });
    const b = await intake("Ерлан Сейітов", { place: "Ақтау" });
    const { place } = await prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    await prisma.case.update({ where: { id: b.id }, data: { place } });
    const summary = await uncheckedCaseSummaryById(b.id, { withIdentities: true });
    expect(summary.place).toEqual({ ok: false, reason: "unreadable" });
    expect(summary.account.ok).toBe(true);
    expect(summary.workers[0]!.identity!.fullName).toEqual({ ok: true, value: "Ерлан Сейітов" });
  });
});

describe("finding the intakes to index", () => {
  it("indexes every pending intake, batch after batch", async () => {
    await keyring.sealNow();
    const taken = [];
    for (const name of ["Әсел Жұмабаева", "Марат Оспанов", "Гүлнар Серікова"])
      taken.push(await intake(name));
    await keyring.start();
    const pending = async () =>
      (await readRows(pendingIntakesSql(10))).map((row) => String(row.id));
    expect((await pending()).sort()).toEqual(taken.map((c) => c.id).sort());
    // Two at a time: the third is found by the second look.
    expect(await indexSealedIntakes(2)).toBe(3);
    expect(await pending()).toEqual([]);
  });

  it("goes past an intake whose key does not open, which stays pending for the next unseal", async () => {
    await keyring.sealNow();
    const first = await intake("Нұржан Әбенов");
    const broken = await intake("Сәуле Қайратқызы");
    const last = await intake("Бауыржан Есенов");
    await keyring.start();
    // Damaged after the unseal moved it under the master key: it no longer opens.
    const key = await prisma.caseKey.findFirstOrThrow({ where: { caseId: broken.id } });
    await prisma.caseKey.update({
      where: { caseId_version: { caseId: broken.id, version: key.version } },
      data: { wrappedKey: new Uint8Array(randomBytes(key.wrappedKey!.length)) },
    });
    // One at a time: the damaged one must not be read again and again.
    expect(await indexSealedIntakes(1)).toBe(2);
    const pending = (await readRows(pendingIntakesSql(10))).map((row) => String(row.id));
    expect(pending).toEqual([broken.id]);
    expect(pending).not.toContain(first.id);
    expect(pending).not.toContain(last.id);
    expect(await indexSealedIntakes(1)).toBe(0);
  });

  it("reads the partial index of pending intakes, not every case", async () => {
    const plan = await queryPlan(pendingIntakesSql(100));
    if (database.provider === "sqlite") {
      expect(plan).toMatch(/USING (COVERING )?INDEX Case_blindIndexPending_createdAt_id_idx/);
    } else {
      expect(plan).toContain("Case_blindIndexPending_createdAt_id_idx");
    }
  });
});
