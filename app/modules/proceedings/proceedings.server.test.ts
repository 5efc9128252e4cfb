// Legal action: proceedings and their hearings and deadlines, written with the
// case's version, the timeline and the audit log in one transaction; refused to
// organizers, to stale forms and to ids from another case.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { loadCaseFile } from "~/modules/cases/case-file.server";
import { DomainError } from "~/utils/domain-error";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { flattenErrors, parseForm } from "~/utils/forms";
import { putOnCase } from "../../../tests/fixtures/assignment";
import { minimalIntake } from "../../../tests/fixtures/intake";
import { whileSealed } from "../../../tests/fixtures/keyring";
import { expectSealed, opened } from "../../../tests/fixtures/sealed";
import {
  addProceeding,
  addProceedingDate,
  loadProceedingPage,
  uncheckedListProceedings,
  nextDueIn,
  updateProceeding,
  updateProceedingDate,
} from "./proceedings.server";
import {
  proceedingDateSchema,
  proceedingDateUpdateSchema,
  proceedingSchema,
  type ProceedingDateInput,
  type ProceedingInput,
} from "./schema";
import { kazakhstanInstant as almatyToUtc, kazakhstanWallTime as utcToAlmaty } from "~/utils/time";
import { STATUS } from "~/utils/answer.server";
import { corrupted } from "../../../tests/fixtures/corrupted";
import { openerForCase } from "~/modules/keys/case-fields.server";

type Person = {
  id: string;
  role: "ORGANIZER" | "LAWYER" | "COORDINATOR" | "ADMIN";
  regions: "ATYRAU"[];
};
let organizer: Person;
let lawyer: Person;
let otherLawyer: Person;
let lawyerElsewhere: Person;
let coordinator: Person;

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
  lawyer = await make("arman@example.org", "LAWYER");
  otherLawyer = await make("aigerim@example.org", "LAWYER");
  lawyerElsewhere = await make("bota@example.org", "LAWYER");
  coordinator = await make("saule@example.org", "COORDINATOR");
});

/** A new case in Atyrau with the lawyer on it as lead and the other lawyer supporting. */
async function newCase(): Promise<{ reference: string; id: string }> {
  const parsed = validateIntake(minimalIntake("UNPAID_WAGES"));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const { reference } = await createIntake(parsed.data, { userId: organizer.id });
  await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
  await putOnCase(reference, otherLawyer, "SUPPORTING_LAWYER", coordinator);
  const { id } = await prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { id: true },
  });
  return { reference, id };
}

const caseVersion = async (reference: string) =>
  (await prisma.case.findUniqueOrThrow({ where: { reference }, select: { version: true } }))
    .version;

const claim = (version: number, overrides: Partial<ProceedingInput> = {}): ProceedingInput => ({
  kind: "CIVIL_CLAIM",
  authority: "Specialized inter-district economic court of Atyrau",
  externalNumber: undefined,
  filedOn: undefined,
  status: "PREPARING",
  summary: undefined,
  version,
  ...overrides,
});

const hearing = (
  version: number,
  overrides: Partial<ProceedingDateInput> = {},
): ProceedingDateInput => ({
  kind: "HEARING",
  date: "2030-03-14",
  time: "10:00",
  place: "Room 4",
  description: "Preliminary hearing",
  outcome: undefined,
  version,
  ...overrides,
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

/**
 * The reference `nextDueIn` is held to: the next date from `now` as the database orders the
 * case's dates itself (by when it is due, then by id), opened as the case file opens it.
 */
async function queriedNextDue(caseId: string, now: Date = new Date()) {
  const next = await prisma.proceedingDate.findFirst({
    where: { caseId, dueAt: { gte: now } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      dueAt: true,
      place: true,
      description: true,
      proceeding: { select: { id: true, kind: true, authority: true } },
    },
  });
  if (!next) return null;
  const { place, description } = (await openerForCase(caseId)).open("ProceedingDate", next.id, {
    place: next.place,
    description: next.description,
  });
  return { ...next, place, description };
}

/** The next date as the case file finds it, from its list of the proceedings. */
async function listedNextDue(caseId: string, now: Date = new Date()) {
  return nextDueIn(await uncheckedListProceedings(caseId), now);
}

describe("proceedings", () => {
  it("adds and updates a proceeding with its timeline and audit entries, moving the case's version", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    expect(await caseVersion(reference)).toBe(2);

    await updateProceeding(
      coordinator,
      reference,
      id,
      claim(2, {
        status: "FILED",
        filedOn: "2026-01-20",
        externalNumber: "2-1234/2026",
        summary: "Claim for Serik B.'s unpaid wages",
      }),
    );
    expect(await caseVersion(reference)).toBe(3);

    // The court's number and the summary are stored sealed, bound to this row.
    const stored = await prisma.proceeding.findUniqueOrThrow({
      where: { id },
      select: { externalNumber: true, summary: true },
    });
    expectSealed(stored);
    expect(await opened(caseId, "Proceeding", id, stored)).toEqual({
      externalNumber: "2-1234/2026",
      summary: "Claim for Serik B.'s unpaid wages",
    });

    const events = await prisma.timelineEvent.findMany({
      where: { caseId, kind: { in: ["PROCEEDING_ADDED", "PROCEEDING_UPDATED"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.kind, e.legal])).toEqual([
      ["PROCEEDING_ADDED", false],
      ["PROCEEDING_UPDATED", false],
    ]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({
      proceedingId: id,
      kind: "CIVIL_CLAIM",
      status: "PREPARING",
    });
    // Sealed texts are named in the timeline, never copied into it.
    expect(JSON.parse(events[1]!.details).changes).toEqual([
      { field: "externalNumber", from: null, to: null },
      { field: "filedOn", from: null, to: "2026-01-20" },
      { field: "status", from: "PREPARING", to: "FILED" },
      { field: "summary", from: null, to: null },
    ]);
    expect(events.map((e) => e.details).join()).not.toMatch(/2-1234|Serik/);

    const audit = await prisma.auditEntry.findMany({
      where: { targetId: reference, action: { startsWith: "proceeding" } },
      orderBy: { seq: "asc" },
      select: { action: true, details: true, actorId: true },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["proceeding.added", lawyer.id],
      ["proceeding.updated", coordinator.id],
    ]);
    // Ids, kinds and field names: not the court's number or the summary.
    expect(audit[1]!.details).not.toContain("2-1234");
    expect(JSON.parse(audit[1]!.details)).toMatchObject({
      fields: ["externalNumber", "filedOn", "status", "summary"],
    });

    const [listed] = await uncheckedListProceedings(caseId);
    expect(listed).toMatchObject({
      status: "FILED",
      externalNumber: { ok: true, value: "2-1234/2026" },
      summary: { ok: true, value: "Claim for Serik B.'s unpaid wages" },
    });
    expect(listed!.filedOn?.toISOString()).toBe("2026-01-20T00:00:00.000Z");
  });

  it("leaves the case's version untouched when the write fails inside the transaction", async () => {
    const { reference, id: caseId } = await newCase();
    // An actor that does not exist fails a foreign key after the version was taken: all is rolled back.
    const ghost = { id: "ghost0000000000000000000", role: "LAWYER" as const, regions: [] };
    await expect(addProceeding(ghost, reference, claim(1))).rejects.toBeTruthy();
    expect(await prisma.proceeding.count({ where: { caseId } })).toBe(0);
    expect(await caseVersion(reference)).toBe(1);
  });

  it("refuses the second of two saves from the same version, naming the first, and keeps the first", async () => {
    const { reference } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    await updateProceeding(lawyer, reference, id, claim(2, { status: "FILED" }));
    const error = await refusal(
      updateProceeding(otherLawyer, reference, id, claim(2, { status: "CLOSED" })),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).lastChange).toMatchObject({
      actorName: "arman",
      kind: "PROCEEDING_UPDATED",
    });
    const stored = await prisma.proceeding.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe("FILED");
    expect(await caseVersion(reference)).toBe(3);

    // A stale hearing form is refused the same way, and adds nothing.
    const stale = await refusal(addProceedingDate(otherLawyer, reference, id, hearing(2)));
    expect(stale).toBeInstanceOf(DomainError);
    expect(await prisma.proceedingDate.count({ where: { proceedingId: id } })).toBe(0);
  });

  it("answers 404 to a lawyer not on the case (outside their scope), and writes nothing", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    for (const attempt of [
      () => addProceeding(lawyerElsewhere, reference, claim(2)),
      () => updateProceeding(lawyerElsewhere, reference, id, claim(2, { status: "CLOSED" })),
      () => addProceedingDate(lawyerElsewhere, reference, id, hearing(2)),
    ]) {
      const error = await refusal(attempt());
      expect(error).toBeInstanceOf(DomainError);
      expect(STATUS[(error as DomainError).kind]).toBe(404);
    }
    expect(await prisma.proceeding.count({ where: { caseId } })).toBe(1);
    expect(await caseVersion(reference)).toBe(2);
  });

  it("refuses organizers with a 403, even on their own case, and writes nothing", async () => {
    const { reference, id: caseId } = await newCase();
    const error = await refusal(addProceeding(organizer, reference, claim(1)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: "forbidden",
      messageKey: "caseFile.proceedings.errors.notAllowed",
    });
    const { id } = await addProceeding(lawyer, reference, claim(1));
    for (const attempt of [
      () => updateProceeding(organizer, reference, id, claim(2, { status: "CLOSED" })),
      () => addProceedingDate(organizer, reference, id, hearing(2)),
    ]) {
      expect(await refusal(attempt())).toMatchObject({ kind: "forbidden" });
    }
    expect(await prisma.proceeding.count({ where: { caseId } })).toBe(1);
    expect(await caseVersion(reference)).toBe(2);

    // Read-only for them: proceedings are procedure, not privileged notes.
    const file = await loadCaseFile(organizer, reference);
    expect(file.proceedings.canRecord).toBe(false);
    expect(file.proceedings.proceedings.map((p) => p.id)).toEqual([id]);
    expect(file.timeline.map((e) => e.kind)).toContain("PROCEEDING_ADDED");
  });

  it("answers 404 to a proceeding or a date from another case", async () => {
    const first = await newCase();
    const second = await newCase();
    const { id: foreign } = await addProceeding(lawyer, first.reference, claim(1));
    const { id: foreignDate } = await addProceedingDate(
      lawyer,
      first.reference,
      foreign,
      hearing(2),
    );
    const { id: own } = await addProceeding(lawyer, second.reference, claim(1));

    const attempts = [
      () => updateProceeding(lawyer, second.reference, foreign, claim(2)),
      () => addProceedingDate(lawyer, second.reference, foreign, hearing(2)),
      () => updateProceedingDate(lawyer, second.reference, foreign, foreignDate, hearing(2)),
      // The case's own proceeding does not make another case's date reachable.
      () => updateProceedingDate(lawyer, second.reference, own, foreignDate, hearing(2)),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error).toBeInstanceOf(DomainError);
      expect(STATUS[(error as DomainError).kind]).toBe(404);
    }
    expect(await caseVersion(second.reference)).toBe(2);
    const date = await prisma.proceedingDate.findUniqueOrThrow({ where: { id: foreignDate } });
    expect(
      await opened(first.id, "ProceedingDate", foreignDate, { description: date.description }),
    ).toEqual({ description: "Preliminary hearing" });
  });
});

describe("hearings and deadlines", () => {
  it("stores a 10:00 hearing in Almaty as 05:00 UTC and shows it back as 10:00", async () => {
    expect(almatyToUtc("2030-03-14", "10:00").toISOString()).toBe("2030-03-14T05:00:00.000Z");
    expect(almatyToUtc("2030-03-14", "02:30").toISOString()).toBe("2030-03-13T21:30:00.000Z");
    expect(utcToAlmaty("2030-03-13T21:30:00.000Z")).toEqual({ date: "2030-03-14", time: "02:30" });

    const { reference } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    const { id: dateId } = await addProceedingDate(lawyer, reference, id, hearing(2));
    const stored = await prisma.proceedingDate.findUniqueOrThrow({ where: { id: dateId } });
    expect(stored.dueAt.toISOString()).toBe("2030-03-14T05:00:00.000Z");
  });

  it("records a hearing's outcome with timeline and audit entries naming what changed", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    const { id: dateId } = await addProceedingDate(lawyer, reference, id, hearing(2));
    await updateProceedingDate(
      coordinator,
      reference,
      id,
      dateId,
      hearing(3, { time: "11:30", outcome: "Adjourned: the employer did not appear" }),
    );
    const stored = await prisma.proceedingDate.findUniqueOrThrow({ where: { id: dateId } });
    const texts = { place: stored.place, description: stored.description, outcome: stored.outcome };
    expectSealed(texts);
    expect(await opened(caseId, "ProceedingDate", dateId, texts)).toEqual({
      place: "Room 4",
      description: "Preliminary hearing",
      outcome: "Adjourned: the employer did not appear",
    });
    expect(stored.dueAt.toISOString()).toBe("2030-03-14T06:30:00.000Z");

    const last = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId },
      orderBy: { createdAt: "desc" },
    });
    expect(last.kind).toBe("PROCEEDING_UPDATED");
    expect(JSON.parse(last.details)).toMatchObject({
      proceedingId: id,
      kind: "CIVIL_CLAIM",
      dateUpdated: {
        dateId,
        kind: "HEARING",
        outcomeRecorded: true,
        changes: [
          { field: "dueAt", from: "2030-03-14T05:00:00.000Z", to: "2030-03-14T06:30:00.000Z" },
          { field: "outcome", from: null, to: null },
        ],
      },
    });
    const audit = await prisma.auditEntry.findMany({
      where: { targetId: reference, action: { startsWith: "proceeding_date" } },
      orderBy: { seq: "asc" },
      select: { action: true, details: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "proceeding_date.added",
      "proceeding_date.updated",
    ]);
    expect(audit[1]!.details).not.toContain("Adjourned");
  });

  it("lists dates in order and finds the next hearing or deadline from now", async () => {
    const { reference, id: caseId } = await newCase();
    expect(await listedNextDue(caseId)).toBeNull();
    const { id: claimId } = await addProceeding(lawyer, reference, claim(1));
    const { id: inspectionId } = await addProceeding(
      lawyer,
      reference,
      claim(2, { kind: "LABOR_INSPECTORATE", authority: "Atyrau labor inspectorate" }),
    );
    const now = new Date("2030-03-10T12:00:00.000Z");
    await addProceedingDate(lawyer, reference, claimId, hearing(3, { date: "2030-04-01" }));
    await addProceedingDate(
      lawyer,
      reference,
      claimId,
      hearing(4, { kind: "DEADLINE", date: "2030-03-01", description: "File the reply" }),
    );
    await addProceedingDate(
      lawyer,
      reference,
      inspectionId,
      hearing(5, { kind: "DEADLINE", date: "2030-03-12", description: "Inspection report due" }),
    );

    const next = await listedNextDue(caseId, now);
    expect(next).toMatchObject({
      kind: "DEADLINE",
      description: { ok: true, value: "Inspection report due" },
      place: { ok: true, value: "Room 4" },
      proceeding: { id: inspectionId, kind: "LABOR_INSPECTORATE" },
    });
    expect(next!.dueAt.toISOString()).toBe("2030-03-12T05:00:00.000Z");
    expect(next).toEqual(await queriedNextDue(caseId, now));
    expect(await listedNextDue(caseId, new Date("2030-04-02T00:00:00.000Z"))).toBeNull();

    const listed = await uncheckedListProceedings(caseId);
    expect(listed.map((p) => p.id)).toEqual([claimId, inspectionId]);
    expect(listed[0]!.dates.map((d) => d.dueAt.toISOString())).toEqual([
      "2030-03-01T05:00:00.000Z",
      "2030-04-01T05:00:00.000Z",
    ]);
  });

  it("gives each proceeding its own dates in order and who recorded it, on the case file and its own page", async () => {
    const { reference, id: caseId } = await newCase();
    expect(await uncheckedListProceedings(caseId)).toEqual([]);
    const { id: first } = await addProceeding(lawyer, reference, claim(1));
    const { id: second } = await addProceeding(
      coordinator,
      reference,
      claim(2, { kind: "LABOR_INSPECTORATE", authority: "Atyrau labor inspectorate" }),
    );
    const { id: third } = await addProceeding(lawyer, reference, claim(3));
    // Interleaved between the proceedings, and added out of order within each.
    const dates: [string, string][] = [
      [second, "2030-06-03"],
      [first, "2030-06-05"],
      [first, "2030-06-01"],
      [second, "2030-06-02"],
      [first, "2030-06-04"],
    ];
    let version = 4;
    for (const [proceedingId, date] of dates)
      await addProceedingDate(lawyer, reference, proceedingId, hearing(version++, { date }));

    const expected = [
      [first, "arman", ["2030-06-01", "2030-06-04", "2030-06-05"]],
      [second, "saule", ["2030-06-02", "2030-06-03"]],
      [third, "arman", []],
    ];
    const shape = (
      listed: { id: string; createdBy: { displayName: string }; dates: { dueAt: Date }[] }[],
    ) =>
      listed.map((p) => [
        p.id,
        p.createdBy.displayName,
        p.dates.map((d) => d.dueAt.toISOString().slice(0, 10)),
      ]);
    expect(shape(await uncheckedListProceedings(caseId))).toEqual(expected);
    expect(shape((await loadCaseFile(lawyer, reference)).proceedings.proceedings)).toEqual(
      expected,
    );
    // Each date as the relation read gives it, no more and no less.
    const [listed] = await uncheckedListProceedings(caseId);
    expect(Object.keys(listed!.dates[0]!).sort()).toEqual(
      ["description", "dueAt", "id", "kind", "outcome", "place"].sort(),
    );
    const page = await loadProceedingPage(lawyer, reference, second);
    expect(shape([page.proceeding!])).toEqual([expected[1]]);
    const empty = await loadProceedingPage(lawyer, reference, third);
    expect(empty.proceeding!.dates).toEqual([]);
  });

  it("gives the case file the same next date as its own read, without reading it again", async () => {
    const { reference, id: caseId } = await newCase();
    expect(nextDueIn(await uncheckedListProceedings(caseId), new Date())).toBeNull();
    expect((await loadCaseFile(lawyer, reference)).proceedings.nextDue).toBeNull();
    const { id: claimId } = await addProceeding(lawyer, reference, claim(1));
    const { id: appealId } = await addProceeding(
      lawyer,
      reference,
      claim(2, { kind: "LABOR_INSPECTORATE", authority: "Atyrau labor inspectorate" }),
    );
    // Two dates due at the same minute on two proceedings (then by id), one past, one later.
    await addProceedingDate(lawyer, reference, claimId, hearing(3, { date: "2030-05-20" }));
    await addProceedingDate(lawyer, reference, appealId, hearing(4, { date: "2030-05-20" }));
    await addProceedingDate(lawyer, reference, appealId, hearing(5, { date: "2030-05-02" }));
    await addProceedingDate(lawyer, reference, claimId, hearing(6, { date: "2020-01-10" }));

    const listed = await uncheckedListProceedings(caseId);
    const instants = [
      "2019-12-31T00:00:00.000Z",
      "2030-05-02T05:00:00.000Z", // exactly when one is due: it is still next
      "2030-05-02T05:00:00.001Z",
      "2030-05-20T05:00:00.000Z",
      "2030-05-20T05:00:00.001Z",
    ].map((at) => new Date(at));
    for (const now of instants)
      expect(nextDueIn(listed, now), now.toISOString()).toEqual(await queriedNextDue(caseId, now));
    expect(nextDueIn(listed, instants[3]!)!.id).toBe(
      [...listed.flatMap((p) => p.dates)]
        .filter((d) => d.dueAt.getTime() === instants[3]!.getTime())
        .map((d) => d.id)
        .sort()[0],
    );
    // The page itself, from now: the date due 2030-05-02.
    const file = await loadCaseFile(lawyer, reference);
    expect(file.proceedings.nextDue).toEqual(await queriedNextDue(caseId));
    expect(file.proceedings.nextDue!.dueAt.toISOString()).toBe("2030-05-02T05:00:00.000Z");
  });

  it("lists every column of each proceeding and date as Prisma's relation read gave them, ties by id", async () => {
    const { reference, id: caseId } = await newCase();
    const { id: filed } = await addProceeding(
      lawyer,
      reference,
      claim(1, {
        status: "FILED",
        filedOn: "2026-01-20",
        externalNumber: "2-1234/2026",
        summary: "Claim for Serik B.'s unpaid wages",
      }),
    );
    const { id: bare } = await addProceeding(
      lawyer,
      reference,
      claim(2, { kind: "LABOR_INSPECTORATE", authority: "Atyrau labor inspectorate" }),
    );
    const { id: other } = await addProceeding(coordinator, reference, claim(3));
    // Two dates of one proceeding due at the same instant (then by id): one without a place,
    // one with an outcome.
    const { id: heard } = await addProceedingDate(
      lawyer,
      reference,
      filed,
      hearing(4, { date: "2030-07-01" }),
    );
    await addProceedingDate(
      lawyer,
      reference,
      filed,
      hearing(5, {
        kind: "DEADLINE",
        date: "2030-07-01",
        place: undefined,
        description: "File the reply",
      }),
    );
    await addProceedingDate(lawyer, reference, bare, hearing(6, { date: "2030-06-01" }));
    await updateProceedingDate(
      lawyer,
      reference,
      filed,
      heard,
      hearing(7, { date: "2030-07-01", outcome: "Adjourned" }),
    );
    // Two proceedings recorded at the same instant: by id.
    await prisma.proceeding.updateMany({
      where: { id: { in: [bare, other] } },
      data: { createdAt: new Date("2026-02-01T08:00:00.123Z") },
    });

    const opener = await openerForCase(caseId);
    const stored = await prisma.proceeding.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
        authority: true,
        externalNumber: true,
        filedOn: true,
        status: true,
        summary: true,
        createdBy: { select: { displayName: true } },
        dates: {
          orderBy: [{ dueAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            kind: true,
            dueAt: true,
            place: true,
            description: true,
            outcome: true,
          },
        },
      },
    });
    const expected = stored.map(({ dates, ...proceeding }) => ({
      ...proceeding,
      ...opener.open("Proceeding", proceeding.id, {
        externalNumber: proceeding.externalNumber,
        summary: proceeding.summary,
      }),
      dates: dates.map((date) => ({
        ...date,
        ...opener.open("ProceedingDate", date.id, {
          place: date.place,
          description: date.description,
          outcome: date.outcome,
        }),
      })),
    }));
    expect(expected.map((p) => p.dates.length).sort()).toEqual([0, 1, 2]);
    // Dates as Date, nulls as null, in the same order: toEqual tells a Date from its text.
    const listed = await uncheckedListProceedings(caseId);
    expect(listed).toEqual(expected);
    expect(listed.find((p) => p.id === filed)!.filedOn).toEqual(new Date("2026-01-20"));
    expect(listed.find((p) => p.id === bare)!.filedOn).toBeNull();
    for (const proceeding of expected)
      expect((await loadProceedingPage(lawyer, reference, proceeding.id)).proceeding).toEqual(
        proceeding,
      );
  });
});

describe("sealed texts", () => {
  it("keeps a hearing's description out of the timeline and opens it from the date for the case file", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    const { id: dateId } = await addProceedingDate(
      lawyer,
      reference,
      id,
      hearing(2, { description: "Hearing with witness Ermek T.", place: "Room 7" }),
    );
    const entry = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId, kind: "PROCEEDING_UPDATED" },
    });
    expect(entry.details).not.toMatch(/Ermek|Room 7/);
    expect(JSON.parse(entry.details).dateAdded).toEqual({
      dateId,
      kind: "HEARING",
      dueAt: "2030-03-14T05:00:00.000Z",
    });

    const file = await loadCaseFile(lawyer, reference);
    const shown = file.timeline.find((e) => e.kind === "PROCEEDING_UPDATED")!;
    expect(shown.details.dateAdded).toMatchObject({
      dateId,
      description: { ok: true, value: "Hearing with witness Ermek T." },
    });
    expect(file.proceedings.proceedings[0]!.dates[0]).toMatchObject({
      place: { ok: true, value: "Room 7" },
      description: { ok: true, value: "Hearing with witness Ermek T." },
      outcome: null,
    });
  });

  it("refuses every write while the server is sealed (423), writes nothing, and still shows the case file", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1, { summary: "Wage claim" }));
    const { id: dateId } = await addProceedingDate(lawyer, reference, id, hearing(2));
    await whileSealed(async () => {
      for (const attempt of [
        () => addProceeding(lawyer, reference, claim(3)),
        () => updateProceeding(lawyer, reference, id, claim(3, { status: "FILED" })),
        () => addProceedingDate(lawyer, reference, id, hearing(3)),
        () => updateProceedingDate(lawyer, reference, id, dateId, hearing(3, { outcome: "Won" })),
      ]) {
        const error = await refusal(attempt());
        expect(error).toBeInstanceOf(DomainError);
        expect(STATUS[(error as DomainError).kind]).toBe(423);
      }
      // The editing page would fill its forms with "Sealed": refused too.
      expect(await refusal(loadProceedingPage(lawyer, reference, id))).toMatchObject({
        kind: "sealed",
      });
      const file = await loadCaseFile(lawyer, reference);
      const [listed] = file.proceedings.proceedings;
      expect(listed).toMatchObject({
        authority: "Specialized inter-district economic court of Atyrau",
        summary: { ok: false, reason: "sealed" },
        externalNumber: null,
      });
      expect(listed!.dates[0]).toMatchObject({
        place: { ok: false, reason: "sealed" },
        description: { ok: false, reason: "sealed" },
      });
    });
    expect(await caseVersion(reference)).toBe(3);
    expect(await prisma.proceeding.count({ where: { caseId } })).toBe(1);
    expect(await prisma.proceedingDate.count({ where: { caseId } })).toBe(1);
  });

  it("shows a text that fails its check as cannot be read on that field alone; old plaintext as itself", async () => {
    const { reference } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    const { id: first } = await addProceedingDate(lawyer, reference, id, hearing(2));
    const { id: second } = await addProceedingDate(
      lawyer,
      reference,
      id,
      hearing(3, { description: "Second hearing" }),
    );
    // A ciphertext moved to another row does not open there (its associated data names its row).
    const { place } = await prisma.proceedingDate.findUniqueOrThrow({ where: { id: first } });
    await prisma.proceedingDate.update({ where: { id: second }, data: { place } });
    // A row written before sealing holds plaintext: shown as it is until the migration seals it.
    await prisma.proceeding.update({ where: { id }, data: { summary: "Written in clear" } });

    const file = await loadCaseFile(lawyer, reference);
    const [listed] = file.proceedings.proceedings;
    expect(listed!.summary).toEqual({ ok: true, value: "Written in clear" });
    const moved = listed!.dates.find((d) => d.id === second)!;
    expect(moved.place).toEqual({ ok: false, reason: "unreadable" });
    expect(moved.description).toEqual({ ok: true, value: "Second hearing" });
  });
});

describe("forms", () => {
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(values)) data.append(key, value);
    return data;
  };

  it("lets a date's description that cannot be read stay empty (kept), and only that one", () => {
    const date = {
      dateId: "cabcdefghijklmnopqrstu",
      kind: "HEARING",
      date: "2030-03-14",
      time: "10:00",
      description: " ",
      version: "3",
    };
    const kept = parseForm(form({ ...date, keepsDescription: "true" }), proceedingDateUpdateSchema);
    expect(kept.ok && kept.data.description).toBeUndefined();
    const ticked = proceedingDateUpdateSchema.safeParse({
      ...date,
      keepsDescription: "true",
      replace: { description: "on" },
    });
    expect(!ticked.success && flattenErrors(ticked.error)).toEqual({
      description: "validation.required",
    });
    const readable = parseForm(form(date), proceedingDateUpdateSchema);
    expect(!readable.ok && readable.fieldErrors).toEqual({ description: "validation.required" });
  });

  it("gives field errors for bad proceeding input", () => {
    const parsed = parseForm(
      form({
        kind: "SUING_EVERYONE",
        authority: "  ",
        filedOn: "2999-01-01",
        status: "",
        version: "x",
      }),
      proceedingSchema,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toMatchObject({
      kind: "validation.choose",
      authority: "validation.required",
      filedOn: "validation.notInFuture",
      status: "validation.required",
      version: "validation.invalid",
    });
  });

  it("gives field errors for bad hearing input and accepts a good one", () => {
    const bad = parseForm(
      form({ kind: "HEARING", date: "2030-02-30", time: "25:00", description: "", version: "3" }),
      proceedingDateSchema,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.fieldErrors).toEqual({
      date: "validation.date",
      time: "caseFile.proceedings.errors.time",
      description: "validation.required",
    });

    const good = parseForm(
      form({
        kind: "DEADLINE",
        date: "2030-02-28",
        time: "09:05:00",
        description: " Appeal ",
        version: "3",
      }),
      proceedingDateSchema,
    );
    expect(good).toMatchObject({
      ok: true,
      data: {
        kind: "DEADLINE",
        date: "2030-02-28",
        time: "09:05",
        description: "Appeal",
        version: 3,
      },
    });
  });
});

describe("a sealed text that cannot be read (decision 0043)", () => {
  const lastAudit = async (action: string) => {
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action },
      orderBy: { seq: "desc" },
      select: { details: true },
    });
    return JSON.parse(entry.details) as Record<string, unknown>;
  };

  it("keeps a proceeding's damaged summary byte for byte, and replaces it only when ticked", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1, { summary: "Claim for wages" }));
    const { summary } = await prisma.proceeding.findUniqueOrThrow({ where: { id } });
    const damaged = corrupted(summary!);
    await prisma.proceeding.update({ where: { id }, data: { summary: damaged } });
    const page = await loadProceedingPage(lawyer, reference, id);
    expect(page.proceeding!.summary).toEqual({ ok: false, reason: "unreadable" });

    // The form leaves the summary empty: saving the status keeps the stored ciphertext.
    await updateProceeding(lawyer, reference, id, claim(2, { status: "FILED" }));
    const kept = await prisma.proceeding.findUniqueOrThrow({ where: { id } });
    expect([kept.status, kept.summary]).toEqual(["FILED", damaged]);
    expect(await lastAudit("proceeding.updated")).toMatchObject({ fields: ["status"] });

    // Typed without the tick: refused, nothing written.
    const refused = await refusal(
      updateProceeding(lawyer, reference, id, claim(3, { status: "FILED", summary: "New" })),
    );
    expect((refused as DomainError).fieldErrors).toEqual({
      summary: "caseFile.edit.unreadable.tickToReplace",
    });
    expect(await caseVersion(reference)).toBe(3);

    await updateProceeding(
      lawyer,
      reference,
      id,
      claim(3, { status: "FILED", summary: "Claim re-entered", replace: { summary: true } }),
    );
    const replaced = await prisma.proceeding.findUniqueOrThrow({ where: { id } });
    expect((await opened(caseId, "Proceeding", id, { summary: replaced.summary })).summary).toBe(
      "Claim re-entered",
    );
    expect(await lastAudit("proceeding.updated")).toEqual({
      proceedingId: id,
      fields: ["summary"],
      replacedUnreadable: ["summary"],
    });
  });

  it("keeps a date's damaged description when left empty, and still requires a readable one", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await addProceeding(lawyer, reference, claim(1));
    const { id: dateId } = await addProceedingDate(lawyer, reference, id, hearing(2));
    const row = await prisma.proceedingDate.findUniqueOrThrow({ where: { id: dateId } });
    const damaged = corrupted(row.description);
    await prisma.proceedingDate.update({ where: { id: dateId }, data: { description: damaged } });

    await updateProceedingDate(lawyer, reference, id, dateId, {
      ...hearing(3, { outcome: "Adjourned" }),
      description: undefined,
    });
    const kept = await prisma.proceedingDate.findUniqueOrThrow({ where: { id: dateId } });
    expect(kept.description).toBe(damaged);
    expect(
      (await opened(caseId, "ProceedingDate", dateId, { outcome: kept.outcome })).outcome,
    ).toBe("Adjourned");

    // A description that can be read cannot be emptied this way.
    const { id: readable } = await addProceedingDate(lawyer, reference, id, hearing(4));
    const refused = await refusal(
      updateProceedingDate(lawyer, reference, id, readable, {
        ...hearing(5),
        description: undefined,
      }),
    );
    expect((refused as DomainError).fieldErrors).toEqual({ description: "validation.required" });
  });
});
