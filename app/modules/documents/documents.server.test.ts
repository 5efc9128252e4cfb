// The document store on a real database: checked by content, stripped of
// GPS, hashed as stored, written with its timeline and audit entries or not
// at all, reachable only through its own case, withdrawn by the right people.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { buffer } from "node:stream/consumers";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { DomainError } from "~/utils/domain-error";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import {
  GPS_MARKER,
  jpegWithMetadata,
  pdfFile,
  pngWithMetadata,
} from "../../../tests/fixtures/documents";
import { putOnCase } from "../../../tests/fixtures/assignment";
import { minimalIntake } from "../../../tests/fixtures/intake";
import {
  uncheckedListDocuments,
  openDocumentForDownload,
  uploadDocument,
  withdrawDocument,
} from "./documents.server";
import { DOCUMENT_MAX_BYTES } from "./schema";
import { InvalidStorageKey, LocalDocumentStore, documentStore } from "./store.server";
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

describe("uploading", () => {
  it("stores a PDF under a random key with its size, SHA-256, timeline and audit entries", async () => {
    const { reference, id: caseId } = await newCase();
    const bytes = pdfFile();
    const created = await uploadDocument(lawyer, reference, paySlip(), {
      ipAddress: "203.0.113.9",
    });
    const row = await prisma.caseDocument.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      caseId,
      title: "Pay slip, March",
      kind: "PAY_SLIP",
      mediaType: "application/pdf",
      fileName: "pay-slip-march.pdf",
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      receivedSha256: null,
      metadataStripped: false,
      uploadedById: lawyer.id,
    });
    expect(row.storageKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = readFileSync(path.join(storeRoot, row.storageKey));
    expect(sha256(stored)).toBe(row.sha256);
    const event = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId, kind: "DOCUMENT_ADDED" },
    });
    expect(JSON.parse(event.details)).toEqual({
      documentId: row.id,
      title: "Pay slip, March",
      kind: "PAY_SLIP",
    });
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

  it("strips GPS from a photo, hashes the stored bytes and keeps the received bytes' hash", async () => {
    const { reference } = await newCase();
    const original = jpegWithMetadata();
    const created = await uploadDocument(lawyer, reference, {
      title: "Photo of the notice board",
      kind: "PHOTO",
      fileName: "IMG_0042.JPG",
      bytes: original,
    });
    const row = await prisma.caseDocument.findUniqueOrThrow({ where: { id: created.id } });
    const stored = readFileSync(path.join(storeRoot, row.storageKey));
    expect(stored.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(row).toMatchObject({
      mediaType: "image/jpeg",
      fileName: "IMG_0042.JPG",
      metadataStripped: true,
      sha256: sha256(stored),
      receivedSha256: sha256(original),
      sizeBytes: stored.length,
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
    const { reference } = await newCase();
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
      expect(row.fileName).toBe(expected);
      expect(storedFiles()).toContain(row.storageKey);
    }
    expect(readdirSync(dataDir)).toEqual(["documents"]);
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
    const store = new LocalDocumentStore(storeRoot);
    for (const key of ["../escape", "..", "a/b", "..%2F..%2Fetc", "x".repeat(31), "/etc/passwd"]) {
      await expect(store.put(key, utf8("x"))).rejects.toBeInstanceOf(InvalidStorageKey);
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidStorageKey);
    }
    expect(readdirSync(dataDir)).toEqual(["documents"]);
  });

  it("lives under the data directory, outside public/", () => {
    const store = documentStore() as LocalDocumentStore;
    expect(store.root).toBe(storeRoot);
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
    const download = await openDocumentForDownload(organizer, reference, id);
    const bytes = await buffer(download.body);
    expect(sha256(bytes)).toBe(download.sha256);
    expect(download).toMatchObject({ mediaType: "image/png", fileName: "site.png" });
    expect(bytes.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(
      await prisma.auditEntry.count({
        where: { action: "document.downloaded", actorId: organizer.id, targetId: reference },
      }),
    ).toBe(1);
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
    expect(row).toMatchObject({
      withdrawnById: lawyer.id,
      withdrawnReason: "Uploaded to the wrong case",
    });
    const event = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId, kind: "DOCUMENT_WITHDRAWN" },
    });
    expect(JSON.parse(event.details)).toMatchObject({
      documentId: id,
      reason: "Uploaded to the wrong case",
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
    expect(seenByCoordinator[0]).toMatchObject({ id, canWithdraw: false });
    expect(seenByCoordinator[0]!.withdrawnAt).not.toBeNull();

    const lawyerDownload = await refusal(openDocumentForDownload(lawyer, reference, id));
    expect(STATUS[(lawyerDownload as DomainError).kind]).toBe(404);
    const coordinatorDownload = await openDocumentForDownload(coordinator, reference, id);
    coordinatorDownload.body.destroy();

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
