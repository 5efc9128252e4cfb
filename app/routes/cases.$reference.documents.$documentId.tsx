// Downloads a case document: only through here, after the case check, as an
// attachment that no browser will sniff, render or run.
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { openDocumentForDownload } from "~/modules/documents/documents.server";
import { requestContext } from "~/utils/request.server";
import { applyCommonHeaders } from "~/utils/security-headers.server";
import { loaderWith } from "~/utils/answer.server";

/** RFC 6266: an ASCII fallback for old clients, and the real name in UTF-8 (RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const document = await openDocumentForDownload(
      user,
      params.reference ?? "",
      params.documentId ?? "",
      requestContext(request),
    );
    const headers = new Headers({
      "Content-Type": document.mediaType,
      "Content-Length": String(document.sizeBytes),
      "Content-Disposition": attachmentDisposition(document.fileName),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    });
    applyCommonHeaders(headers, request);
    return new Response(Readable.toWeb(document.body) as ReadableStream<Uint8Array>, {
      status: 200,
      headers,
    });
  },
);
