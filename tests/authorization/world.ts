// The world the authorization matrix and the IDOR sweep run in: one person for
// every role × relation to case C (in ATYRAU), C itself with sentinel strings
// in every kind of content, and a second case C2 (in MANGYSTAU) that belongs
// to the people who must not reach C. Everything goes through the real modules.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "~/db.server";
import type { Region, Role } from "~/generated/prisma/sqlite/enums";
import { assignToCase } from "~/modules/assignment/assignment.server";
import { SESSION_COOKIE_NAME, createSession } from "~/modules/auth/session.server";
import { addNote } from "~/modules/cases/notes.server";
import { recordOutcome } from "~/modules/cases/outcomes.server";
import { outcomeSchema } from "~/modules/cases/schema";
import { uploadDocument } from "~/modules/documents/documents.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { addProceeding, addProceedingDate } from "~/modules/proceedings/proceedings.server";
import { proceedingDateSchema, proceedingSchema } from "~/modules/proceedings/schema";
import { pdfFile } from "../fixtures/documents";
import { minimalIntake, namedWorker } from "../fixtures/intake";
import { unsealedDemoKeyring, withCaseKey } from "../fixtures/keyring";

/** Strings that appear only in C's content: no answer to an outsider may contain one. */
export const SENTINELS = {
  account: "Sentinel-account-Q7ZK3 wages withheld at the compressor station",
  place: "Sentinel-place-W4PX9 camp",
  worker: "Sentinelworker Zhq8Rv",
  note: "Sentinel-note-M2LD5 the foreman threatened the workers",
  legalNote: "Sentinel-legal-J9TB6 strategy for the appeal",
  documentTitle: "Sentinel-document-R3NC8 pay slip",
  documentFile: "sentinel-file-k5vy2.pdf",
  proceeding: "Sentinel-court-H6FA1 district court",
  hearing: "Sentinel-hearing-P8GE4 preliminary hearing",
  outcome: "Sentinel-outcome-T1UW7 settlement terms",
} as const;

export const CASE_REGION: Region = "ATYRAU";
export const OTHER_REGION: Region = "MANGYSTAU";

/** How a person stands to case C. */
export type Relation = "creator" | "assigned" | "sameRegion" | "none";

export type Person = { id: string; role: Role; regions: Region[]; email: string };

export type World = {
  people: {
    organizer: Record<Relation, Person>;
    lawyer: Record<Exclude<Relation, "creator">, Person>;
    coordinator: Record<"sameRegion" | "none", Person>;
    admin: { none: Person };
  };
  /** Case C, in ATYRAU, with sentinel content. */
  target: {
    id: string;
    reference: string;
    workerId: string;
    noteId: string;
    legalNoteId: string;
    documentId: string;
    proceedingId: string;
    proceedingDateId: string;
  };
  /** Case C2, in MANGYSTAU: taken by the "none" organizer, led by the "none" lawyer. */
  other: {
    id: string;
    reference: string;
    workerId: string;
    noteId: string;
    documentId: string;
    proceedingId: string;
    proceedingDateId: string;
  };
  /** Someone for the admin account pages to look at. */
  account: Person;
  /** C's employer, for the employer register's pages. */
  employerId: string;
};

const CONTEXT = { ipAddress: "203.0.113.7", userAgent: "authorization-tests" };

async function person(email: string, role: Role, regions: Region[]): Promise<Person> {
  const displayName = email.split("@")[0]!;
  const { id } = await createUser({ email, displayName, role, regions }, { actorId: null });
  return { id, role, regions, email };
}

async function versionOf(id: string): Promise<number> {
  const found = await prisma.case.findUniqueOrThrow({ where: { id }, select: { version: true } });
  return found.version;
}

async function intake(organizer: Person, values: Record<string, unknown>) {
  const parsed = validateIntake(minimalIntake("UNPAID_WAGES", values));
  if (!parsed.success) throw new Error(`invalid intake: ${JSON.stringify(parsed.errors)}`);
  const created = await createIntake(parsed.data, { userId: organizer.id });
  await withCaseKey(created.id);
  const worker = await prisma.affectedWorker.findFirstOrThrow({
    where: { caseId: created.id },
    select: { id: true },
  });
  return { ...created, workerId: worker.id };
}

/** A proceeding with a hearing, recorded by a lawyer of the case. */
async function proceedingWithHearing(
  lawyer: Person,
  caseId: string,
  reference: string,
  texts: { authority: string; hearing: string },
) {
  const proceeding = proceedingSchema.parse({
    kind: "CIVIL_CLAIM",
    authority: texts.authority,
    status: "FILED",
    summary: texts.authority,
    version: String(await versionOf(caseId)),
  });
  const { id: proceedingId } = await addProceeding(lawyer, reference, proceeding, CONTEXT);
  const hearing = proceedingDateSchema.parse({
    kind: "HEARING",
    date: "2026-12-10",
    time: "10:30",
    place: texts.hearing,
    description: texts.hearing,
    version: String(await versionOf(caseId)),
  });
  await addProceedingDate(lawyer, reference, proceedingId, hearing, CONTEXT);
  const date = await prisma.proceedingDate.findFirstOrThrow({
    where: { proceedingId },
    select: { id: true },
  });
  return { proceedingId, proceedingDateId: date.id };
}

/** Documents are stored under ADAL_DATA_DIR: a directory of this test file's own. */
export function useTemporaryDocumentStore(): void {
  process.env.ADAL_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "adal-authorization-"));
}

export async function seedWorld(): Promise<World> {
  // Documents (and, as they are wired, the other protected fields) are sealed with case keys.
  await unsealedDemoKeyring();
  const organizer = {
    creator: await person("org-creator@example.org", "ORGANIZER", [CASE_REGION]),
    assigned: await person("org-assigned@example.org", "ORGANIZER", [CASE_REGION]),
    sameRegion: await person("org-same-region@example.org", "ORGANIZER", [CASE_REGION]),
    none: await person("org-none@example.org", "ORGANIZER", [OTHER_REGION]),
  };
  const lawyer = {
    assigned: await person("lawyer-assigned@example.org", "LAWYER", [CASE_REGION]),
    sameRegion: await person("lawyer-same-region@example.org", "LAWYER", [CASE_REGION]),
    none: await person("lawyer-none@example.org", "LAWYER", [OTHER_REGION]),
  };
  const coordinator = {
    sameRegion: await person("coord-same-region@example.org", "COORDINATOR", [CASE_REGION]),
    none: await person("coord-none@example.org", "COORDINATOR", [OTHER_REGION]),
  };
  const admin = { none: await person("admin@example.org", "ADMIN", []) };
  const account = await person("someone@example.org", "ORGANIZER", [CASE_REGION]);

  // Case C: every kind of content carries a sentinel.
  const c = await intake(organizer.creator, {
    region: CASE_REGION,
    account: SENTINELS.account,
    place: SENTINELS.place,
    workers: [namedWorker({ fullName: SENTINELS.worker })],
  });
  for (const [user, role] of [
    [lawyer.assigned, "LEAD_LAWYER"],
    [organizer.assigned, "FIELD_ORGANIZER"],
  ] as const) {
    await assignToCase(
      coordinator.sameRegion,
      c.reference,
      { userId: user.id, role, version: await versionOf(c.id) },
      CONTEXT,
    );
  }
  const note = await addNote(
    organizer.creator,
    c.reference,
    { body: SENTINELS.note, legal: false },
    CONTEXT,
  );
  const legalNote = await addNote(
    lawyer.assigned,
    c.reference,
    { body: SENTINELS.legalNote, legal: true },
    CONTEXT,
  );
  const document = await uploadDocument(
    organizer.creator,
    c.reference,
    {
      title: SENTINELS.documentTitle,
      kind: "PAY_SLIP",
      fileName: SENTINELS.documentFile,
      bytes: pdfFile(),
    },
    CONTEXT,
  );
  const proceeding = await proceedingWithHearing(lawyer.assigned, c.id, c.reference, {
    authority: SENTINELS.proceeding,
    hearing: SENTINELS.hearing,
  });
  const { amount: _amount, ...outcome } = outcomeSchema.parse({
    kind: "SETTLED",
    currency: "KZT",
    date: "2026-10-01",
    note: SENTINELS.outcome,
  });
  await recordOutcome(lawyer.assigned, c.reference, outcome, CONTEXT);

  // Case C2, elsewhere, with plain content of its own.
  const c2 = await intake(organizer.none, {
    region: OTHER_REGION,
    workers: [namedWorker({ fullName: "Асель Нурланова" })],
  });
  await assignToCase(
    coordinator.none,
    c2.reference,
    { userId: lawyer.none.id, role: "LEAD_LAWYER", version: await versionOf(c2.id) },
    CONTEXT,
  );
  const otherNote = await addNote(
    organizer.none,
    c2.reference,
    { body: "Visited the site", legal: false },
    CONTEXT,
  );
  const otherDocument = await uploadDocument(
    organizer.none,
    c2.reference,
    { title: "Contract", kind: "CONTRACT", fileName: "contract.pdf", bytes: pdfFile("Contract") },
    CONTEXT,
  );
  const otherProceeding = await proceedingWithHearing(lawyer.none, c2.id, c2.reference, {
    authority: "Aktau City Court",
    hearing: "Hearing on the merits",
  });

  return {
    people: { organizer, lawyer, coordinator, admin },
    target: {
      id: c.id,
      reference: c.reference,
      workerId: c.workerId,
      noteId: note.id,
      legalNoteId: legalNote.id,
      documentId: document.id,
      ...proceeding,
    },
    other: {
      id: c2.id,
      reference: c2.reference,
      workerId: c2.workerId,
      noteId: otherNote.id,
      documentId: otherDocument.id,
      ...otherProceeding,
    },
    account,
    employerId: (
      await prisma.caseEmployer.findFirstOrThrow({
        where: { caseId: c.id, role: "EMPLOYER" },
        select: { employerId: true },
      })
    ).employerId,
  };
}

/** A cookie for a new session of the person (a new one each time: some actions end sessions). */
export async function cookieFor(person: Person | null): Promise<string | null> {
  if (!person) return null;
  return `${SESSION_COOKIE_NAME}=${await createSession(person.id, CONTEXT, { secondFactor: "passed" })}`;
}

export const CLIENT_IP = CONTEXT.ipAddress;
