// Downloads a case document: only through here, after the case check, as an
// attachment that no browser will sniff, render or run, decrypted as it is
// sent. A document that cannot be had now (the server is sealed, it was
// destroyed, it failed its integrity check) answers with a page saying so.
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { openDocumentForDownload } from "~/modules/documents/documents.server";
import { requestContext } from "~/utils/request.server";
import { applyCommonHeaders } from "~/utils/security-headers.server";
import { loaderWith } from "~/utils/answer.server";
import { plainPage } from "~/utils/plain-page.server";

/** RFC 6266: an ASCII fallback for old clients, and the real name in UTF-8 (RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** What a document that cannot be had now answers: a page saying why, never a file. */
const UNAVAILABLE = {
  sealed: { status: 423, key: "sealed" },
  destroyed: { status: 410, key: "destroyed" },
  unreadable: { status: 500, key: "unreadable" },
} as const;

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    const document = await openDocumentForDownload(
      user,
      reference,
      params.documentId ?? "",
      requestContext(request),
    );
    if (!document.ok) {
      const { status, key } = UNAVAILABLE[document.reason];
      return plainPage(request, {
        status,
        title: `caseFile.documents.unavailable.${key}.title`,
        body: `caseFile.documents.unavailable.${key}.body`,
        back: {
          href: `/cases/${encodeURIComponent(reference)}/documents`,
          label: "caseFile.documents.unavailable.back",
        },
      });
    }
    const headers = new Headers({
      "Content-Type": document.mediaType,
      "Content-Length": String(document.sizeBytes),
      "Content-Disposition": attachmentDisposition(document.fileName),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    });
    applyCommonHeaders(headers, request);
    // The bytes are decrypted as they are sent; damage found on the way ends the response
    // with an error, so the download fails instead of ending short.
    return new Response(Readable.toWeb(document.body) as ReadableStream<Uint8Array>, {
      status: 200,
      headers,
    });
  },
);
