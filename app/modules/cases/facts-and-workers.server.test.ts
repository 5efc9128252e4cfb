// Editing what the intake recorded: facts and workers, each save checked
// against the case's version and written with its timeline and audit entries.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { isValidIin, withCheckDigit } from "~/modules/intake/identifiers";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { putOnCase } from "../../../tests/fixtures/assignment";
import { minimalIntake } from "../../../tests/fixtures/intake";
import { expectSealed, opened, searchFinds } from "../../../tests/fixtures/sealed";
import { factsEditForm, updateCaseFacts } from "./facts.server";
import { addWorker, removeWorker, updateWorker, workerEditForm } from "./workers.server";
import { DomainError } from "~/utils/domain-error";
import { STATUS } from "~/utils/answer.server";
import { corrupted } from "../../../tests/fixtures/corrupted";

type Person = {
  id: string;
  role: "ORGANIZER" | "LAWYER" | "COORDINATOR" | "ADMIN";
  regions: "ATYRAU"[];
};
let organizer: Person;
let otherOrganizer: Person;
let lawyer: Person;
let lawyerElsewhere: Person;
let coordinator: Person;
let admin: Person;

beforeAll(async () => {
  const make = async (email: string, role: Person["role"]) => ({
    id: (
      await createUser(
        { email, displayName: email.split("@")[0]!, role, regions: ["ATYRAU"] },
        { actorId: null },
      )
    ).id,
    role,
    // The coordinator covers Atyrau, where every case here is taken.
    regions: ["ATYRAU" as const],
  });
  organizer = await make("dana@example.org", "ORGANIZER");
  otherOrganizer = await make("erlan@example.org", "ORGANIZER");
  lawyer = await make("arman@example.org", "LAWYER");
  lawyerElsewhere = await make("bota@example.org", "LAWYER");
  coordinator = await make("saule@example.org", "COORDINATOR");
  admin = await make("ruslan@example.org", "ADMIN");
});

/** A new case in Atyrau with the lawyer on it as lead (unless `lawyerOn` is false). */
async function newCase(
  overrides: Record<string, unknown> = {},
  { lawyerOn = true } = {},
): Promise<string> {
  const parsed = validateIntake(minimalIntake("UNPAID_WAGES", overrides));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const { reference } = await createIntake(parsed.data, { userId: organizer.id });
  if (lawyerOn) await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
  return reference;
}

/** A fictional IIN with a valid checksum (born 1 January 1990). */
function validIin(): string {
  for (let serial = 1000; serial < 2000; serial++) {
    const iin = withCheckDigit(`9001013${serial}`);
    if (iin && isValidIin(iin)) return iin;
  }
  throw new Error("no valid IIN");
}

const stored = (reference: string) =>
  prisma.case.findUniqueOrThrow({
    where: { reference },
    select: {
      id: true,
      version: true,
      place: true,
      account: true,
      facts: true,
      searchText: true,
      lastActivityAt: true,
    },
  });

const editsOf = async (reference: string) =>
  (
    await prisma.timelineEvent.findMany({
      where: { case: { reference }, kind: "FACT_EDITED" },
      orderBy: { createdAt: "asc" },
    })
  ).map((event) => JSON.parse(event.details) as Record<string, unknown>);

const auditOf = (reference: string) =>
  prisma.auditEntry.findMany({
    where: {
      targetId: reference,
      action: { startsWith: "case." },
      // Opening the form is a read, recorded as one (views.server.test.ts): these are the writes.
      NOT: { action: { in: ["case.created", "case.viewed"] } },
    },
    orderBy: { seq: "asc" },
    select: { action: true, details: true },
  });

/** The facts form as it is posted, with some answers changed. */
async function factsForm(reference: string, caller: Person, changes: Record<string, unknown>) {
  const form = await factsEditForm(caller, reference);
  return { ...form.values, ...changes };
}

describe("editing the facts", () => {
  it("saves the changed fields, moves the version, and writes one timeline entry and one audit entry", async () => {
    const reference = await newCase();
    const input = await factsForm(reference, lawyer, {
      place: "Tengiz, camp 3",
      incidentEnd: "2025-10-20",
      facts: {
        periodStart: "2025-09-01",
        amountOwed: "1 300 000",
        currency: "KZT",
        workersAffected: "12",
      },
    });
    const result = await updateCaseFacts(lawyer, reference, input);
    expect(result.kind).toBe("saved");
    const found = await stored(reference);
    expect(found.version).toBe(2);
    expectSealed({ place: found.place });
    expect((await opened(found.id, "Case", found.id, { place: found.place })).place).toBe(
      "Tengiz, camp 3",
    );
    expect(JSON.parse(found.facts)).toMatchObject({ amountOwed: 130_000_000 });
    expect(await editsOf(reference)).toEqual([
      {
        changes: [
          { field: "incidentEnd", from: null, to: "2025-10-20" },
          // Sealed text never reaches the timeline: it says the place changed.
          { field: "place", changed: true },
          { field: "facts.amountOwed", from: 125_000_000, to: 130_000_000 },
        ],
        currency: "KZT",
      },
    ]);
    const audit = await auditOf(reference);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe("case.facts_edited");
    expect(JSON.parse(audit[0]!.details)).toEqual({
      fields: ["incidentEnd", "place", "facts.amountOwed"],
    });
  });

  it("writes nothing when nothing changed", async () => {
    const reference = await newCase();
    const before = await stored(reference);
    const result = await updateCaseFacts(
      coordinator,
      reference,
      await factsForm(reference, coordinator, {}),
    );
    expect(result).toEqual({ kind: "unchanged" });
    expect(await stored(reference)).toEqual(before);
    expect(await editsOf(reference)).toEqual([]);
    expect(await auditOf(reference)).toEqual([]);
  });

  it("validates the category's own facts with the intake's schema, beside the field", async () => {
    const reference = await newCase();
    const result = await updateCaseFacts(
      lawyer,
      reference,
      await factsForm(reference, lawyer, {
        incidentEnd: "2025-09-01",
        facts: {
          periodStart: "2025-09-01",
          amountOwed: "a lot",
          currency: "KZT",
          workersAffected: "12",
        },
      }),
    );
    expect(result).toEqual({
      kind: "invalid",
      fieldErrors: {
        "facts.amountOwed": "validation.amount",
        incidentEnd: "validation.endBeforeStart",
      },
    });
    expect((await stored(reference)).version).toBe(1);
  });

  it("leaves no partial write when a later step of the save fails", async () => {
    const reference = await newCase();
    const before = await stored(reference);
    // A caller whose account no longer exists: the case row is updated first,
    // then the timeline entry's actor is refused by the database. (A coordinator
    // of the case's region, who reaches it without an assignment row.)
    const ghost = {
      id: "ckghostghostghostghost0001",
      role: "COORDINATOR" as const,
      regions: ["ATYRAU" as const],
    };
    const input = await factsForm(reference, lawyer, {
      place: "Somewhere else",
      account: "A new account.",
    });
    await expect(updateCaseFacts(ghost, reference, input)).rejects.toThrow(/foreign key/i);
    expect(await stored(reference)).toEqual(before);
    expect(await editsOf(reference)).toEqual([]);
    expect(await auditOf(reference)).toEqual([]);
  });

  it("refuses the second save made from the same version, naming the first editor, and keeps only the first change", async () => {
    const reference = await newCase();
    const fromLawyer = await factsForm(reference, lawyer, { place: "Camp 1" });
    const fromCoordinator = await factsForm(reference, coordinator, { region: "MANGYSTAU" });
    await updateCaseFacts(lawyer, reference, fromLawyer);
    const refused = await updateCaseFacts(coordinator, reference, fromCoordinator).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).lastChange).toMatchObject({
      actorName: "arman",
      kind: "FACT_EDITED",
    });
    // What came first, to show beside the refused form.
    expect((refused as DomainError).conflictDetails).toEqual({
      changes: [{ field: "place", changed: true }],
      currency: "KZT",
    });
    const found = await prisma.case.findUniqueOrThrow({
      where: { reference },
      select: { version: true, place: true, region: true },
    });
    expect(found).toMatchObject({ version: 2, region: "ATYRAU" });
    const caseId = (await stored(reference)).id;
    expect((await opened(caseId, "Case", caseId, { place: found.place })).place).toBe("Camp 1");
    expect(await editsOf(reference)).toHaveLength(1);
  });

  it("refreshes what the case list searches when the account changes", async () => {
    const reference = await newCase();
    await updateCaseFacts(
      organizer,
      reference,
      await factsForm(reference, organizer, { account: "The foreman Qasymov kept the payslips." }),
    );
    const found = await stored(reference);
    expect(searchFinds(found.searchText, "qasymov")).toBe(true);
    expect(searchFinds(found.searchText, "months")).toBe(false);
    expect(found.searchText).not.toContain("qasymov");
    expect(await editsOf(reference)).toEqual([
      { changes: [{ field: "account", changed: true }], currency: "KZT" },
    ]);
  });

  it("answers 404 to an organizer of another case, a lawyer not on the case and an administrator", async () => {
    const reference = await newCase();
    const input = await factsForm(reference, lawyer, { place: "Elsewhere" });
    for (const outsider of [otherOrganizer, lawyerElsewhere, admin]) {
      const refused = await updateCaseFacts(outsider, reference, input).catch((e: unknown) => e);
      expect(STATUS[(refused as DomainError).kind]).toBe(404);
      const form = await factsEditForm(outsider, reference).catch((e: unknown) => e);
      expect(STATUS[(form as DomainError).kind]).toBe(404);
    }
    expect((await stored(reference)).version).toBe(1);
  });

  it("refuses to leave a case with no workers at all", async () => {
    const reference = await newCase();
    const result = await updateCaseFacts(
      lawyer,
      reference,
      await factsForm(reference, lawyer, { unnamedWorkerCount: "0" }),
    );
    expect(result).toEqual({
      kind: "invalid",
      fieldErrors: { unnamedWorkerCount: "intake.errors.noWorkers" },
    });
  });
});

describe("workers", () => {
  const named = (overrides: Record<string, unknown> = {}) => ({
    fullName: "Гульнара Ахметова",
    phone: "8 701 555 12 34",
    address: "Atyrau, Satpayev street 1",
    contactNotes: "Only WhatsApp after 19:00",
    occupation: "cook",
    consentToStore: "on",
    ...overrides,
  });

  it("refuses an IIN with a wrong checksum beside the field, and writes nothing", async () => {
    const reference = await newCase();
    const good = validIin();
    const bad = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
    const result = await addWorker(organizer, reference, {
      version: "1",
      worker: named({ iin: bad }),
    });
    expect(result).toEqual({
      kind: "invalid",
      fieldErrors: { "worker.iin": "validation.iinChecksum" },
    });
    expect(await prisma.affectedWorker.count({ where: { case: { reference } } })).toBe(0);
    expect((await stored(reference)).version).toBe(1);
  });

  it("are added, edited and removed with timeline and audit entries that never hold who they are", async () => {
    const reference = await newCase();
    const iin = validIin();
    await addWorker(coordinator, reference, { version: "1", worker: named({ iin }) });
    const worker = await prisma.affectedWorker.findFirstOrThrow({
      where: { case: { reference } },
      select: {
        id: true,
        identity: true,
        occupation: true,
        consentToStore: true,
        case: { select: { id: true } },
      },
    });
    expect(worker).toMatchObject({
      occupation: "cook",
      consentToStore: true,
    });
    expect(
      await opened(worker.case.id, "WorkerIdentity", worker.id, {
        fullName: worker.identity!.fullName,
        iin: worker.identity!.iin,
        phone: worker.identity!.phone,
      }),
    ).toEqual({ fullName: "Гульнара Ахметова", iin, phone: "+77015551234" });
    expect(searchFinds((await stored(reference)).searchText, "ахметова")).toBe(true);

    await updateWorker(lawyer, reference, worker.id, {
      version: "2",
      worker: named({
        iin,
        fullName: "Гульнара Ахметқызы",
        occupation: "head cook",
        consentToContact: "on",
      }),
    });
    const renamed = await prisma.workerIdentity.findUniqueOrThrow({
      where: { workerId: worker.id },
    });
    expect(
      (await opened(worker.case.id, "WorkerIdentity", worker.id, { fullName: renamed.fullName }))
        .fullName,
    ).toBe("Гульнара Ахметқызы");
    expect(searchFinds((await stored(reference)).searchText, "ахметқызы")).toBe(true);
    expect(searchFinds((await stored(reference)).searchText, "ахметова")).toBe(false);

    const noReason = await removeWorker(lawyer, reference, worker.id, {
      version: "3",
      reason: " ",
    });
    expect(noReason).toEqual({ kind: "invalid", fieldErrors: { reason: "validation.required" } });
    await removeWorker(lawyer, reference, worker.id, { version: "3", reason: "Recorded twice" });
    expect(await prisma.affectedWorker.count({ where: { id: worker.id } })).toBe(0);
    expect(await prisma.workerIdentity.count({ where: { workerId: worker.id } })).toBe(0);
    expect((await stored(reference)).version).toBe(4);

    const edits = await editsOf(reference);
    // The worker by number and pseudonym, the same in every entry (decision 0034).
    const pseudonym = (edits[0]!.worker as { pseudonym: string }).pseudonym;
    expect(pseudonym).toMatch(/^W-[2-9A-HJ-NP-Z]{4}$/);
    expect(edits.map((e) => e.worker)).toEqual([
      { number: 1, pseudonym, event: "added" },
      { number: 1, pseudonym, event: "updated" },
      { number: 1, pseudonym, event: "removed" },
    ]);
    expect(edits[1]!.changes).toEqual([
      { field: "workers.1.fullName", changed: true },
      { field: "workers.1.occupation", from: "cook", to: "head cook" },
      { field: "workers.1.consentToContact", from: false, to: true },
    ]);
    // The reason is sealed with the case key: it can name a person.
    const removal = await prisma.timelineEvent.findMany({
      where: { case: { reference }, kind: "FACT_EDITED" },
      orderBy: { createdAt: "asc" },
      select: { id: true, caseId: true },
    });
    const reason = edits[2]!.reason as string;
    expectSealed({ reason });
    expect(await opened(removal[2]!.caseId, "TimelineEvent", removal[2]!.id, { reason })).toEqual({
      reason: "Recorded twice",
    });
    const audit = await auditOf(reference);
    expect(audit.map((a) => a.action)).toEqual([
      "case.worker_added",
      "case.worker_updated",
      "case.worker_removed",
    ]);
    expect(JSON.parse(audit[1]!.details)).toEqual({
      worker: 1,
      fields: ["workers.1.fullName", "workers.1.occupation", "workers.1.consentToContact"],
    });

    // No identity value, in any form, in what the timeline and the audit log stored.
    const timelineRows = await prisma.timelineEvent.findMany({ where: { case: { reference } } });
    const auditRows = await prisma.auditEntry.findMany({ where: { targetId: reference } });
    const storedJson = JSON.stringify([timelineRows, auditRows]);
    for (const secret of [
      "Гульнара",
      "Ахметова",
      "Ахметқызы",
      iin,
      "7015551234",
      "Satpayev",
      "WhatsApp",
    ])
      expect(storedJson).not.toContain(secret);
  });

  it("lose their identity row when they become anonymous", async () => {
    const reference = await newCase();
    await addWorker(organizer, reference, { version: "1", worker: named() });
    const { id } = await prisma.affectedWorker.findFirstOrThrow({ where: { case: { reference } } });
    const form = await workerEditForm(organizer, reference, id);
    expect(form.values.worker).toMatchObject({
      fullName: "Гульнара Ахметова",
      phone: "+77015551234",
    });
    const refused = await updateWorker(organizer, reference, id, {
      version: "2",
      worker: { ...form.values.worker, anonymous: "on" },
    });
    // The intake's rule: an anonymous worker has no identity to keep.
    expect(refused).toMatchObject({
      kind: "invalid",
      fieldErrors: { "worker.fullName": "intake.errors.anonymousHasIdentity" },
    });
    await updateWorker(organizer, reference, id, {
      version: "2",
      worker: { anonymous: "on", occupation: "cook" },
    });
    expect(await prisma.workerIdentity.count({ where: { workerId: id } })).toBe(0);
    expect((await stored(reference)).searchText).not.toContain("ахметова");
  });

  it("answer 404 to a worker id of another case, and to an organizer of another case", async () => {
    const first = await newCase();
    const second = await newCase();
    await addWorker(organizer, first, { version: "1", worker: named() });
    const { id } = await prisma.affectedWorker.findFirstOrThrow({
      where: { case: { reference: first } },
    });
    const attempts = [
      () => workerEditForm(coordinator, second, id),
      () =>
        updateWorker(coordinator, second, id, { version: "1", worker: named({ occupation: "x" }) }),
      () => removeWorker(coordinator, second, id, { version: "1", reason: "x" }),
      () =>
        updateWorker(otherOrganizer, first, id, {
          version: "2",
          worker: named({ occupation: "x" }),
        }),
      () => addWorker(otherOrganizer, first, { version: "2", worker: named() }),
    ];
    for (const attempt of attempts) {
      const refused = await attempt().catch((e: unknown) => e);
      expect(STATUS[(refused as DomainError).kind]).toBe(404);
    }
    expect(await prisma.affectedWorker.count({ where: { case: { reference: first } } })).toBe(1);
    expect((await stored(first)).version).toBe(2);
    expect((await stored(second)).version).toBe(1);
  });

  it("refuse a second save from the same version with who came first, and add nothing", async () => {
    const reference = await newCase();
    await updateCaseFacts(
      lawyer,
      reference,
      await factsForm(reference, lawyer, { place: "Camp 2" }),
    );
    const refused = await addWorker(coordinator, reference, {
      version: "1",
      worker: named(),
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).lastChange?.actorName).toBe("arman");
    expect(await prisma.affectedWorker.count({ where: { case: { reference } } })).toBe(0);
  });
});

describe("a sealed field that cannot be read (decision 0043)", () => {
  async function withCorruptPlace() {
    const reference = await newCase();
    const { place } = await stored(reference);
    const damaged = corrupted(place);
    await prisma.case.update({ where: { reference }, data: { place: damaged } });
    return { reference, damaged };
  }

  /** A forced-labour case whose written answer (who holds the documents) is sealed, then damaged. */
  async function withCorruptFactsText() {
    const parsed = validateIntake(
      minimalIntake("FORCED_LABOR", {
        facts: { indicators: ["DECEPTION"], canLeave: "UNKNOWN", documentsHeldBy: "the foreman" },
      }),
    );
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    const { reference } = await createIntake(parsed.data, { userId: organizer.id });
    await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
    const { factsText } = await prisma.case.findUniqueOrThrow({
      where: { reference },
      select: { factsText: true },
    });
    const damaged = corrupted(factsText!);
    await prisma.case.update({ where: { reference }, data: { factsText: damaged } });
    return { reference, damaged };
  }

  const factsTextOf = async (reference: string) =>
    (await prisma.case.findUniqueOrThrow({ where: { reference }, select: { factsText: true } }))
      .factsText;

  it("is reported by the edit form as cannot be read, not filled in as empty text", async () => {
    const { reference } = await withCorruptPlace();
    const form = await factsEditForm(lawyer, reference);
    expect(form.unreadable).toEqual({ place: ["place"] });
    const labour = await withCorruptFactsText();
    expect((await factsEditForm(lawyer, labour.reference)).unreadable).toEqual({
      factsText: ["facts.documentsHeldBy"],
    });
  });

  it("keeps its stored ciphertext byte for byte when another field is saved", async () => {
    const { reference, damaged } = await withCorruptPlace();
    const input = await factsForm(reference, lawyer, { incidentEnd: "2025-10-20" });
    expect(await updateCaseFacts(lawyer, reference, input)).toMatchObject({ kind: "saved" });
    expect((await stored(reference)).place).toBe(damaged);
    expect((await editsOf(reference)).at(-1)!.changes).toEqual([
      { field: "incidentEnd", from: null, to: "2025-10-20" },
    ]);
    expect((await auditOf(reference)).at(-1)).toMatchObject({
      action: "case.facts_edited",
      details: JSON.stringify({ fields: ["incidentEnd"] }),
    });

    // The written answers are one sealed column: a change to a ticked box leaves it alone too.
    const labour = await withCorruptFactsText();
    const labourInput = await factsForm(labour.reference, lawyer, {});
    const facts = { ...(labourInput.facts as Record<string, unknown>), ongoing: "on" };
    expect(
      await updateCaseFacts(lawyer, labour.reference, { ...labourInput, facts }),
    ).toMatchObject({ kind: "saved" });
    expect(await factsTextOf(labour.reference)).toBe(labour.damaged);
  });

  it("refuses text typed over it without the replace box ticked, writing nothing", async () => {
    const { reference, damaged } = await withCorruptPlace();
    const input = await factsForm(reference, lawyer, { place: "Tengiz, camp 3" });
    expect(await updateCaseFacts(lawyer, reference, input)).toEqual({
      kind: "invalid",
      fieldErrors: { place: "caseFile.edit.unreadable.tickToReplace" },
    });
    const found = await stored(reference);
    expect([found.place, found.version]).toEqual([damaged, 1]);
  });

  it("is replaced when the person ticks replace, and the timeline and the audit log say so", async () => {
    const { reference } = await withCorruptPlace();
    const input = await factsForm(reference, lawyer, {
      place: "Tengiz, camp 3",
      replace: { place: "on" },
    });
    expect(await updateCaseFacts(lawyer, reference, input)).toMatchObject({ kind: "saved" });
    const found = await stored(reference);
    expectSealed({ place: found.place });
    expect((await opened(found.id, "Case", found.id, { place: found.place })).place).toBe(
      "Tengiz, camp 3",
    );
    expect((await factsEditForm(lawyer, reference)).unreadable).toEqual({});
    expect((await editsOf(reference)).at(-1)!.changes).toEqual([
      { field: "place", changed: true, replacedUnreadable: true },
    ]);
    expect((await auditOf(reference)).at(-1)).toMatchObject({
      action: "case.facts_edited",
      details: JSON.stringify({ fields: ["place"], replacedUnreadable: ["place"] }),
    });

    // The written answers are replaced as one: what is typed becomes the whole sealed column.
    const labour = await withCorruptFactsText();
    const labourInput = await factsForm(labour.reference, lawyer, {});
    const facts = {
      ...(labourInput.facts as Record<string, unknown>),
      documentsHeldBy: "the agency",
    };
    expect(
      await updateCaseFacts(lawyer, labour.reference, {
        ...labourInput,
        facts,
        replace: { factsText: "on" },
      }),
    ).toMatchObject({ kind: "saved" });
    const after = await prisma.case.findUniqueOrThrow({
      where: { reference: labour.reference },
      select: { id: true, factsText: true },
    });
    expect(
      JSON.parse(
        (await opened(after.id, "Case", after.id, { factsText: after.factsText! })).factsText!,
      ),
    ).toEqual({ documentsHeldBy: "the agency" });
    expect((await auditOf(labour.reference)).at(-1)?.details).toBe(
      JSON.stringify({ fields: ["facts.documentsHeldBy"], replacedUnreadable: ["factsText"] }),
    );
  });

  it("still asks for a required field that is ticked for replacement but left empty", async () => {
    const { reference, damaged } = await withCorruptPlace();
    const input = await factsForm(reference, lawyer, { replace: { place: "on" } });
    expect(await updateCaseFacts(lawyer, reference, input)).toEqual({
      kind: "invalid",
      fieldErrors: { place: "validation.required" },
    });
    expect((await stored(reference)).place).toBe(damaged);
  });
});

describe("a worker's identity field that cannot be read (decision 0043)", () => {
  /** A case with one named worker whose stored name and phone were damaged. */
  async function withCorruptIdentity() {
    const reference = await newCase();
    await addWorker(coordinator, reference, {
      version: "1",
      worker: {
        fullName: "Гульнара Ахметова",
        phone: "8 701 555 12 34",
        address: "Atyrau, Satpayev street 1",
        occupation: "cook",
        consentToStore: "on",
      },
    });
    const { workerId, fullName, phone } = await prisma.workerIdentity.findFirstOrThrow({
      where: { worker: { case: { reference } } },
    });
    await prisma.workerIdentity.update({
      where: { workerId },
      data: { fullName: corrupted(fullName), phone: corrupted(phone!) },
    });
    const damaged = await prisma.workerIdentity.findUniqueOrThrow({ where: { workerId } });
    return { reference, workerId, damaged };
  }

  /** The worker form as it is posted, with some answers changed. */
  async function workerForm(reference: string, workerId: string, changes: Record<string, unknown>) {
    const form = await workerEditForm(lawyer, reference, workerId);
    const { replace, ...worker } = changes;
    return {
      form,
      input: {
        ...form.values,
        worker: { ...form.values.worker, ...worker },
        ...(replace ? { replace } : {}),
      },
    };
  }

  it("is reported by the form, and kept byte for byte (with its blind index) when another field is saved", async () => {
    const { reference, workerId, damaged } = await withCorruptIdentity();
    const { form, input } = await workerForm(reference, workerId, { occupation: "head cook" });
    expect(form.unreadable).toEqual(["fullName", "phone"]);
    expect(await updateWorker(lawyer, reference, workerId, input)).toMatchObject({
      kind: "saved",
      changes: [{ field: "workers.1.occupation", from: "cook", to: "head cook" }],
    });
    const after = await prisma.workerIdentity.findUniqueOrThrow({ where: { workerId } });
    expect([after.fullName, after.phone, after.phoneIndex]).toEqual([
      damaged.fullName,
      damaged.phone,
      damaged.phoneIndex,
    ]);
    const caseId = (await stored(reference)).id;
    expect(
      (await opened(caseId, "WorkerIdentity", workerId, { address: after.address })).address,
    ).toBe("Atyrau, Satpayev street 1");
  });

  it("is replaced only when ticked, and the timeline and the audit log say so", async () => {
    const { reference, workerId, damaged } = await withCorruptIdentity();
    const typedOnly = await workerForm(reference, workerId, { fullName: "Гульнара Ахметқызы" });
    expect(await updateWorker(lawyer, reference, workerId, typedOnly.input)).toEqual({
      kind: "invalid",
      fieldErrors: { "worker.fullName": "caseFile.edit.unreadable.tickToReplace" },
    });
    const ticked = await workerForm(reference, workerId, {
      fullName: "Гульнара Ахметқызы",
      replace: { fullName: "on" },
    });
    expect(await updateWorker(lawyer, reference, workerId, ticked.input)).toMatchObject({
      kind: "saved",
    });
    const after = await prisma.workerIdentity.findUniqueOrThrow({ where: { workerId } });
    const caseId = (await stored(reference)).id;
    expect(
      (await opened(caseId, "WorkerIdentity", workerId, { fullName: after.fullName })).fullName,
    ).toBe("Гульнара Ахметқызы");
    // The phone was not ticked: still the damaged ciphertext.
    expect(after.phone).toBe(damaged.phone);
    expect(searchFinds((await stored(reference)).searchText, "ахметқызы")).toBe(true);
    expect((await editsOf(reference)).at(-1)!.changes).toEqual([
      { field: "workers.1.fullName", changed: true, replacedUnreadable: true },
    ]);
    const audit = (await auditOf(reference)).at(-1)!;
    expect([audit.action, JSON.parse(audit.details)]).toEqual([
      "case.worker_updated",
      { worker: 1, fields: ["workers.1.fullName"], replacedUnreadable: ["fullName"] },
    ]);
  });
});
