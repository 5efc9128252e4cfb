// Evidence on a case: checked by content, stripped of location metadata,
// encrypted with the case key and stored under a server-generated key outside
// public/, and recorded with the SHA-256 of its bytes so a lawyer can prove a
// file is the one received. The title, file name and withdrawal reason are
// sealed with the case key too (docs/decisions/0028). Never deleted: a
// withdrawn document leaves the default view but stays for coordinators.
import { DomainError } from "~/utils/domain-error";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { prisma } from "~/db.server";
import { flag, instant, instantOrNull, readRows, textOrNull } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { joinedName } from "~/modules/people/display-names.server";
import type { DocumentKind, DocumentStoreKind } from "~/generated/prisma/sqlite/enums";
import { raiseUnreadableFieldAlert } from "~/modules/audit/alerts.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { requireCaseAccess } from "~/modules/cases/access.server";
import { recordCaseView } from "~/modules/cases/views.server";
import { recordCaseEvent } from "~/modules/cases/timeline.server";
import {
  documentDecryptorForCase,
  documentEncryptorForCase,
} from "~/modules/keys/case-documents.server";
import {
  newRowId,
  openerForCase,
  sealerForCase,
  type CaseOpener,
} from "~/modules/keys/case-fields.server";
import { CHUNK_BYTES, DocumentUnreadableError } from "~/modules/keys/document-stream.server";
import { logInfo } from "~/utils/log.server";
import { cleanLine } from "~/utils/text";
import { DOCUMENT_MAX_BYTES } from "./schema";
import { sniff, type DetectedType } from "./sniff";
import { DocumentMissing, documentStore, newStorageKey, type DocumentStore } from "./store.server";
import { StripFailure, stripMetadata } from "./strip-metadata";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** The table the sealed columns and the document ciphertext name in their associated data. */
const TABLE = "CaseDocument";

/** A file that cannot be stored, with the message shown by the file field. */
const refusedFile = (messageKey: string) => DomainError.invalidField("file", messageKey);

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const FILE_NAME_MAX = 120;
// Characters that mean something to a file system or a shell on some platform.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAMES = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** The uploaded name, safe to offer back as a download's name: no path, no control characters, capped. */
export function cleanFileName(raw: string, type: Pick<DetectedType, "extension">): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  let name = cleanLine(base).replace(UNSAFE_IN_NAMES, "_").replace(/^\.+/, "").trim();
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  const fits =
    extension === type.extension ||
    (type.extension === "jpg" && extension === "jpeg") ||
    (type.extension === "heic" && extension === "heif") ||
    (type.extension === "heif" && extension === "heic");
  let stem = fits ? name.slice(0, dot) : name;
  const suffix = fits ? name.slice(dot) : `.${type.extension}`;
  stem = [...stem].slice(0, FILE_NAME_MAX - suffix.length).join("") || "document";
  name = `${stem}${suffix}`;
  return name;
}

/** The bytes to store: checked by content and, for photos, without their location metadata. */
export function prepareDocument(bytes: Uint8Array) {
  if (bytes.length > DOCUMENT_MAX_BYTES)
    throw DomainError.tooLarge("caseFile.documents.tooLarge", "file");
  const sniffed = sniff(bytes);
  if (!sniffed.ok)
    throw refusedFile(
      sniffed.reason === "empty" ? "caseFile.documents.empty" : "caseFile.documents.unsupported",
    );
  const type = sniffed.type;
  let stored = bytes;
  let stripped = false;
  if (type.image) {
    try {
      const result = stripMetadata(type.image, bytes);
      stored = result.bytes;
      stripped = result.changed;
    } catch (error) {
      if (error instanceof StripFailure) throw refusedFile("caseFile.documents.damaged");
      throw error;
    }
  }
  // The SHA-256 of the bytes kept is computed as they are encrypted (one pass over them).
  return {
    type,
    bytes: stored,
    receivedSha256: stripped ? sha256(bytes) : null,
    metadataStripped: stripped,
  };
}

/** The checked bytes in pieces the size of an encrypted chunk: views, not copies. */
function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES)
    yield bytes.subarray(at, at + CHUNK_BYTES);
}

/**
 * Checks the file, encrypts it with the case key into the store, then writes its row (title
 * and file name sealed), its timeline entry and its audit entry in one transaction. While the
 * server is sealed it is refused ("sealed") before anything is written. The bytes are held in
 * memory while checked (up to 25 MiB: the checks read the whole file); what reaches the store
 * is streamed ciphertext.
 */
export async function uploadDocument(
  caller: Caller,
  reference: string,
  upload: { title: string; kind: DocumentKind; fileName: string; bytes: Uint8Array },
  request: RequestContext = {},
  store: DocumentStore = documentStore(),
): Promise<{ id: string; sha256: string }> {
  const { id: caseId } = await requireCaseAccess(caller, reference);
  const prepared = prepareDocument(upload.bytes);
  const encryptor = await documentEncryptorForCase(caseId);
  const id = newRowId();
  const storageKey = newStorageKey();
  const encrypting = encryptor.encrypt({ table: TABLE, rowId: id });
  try {
    await store.put(storageKey, Readable.from(slices(prepared.bytes)).pipe(encrypting));
    // The SHA-256 lawyers see: of the original bytes kept (before encryption), taken as they were encrypted.
    const digest = await encrypting.digest;
    if (digest.sizeBytes !== prepared.bytes.length)
      throw new Error("the encrypted document is not the checked one");
    return await prisma.$transaction(async (tx) => {
      const sealer = await sealerForCase(tx, caseId);
      const sealed = sealer.seal(TABLE, id, {
        title: upload.title,
        fileName: cleanFileName(upload.fileName, prepared.type),
      });
      const created = await tx.caseDocument.create({
        data: {
          id,
          caseId,
          title: sealed.title,
          kind: upload.kind,
          mediaType: prepared.type.mediaType,
          fileName: sealed.fileName,
          sizeBytes: digest.sizeBytes,
          sha256: digest.sha256,
          receivedSha256: prepared.receivedSha256,
          metadataStripped: prepared.metadataStripped,
          storageKey,
          storedIn: store.kind,
          encrypted: true,
          uploadedById: caller.id,
        },
        select: { id: true, sha256: true },
      });
      // The title stays on the document (sealed); the timeline names the document.
      await recordCaseEvent(tx, {
        caseId,
        actorId: caller.id,
        kind: "DOCUMENT_ADDED",
        details: { documentId: created.id, kind: upload.kind },
      });
      await appendAudit(tx, {
        action: "document.uploaded",
        actorId: caller.id,
        targetType: "case",
        targetId: reference,
        details: {
          documentId: created.id,
          kind: upload.kind,
          mediaType: prepared.type.mediaType,
          sizeBytes: digest.sizeBytes,
          sha256: digest.sha256,
          store: store.kind,
        },
        ...request,
      });
      return created;
    });
  } catch (error) {
    // No row points at the bytes: they must not stay behind.
    encrypting.destroy();
    await store.remove(storageKey);
    throw error;
  }
}

/** A document's sealed columns as stored. */
type SealedColumns = {
  id: string;
  title: string;
  fileName: string;
  withdrawnReason: string | null;
};

/** A document's sealed columns as a page shows them: the text, or why it cannot be shown. */
function openDocumentColumns(opener: CaseOpener, document: SealedColumns) {
  return opener.open(TABLE, document.id, {
    title: document.title,
    fileName: document.fileName,
    withdrawnReason: document.withdrawnReason,
  });
}

/** A document as the list reads it, its sealed columns as stored. */
type ListedDocument = SealedColumns & {
  kind: DocumentKind;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  receivedSha256: string | null;
  metadataStripped: boolean;
  createdAt: Date;
  withdrawnAt: Date | null;
  uploadedById: string;
  uploadedByName: string;
};

/**
 * The case's documents this viewer sees, newest first, through the driver: the case file's
 * most-viewed read, where Prisma's client cost more than the statement (docs/decisions/0053).
 */
async function readDocuments(caseId: string, viewer: Caller): Promise<ListedDocument[]> {
  const rows = await readRows(Prisma.sql`
    SELECT d."id", d."title", d."kind", d."mediaType", d."fileName", d."sizeBytes", d."sha256",
      d."receivedSha256", d."metadataStripped", d."createdAt", d."withdrawnAt",
      d."withdrawnReason", d."uploadedById", u."displayName" AS "uploadedByName"
    FROM "CaseDocument" d
    LEFT JOIN "User" u ON u."id" = d."uploadedById"
    WHERE d."caseId" = ${caseId}
      ${viewer.role === "COORDINATOR" ? Prisma.empty : Prisma.sql`AND d."withdrawnAt" IS NULL`}
    ORDER BY d."createdAt" DESC, d."id" DESC`);
  return rows.map((row) => ({
    id: String(row.id),
    title: String(row.title),
    kind: row.kind as DocumentKind,
    mediaType: String(row.mediaType),
    fileName: String(row.fileName),
    sizeBytes: Number(row.sizeBytes),
    sha256: String(row.sha256),
    receivedSha256: textOrNull(row.receivedSha256),
    metadataStripped: flag(row.metadataStripped),
    createdAt: instant(row.createdAt),
    withdrawnAt: instantOrNull(row.withdrawnAt),
    withdrawnReason: textOrNull(row.withdrawnReason),
    uploadedById: String(row.uploadedById),
    uploadedByName: joinedName(String(row.uploadedById), row.uploadedByName),
  }));
}

/**
 * The documents this viewer sees, newest first: current ones by default;
 * coordinators also get withdrawn ones, marked. Titles, file names and reasons
 * come opened, or say why they cannot be (sealed, destroyed, cannot be read).
 * Unchecked: the caller already passed requireCaseAccess.
 */
export async function uncheckedListDocuments(
  caseId: string,
  viewer: Caller,
  /** The case's, when the caller has read its keys already (the case file). */
  given?: CaseOpener,
) {
  const [documents, opener] = await Promise.all([
    readDocuments(caseId, viewer),
    given ?? openerForCase(caseId),
  ]);
  return documents.map(({ uploadedById, uploadedByName, ...document }) => ({
    ...document,
    ...openDocumentColumns(opener, document),
    uploadedBy: { displayName: uploadedByName },
    canWithdraw: !document.withdrawnAt && mayWithdraw(viewer, uploadedById),
  }));
}

/**
 * The timeline's document entries with their document's title (and a withdrawal's reason),
 * opened: the entries themselves hold only the document's id and kind, so that no title is
 * stored outside its sealed column. Entries written before that keep what they hold.
 */
export async function withDocumentTitles<
  E extends { kind: string; details: Record<string, unknown> },
>(caseId: string, events: E[], given?: CaseOpener): Promise<E[]> {
  const ids = new Set<string>();
  for (const event of events)
    if (
      (event.kind === "DOCUMENT_ADDED" || event.kind === "DOCUMENT_WITHDRAWN") &&
      typeof event.details.documentId === "string" &&
      event.details.title === undefined
    )
      ids.add(event.details.documentId);
  if (ids.size === 0) return events;
  // Through the driver, as the list above (docs/decisions/0053).
  const [rows, opener] = await Promise.all([
    readRows(Prisma.sql`
      SELECT "id", "title", "fileName", "withdrawnReason" FROM "CaseDocument"
      WHERE "caseId" = ${caseId} AND "id" IN (${Prisma.join([...ids])})`),
    given ?? openerForCase(caseId),
  ]);
  const documents: SealedColumns[] = rows.map((row) => ({
    id: String(row.id),
    title: String(row.title),
    fileName: String(row.fileName),
    withdrawnReason: textOrNull(row.withdrawnReason),
  }));
  const opened = new Map(documents.map((d) => [d.id, openDocumentColumns(opener, d)]));
  return events.map((event) => {
    const found = opened.get(event.details.documentId as string);
    if (!found || event.details.title !== undefined) return event;
    const reason = event.kind === "DOCUMENT_WITHDRAWN" ? found.withdrawnReason : null;
    return {
      ...event,
      details: { ...event.details, title: found.title, ...(reason ? { reason } : {}) },
    };
  });
}

/** The documents page: the case's reference as stored, and its documents, after one access check. */
export async function loadDocumentsPage(
  caller: Caller,
  reference: string,
  request: RequestContext = {},
) {
  const { id } = await requireCaseAccess(caller, reference, {
    page: "documents",
    context: request,
  });
  return { reference, documents: await uncheckedListDocuments(id, caller) };
}

const mayWithdraw = (caller: Caller, uploaderId: string) =>
  uploaderId === caller.id || caller.role === "COORDINATOR";

/** A document of this case as the caller may see it, or a 404 that confirms nothing. */
async function findDocument(caller: Caller, caseId: string, documentId: string) {
  const document = await prisma.caseDocument.findFirst({
    where: {
      id: documentId,
      caseId,
      ...(caller.role === "COORDINATOR" ? {} : { withdrawnAt: null }),
    },
    select: {
      id: true,
      title: true,
      kind: true,
      mediaType: true,
      fileName: true,
      sizeBytes: true,
      sha256: true,
      storageKey: true,
      storedIn: true,
      encrypted: true,
      uploadedById: true,
      withdrawnAt: true,
    },
  });
  if (!document) throw DomainError.notFound();
  return document;
}

/** Why a document cannot be downloaded now: the server is sealed, its key or bytes were destroyed, or they failed their integrity check. */
export type DocumentUnavailable = "sealed" | "destroyed" | "unreadable";

export type DocumentDownload =
  | {
      ok: true;
      body: Readable;
      mediaType: string;
      fileName: string;
      sizeBytes: number;
      sha256: string;
    }
  | { ok: false; reason: DocumentUnavailable };

/** A document's bytes failed their check: administrators hear of it (once per case and day), without content. */
function reportUnreadable(caseId: string, documentId: string, why: string): void {
  logInfo(`case ${caseId}: document ${documentId} cannot be read (${why})`);
  raiseUnreadableFieldAlert(caseId, TABLE, ["file"]).catch(() => undefined);
}

/**
 * The bytes of a stored document, decrypted as they stream. The first chunk is opened before
 * this returns, so a wrong key, a moved or swapped file or a damaged start is known before any
 * byte is sent; damage further on ends the stream with an error (the download then fails, with
 * the length promised in Content-Length unmet, rather than ending short), and so does a file
 * whose bytes are sound but whose SHA-256 is not the recorded one.
 */
async function openStoredBytes(
  document: Awaited<ReturnType<typeof findDocument>>,
  caseId: string,
  store: DocumentStore,
): Promise<Readable | DocumentUnavailable> {
  let stored: Readable;
  try {
    stored = await store.get(document.storageKey);
  } catch (error) {
    if (!(error instanceof DocumentMissing)) throw error;
    const retention = await prisma.caseRetention.findUnique({
      where: { caseId },
      select: { documentsDestroyedAt: true },
    });
    if (retention?.documentsDestroyedAt) return "destroyed";
    reportUnreadable(caseId, document.id, "missing from the store");
    return "unreadable";
  }
  // Uploaded before encryption, not yet encrypted by `keys:encrypt-existing`: served as stored.
  if (!document.encrypted) return stored;

  const decryptor = await documentDecryptorForCase(caseId);
  if (!decryptor.ok) {
    stored.destroy();
    return decryptor.reason;
  }
  const decrypting = decryptor.decrypt({ table: TABLE, rowId: document.id });
  stored.on("error", (error) => decrypting.destroy(error));
  const plain = stored.pipe(decrypting);
  const chunks = plain[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const failed = (error: unknown) => {
    stored.destroy();
    const why = error instanceof DocumentUnreadableError ? error.why : String(error);
    reportUnreadable(caseId, document.id, why);
  };
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch (error) {
    failed(error);
    return "unreadable";
  }
  const expected = document.sha256;
  async function* verified(): AsyncGenerator<Buffer> {
    try {
      if (!first.done) yield first.value;
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        yield next.value;
      }
      const digest = await decrypting.digest;
      if (digest.sha256 !== expected)
        throw new Error("the document's bytes are not those of its recorded SHA-256");
    } catch (error) {
      failed(error);
      throw error;
    } finally {
      // Also when the reader went away mid-way: the file or the query ends with it.
      stored.destroy();
      decrypting.destroy();
    }
  }
  return Readable.from(verified(), { objectMode: false });
}

/**
 * A document for download: its bytes (decrypted as they stream), its type, its opened file name
 * and its SHA-256; or why it cannot be had now (sealed, destroyed, cannot be read).
 */
export async function openDocumentForDownload(
  caller: Caller,
  reference: string,
  documentId: string,
  request: RequestContext = {},
  store?: DocumentStore,
): Promise<DocumentDownload> {
  const found = await requireCaseAccess(caller, reference);
  const document = await findDocument(caller, found.id, documentId);
  const opener = await openerForCase(found.id);
  const fileName = opener.openOne(TABLE, "fileName", document.id, document.fileName);
  if (!fileName.ok && fileName.reason !== "unreadable")
    return { ok: false, reason: fileName.reason };
  const body = await openStoredBytes(document, found.id, store ?? documentStore(document.storedIn));
  if (typeof body === "string") return { ok: false, reason: body };
  try {
    // A read of the case like any other (the "last looked" mark, the view-rate alert), under its own action.
    await recordCaseView(caller, found, {
      page: "document",
      action: "document.downloaded",
      details: { documentId: document.id, sha256: document.sha256 },
      context: request,
    });
  } catch (error) {
    body.destroy();
    throw error;
  }
  return {
    ok: true,
    body,
    mediaType: document.mediaType,
    // A name that failed its check (the bytes did not) gives way to a plain one.
    fileName: fileName.ok ? fileName.value : `document.${extensionOf(document.mediaType)}`,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
  };
}

const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/heic": "heic",
  "image/heif": "heif",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.oasis.opendocument.text": "odt",
};
const extensionOf = (mediaType: string) => EXTENSIONS[mediaType] ?? "txt";

/**
 * Withdraws a document with a reason (sealed with the case key): needs the case key, so while
 * the server is sealed it is refused ("sealed") and nothing changes.
 */
export async function withdrawDocument(
  caller: Caller,
  reference: string,
  withdrawal: { documentId: string; reason: string },
  request: RequestContext = {},
): Promise<void> {
  const { id: caseId } = await requireCaseAccess(caller, reference);
  const document = await findDocument(caller, caseId, withdrawal.documentId);
  if (document.withdrawnAt) throw DomainError.notFound();
  if (!mayWithdraw(caller, document.uploadedById)) {
    throw DomainError.forbidden("caseFile.documents.withdrawNotAllowed", "form");
  }
  await prisma.$transaction(async (tx) => {
    const sealer = await sealerForCase(tx, caseId);
    const { withdrawnReason } = sealer.seal(TABLE, document.id, {
      withdrawnReason: withdrawal.reason,
    });
    // Only if still current: two people withdrawing at once write one entry.
    const { count } = await tx.caseDocument.updateMany({
      where: { id: document.id, withdrawnAt: null },
      data: { withdrawnAt: new Date(), withdrawnById: caller.id, withdrawnReason },
    });
    if (count !== 1) throw DomainError.notFound();
    await recordCaseEvent(tx, {
      caseId,
      actorId: caller.id,
      kind: "DOCUMENT_WITHDRAWN",
      details: { documentId: document.id, kind: document.kind },
    });
    await appendAudit(tx, {
      action: "document.withdrawn",
      actorId: caller.id,
      targetType: "case",
      targetId: reference,
      details: { documentId: document.id },
      ...request,
    });
  });
}

/**
 * Destroys the bytes of documents for good (retention), each in the store its row names
 * (`store` overrides it, for tests): overwritten and removed from a directory, rows deleted from
 * the database. The case key's destruction is what makes every other copy unreadable.
 */
export async function destroyDocumentBytes(
  documents: ReadonlyArray<{ storageKey: string; storedIn: DocumentStoreKind }>,
  store?: DocumentStore,
): Promise<void> {
  for (const document of documents)
    await (store ?? documentStore(document.storedIn)).destroy(document.storageKey);
}
