// Reading a multipart form with one file: streamed, with a cap on the file, on
// each text field, on the number of parts and on the whole body, so that no
// upload can fill the memory and no malformed body becomes a 500.
import { DomainError } from "./domain-error";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

export type UploadForm = {
  /** The text fields, as a form (files are never in it). */
  fields: FormData;
  /** The file, or null when none was chosen (browsers send an empty part then). */
  file: { name: string; bytes: Uint8Array } | null;
  /** The file went past `maxFileBytes`; its bytes were read and thrown away. */
  fileTooLarge: boolean;
};

/** The body cannot be read as the form: 413 past the total cap, 400 when malformed (by the file field). */
export class UploadBodyError extends DomainError {
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? "tooLarge" : "invalid", {
      fieldErrors: {
        file: status === 413 ? "caseFile.documents.tooLarge" : "caseFile.documents.badUpload",
      },
    });
  }
}

// Room for the text fields and the multipart framing around the file.
const FRAMING_BYTES = 256 * 1024;

export async function readUploadForm(
  request: Request,
  options: { fileField: string; maxFileBytes: number; maxFieldBytes?: number; maxParts?: number },
): Promise<UploadForm> {
  const { fileField, maxFileBytes, maxFieldBytes = 16 * 1024, maxParts = 20 } = options;
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType) || !request.body)
    throw new UploadBodyError(400);
  const maxBody = maxFileBytes + FRAMING_BYTES;
  if (Number(request.headers.get("Content-Length") ?? "0") > maxBody)
    throw new UploadBodyError(413);

  let received = 0;
  let bodyTooLarge = false;
  // preventCancel: past the cap the request's body is left unread, not cancelled (on Node a
  // cancel destroys the socket before the 413 is sent); the server then closes the connection.
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBody) {
          bodyTooLarge = true;
          controller.error(new UploadBodyError(413));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
    { preventCancel: true },
  );

  let parts = 0;
  let file: UploadForm["file"] = null;
  let fileTooLarge = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    parts += 1;
    if (parts > maxParts) throw new UploadBodyError(400);
    if (filename !== undefined) {
      // Exactly one file, in the expected field.
      if (name !== fileField || file !== null || fileTooLarge) throw new UploadBodyError(400);
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > maxFileBytes) fileTooLarge = true;
        else chunks.push(chunk);
      }
      if (!fileTooLarge && (size > 0 || filename !== ""))
        file = { name: filename, bytes: new Uint8Array(Buffer.concat(chunks)) };
      return undefined;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxFieldBytes) throw new UploadBodyError(400);
      chunks.push(chunk);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  };

  try {
    const fields = await unstable_parseMultipartFormData(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: counted,
        // Node's fetch needs this to send a stream as a body.
        duplex: "half",
      } as RequestInit),
      handler,
    );
    return { fields, file, fileTooLarge };
  } catch (error) {
    if (bodyTooLarge) throw new UploadBodyError(413);
    if (error instanceof UploadBodyError) throw error;
    throw new UploadBodyError(400);
  }
}
