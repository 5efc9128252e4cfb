// Evidence on a case: checked by content, stripped of location metadata,
// stored under a server-generated key outside public/, and recorded with its
// SHA-256 so a lawyer can prove a file is the one received. Never deleted: a
// withdrawn document leaves the default view but stays for coordinators.
import { DomainError } from "~/utils/domain-error";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { prisma } from "~/db.server";
import type { DocumentKind } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { requireCaseAccess } from "~/modules/cases/access.server";
import { recordCaseView } from "~/modules/cases/views.server";
import { recordCaseEvent } from "~/modules/cases/timeline.server";
import { cleanLine } from "~/utils/text";
import { DOCUMENT_MAX_BYTES } from "./schema";
import { sniff, type DetectedType } from "./sniff";
import { documentStore, newStorageKey, type DocumentStore } from "./store.server";
import { StripFailure, stripMetadata } from "./strip-metadata";
import type { Caller, RequestContext } from "~/modules/auth/caller";

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
  return {
    type,
    bytes: stored,
    sha256: sha256(stored),
    receivedSha256: stripped ? sha256(bytes) : null,
    metadataStripped: stripped,
  };
}

export async function uploadDocument(
  caller: Caller,
  reference: string,
  upload: { title: string; kind: DocumentKind; fileName: string; bytes: Uint8Array },
  request: RequestContext = {},
  store: DocumentStore = documentStore(),
): Promise<{ id: string; sha256: string }> {
  const { id: caseId } = await requireCaseAccess(caller, reference);
  const prepared = prepareDocument(upload.bytes);
  const storageKey = newStorageKey();
  await store.put(storageKey, prepared.bytes);
  try {
    return await prisma.$transaction(async (tx) => {
      const created = await tx.caseDocument.create({
        data: {
          caseId,
          title: upload.title,
          kind: upload.kind,
          mediaType: prepared.type.mediaType,
          fileName: cleanFileName(upload.fileName, prepared.type),
          sizeBytes: prepared.bytes.length,
          sha256: prepared.sha256,
          receivedSha256: prepared.receivedSha256,
          metadataStripped: prepared.metadataStripped,
          storageKey,
          uploadedById: caller.id,
        },
        select: { id: true, sha256: true },
      });
      await recordCaseEvent(tx, {
        caseId,
        actorId: caller.id,
        kind: "DOCUMENT_ADDED",
        details: { documentId: created.id, title: upload.title, kind: upload.kind },
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
          sizeBytes: prepared.bytes.length,
          sha256: prepared.sha256,
        },
        ...request,
      });
      return created;
    });
  } catch (error) {
    // No row points at the bytes: they must not stay behind.
    await store.remove(storageKey);
    throw error;
  }
}

/**
 * The documents this viewer sees, newest first: current ones by default;
 * coordinators also get withdrawn ones, marked. Unchecked: the caller already passed requireCaseAccess.
 */
export async function uncheckedListDocuments(caseId: string, viewer: Caller) {
  const documents = await prisma.caseDocument.findMany({
    where: { caseId, ...(viewer.role === "COORDINATOR" ? {} : { withdrawnAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      mediaType: true,
      fileName: true,
      sizeBytes: true,
      sha256: true,
      receivedSha256: true,
      metadataStripped: true,
      createdAt: true,
      withdrawnAt: true,
      withdrawnReason: true,
      uploadedBy: { select: { id: true, displayName: true } },
    },
  });
  return documents.map(({ uploadedBy, ...document }) => ({
    ...document,
    uploadedBy: { displayName: uploadedBy.displayName },
    canWithdraw: !document.withdrawnAt && mayWithdraw(viewer, uploadedBy.id),
  }));
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
      uploadedById: true,
      withdrawnAt: true,
    },
  });
  if (!document) throw DomainError.notFound();
  return document;
}

export async function openDocumentForDownload(
  caller: Caller,
  reference: string,
  documentId: string,
  request: RequestContext = {},
  store: DocumentStore = documentStore(),
): Promise<{
  body: Readable;
  mediaType: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}> {
  const found = await requireCaseAccess(caller, reference);
  const document = await findDocument(caller, found.id, documentId);
  const body = await store.get(document.storageKey);
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
    body,
    mediaType: document.mediaType,
    fileName: document.fileName,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
  };
}

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
    // Only if still current: two people withdrawing at once write one entry.
    const { count } = await tx.caseDocument.updateMany({
      where: { id: document.id, withdrawnAt: null },
      data: {
        withdrawnAt: new Date(),
        withdrawnById: caller.id,
        withdrawnReason: withdrawal.reason,
      },
    });
    if (count !== 1) throw DomainError.notFound();
    await recordCaseEvent(tx, {
      caseId,
      actorId: caller.id,
      kind: "DOCUMENT_WITHDRAWN",
      details: {
        documentId: document.id,
        title: document.title,
        kind: document.kind,
        reason: withdrawal.reason,
      },
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
