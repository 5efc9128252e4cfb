// `keys:encrypt-existing` on data written the way Adal stored it before issue
// 13: identities, place, account, free-text facts, search text, timeline
// values and a document all in clear, no case key. Afterwards the raw bytes of
// the database files (or a pg_dump) and of the documents store hold none of
// it, in any letter case, and everything still opens, is found and downloads.
import { newPseudonym } from "~/modules/cases/pseudonym";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { tokensOf } from "~/modules/cases/search-text.server";
import { openDocumentForDownload } from "~/modules/documents/documents.server";
import { LocalDocumentStore, newStorageKey } from "~/modules/documents/store.server";
import { foldForSearch } from "~/utils/text";
import { makePerson, type Person } from "../../../tests/fixtures/assignment";
import { opened, searchFinds } from "../../../tests/fixtures/sealed";
import { whileSealed } from "../../../tests/fixtures/keyring";
import {
  needles,
  scan,
  scanDatabase,
  sentinelValues,
  type Sentinels,
} from "../../../tests/fixtures/sentinels";
import { encryptExisting, scrubTimelineDetails } from "./encrypt-existing.server";
import { blindIndexKeysIfUnsealed, identityIndexes } from "./case-fields.server";
import { isSealedField } from "./envelope.server";
import { SEALED_TABLES } from "./sealed-columns.server";

const dir = await mkdtemp(path.join(tmpdir(), "adal-encrypt-existing-"));
process.env.ADAL_DATA_DIR = dir;
const documentsDir = path.join(dir, "documents");
const store = new LocalDocumentStore(documentsDir);

let organizer: Person;
let lawyer: Person;
const cases: Array<{ id: string; reference: string; workerId: string; documentId: string }> = [];
const legacy: Sentinels[] = [sentinelValues(), sentinelValues(), sentinelValues()];
const words = legacy.flatMap((values) => needles(values));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const documentBytes = (values: Sentinels) =>
  new Uint8Array(Buffer.from(`${values.documentText}\n`.repeat(100), "utf8"));

/** A case as written before the keys: every text in clear, and no case key. */
async function legacyCase(values: Sentinels, number: number) {
  const reference = `KZ-2025-${String(number).padStart(6, "0")}`;
  const created = await prisma.case.create({
    data: {
      reference,
      year: 2025,
      number,
      category: "DETAINED_ACTIVIST",
      urgency: "URGENT",
      suggestedUrgency: "URGENT",
      incidentStart: new Date("2025-10-03T00:00:00Z"),
      region: "ATYRAU",
      place: values.place,
      channel: "HOTLINE",
      account: values.account,
      facts: JSON.stringify({
        personRole: values.latinName,
        detainedAt: "2025-10-03T06:30",
        authority: values.authority,
        charges: values.charges,
        lawyerHasAccess: "NO",
      }),
      organizerId: organizer.id,
      searchText: [reference, values.fullName, values.place, values.account]
        .map(foldForSearch)
        .join("\n"),
      workers: {
        create: {
          pseudonym: newPseudonym(),
          consentToStore: true,
          identity: {
            create: {
              fullName: values.fullName,
              iin: values.iin,
              phone: values.phone,
              address: values.address,
              contactNotes: values.contactNotes,
            },
          },
        },
      },
      timeline: {
        create: [
          {
            kind: "FACT_EDITED",
            actorId: lawyer.id,
            details: JSON.stringify({
              changes: [
                { field: "place", from: values.datePlace, to: values.place },
                { field: "facts.charges", from: null, to: values.charges },
                { field: "urgency", from: "HIGH", to: "URGENT" },
              ],
            }),
          },
        ],
      },
    },
    select: { id: true, workers: { select: { id: true } } },
  });
  // Notes, an outcome and legal action, with the timeline values they used to copy.
  const note = await prisma.caseNote.create({
    data: {
      caseId: created.id,
      authorId: lawyer.id,
      body: values.noteBody,
      withdrawnAt: new Date(),
      withdrawnById: lawyer.id,
      withdrawnReason: values.contactNotes,
    },
    select: { id: true },
  });
  await prisma.caseOutcome.create({
    data: {
      caseId: created.id,
      kind: "SETTLED",
      date: new Date("2026-01-10T00:00:00Z"),
      note: values.outcomeNote,
      recordedById: lawyer.id,
    },
  });
  const proceeding = await prisma.proceeding.create({
    data: {
      caseId: created.id,
      kind: "CIVIL_CLAIM",
      authority: "Atyrau city court",
      externalNumber: values.externalNumber,
      summary: values.proceedingSummary,
      createdById: lawyer.id,
    },
    select: { id: true },
  });
  const date = await prisma.proceedingDate.create({
    data: {
      proceedingId: proceeding.id,
      caseId: created.id,
      kind: "HEARING",
      dueAt: new Date("2030-03-14T05:00:00Z"),
      place: values.datePlace,
      description: values.dateDescription,
      outcome: values.dateOutcome,
      createdById: lawyer.id,
    },
    select: { id: true },
  });
  const event = (
    kind: "NOTE_WITHDRAWN" | "PROCEEDING_ADDED" | "PROCEEDING_UPDATED",
    details: object,
  ) =>
    prisma.timelineEvent.create({
      data: { caseId: created.id, actorId: lawyer.id, kind, details: JSON.stringify(details) },
    });
  await event("NOTE_WITHDRAWN", { noteId: note.id, reason: values.contactNotes });
  // A status change's reason and a legal hold's, typed in clear before they were sealed.
  await prisma.timelineEvent.create({
    data: {
      caseId: created.id,
      actorId: lawyer.id,
      kind: "STATUS_CHANGED",
      details: JSON.stringify({ from: "NEW", to: "ON_HOLD", reason: values.charges }),
    },
  });
  await prisma.legalHold.create({
    data: {
      caseId: created.id,
      reason: values.authority,
      placedById: lawyer.id,
      releasedAt: new Date(),
      releasedById: lawyer.id,
      releaseReason: values.account,
    },
  });
  await event("PROCEEDING_ADDED", {
    proceedingId: proceeding.id,
    kind: "CIVIL_CLAIM",
    authority: "Atyrau city court",
    externalNumber: values.externalNumber,
  });
  await event("PROCEEDING_UPDATED", {
    proceedingId: proceeding.id,
    dateAdded: { dateId: date.id, kind: "HEARING", description: values.dateDescription },
  });
  await event("PROCEEDING_UPDATED", {
    proceedingId: proceeding.id,
    dateUpdated: {
      dateId: date.id,
      kind: "HEARING",
      changes: [{ field: "place", from: values.datePlace, to: "Room 4" }],
    },
  });

  const bytes = documentBytes(values);
  const storageKey = newStorageKey();
  await store.put(storageKey, bytes);
  const document = await prisma.caseDocument.create({
    data: {
      caseId: created.id,
      title: values.documentTitle,
      kind: "OTHER",
      mediaType: "text/plain",
      fileName: values.documentFileName,
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      storageKey,
      uploadedById: lawyer.id,
    },
    select: { id: true },
  });
  await prisma.timelineEvent.create({
    data: {
      caseId: created.id,
      actorId: lawyer.id,
      kind: "DOCUMENT_ADDED",
      details: JSON.stringify({
        documentId: document.id,
        title: values.documentTitle,
        kind: "OTHER",
      }),
    },
  });
  cases.push({
    id: created.id,
    reference,
    workerId: created.workers[0]!.id,
    documentId: document.id,
  });
}

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  for (const [i, values] of legacy.entries()) await legacyCase(values, 900 + i);
  // A run stopped between moving a document's row and overwriting its clear file left this.
  await store.put(newStorageKey(), documentBytes(legacy[2]!));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("keys:encrypt-existing", () => {
  it("refuses while sealed and changes nothing", async () => {
    await whileSealed(async () => {
      await expect(encryptExisting()).rejects.toMatchObject({ kind: "sealed" });
    });
    const { place } = await prisma.case.findUniqueOrThrow({ where: { id: cases[0]!.id } });
    expect(place).toBe(legacy[0]!.place);
  });

  it("leaves no sentinel in the database files or the documents store, in any letter case", async () => {
    // Before: the scan finds them (so it can fail).
    expect(await scanDatabase(words, path.join(dir, "before.sql"))).not.toEqual([]);
    expect(await scan([documentsDir], words)).not.toEqual([]);

    const lines: string[] = [];
    const counts = await encryptExisting({ batchSize: 2, log: (line) => lines.push(line) });
    expect(counts).toMatchObject({
      factsSplit: 3,
      documents: 3,
      clearOrphans: 1,
      timelineEntries: 21,
      skipped: 0,
    });
    expect(counts.fields).toMatchObject({
      "Case.place": 3,
      "Case.account": 3,
      "Case.factsText": 3,
      "WorkerIdentity.fullName": 3,
      "WorkerIdentity.contactNotes": 3,
      "CaseDocument.title": 3,
      "CaseDocument.fileName": 3,
      "CaseNote.body": 3,
      "CaseNote.withdrawnReason": 3,
      "CaseOutcome.note": 3,
      "Proceeding.externalNumber": 3,
      "ProceedingDate.description": 3,
      "LegalHold.reason": 3,
      "LegalHold.releaseReason": 3,
    });
    // Its output and its audit entry are counts: no value.
    expect(occurrencesIn(lines.join("\n"))).toEqual([]);
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "keys.encrypted_existing" },
    });
    expect(occurrencesIn(audit.details)).toEqual([]);

    expect(await scanDatabase(words, path.join(dir, "after.sql"))).toEqual([]);
    expect(await scan([documentsDir], words)).toEqual([]);
  });

  it("keeps every value readable, searchable, indexed and downloadable", async () => {
    for (const [i, values] of legacy.entries()) {
      const { id, reference, workerId, documentId } = cases[i]!;
      const found = await prisma.case.findUniqueOrThrow({
        where: { id },
        select: {
          place: true,
          account: true,
          facts: true,
          factsText: true,
          searchText: true,
          workers: { select: { identity: true } },
        },
      });
      for (const sealed of SEALED_TABLES.filter((t) => t.table === "Case"))
        for (const column of sealed.columns)
          expect(isSealedField(found[column as "place"]!), column).toBe(true);
      expect(await opened(id, "Case", id, { place: found.place, account: found.account })).toEqual({
        place: values.place,
        account: values.account,
      });
      expect(JSON.parse(found.facts)).toEqual({
        detainedAt: "2025-10-03T06:30",
        lawyerHasAccess: "NO",
      });
      const factsText = (await opened(id, "Case", id, { factsText: found.factsText })).factsText!;
      expect(JSON.parse(factsText)).toEqual({
        personRole: values.latinName,
        authority: values.authority,
        charges: values.charges,
      });

      const identity = found.workers[0]!.identity!;
      expect(
        await opened(id, "WorkerIdentity", workerId, {
          fullName: identity.fullName,
          iin: identity.iin,
          phone: identity.phone,
        }),
      ).toEqual({ fullName: values.fullName, iin: values.iin, phone: values.phone });
      expect({ iinIndex: identity.iinIndex, phoneIndex: identity.phoneIndex }).toEqual(
        identityIndexes(blindIndexKeysIfUnsealed(), values),
      );

      // The search text: the reference in clear, names and place as tokens only.
      expect(found.searchText.split("\n")[0]).toBe(foldForSearch(reference));
      expect(tokensOf(found.searchText)).not.toBe("");
      expect(searchFinds(found.searchText, values.fullName.split(" ")[0]!)).toBe(true);
      expect(searchFinds(found.searchText, "Посёлок")).toBe(true);

      const download = await openDocumentForDownload(organizer, reference, documentId);
      if (!download.ok) throw new Error(download.reason);
      expect(download.fileName).toBe(values.documentFileName);
      expect(Buffer.from(await buffer(download.body)).equals(documentBytes(values))).toBe(true);
    }
    const [note] = await prisma.caseNote.findMany({ where: { caseId: cases[0]!.id } });
    expect(await opened(cases[0]!.id, "CaseNote", note!.id, { body: note!.body })).toEqual({
      body: legacy[0]!.noteBody,
    });
    const [date] = await prisma.proceedingDate.findMany({ where: { caseId: cases[0]!.id } });
    expect(await opened(cases[0]!.id, "ProceedingDate", date!.id, { place: date!.place })).toEqual({
      place: legacy[0]!.datePlace,
    });
    const status = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId: cases[0]!.id, kind: "STATUS_CHANGED" },
    });
    const { reason } = JSON.parse(status.details) as { reason: string };
    expect(await opened(cases[0]!.id, "TimelineEvent", status.id, { reason })).toEqual({
      reason: legacy[0]!.charges,
    });
    const timeline = await prisma.timelineEvent.findMany({
      where: { caseId: cases[0]!.id, kind: "FACT_EDITED" },
    });
    expect(JSON.parse(timeline[0]!.details)).toEqual({
      changes: [
        { field: "place", changed: true },
        { field: "facts.charges", changed: true },
        { field: "urgency", from: "HIGH", to: "URGENT" },
      ],
    });
  });

  it("run again, changes nothing", async () => {
    const before = await prisma.case.findMany({ orderBy: { id: "asc" } });
    const counts = await encryptExisting({ compact: false });
    expect(counts).toEqual({
      factsSplit: 0,
      fields: {},
      documents: 0,
      clearOrphans: 0,
      timelineEntries: 0,
      searchTexts: 0,
      skipped: 0,
    });
    expect(await prisma.case.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe("old timeline entries", () => {
  it("lose document titles and withdrawal reasons, and the values of sealed fields only", () => {
    expect(
      scrubTimelineDetails("DOCUMENT_WITHDRAWN", { documentId: "d", title: "x", reason: "y" }),
    ).toEqual({ documentId: "d" });
    expect(
      scrubTimelineDetails("FACT_EDITED", {
        worker: { number: 1, event: "edited" },
        changes: [
          { field: "workers.1.fullName", from: "a", to: "b" },
          { field: "workers.1.yearOfBirth", from: 1980, to: 1981 },
        ],
      }),
    ).toEqual({
      worker: { number: 1, event: "edited" },
      changes: [
        { field: "workers.1.fullName", changed: true },
        { field: "workers.1.yearOfBirth", from: 1980, to: 1981 },
      ],
    });
    expect(scrubTimelineDetails("STATUS_CHANGED", { from: "NEW", to: "TRIAGED" })).toBeNull();
  });
});

function occurrencesIn(text: string): string[] {
  const lower = text.toLowerCase();
  return words.filter((word) => lower.includes(word.toLowerCase()));
}
