// The case file's first actions: status changes through the workflow with
// optimistic locking, notes (legal ones hidden from organizers) and the timeline.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { putOnCase } from "../../../tests/fixtures/assignment";
import { minimalIntake } from "../../../tests/fixtures/intake";
import { whileSealed } from "../../../tests/fixtures/keyring";
import { expectSealed, opened } from "../../../tests/fixtures/sealed";
import { valueOf } from "~/modules/keys/case-fields.server";
import { loadDocumentsPage, uploadDocument } from "~/modules/documents/documents.server";
import { pdfFile } from "../../../tests/fixtures/documents";
import { loadCaseFile } from "./case-file.server";
import { loadProceedingPage } from "~/modules/proceedings/proceedings.server";
import { factsEditForm } from "./facts.server";
import { workerEditForm } from "./workers.server";
import { DomainError } from "~/utils/domain-error";
import { addNote, withdrawNote } from "./notes.server";
import { recordOutcome } from "./outcomes.server";
import { changeStatus } from "./workflow.server";
import { STATUS } from "~/utils/answer.server";
import { keyring } from "~/modules/keys/keyring.server";
import { placeLegalHold } from "~/modules/retention/retention.server";
import { recordAudit } from "~/modules/audit/audit.server";

type Person = {
  id: string;
  role: "ORGANIZER" | "LAWYER" | "COORDINATOR" | "ADMIN";
  regions: "ATYRAU"[];
};
let organizer: Person;
let otherOrganizer: Person;
let lawyer: Person;
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
  coordinator = await make("saule@example.org", "COORDINATOR");
  admin = await make("ruslan@example.org", "ADMIN");
});

/** A new case in Atyrau; `lawyerOn` puts the lawyer on it as lead. */
async function newCase({ lawyerOn = false } = {}): Promise<string> {
  const parsed = validateIntake(minimalIntake("UNPAID_WAGES"));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const { reference } = await createIntake(parsed.data, { userId: organizer.id });
  if (lawyerOn) await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
  return reference;
}

const version = async (reference: string) =>
  (await prisma.case.findUniqueOrThrow({ where: { reference }, select: { version: true } }))
    .version;

describe("status changes", () => {
  it("move the case, bump its version, and write the timeline and audit entries together", async () => {
    const reference = await newCase();
    const auditBefore = await prisma.auditEntry.count({ where: { action: "case.status_changed" } });
    await changeStatus(coordinator, reference, { to: "TRIAGED", version: 1 });
    const found = await prisma.case.findUniqueOrThrow({
      where: { reference },
      select: { id: true, status: true, version: true },
    });
    expect(found).toMatchObject({ status: "TRIAGED", version: 2 });
    const events = await prisma.timelineEvent.findMany({
      where: { caseId: found.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.kind)).toEqual(["CREATED", "STATUS_CHANGED"]);
    expect(JSON.parse(events[1]!.details)).toMatchObject({ from: "NEW", to: "TRIAGED" });
    expect(
      await prisma.auditEntry.count({
        where: { action: "case.status_changed", targetId: reference },
      }),
    ).toBe(1);
    expect(await prisma.auditEntry.count({ where: { action: "case.status_changed" } })).toBe(
      auditBefore + 1,
    );
  });

  it("refuse a second save made from a stale page, naming who changed the case and when, and change nothing", async () => {
    const reference = await newCase();
    await changeStatus(coordinator, reference, { to: "TRIAGED", version: 1 });
    const attempt = changeStatus(coordinator, reference, {
      to: "ON_HOLD",
      reason: "worker travelling",
      version: 1,
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    const error = (await attempt.catch((e: unknown) => e)) as DomainError;
    expect(error.lastChange).toMatchObject({ actorName: "saule", kind: "STATUS_CHANGED" });
    expect(await version(reference)).toBe(2);
    expect(
      await prisma.case.findUniqueOrThrow({ where: { reference }, select: { status: true } }),
    ).toEqual({ status: "TRIAGED" });
  });

  it("need a reason to hold, and return a held case to where it was", async () => {
    const reference = await newCase();
    await expect(
      changeStatus(coordinator, reference, { to: "ON_HOLD", version: 1 }),
    ).rejects.toMatchObject({
      messageKey: "caseFile.status.reasonRequired",
      field: "reason",
    });
    await changeStatus(coordinator, reference, {
      to: "ON_HOLD",
      reason: "the worker asked to wait",
      version: 1,
    });
    const file = await loadCaseFile(coordinator, reference);
    expect(file.status.transitions).toEqual(["NEW"]);
    await changeStatus(coordinator, reference, { to: "NEW", version: 2 });
    expect(await version(reference)).toBe(3);
  });

  it("keep the reason sealed in the timeline, open it on the case file, and refuse one while sealed", async () => {
    const reference = await newCase();
    await changeStatus(coordinator, reference, {
      to: "ON_HOLD",
      reason: "Aigerim Sentinelova asked us to wait",
      version: 1,
    });
    const stored = await prisma.timelineEvent.findFirstOrThrow({
      where: { case: { reference }, kind: "STATUS_CHANGED" },
    });
    expect(stored.details).not.toContain("Sentinelova");
    expectSealed({ reason: JSON.parse(stored.details).reason });
    const file = await loadCaseFile(coordinator, reference);
    const event = file.timeline.find((e) => e.kind === "STATUS_CHANGED")!;
    expect(event.details.reason).toEqual({
      ok: true,
      value: "Aigerim Sentinelova asked us to wait",
    });

    await whileSealed(async () => {
      const refused = await changeStatus(coordinator, reference, {
        to: "NEW",
        reason: "back to work",
        version: 2,
      }).catch((e: unknown) => e);
      expect(STATUS[(refused as DomainError).kind]).toBe(423);
      const sealedFile = await loadCaseFile(coordinator, reference);
      const sealedEvent = sealedFile.timeline.find((e) => e.kind === "STATUS_CHANGED")!;
      expect(sealedEvent.details.reason).toEqual({ ok: false, reason: "sealed" });
    });
    expect(await version(reference)).toBe(2);
  });

  it("let an organizer hold their own intake but not triage it, and answer a lawyer who is not on the case 404 (outside their scope)", async () => {
    const reference = await newCase();
    await expect(
      changeStatus(organizer, reference, { to: "TRIAGED", version: 1 }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    const refused = await changeStatus(lawyer, reference, { to: "TRIAGED", version: 1 }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect(STATUS[(refused as DomainError).kind]).toBe(404);
    await changeStatus(organizer, reference, {
      to: "ON_HOLD",
      reason: "waiting for documents",
      version: 1,
    });
    expect(await version(reference)).toBe(2);
  });

  it("answer 404 to people outside the case, without saying it exists", async () => {
    const reference = await newCase();
    for (const outsider of [otherOrganizer, lawyer, admin]) {
      const refused = await changeStatus(outsider, reference, {
        to: "ON_HOLD",
        reason: "x",
        version: 1,
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect(STATUS[(refused as DomainError).kind]).toBe(404);
    }
  });
});

describe("notes", () => {
  it("keep legal notes from organizers, in the notes and in the timeline", async () => {
    const reference = await newCase({ lawyerOn: true });
    await addNote(lawyer, reference, { body: "Strategy for the hearing", legal: true });
    await addNote(organizer, reference, { body: "The worker can meet on Friday", legal: false });
    const forOrganizer = await loadCaseFile(organizer, reference);
    expect(forOrganizer.notes.map((n) => valueOf(n.body))).toEqual([
      "The worker can meet on Friday",
    ]);
    expect(forOrganizer.timeline.filter((e) => e.kind === "NOTE_ADDED")).toHaveLength(1);
    const forLawyer = await loadCaseFile(lawyer, reference);
    expect(forLawyer.notes.map((n) => valueOf(n.body)).sort()).toEqual([
      "Strategy for the hearing",
      "The worker can meet on Friday",
    ]);
    expect(forLawyer.timeline.filter((e) => e.kind === "NOTE_ADDED")).toHaveLength(2);
  });

  it("refuse a legal note from an organizer", async () => {
    const reference = await newCase();
    await expect(addNote(organizer, reference, { body: "x", legal: true })).rejects.toMatchObject({
      kind: "forbidden",
    });
    expect(await prisma.caseNote.count({ where: { case: { reference } } })).toBe(0);
  });

  it("leave the default view when withdrawn, stay in the timeline, and remain visible to coordinators", async () => {
    const reference = await newCase();
    const note = await addNote(organizer, reference, {
      body: "Wrong phone number noted",
      legal: false,
    });
    await withdrawNote(organizer, reference, { noteId: note.id, reason: "entered by mistake" });
    expect((await loadCaseFile(organizer, reference)).notes).toHaveLength(0);
    const forCoordinator = await loadCaseFile(coordinator, reference);
    expect(forCoordinator.notes).toMatchObject([
      {
        body: { ok: true, value: "Wrong phone number noted" },
        withdrawnReason: { ok: true, value: "entered by mistake" },
      },
    ]);
    // The timeline's entry names the note; the reason is opened from the note (sealed there).
    const withdrawn = forCoordinator.timeline.find((e) => e.kind === "NOTE_WITHDRAWN")!;
    expect(withdrawn.details).toEqual({
      noteId: note.id,
      reason: { ok: true, value: "entered by mistake" },
    });
    const stored = await prisma.caseNote.findUniqueOrThrow({
      where: { id: note.id },
      select: { caseId: true, body: true, withdrawnReason: true },
    });
    const { caseId, ...texts } = stored;
    expectSealed(texts);
    expect(await opened(caseId, "CaseNote", note.id, texts)).toEqual({
      body: "Wrong phone number noted",
      withdrawnReason: "entered by mistake",
    });
    const entries = await prisma.timelineEvent.findMany({ where: { caseId } });
    expect(entries.map((e) => e.details).join()).not.toMatch(/mistake|phone number/);
  });

  it("cannot be added or withdrawn while the server is sealed (423), and still show as sealed", async () => {
    const reference = await newCase();
    const note = await addNote(organizer, reference, { body: "Met the worker", legal: false });
    await whileSealed(async () => {
      for (const attempt of [
        () => addNote(organizer, reference, { body: "Called back", legal: false }),
        () => withdrawNote(organizer, reference, { noteId: note.id, reason: "duplicate" }),
      ]) {
        const refused = await attempt().catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(DomainError);
        expect(STATUS[(refused as DomainError).kind]).toBe(423);
      }
      const file = await loadCaseFile(organizer, reference);
      expect(file.notes).toMatchObject([{ body: { ok: false, reason: "sealed" } }]);
    });
    const stored = await prisma.caseNote.findMany({ where: { case: { reference } } });
    expect(stored.map((n) => [n.id, n.withdrawnAt])).toEqual([[note.id, null]]);
  });

  it("show a body that fails its check as cannot be read, and the rest of the file", async () => {
    const reference = await newCase();
    const first = await addNote(organizer, reference, { body: "First", legal: false });
    const second = await addNote(organizer, reference, { body: "Second", legal: false });
    const { body } = await prisma.caseNote.findUniqueOrThrow({ where: { id: first.id } });
    // A ciphertext moved to another row does not open there.
    await prisma.caseNote.update({ where: { id: second.id }, data: { body } });
    const file = await loadCaseFile(organizer, reference);
    expect(file.notes.find((n) => n.id === second.id)!.body).toEqual({
      ok: false,
      reason: "unreadable",
    });
    expect(file.notes.find((n) => n.id === first.id)!.body).toEqual({ ok: true, value: "First" });
  });

  it("cannot be withdrawn through another case, nor by someone on the case who did not write them", async () => {
    const first = await newCase({ lawyerOn: true });
    const second = await newCase();
    const note = await addNote(organizer, first, { body: "on the first case", legal: false });
    const viaOtherCase = await withdrawNote(coordinator, second, {
      noteId: note.id,
      reason: "x",
    }).catch((e: unknown) => e);
    expect(STATUS[(viaOtherCase as DomainError).kind]).toBe(404);
    await expect(
      withdrawNote(lawyer, first, { noteId: note.id, reason: "x" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    expect(
      await prisma.caseNote.findUniqueOrThrow({
        where: { id: note.id },
        select: { withdrawnAt: true },
      }),
    ).toEqual({ withdrawnAt: null });
  });
});

describe("timeline", () => {
  it("lists events newest first and filters by kind", async () => {
    const reference = await newCase();
    await changeStatus(coordinator, reference, { to: "TRIAGED", version: 1 });
    await addNote(coordinator, reference, { body: "checked", legal: false });
    const all = await loadCaseFile(coordinator, reference);
    expect(all.timeline.map((e) => e.kind)).toEqual(["NOTE_ADDED", "STATUS_CHANGED", "CREATED"]);
    const onlyStatus = await loadCaseFile(coordinator, reference, ["STATUS_CHANGED"]);
    expect(onlyStatus.timeline.map((e) => e.kind)).toEqual(["STATUS_CHANGED"]);
  });
});

describe("outcomes", () => {
  it("are recorded by lawyers with exact amounts, on the timeline and in the audit log", async () => {
    const reference = await newCase({ lawyerOn: true });
    await recordOutcome(lawyer, reference, {
      kind: "WAGES_RECOVERED",
      amountMinor: 99_999_999_999_999,
      currency: "KZT",
      people: 40,
      date: "2026-11-01",
      note: "Paid after the inspectorate's order to Nurlan K.",
    });
    await recordOutcome(lawyer, reference, {
      kind: "REINSTATED",
      currency: "KZT",
      people: 3,
      date: "2026-11-02",
    });
    const file = await loadCaseFile(organizer, reference);
    expect(file.outcomes.map((o) => [o.kind, o.amountMinor, o.people])).toEqual([
      ["REINSTATED", null, 3],
      ["WAGES_RECOVERED", 99_999_999_999_999, 40],
    ]);
    expect(file.canRecordOutcomes).toBe(false);
    expect(file.outcomes.map((o) => o.note)).toEqual([
      null,
      { ok: true, value: "Paid after the inspectorate's order to Nurlan K." },
    ]);
    const stored = await prisma.caseOutcome.findMany({
      where: { case: { reference } },
      select: { id: true, caseId: true, note: true },
      orderBy: { date: "asc" },
    });
    expectSealed({ note: stored[0]!.note });
    expect(
      await opened(stored[0]!.caseId, "CaseOutcome", stored[0]!.id, { note: stored[0]!.note }),
    ).toEqual({ note: "Paid after the inspectorate's order to Nurlan K." });
    expect(file.timeline.filter((e) => e.kind === "OUTCOME_RECORDED")).toHaveLength(2);
    expect(
      (await prisma.timelineEvent.findMany({ where: { caseId: stored[0]!.caseId } }))
        .map((e) => e.details)
        .join(),
    ).not.toContain("Nurlan");
    expect(
      await prisma.auditEntry.count({
        where: { action: "case.outcome_recorded", targetId: reference },
      }),
    ).toBe(2);
  });

  it("are refused while the server is sealed (423), and nothing is written", async () => {
    const reference = await newCase({ lawyerOn: true });
    const refused = await whileSealed(() =>
      recordOutcome(lawyer, reference, { kind: "SETTLED", currency: "KZT", date: "2026-11-01" }),
    ).catch((e: unknown) => e);
    expect(STATUS[(refused as DomainError).kind]).toBe(423);
    expect(await prisma.caseOutcome.count({ where: { case: { reference } } })).toBe(0);
  });

  it("are refused to organizers, and nothing is written", async () => {
    const reference = await newCase();
    await expect(
      recordOutcome(organizer, reference, { kind: "SETTLED", currency: "KZT", date: "2026-11-01" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    expect(await prisma.caseOutcome.count({ where: { case: { reference } } })).toBe(0);
  });
});

describe("who viewed this file", () => {
  it("is shown to everyone on the case, the organizer who took it included; addresses only to coordinators and the lead lawyer", async () => {
    const reference = await newCase({ lawyerOn: true });
    const from = { ipAddress: "198.51.100.77", userAgent: "test" };
    await loadCaseFile(lawyer, reference, undefined, from);
    const asOrganizer = await loadCaseFile(organizer, reference, undefined, from);
    const lawyerView = asOrganizer.viewers.find((view) => view.name === "arman");
    expect(lawyerView).toMatchObject({ role: "LAWYER", ipAddress: null });

    const asCoordinator = await loadCaseFile(coordinator, reference);
    expect(asCoordinator.viewers.find((view) => view.name === "arman")).toMatchObject({
      ipAddress: "198.51.100.77",
    });
    const asLead = await loadCaseFile(lawyer, reference);
    expect(asLead.viewers.find((view) => view.name === "dana")).toMatchObject({
      ipAddress: "198.51.100.77",
    });
  });

  it("records every page of the case that is read, naming the page and nothing of its content", async () => {
    const reference = await newCase({ lawyerOn: true });
    const from = { ipAddress: "198.51.100.78", userAgent: "test" };
    await factsEditForm(lawyer, reference, from);
    await loadDocumentsPage(lawyer, reference, from);
    const views = await prisma.auditEntry.findMany({
      where: { action: "case.viewed", targetId: reference, actorId: lawyer.id },
      orderBy: { seq: "asc" },
      select: { details: true, ipAddress: true },
    });
    expect(views.map((view) => JSON.parse(view.details))).toEqual([
      { page: "facts" },
      { page: "documents" },
    ]);
    expect(views.every((view) => view.ipAddress === "198.51.100.78")).toBe(true);
  });

  it("shows one visit as one line: repeat reads by one person from one address a moment apart", async () => {
    const reference = await newCase({ lawyerOn: true });
    const office = { ipAddress: "198.51.100.79", userAgent: "test" };
    await loadCaseFile(lawyer, reference, undefined, office);
    await factsEditForm(lawyer, reference, office);
    await loadCaseFile(lawyer, reference, undefined, office);
    await loadCaseFile(lawyer, reference, undefined, {
      ipAddress: "203.0.113.9",
      userAgent: "test",
    });
    const { viewers } = await loadCaseFile(coordinator, reference, undefined, office);
    expect(viewers.filter((view) => view.name === "arman").map((view) => view.ipAddress)).toEqual([
      "203.0.113.9",
      "198.51.100.79",
    ]);
    // The log itself keeps every read.
    expect(
      await prisma.auditEntry.count({
        where: { action: "case.viewed", targetId: reference, actorId: lawyer.id },
      }),
    ).toBe(4);
  });

  it("lists the views newest first with their times, naming no one for an entry without a person", async () => {
    const reference = await newCase({ lawyerOn: true });
    await loadCaseFile(lawyer, reference, undefined, { ipAddress: "198.51.100.80" });
    await recordAudit({
      action: "case.viewed",
      actorId: null,
      targetType: "case",
      targetId: reference,
      details: { page: "file" },
      ipAddress: "203.0.113.10",
    });
    // Not a read of the file: not in the panel.
    await recordAudit({
      action: "case.status_changed",
      actorId: lawyer.id,
      targetType: "case",
      targetId: reference,
    });
    const { viewers } = await loadCaseFile(coordinator, reference);
    expect(viewers.map((view) => [view.name, view.role, view.ipAddress, view.reveal])).toEqual([
      ["saule", "COORDINATOR", null, null],
      [null, null, "203.0.113.10", null],
      ["arman", "LAWYER", "198.51.100.80", null],
    ]);
    const logged = await prisma.auditEntry.findMany({
      where: { action: "case.viewed", targetId: reference },
      orderBy: { seq: "desc" },
      select: { seq: true, createdAt: true },
    });
    expect(viewers.map(({ seq, createdAt }) => ({ seq, createdAt }))).toEqual(logged);
  });

  it("records no view when the page's worker or proceeding is not on it, or the role may not read it", async () => {
    const reference = await newCase({ lawyerOn: true });
    await expect(workerEditForm(lawyer, reference, "no-such-worker")).rejects.toMatchObject({
      kind: "notFound",
    });
    await expect(loadProceedingPage(lawyer, reference, "no-such-proceeding")).rejects.toMatchObject(
      { kind: "notFound" },
    );
    await expect(
      loadProceedingPage(organizer, reference, "no-such-proceeding"),
    ).rejects.toMatchObject({ kind: "forbidden" });
    expect(
      await prisma.auditEntry.count({ where: { action: "case.viewed", targetId: reference } }),
    ).toBe(0);
  });
});

describe("the case file's reads", () => {
  it("names who wrote, recorded or uploaded each row and who is on the case, and opens a case with none of them", async () => {
    const reference = await newCase();
    const bare = await loadCaseFile(coordinator, reference);
    expect([
      bare.notes,
      bare.documents,
      bare.outcomes,
      bare.proceedings.proceedings,
      bare.summary.assignments,
    ]).toEqual([[], [], [], [], []]);
    expect(bare.summary.organizer).toEqual({ displayName: "dana" });

    await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
    await putOnCase(reference, otherOrganizer, "FIELD_ORGANIZER", coordinator);
    for (const [author, body] of [
      [lawyer, "Called the employer"],
      [coordinator, "Spoke to the inspectorate"],
      [lawyer, "Hearing moved"],
      [organizer, "Workers met again"],
    ] as const)
      await addNote(author, reference, { body, legal: false });
    await recordOutcome(lawyer, reference, {
      kind: "REINSTATED",
      currency: "KZT",
      people: 2,
      date: "2026-11-03",
    });
    await recordOutcome(coordinator, reference, {
      kind: "SETTLED",
      currency: "KZT",
      people: 5,
      date: "2026-11-01",
    });
    for (const [uploader, title] of [
      [lawyer, "Contract"],
      [coordinator, "Pay slip"],
    ] as const)
      await uploadDocument(uploader, reference, {
        title,
        kind: "CONTRACT",
        fileName: "contract.pdf",
        bytes: pdfFile(),
      });

    const file = await loadCaseFile(coordinator, reference);
    const { id: caseId } = await prisma.case.findUniqueOrThrow({ where: { reference } });
    // The same rows in the same order as the relation reads gave them, with the same names.
    const notes = await prisma.caseNote.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, author: { select: { id: true, displayName: true } } },
    });
    expect(file.notes.map((note) => [note.id, note.author])).toEqual(
      notes.map((note) => [note.id, note.author]),
    );
    expect(
      Object.fromEntries(file.notes.map((n) => [valueOf(n.body), n.author.displayName])),
    ).toEqual({
      "Called the employer": "arman",
      "Spoke to the inspectorate": "saule",
      "Hearing moved": "arman",
      "Workers met again": "dana",
    });
    expect(file.notes.map((note) => note.canWithdraw)).toEqual([true, true, true, true]);
    expect(file.outcomes.map((o) => [o.kind, o.recordedBy])).toEqual([
      ["REINSTATED", { displayName: "arman" }],
      ["SETTLED", { displayName: "saule" }],
    ]);
    const documents = await prisma.caseDocument.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, uploadedBy: { select: { displayName: true } } },
    });
    expect(file.documents.map((d) => [d.id, d.uploadedBy])).toEqual(
      documents.map((d) => [d.id, d.uploadedBy]),
    );
    expect(file.documents.map((d) => d.canWithdraw)).toEqual([true, true]);
    expect(file.summary.organizer).toEqual({ displayName: "dana" });
    expect(file.summary.assignments).toEqual([
      { userId: lawyer.id, role: "LEAD_LAWYER", user: { displayName: "arman" } },
      { userId: otherOrganizer.id, role: "FIELD_ORGANIZER", user: { displayName: "erlan" } },
    ]);
    // What a lawyer may withdraw: their own rows only.
    const asLawyer = await loadCaseFile(lawyer, reference);
    expect(asLawyer.documents.map((d) => [d.uploadedBy.displayName, d.canWithdraw]).sort()).toEqual(
      [
        ["arman", true],
        ["saule", false],
      ],
    );
  });

  it("gives the notes, the timeline and the outcomes as Prisma read them: dates, flags, nulls, amounts, order", async () => {
    const reference = await newCase({ lawyerOn: true });
    const { id: caseId } = await prisma.case.findUniqueOrThrow({ where: { reference } });
    const legal = await addNote(lawyer, reference, { body: "Strategy", legal: true });
    const plain = await addNote(organizer, reference, { body: "Met the workers", legal: false });
    await withdrawNote(coordinator, reference, { noteId: plain.id, reason: "duplicate" });
    await recordOutcome(lawyer, reference, {
      kind: "WAGES_RECOVERED",
      amountMinor: 99_999_999_999_999,
      currency: "KZT",
      people: 40,
      date: "2026-11-01",
    });
    await recordOutcome(lawyer, reference, {
      kind: "REINSTATED",
      currency: "KZT",
      date: "2026-11-01",
    });
    // Ties on the sort's first columns, and entries no person made.
    const at = new Date(Date.now() + 60_000);
    await prisma.caseNote.updateMany({ where: { caseId }, data: { createdAt: at } });
    for (const kind of ["STATUS_CHANGED", "ASSIGNMENT_CHANGED"] as const)
      await prisma.timelineEvent.create({
        data: {
          caseId,
          kind,
          actorId: null,
          createdAt: at,
          details: JSON.stringify({ by: "job" }),
        },
      });

    const file = await loadCaseFile(coordinator, reference);
    const notes = await prisma.caseNote.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        legal: true,
        createdAt: true,
        withdrawnAt: true,
        author: { select: { id: true, displayName: true } },
      },
    });
    expect(
      file.notes.map(({ id, legal, createdAt, withdrawnAt, author }) => ({
        id,
        legal,
        createdAt,
        withdrawnAt,
        author,
      })),
    ).toEqual(notes);
    expect(
      file.notes.map((note) => [note.id, note.legal, note.withdrawnAt instanceof Date]),
    ).toEqual(
      expect.arrayContaining([
        [legal.id, true, false],
        [plain.id, false, true],
      ]),
    );

    const events = await prisma.timelineEvent.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, kind: true, createdAt: true, actor: { select: { displayName: true } } },
    });
    expect(file.timeline.map(({ details: _, ...event }) => event)).toEqual(events);
    expect(file.timeline.slice(0, 2).map((event) => [event.actor, event.details])).toEqual([
      [null, { by: "job" }],
      [null, { by: "job" }],
    ]);
    expect(file.timeline.every((event) => event.createdAt instanceof Date)).toBe(true);
    const someKinds = await loadCaseFile(coordinator, reference, [
      "NOTE_ADDED",
      "OUTCOME_RECORDED",
    ]);
    expect(someKinds.timeline.map((event) => event.kind).sort()).toEqual([
      "NOTE_ADDED",
      "NOTE_ADDED",
      "OUTCOME_RECORDED",
      "OUTCOME_RECORDED",
    ]);

    const outcomes = await prisma.caseOutcome.findMany({
      where: { caseId },
      orderBy: [{ date: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      select: { id: true, kind: true, currency: true, people: true, date: true, amountMinor: true },
    });
    expect(
      file.outcomes.map(({ id, kind, currency, people, date, amountMinor }) => ({
        id,
        kind,
        currency,
        people,
        date,
        amountMinor,
      })),
    ).toEqual(
      outcomes.map((outcome) => ({
        ...outcome,
        amountMinor: outcome.amountMinor === null ? null : Number(outcome.amountMinor),
      })),
    );
    expect(file.outcomes.map((outcome) => [outcome.amountMinor, outcome.people])).toEqual([
      [null, null],
      [99_999_999_999_999, 40],
    ]);
  });

  it("reads the case's keys once for every sealed text on the page, the legal hold's reason included", async () => {
    const reference = await newCase({ lawyerOn: true });
    await addNote(lawyer, reference, { body: "Talked to Aigerim Sentinelova", legal: false });
    await placeLegalHold(lawyer, reference, { reason: "Appeal by Sentinelova pending" });
    const caseKeys = vi.spyOn(keyring, "caseKeys");
    try {
      const file = await loadCaseFile(lawyer, reference);
      expect(file.retention.holds.map((hold) => valueOf(hold.reason))).toEqual([
        "Appeal by Sentinelova pending",
      ]);
      expect(file.notes.map((note) => valueOf(note.body))).toEqual([
        "Talked to Aigerim Sentinelova",
      ]);
      expect(file.summary.reference).toBe(reference);
      // One round trip for the keys, not one per panel (docs/decisions/0044).
      expect(caseKeys).toHaveBeenCalledTimes(1);
    } finally {
      caseKeys.mockRestore();
    }
  });
});
