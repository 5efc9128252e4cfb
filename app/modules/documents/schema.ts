// Forms for a case's documents, shared by the browser and the actions. The
// file itself is checked on the server only (by content: see sniff.ts).
import { requiredChoice, requiredLongText, requiredText } from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export const DOCUMENT_KINDS = [
  "CONTRACT",
  "PAY_SLIP",
  "MEDICAL_REPORT",
  "COURT_DECISION",
  "PHOTO",
  "CORRESPONDENCE",
  "OTHER",
] as const;

export type DocumentKindName = (typeof DOCUMENT_KINDS)[number];

/** 25 MiB: a scanned court decision or a phone photo fits; a video does not. */
export const DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;
export const DOCUMENT_TITLE_MAX = 200;

/** What the file input offers; the server decides by content, whatever the browser sends. */
export const DOCUMENT_ACCEPT = [
  ".pdf",
  ".jpg",
  ".jpeg",
  ".png",
  ".heic",
  ".heif",
  ".docx",
  ".odt",
  ".txt",
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/heic",
  "image/heif",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.oasis.opendocument.text",
  "text/plain",
].join(",");

export const documentSchema = z.object({
  title: requiredText(DOCUMENT_TITLE_MAX),
  kind: requiredChoice(DOCUMENT_KINDS),
});

export const withdrawDocumentSchema = z.object({
  documentId: z.string().check(z.regex(/^[a-z0-9]{20,32}$/, "validation.invalid")),
  reason: requiredLongText(2000),
});
