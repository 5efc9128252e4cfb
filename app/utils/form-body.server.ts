import { nestEntries } from "./nested";

// Reading a submitted form safely: a size cap before anything is parsed, and
// dotted field names ("workers.0.fullName") turned into nested values.
// Repeated keys become arrays, so a schema expecting one value refuses them.

const MAX_FIELDS = 20_000;

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The request's form — the one way every action reads its body. Thrown
 * answers: 415 for a body that is not a form (JSON, text, bytes), 413 past
 * `maxBytes` (read from the stream, whatever Content-Length claims), 400 for
 * a form that does not parse.
 */
export async function readForm(request: Request, maxBytes: number): Promise<FormData> {
  const contentType = request.headers.get("Content-Type");
  if (contentType === null ? request.body !== null : !FORM_TYPE.test(contentType)) {
    // Not cancelled: on Node that destroys the socket before the answer is sent.
    throw new Response("Unsupported Media Type: send a form", { status: 415 });
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw new Response("Payload too large", { status: 413 });
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Reading stops here. Not cancelled: on Node that destroys the socket, and the
        // sender would get no answer; the server closes the connection once the 413 is
        // sent instead (server/http-guards.js, closeUnreadBodies).
        reader.releaseLock();
        throw new Response("Payload too large", { status: 413 });
      }
      chunks.push(value);
    }
  }
  try {
    return await new Response(Buffer.concat(chunks), {
      headers: {
        "Content-Type": request.headers.get("Content-Type") ?? "application/x-www-form-urlencoded",
      },
    }).formData();
  } catch {
    throw new Response("Bad form body", { status: 400 });
  }
}

/** The form as nested values; a file where text is expected becomes an object the schema refuses. */
export function nestFormData(formData: FormData): Record<string, unknown> {
  const entries: Array<[string, unknown]> = [];
  for (const [key, value] of formData) {
    if (entries.length >= MAX_FIELDS) throw new Response("Too many fields", { status: 400 });
    entries.push([key, typeof value === "string" ? value : { file: value.name }]);
  }
  return nestEntries(entries);
}
