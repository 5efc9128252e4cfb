// The case summary the case file shows, read through the driver (docs/decisions/0053): the same
// values, of the same types and in the same order, as Prisma's read of the same rows gives.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { openerForCase, valueOf } from "~/modules/keys/case-fields.server";
import { DomainError } from "~/utils/domain-error";
import { makePerson, putOnCase, type Person } from "../../../tests/fixtures/assignment";
import { minimalIntake, namedWorker } from "../../../tests/fixtures/intake";
import { uncheckedCaseSummaryById } from "./cases.server";

let organizer: Person;
let lawyer: Person;
let fieldOrganizer: Person;
let coordinator: Person;

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  fieldOrganizer = await makePerson("erlan@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR");
});

/** A case with every nullable column of the summary filled in somewhere, and a forgotten worker. */
async function fullCase(): Promise<{ id: string; reference: string }> {
  const parsed = validateIntake(
    minimalIntake("UNPAID_WAGES", {
      incidentEnd: "2025-10-20",
      employer: { name: "ТОО «Мунай Құрылыс»", sector: "OIL_AND_GAS", region: "MANGYSTAU" },
      chain: { contractor: { name: "АО «Подрядчик»" } },
      workers: [
        namedWorker({
          fullName: "Ержан Сапаров",
          phone: "8 701 555 12 34",
          address: "Жанаозен, мкр. Шугыла 14",
          contactNotes: "Never call during the shift",
          yearOfBirth: "1985",
          gender: "MALE",
          citizenship: "KZ",
          occupation: "Welder",
          unionMember: "YES",
          consentToContact: "on",
        }),
        { anonymous: "on", occupation: "Driver", consentToCiteAnonymously: "on" },
        namedWorker({
          fullName: "Айгерим Жумабаева",
          occupation: "Cook",
          unionMember: "NO",
          consentToShare: "on",
        }),
        namedWorker({ fullName: "Forgotten Person", occupation: "Guard" }),
      ],
    }),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const created = await createIntake(parsed.data, { userId: organizer.id });
  await putOnCase(created.reference, lawyer, "LEAD_LAWYER", coordinator);
  await putOnCase(created.reference, fieldOrganizer, "FIELD_ORGANIZER", coordinator);
  // Held after being closed once: heldFrom and closedAt carry values.
  await prisma.case.update({
    where: { id: created.id },
    data: {
      status: "ON_HOLD",
      heldFrom: "REOPENED",
      closedAt: new Date("2026-01-15T10:30:00.123Z"),
    },
  });
  // Forgotten as the retention rule forgets: the identity row goes, the worker stays.
  const identity = await prisma.workerIdentity.findMany({
    where: { worker: { caseId: created.id } },
    select: { workerId: true, fullName: true },
  });
  const opener = await openerForCase(created.id);
  const forgotten = identity.find(
    (row) =>
      valueOf(opener.openOne("WorkerIdentity", "fullName", row.workerId, row.fullName)) ===
      "Forgotten Person",
  )!;
  await prisma.workerIdentity.delete({ where: { workerId: forgotten.workerId } });
  await prisma.affectedWorker.update({
    where: { id: forgotten.workerId },
    data: { identityDestroyedAt: new Date("2026-02-01T08:00:00.456Z") },
  });
  return created;
}

/** The rows as Prisma reads them, in the order the summary gives them. */
const stored = (id: string) =>
  prisma.case.findUniqueOrThrow({
    where: { id },
    select: {
      reference: true,
      category: true,
      status: true,
      heldFrom: true,
      version: true,
      organizerId: true,
      urgency: true,
      suggestedUrgency: true,
      incidentStart: true,
      incidentEnd: true,
      region: true,
      channel: true,
      unnamedWorkerCount: true,
      createdAt: true,
      closedAt: true,
      assignments: {
        orderBy: [{ assignedAt: "asc" }, { userId: "asc" }],
        select: { userId: true, role: true },
      },
      employers: {
        orderBy: { role: "asc" },
        select: {
          role: true,
          employer: { select: { id: true, name: true, bin: true, sector: true, region: true } },
        },
      },
      workers: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          pseudonym: true,
          anonymous: true,
          yearOfBirth: true,
          gender: true,
          citizenship: true,
          occupation: true,
          unionMember: true,
          consentToStore: true,
          consentToContact: true,
          consentToShare: true,
          consentToCiteAnonymously: true,
          identityDestroyedAt: true,
          identity: { select: { workerId: true } },
        },
      },
    },
  });

describe("the case summary", () => {
  it("gives the columns, people, employers and workers as Prisma's read of the same rows: dates as dates, flags as booleans, in order", async () => {
    const { id } = await fullCase();
    const summary = await uncheckedCaseSummaryById(id, { withIdentities: false });
    const { assignments, employers, workers, ...columns } = await stored(id);

    expect(
      Object.fromEntries(
        Object.keys(columns).map((key) => [key, summary[key as keyof typeof columns]]),
      ),
    ).toEqual(columns);
    expect(summary.closedAt).toBeInstanceOf(Date);
    expect(summary.incidentEnd).toBeInstanceOf(Date);
    expect(summary.organizer).toEqual({ displayName: "dana" });
    expect(summary.assignments).toEqual(
      assignments.map((assignment) => ({
        ...assignment,
        user: { displayName: assignment.userId === lawyer.id ? "arman" : "erlan" },
      })),
    );
    expect(summary.assignments.map((a) => a.role)).toEqual(["LEAD_LAWYER", "FIELD_ORGANIZER"]);
    expect(summary.employers).toEqual(employers);
    expect(summary.employers.map((e) => e.employer.region)).toEqual(
      expect.arrayContaining(["MANGYSTAU", null]),
    );
    expect(summary.workers).toEqual(
      workers.map(({ identity, ...worker }) => ({
        ...worker,
        named: identity !== null,
        identity: null,
      })),
    );
    const byOccupation = Object.fromEntries(summary.workers.map((w) => [w.occupation, w]));
    expect(
      Object.fromEntries(
        summary.workers.map((w) => [w.occupation, [w.anonymous, w.unionMember, w.named]]),
      ),
    ).toEqual({
      Welder: [false, true, true],
      Driver: [true, null, false],
      Cook: [false, false, true],
      Guard: [false, null, false],
    });
    expect(byOccupation.Welder!.yearOfBirth).toBe(1985);
    expect(byOccupation.Guard!.identityDestroyedAt).toEqual(new Date("2026-02-01T08:00:00.456Z"));
  });

  it("opens the identities with the case key only when asked, null columns staying null", async () => {
    const { id } = await fullCase();
    const summary = await uncheckedCaseSummaryById(id, { withIdentities: true });
    expect(
      Object.fromEntries(
        summary.workers.map((w) => [
          w.occupation,
          w.identity &&
            Object.fromEntries(Object.entries(w.identity).map(([k, v]) => [k, valueOf(v)])),
        ]),
      ),
    ).toEqual({
      Welder: {
        fullName: "Ержан Сапаров",
        iin: null,
        phone: "+77015551234",
        address: "Жанаозен, мкр. Шугыла 14",
        contactNotes: "Never call during the shift",
      },
      Driver: null,
      Cook: {
        fullName: "Айгерим Жумабаева",
        iin: null,
        phone: null,
        address: null,
        contactNotes: null,
      },
      Guard: null,
    });
    expect(summary.place).toEqual({ ok: true, value: "Tengiz field camp" });
    expect(summary.factsTextUnavailable).toBeNull();
  });

  it("answers not found for a case that is not there", async () => {
    await expect(
      uncheckedCaseSummaryById("no-such-case", { withIdentities: false }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});
