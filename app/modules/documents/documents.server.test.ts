// The document store on a real database: checked by content, stripped of
// GPS, encrypted with the case key in either store (a directory or database
// rows), hashed as the original bytes, written with its timeline and audit
// entries or not at all, reachable only through its own case, withdrawn by the
// right people; a changed, swapped or moved file fails its download and tells
// the administrators; a sealed server lists documents as sealed and neither
// serves nor takes any.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { buffer } from "node:stream/consumers";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { DomainError } from "~/utils/domain-error";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { CHUNK_BYTES, HEADER_BYTES } from "~/modules/keys/document-stream.server";
import { TAG_BYTES } from "~/modules/keys/envelope.server";
import { createUser } from "~/modules/people/people.server";
import {
  GPS_MARKER,
  jpegWithMetadata,
  pdfFile,
  pngWithMetadata,
} from "../../../tests/fixtures/documents";
import { putOnCase } from "../../../tests/fixtures/assignment";
import { minimalIntake } from "../../../tests/fixtures/intake";
import { unsealedDemoKeyring, whileSealed, withCaseKey } from "../../../tests/fixtures/keyring";
import {
  uncheckedListDocuments,
  openDocumentForDownload,
  uploadDocument,
  withdrawDocument,
  withDocumentTitles,
  type DocumentDownload,
} from "./documents.server";
import { DOCUMENT_MAX_BYTES } from "./schema";
import {
  DatabaseDocumentStore,
  InvalidStorageKey,
  LocalDocumentStore,
  ROW_BYTES,
  documentStore,
  newStorageKey,
  type DocumentStore,
} from "./store.server";
import { STATUS } from "~/utils/answer.server";

// Every test file gets its own data directory, whichever database it runs on.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "adal-documents-"));
process.env.ADAL_DATA_DIR = dataDir;
const storeRoot = path.join(dataDir, "documents");
const storedFiles = () => {
  try {
    return readdirSync(storeRoot).sort();
  } catch {
    return [];
  }
};
const local = new LocalDocumentStore(storeRoot);
const rows = new DatabaseDocumentStore();
const chunkRows = () => prisma.documentChunk.count();

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
  await unsealedDemoKeyring();
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

/** A new case in Atyrau taken by `by`, with the lawyer on it as lead. */
async function newCase(by: Person = organizer): Promise<{ reference: string; id: string }> {
  const parsed = validateIntake(minimalIntake("UNPAID_WAGES"));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const { reference } = await createIntake(parsed.data, { userId: by.id });
  await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
  const { id } = await prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { id: true },
  });
  await withCaseKey(id);
  return { reference, id };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const utf8 = (value: string) => new Uint8Array(Buffer.from(value, "utf8"));

const paySlip = (fileName = "pay-slip-march.pdf", bytes = pdfFile()) => ({
  title: "Pay slip, March",
  kind: "PAY_SLIP" as const,
  fileName,
  bytes,
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

/** A download that worked: its body read to the end. */
async function downloaded(download: DocumentDownload) {
  if (!download.ok) throw new Error(`the download was refused: ${download.reason}`);
  return { ...download, bytes: await buffer(download.body) };
}

/** The opened title, file name and reason of a case's documents, as the list shows them. */
async function listed(caseId: string, viewer: Person = coordinator) {
  return uncheckedListDocuments(caseId, viewer);
}

describe("uploading", () => {
  it("encrypts a PDF under a random key, with the original's size and SHA-256, timeline and audit entries", async () => {
    const { reference, id: caseId } = await newCase();
    const bytes = pdfFile();
    const created = await uploadDocument(lawyer, reference, paySlip(), {
      ipAddress: "203.0.113.9",
    });
    const row = await prisma.caseDocument.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      caseId,
      kind: "PAY_SLIP",
      mediaType: "application/pdf",
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      receivedSha256: null,
      metadataStripped: false,
      uploadedById: lawyer.id,
      storedIn: "LOCAL",
      encrypted: true,
    });
    // The title and the file name are sealed in the row; the list opens them.
    expect(row.title).toMatch(/^enc:v1:1:/);
    expect(row.fileName).toMatch(/^enc:v1:1:/);
    expect((await listed(caseId))[0]).toMatchObject({
      title: { ok: true, value: "Pay slip, March" },
      fileName: { ok: true, value: "pay-slip-march.pdf" },
      withdrawnReason: null,
    });
    expect(row.storageKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = readFileSync(path.join(storeRoot, row.storageKey));
    expect(stored.subarray(0, 8).toString("latin1")).toBe("ADALDOC1");
    expect(stored.includes(Buffer.from("Pay slip"))).toBe(false);
    const event = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId, kind: "DOCUMENT_ADDED" },
    });
    expect(JSON.parse(event.details)).toEqual({ documentId: row.id, kind: "PAY_SLIP" });
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "document.uploaded", targetId: reference },
    });
    expect(JSON.parse(audit.details)).toMatchObject({ documentId: row.id, sha256: row.sha256 });
    expect(audit.details).not.toContain("Pay slip");
  });

  it("lets the organizer of the case bring evidence too", async () => {
    const { reference } = await newCase();
    await expect(uploadDocument(organizer, reference, paySlip())).resolves.toMatchObject({
      sha256: sha256(pdfFile()),
    });
  });

  it("strips GPS from a photo, hashes the bytes kept and keeps the received bytes' hash", async () => {
    const { reference } = await newCase();
    const original = jpegWithMetadata();
    const created = await uploadDocument(lawyer, reference, {
      title: "Photo of the notice board",
      kind: "PHOTO",
      fileName: "IMG_0042.JPG",
      bytes: original,
    });
    const row = await prisma.caseDocument.findUniqueOrThrow({ where: { id: created.id } });
    const kept = (await downloaded(await openDocumentForDownload(lawyer, reference, row.id))).bytes;
    expect(kept.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(row).toMatchObject({
      mediaType: "image/jpeg",
      metadataStripped: true,
      sha256: sha256(kept),
      receivedSha256: sha256(original),
      sizeBytes: kept.length,
    });
    expect(row.sizeBytes).toBeLessThan(original.length);
  });

  it("refuses an HTML page named .pdf and leaves no row and no file", async () => {
    const { reference, id: caseId } = await newCase();
    const before = storedFiles();
    const error = await refusal(
      uploadDocument(
        lawyer,
        reference,
        paySlip("pay-slip.pdf", utf8("<html><script>alert(document.cookie)</script></html>")),
      ),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ messageKey: "caseFile.documents.unsupported", kind: "invalid" });
    expect(await prisma.caseDocument.count({ where: { caseId } })).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it("refuses an empty file and one over 25 MB, the latter with 413", async () => {
    const { reference } = await newCase();
    expect(
      await refusal(uploadDocument(lawyer, reference, paySlip("x.txt", new Uint8Array()))),
    ).toMatchObject({ messageKey: "caseFile.documents.empty" });
    const oversize = new Uint8Array(DOCUMENT_MAX_BYTES + 1);
    oversize.set(pdfFile());
    expect(
      await refusal(uploadDocument(lawyer, reference, paySlip("big.pdf", oversize))),
    ).toMatchObject({ messageKey: "caseFile.documents.tooLarge", kind: "tooLarge" });
  });

  it("keeps only a clean base name from a path-traversal file name, and stores under its own key", async () => {
    const { reference, id: caseId } = await newCase();
    const cases: Array<[string, string]> = [
      ["../../../../etc/passwd.pdf", "passwd.pdf"],
      ["..\\..\\Windows\\win.ini", "win.ini.pdf"],
      ["../", "document.pdf"],
      ["pay\u0000slip\u202e.pdf", "pay slip.pdf"],
      [`${"я".repeat(300)}.pdf`, `${"я".repeat(116)}.pdf`],
    ];
    for (const [raw, expected] of cases) {
      const { id } = await uploadDocument(lawyer, reference, paySlip(raw));
      const row = await prisma.caseDocument.findUniqueOrThrow({ where: { id } });
      expect((await listed(caseId)).find((d) => d.id === id)?.fileName).toEqual({
        ok: true,
        value: expected,
      });
      expect(storedFiles()).toContain(row.storageKey);
    }
    expect(readdirSync(dataDir).filter((entry) => entry !== "documents")).toEqual([]);
  });

  it("leaves no row and no file when the transaction fails", async () => {
    const { reference, id: caseId } = await newCase();
    const before = storedFiles();
    // A coordinator of the case's region reaches it without an assignment row,
    // but this one has no account row: the insert fails.
    const ghost = {
      id: "ghost-user-that-does-not-exist",
      role: "COORDINATOR" as const,
      regions: ["ATYRAU" as const],
    };
    await expect(uploadDocument(ghost, reference, paySlip())).rejects.toThrow(/foreign key/i);
    expect(await prisma.caseDocument.count({ where: { caseId } })).toBe(0);
    expect(await prisma.timelineEvent.count({ where: { caseId, kind: "DOCUMENT_ADDED" } })).toBe(0);
    expect(storedFiles()).toEqual(before);
    const rowsBefore = await chunkRows();
    await expect(uploadDocument(ghost, reference, paySlip(), {}, rows)).rejects.toThrow(
      /foreign key/i,
    );
    expect(await chunkRows()).toBe(rowsBefore);
  });

  it("answers 404 to an organizer of another case, a lawyer not on the case and an administrator", async () => {
    const { reference, id: caseId } = await newCase();
    for (const outsider of [otherOrganizer, lawyerElsewhere, admin]) {
      const error = await refusal(uploadDocument(outsider, reference, paySlip()));
      expect(STATUS[(error as DomainError).kind]).toBe(404);
    }
    expect(await prisma.caseDocument.count({ where: { caseId } })).toBe(0);
  });
});

describe("the store", () => {
  it("refuses storage keys that are not its own, including path traversal", async () => {
    for (const store of [local, rows] as DocumentStore[]) {
      for (const key of [
        "../escape",
        "..",
        "a/b",
        "..%2F..%2Fetc",
        "x".repeat(31),
        "/etc/passwd",
      ]) {
        await expect(store.put(key, utf8("x"))).rejects.toBeInstanceOf(InvalidStorageKey);
        await expect(store.get(key)).rejects.toBeInstanceOf(InvalidStorageKey);
      }
    }
    expect(readdirSync(dataDir).filter((entry) => entry !== "documents")).toEqual([]);
  });

  it("lives under the data directory, outside public/, unless ADAL_DOCUMENT_STORE says database", () => {
    expect((documentStore() as LocalDocumentStore).root).toBe(storeRoot);
    expect(documentStore("DATABASE")).toBeInstanceOf(DatabaseDocumentStore);
    process.env.ADAL_DOCUMENT_STORE = "database";
    try {
      expect(documentStore().kind).toBe("DATABASE");
      process.env.ADAL_DOCUMENT_STORE = "s3";
      expect(() => documentStore()).toThrow(/not a known document store/);
    } finally {
      delete process.env.ADAL_DOCUMENT_STORE;
    }
  });

  it("keeps database objects in rows of at most 256 KiB, in order, and gives back exactly what was put", async () => {
    for (const size of [0, 1, ROW_BYTES, ROW_BYTES + 1, 3 * ROW_BYTES + 17]) {
      const key = newStorageKey();
      const bytes = new Uint8Array(Buffer.alloc(size, "ab"));
      // Fed in uneven pieces, as the encrypting stream sends them.
      async function* pieces() {
        for (let at = 0; at < size; at += 70_001) yield bytes.subarray(at, at + 70_001);
      }
      await rows.put(key, pieces());
      const stored = await prisma.documentChunk.findMany({
        where: { storageKey: key },
        orderBy: { index: "asc" },
        select: { index: true, bytes: true },
      });
      expect(stored.map((r) => r.index)).toEqual([...stored.keys()]);
      expect(Math.max(...stored.map((r) => r.bytes.byteLength))).toBeLessThanOrEqual(ROW_BYTES);
      expect((await buffer(await rows.get(key))).equals(Buffer.from(bytes))).toBe(true);
      await rows.destroy(key);
      expect(await prisma.documentChunk.count({ where: { storageKey: key } })).toBe(0);
    }
  });
});

/** A statement with a worker's name in it, long enough for five encrypted chunks. */
const SENTINEL = "Sentinel-Zhanar-Qwertyuly";
const SENTINEL_CYRILLIC = "Сентинелова Жанар";
const statement = (chunks = 4) =>
  utf8(
    `Statement of ${SENTINEL} (${SENTINEL_CYRILLIC}), IIN 900101300999, Atyrau.\n`.repeat(
      Math.ceil((chunks * CHUNK_BYTES + 1000) / 80),
    ),
  );
const CONTAINS_NONE = (haystack: Buffer | string) => {
  const text =
    typeof haystack === "string"
      ? haystack.toLowerCase()
      : `${haystack.toString("latin1")}\n${haystack.toString("utf8")}`.toLowerCase();
  return [SENTINEL, SENTINEL_CYRILLIC, "900101300999"].every(
    (needle) => !text.includes(needle.toLowerCase()),
  );
};

describe("the database store beside the app's own writes", () => {
  it("waits for a write transaction of the app's connection instead of blocking it", async () => {
    const held = newStorageKey();
    let putDone = 0;
    let transactionDone = 0;
    const transaction = prisma.$transaction(async (tx) => {
      await tx.documentChunk.create({
        data: { storageKey: held, index: 0, bytes: new Uint8Array(1) },
      });
      // The app's transaction holds the write lock across a turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 300));
      transactionDone = performance.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const key = newStorageKey();
    await rows.put(key, new Uint8Array(3 * ROW_BYTES));
    putDone = performance.now();
    await transaction;
    expect(transactionDone).toBeGreaterThan(0);
    // SQLite has one writer: the rows went in after the transaction, which was never stalled.
    if (database.provider === "sqlite") expect(putDone).toBeGreaterThanOrEqual(transactionDone);
    expect((await buffer(await rows.get(key))).byteLength).toBe(3 * ROW_BYTES);
    await rows.destroy(key);
    await rows.destroy(held);
  });
});

describe.each([
  ["local", () => local as DocumentStore],
  ["database", () => rows as DocumentStore],
])("in the %s store", (_name, storeOf) => {
  /** The stored bytes of a document, as they lie in the store (file or rows). */
  async function raw(storageKey: string): Promise<Buffer> {
    if (storeOf().kind === "LOCAL") return readFileSync(local.pathFor(storageKey));
    const found = await prisma.documentChunk.findMany({
      where: { storageKey },
      orderBy: { index: "asc" },
      select: { bytes: true },
    });
    return Buffer.concat(found.map((r) => Buffer.from(r.bytes)));
  }

  /** Replaces the stored bytes of a document, as someone with the disk or the database could. */
  async function overwrite(storageKey: string, bytes: Buffer): Promise<void> {
    if (storeOf().kind === "LOCAL") return writeFileSync(local.pathFor(storageKey), bytes);
    await prisma.documentChunk.deleteMany({ where: { storageKey } });
    await rows.put(storageKey, new Uint8Array(bytes));
  }

  async function uploadStatement(caseRef = newCase(), chunks = 4) {
    const { reference, id: caseId } = await caseRef;
    const bytes = statement(chunks);
    const { id } = await uploadDocument(
      lawyer,
      reference,
      {
        title: `Statement of ${SENTINEL}`,
        kind: "CORRESPONDENCE",
        fileName: `${SENTINEL_CYRILLIC}.txt`,
        bytes,
      },
      {},
      storeOf(),
    );
    const row = await prisma.caseDocument.findUniqueOrThrow({ where: { id } });
    return { reference, caseId, id, bytes, row };
  }

  const alertsFor = (reference: string) =>
    prisma.notification.findMany({
      where: { userId: admin.id, kind: "SECURITY_ALERT", details: { contains: reference } },
      select: { details: true },
    });

  it("stores no trace of the worker's name in the bytes, the row, the timeline or the audit log, in any letter case", async () => {
    const { reference, caseId, id, bytes, row } = await uploadStatement();
    expect(row.storedIn).toBe(storeOf().kind);
    const stored = await raw(row.storageKey);
    expect(stored.byteLength).toBeGreaterThan(bytes.byteLength);
    expect(CONTAINS_NONE(stored)).toBe(true);
    expect(CONTAINS_NONE(Buffer.from(bytes))).toBe(false); // the check can fail
    await withdrawDocument(lawyer, reference, {
      documentId: id,
      reason: `Duplicate of ${SENTINEL}'s other statement`,
    });
    const [rawRow] = await prisma.$queryRaw<unknown[]>`
      SELECT * FROM "CaseDocument" WHERE "id" = ${id}`;
    expect(CONTAINS_NONE(JSON.stringify(rawRow))).toBe(true);
    const events = await prisma.timelineEvent.findMany({ where: { caseId } });
    expect(CONTAINS_NONE(JSON.stringify(events))).toBe(true);
    const audit = await prisma.auditEntry.findMany({ where: { targetId: reference } });
    expect(CONTAINS_NONE(JSON.stringify(audit))).toBe(true);
    // Yet the people on the case see all of it.
    expect((await listed(caseId))[0]).toMatchObject({
      title: { ok: true, value: `Statement of ${SENTINEL}` },
      fileName: { ok: true, value: `${SENTINEL_CYRILLIC}.txt` },
      withdrawnReason: { ok: true, value: `Duplicate of ${SENTINEL}'s other statement` },
    });
  });

  it("downloads exactly the original bytes, with their SHA-256 and the opened file name", async () => {
    const { reference, id, bytes, row } = await uploadStatement();
    const download = await downloaded(await openDocumentForDownload(organizer, reference, id));
    expect(download.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(sha256(download.bytes)).toBe(row.sha256);
    expect(download).toMatchObject({
      sha256: sha256(bytes),
      sizeBytes: bytes.byteLength,
      mediaType: "text/plain; charset=utf-8",
      fileName: `${SENTINEL_CYRILLIC}.txt`,
    });
    expect(
      await prisma.auditEntry.count({
        where: { action: "document.downloaded", actorId: organizer.id, targetId: reference },
      }),
    ).toBe(1);
  });

  it("refuses a file with a flipped byte at its start before sending anything, and alerts the administrators", async () => {
    const { reference, id, row } = await uploadStatement();
    const tampered = await raw(row.storageKey);
    tampered[HEADER_BYTES + 100]! ^= 0x20;
    await overwrite(row.storageKey, tampered);
    expect(await openDocumentForDownload(lawyer, reference, id)).toEqual({
      ok: false,
      reason: "unreadable",
    });
    await expect.poll(() => alertsFor(reference)).toHaveLength(1);
    expect(JSON.parse((await alertsFor(reference))[0]!.details)).toMatchObject({
      alert: "unreadableField",
      table: "CaseDocument",
      columns: ["file"],
    });
    // A refused download is not a read of the file.
    expect(
      await prisma.auditEntry.count({
        where: { action: "document.downloaded", targetId: reference },
      }),
    ).toBe(0);
  });

  it("ends the download with an error, never a short file, when a later chunk was changed", async () => {
    // Past the first read of the store (1 MiB from a file, 1 MiB of rows).
    const { reference, id, row } = await uploadStatement(newCase(), 24);
    const tampered = await raw(row.storageKey);
    tampered[HEADER_BYTES + 22 * (CHUNK_BYTES + TAG_BYTES) + 5]! ^= 0x01;
    await overwrite(row.storageKey, tampered);
    const download = await openDocumentForDownload(lawyer, reference, id);
    if (!download.ok) throw new Error("the start of the file is sound");
    await expect(buffer(download.body)).rejects.toThrow(/cannot be read/);
    await expect.poll(() => alertsFor(reference)).toHaveLength(1);
  });

  it("refuses swapped chunks, a file cut short and a chunk appended", async () => {
    const { reference, id, row } = await uploadStatement();
    const sealed = await raw(row.storageKey);
    const at = (i: number) => HEADER_BYTES + i * (CHUNK_BYTES + TAG_BYTES);
    const variants = [
      Buffer.concat([
        sealed.subarray(0, at(1)),
        sealed.subarray(at(2), at(3)),
        sealed.subarray(at(1), at(2)),
        sealed.subarray(at(3)),
      ]),
      sealed.subarray(0, at(4)),
      Buffer.concat([sealed, sealed.subarray(at(1), at(2))]),
    ];
    for (const variant of variants) {
      await overwrite(row.storageKey, variant);
      const download = await openDocumentForDownload(lawyer, reference, id);
      if (download.ok) await expect(buffer(download.body)).rejects.toThrow();
      else expect(download.reason).toBe("unreadable");
    }
  });

  it("refuses a file moved into another document of the same case", async () => {
    const first = await uploadStatement();
    const second = await uploadStatement(
      Promise.resolve({ reference: first.reference, id: first.caseId }),
    );
    await overwrite(second.row.storageKey, await raw(first.row.storageKey));
    expect(await openDocumentForDownload(lawyer, first.reference, second.id)).toEqual({
      ok: false,
      reason: "unreadable",
    });
    // Pointing the row at the other file fails alike.
    const third = await uploadStatement(
      Promise.resolve({ reference: first.reference, id: first.caseId }),
    );
    await prisma.$transaction([
      // The key is unique: the third document gives its key up first.
      prisma.caseDocument.update({
        where: { id: third.id },
        data: { storageKey: newStorageKey() },
      }),
      prisma.caseDocument.update({
        where: { id: first.id },
        data: { storageKey: third.row.storageKey },
      }),
    ]);
    expect(await openDocumentForDownload(lawyer, first.reference, first.id)).toEqual({
      ok: false,
      reason: "unreadable",
    });
  });

  it("while sealed lists titles as sealed, refuses downloads, uploads and withdrawals, and writes nothing", async () => {
    const { reference, caseId, id } = await uploadStatement();
    await whileSealed(async () => {
      const [shown] = await listed(caseId);
      expect(shown).toMatchObject({
        title: { ok: false, reason: "sealed" },
        fileName: { ok: false, reason: "sealed" },
      });
      expect(await openDocumentForDownload(lawyer, reference, id)).toEqual({
        ok: false,
        reason: "sealed",
      });
      const before = {
        documents: await prisma.caseDocument.count({ where: { caseId } }),
        files: storedFiles(),
        rows: await chunkRows(),
        events: await prisma.timelineEvent.count({ where: { caseId } }),
      };
      const upload = await refusal(uploadDocument(lawyer, reference, paySlip(), {}, storeOf()));
      expect(upload).toMatchObject({ kind: "sealed" });
      expect(STATUS[(upload as DomainError).kind]).toBe(423);
      const withdrawal = await refusal(
        withdrawDocument(lawyer, reference, { documentId: id, reason: "wrong case" }),
      );
      expect(withdrawal).toMatchObject({ kind: "sealed" });
      expect({
        documents: await prisma.caseDocument.count({ where: { caseId } }),
        files: storedFiles(),
        rows: await chunkRows(),
        events: await prisma.timelineEvent.count({ where: { caseId } }),
      }).toEqual(before);
      expect(
        (await prisma.caseDocument.findUniqueOrThrow({ where: { id } })).withdrawnAt,
      ).toBeNull();
    });
    // Unsealed again, all of it is back.
    const again = await downloaded(await openDocumentForDownload(lawyer, reference, id));
    expect(again.fileName).toBe(`${SENTINEL_CYRILLIC}.txt`);
  });

  it("answers 'destroyed' once retention destroyed the bytes", async () => {
    const { reference, caseId, id, row } = await uploadStatement();
    await storeOf().destroy(row.storageKey);
    await prisma.caseRetention.create({ data: { caseId, documentsDestroyedAt: new Date() } });
    expect(await openDocumentForDownload(lawyer, reference, id)).toEqual({
      ok: false,
      reason: "destroyed",
    });
  });
});

describe("downloading", () => {
  it("returns the stored bytes, whose SHA-256 is the recorded one, and audits the download", async () => {
    const { reference } = await newCase();
    const { id } = await uploadDocument(lawyer, reference, {
      title: "Site photo",
      kind: "PHOTO",
      fileName: "site.png",
      bytes: pngWithMetadata(),
    });
    const download = await downloaded(await openDocumentForDownload(organizer, reference, id));
    expect(sha256(download.bytes)).toBe(download.sha256);
    expect(download).toMatchObject({ mediaType: "image/png", fileName: "site.png" });
    expect(download.bytes.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(
      await prisma.auditEntry.count({
        where: { action: "document.downloaded", actorId: organizer.id, targetId: reference },
      }),
    ).toBe(1);
  });

  it("serves a document stored before encryption as it is, until it is encrypted", async () => {
    const { reference, id: caseId } = await newCase();
    const storageKey = newStorageKey();
    const bytes = pdfFile("Stored before the keys");
    await local.put(storageKey, bytes);
    const { id } = await prisma.caseDocument.create({
      data: {
        caseId,
        title: "Old pay slip",
        kind: "PAY_SLIP",
        mediaType: "application/pdf",
        fileName: "old.pdf",
        sizeBytes: bytes.length,
        sha256: sha256(bytes),
        storageKey,
        uploadedById: lawyer.id,
      },
      select: { id: true },
    });
    const download = await downloaded(await openDocumentForDownload(lawyer, reference, id));
    expect(download.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(download.fileName).toBe("old.pdf");
    expect((await listed(caseId))[0]?.title).toEqual({ ok: true, value: "Old pay slip" });
  });

  it("answers 404 for a document of another case, and to an organizer outside the case", async () => {
    const first = await newCase();
    const second = await newCase();
    const { id } = await uploadDocument(lawyer, second.reference, paySlip());
    const viaOtherCase = await refusal(openDocumentForDownload(lawyer, first.reference, id));
    expect(STATUS[(viaOtherCase as DomainError).kind]).toBe(404);
    const outsider = await refusal(openDocumentForDownload(otherOrganizer, second.reference, id));
    expect(STATUS[(outsider as DomainError).kind]).toBe(404);
    expect(
      await prisma.auditEntry.count({
        where: {
          action: "document.downloaded",
          targetId: { in: [first.reference, second.reference] },
        },
      }),
    ).toBe(0);
  });
});

describe("withdrawing", () => {
  it("is for the uploader or a coordinator, needs the document to be in that case, and hides it from all but coordinators", async () => {
    const { reference, id: caseId } = await newCase();
    const other = await newCase();
    const { id } = await uploadDocument(lawyer, reference, paySlip());

    const byOrganizer = await refusal(
      withdrawDocument(organizer, reference, { documentId: id, reason: "duplicate" }),
    );
    expect(byOrganizer).toBeInstanceOf(DomainError);
    expect(byOrganizer).toMatchObject({ kind: "forbidden" });
    const viaOtherCase = await refusal(
      withdrawDocument(coordinator, other.reference, { documentId: id, reason: "duplicate" }),
    );
    expect(STATUS[(viaOtherCase as DomainError).kind]).toBe(404);

    await withdrawDocument(lawyer, reference, {
      documentId: id,
      reason: "Uploaded to the wrong case",
    });
    const row = await prisma.caseDocument.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ withdrawnById: lawyer.id });
    expect(row.withdrawnReason).toMatch(/^enc:v1:/);
    const event = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId, kind: "DOCUMENT_WITHDRAWN" },
    });
    expect(JSON.parse(event.details)).toEqual({ documentId: id, kind: "PAY_SLIP" });
    // The timeline shows the title and the reason, opened from the document.
    const [shown] = await withDocumentTitles(caseId, [
      { kind: event.kind, details: JSON.parse(event.details) as Record<string, unknown> },
    ]);
    expect(shown!.details).toMatchObject({
      title: { ok: true, value: "Pay slip, March" },
      reason: { ok: true, value: "Uploaded to the wrong case" },
    });
    expect(
      await prisma.auditEntry.count({
        where: { action: "document.withdrawn", targetId: reference },
      }),
    ).toBe(1);

    expect(await uncheckedListDocuments(caseId, lawyer)).toEqual([]);
    expect(await uncheckedListDocuments(caseId, organizer)).toEqual([]);
    const seenByCoordinator = await uncheckedListDocuments(caseId, coordinator);
    expect(seenByCoordinator).toHaveLength(1);
    expect(seenByCoordinator[0]).toMatchObject({
      id,
      canWithdraw: false,
      withdrawnReason: { ok: true, value: "Uploaded to the wrong case" },
    });
    expect(seenByCoordinator[0]!.withdrawnAt).not.toBeNull();

    const lawyerDownload = await refusal(openDocumentForDownload(lawyer, reference, id));
    expect(STATUS[(lawyerDownload as DomainError).kind]).toBe(404);
    const coordinatorDownload = await openDocumentForDownload(coordinator, reference, id);
    if (coordinatorDownload.ok) coordinatorDownload.body.destroy();
    expect(coordinatorDownload.ok).toBe(true);

    const again = await refusal(
      withdrawDocument(coordinator, reference, { documentId: id, reason: "again" }),
    );
    expect(STATUS[(again as DomainError).kind]).toBe(404);
  });

  it("lets a coordinator withdraw someone else's document", async () => {
    const { reference, id: caseId } = await newCase();
    const { id } = await uploadDocument(organizer, reference, paySlip());
    expect((await uncheckedListDocuments(caseId, organizer))[0]).toMatchObject({
      canWithdraw: true,
    });
    expect((await uncheckedListDocuments(caseId, lawyer))[0]).toMatchObject({ canWithdraw: false });
    await withdrawDocument(coordinator, reference, { documentId: id, reason: "Not evidence" });
    expect(await uncheckedListDocuments(caseId, organizer)).toEqual([]);
  });
});

describe("the list", () => {
  it("gives every column as Prisma read it, newest first and then by id, withdrawn ones to coordinators only", async () => {
    const { reference, id: caseId } = await newCase();
    const { id: contract } = await uploadDocument(lawyer, reference, paySlip("contract.pdf"));
    const { id: photo } = await uploadDocument(organizer, reference, {
      title: "Photo of the notice board",
      kind: "PHOTO",
      fileName: "IMG_0042.JPG",
      bytes: jpegWithMetadata(),
    });
    const { id: withdrawn } = await uploadDocument(coordinator, reference, paySlip());
    await withdrawDocument(coordinator, reference, { documentId: withdrawn, reason: "Duplicate" });
    // Two uploaded at the same instant: by id, highest first.
    await prisma.caseDocument.updateMany({
      where: { id: { in: [contract, photo] } },
      data: { createdAt: new Date("2026-02-01T08:00:00.123Z") },
    });

    const stored = await prisma.caseDocument.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        kind: true,
        mediaType: true,
        sizeBytes: true,
        sha256: true,
        receivedSha256: true,
        metadataStripped: true,
        createdAt: true,
        withdrawnAt: true,
        uploadedBy: { select: { displayName: true } },
      },
    });
    const shown = (documents: Awaited<ReturnType<typeof listed>>) =>
      documents.map(({ title, fileName, withdrawnReason, canWithdraw, ...columns }) => columns);
    // Dates as Date, booleans as booleans, nulls as null: toEqual tells them from 0/1 and text.
    const byCoordinator = await listed(caseId, coordinator);
    expect(shown(byCoordinator)).toEqual(stored);
    expect(stored.map((d) => d.metadataStripped).sort()).toEqual([false, false, true]);
    expect(stored.map((d) => d.withdrawnAt === null).sort()).toEqual([false, true, true]);
    expect(
      byCoordinator.map((d) => [d.title, d.fileName, d.withdrawnReason, d.canWithdraw]),
    ).toEqual(
      stored.map((d) =>
        d.id === withdrawn
          ? [
              { ok: true, value: "Pay slip, March" },
              { ok: true, value: "pay-slip-march.pdf" },
              { ok: true, value: "Duplicate" },
              false,
            ]
          : d.id === photo
            ? [
                { ok: true, value: "Photo of the notice board" },
                { ok: true, value: "IMG_0042.JPG" },
                null,
                true,
              ]
            : [
                { ok: true, value: "Pay slip, March" },
                { ok: true, value: "contract.pdf" },
                null,
                true,
              ],
      ),
    );
    expect(shown(await listed(caseId, lawyer))).toEqual(stored.filter((d) => d.id !== withdrawn));
  });
});
