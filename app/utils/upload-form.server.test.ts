// The multipart reader: one file and small text fields come through; an
// oversize file is read past and reported with the fields kept; an oversize
// body, a text field that is too long, a second file or a malformed body is
// a 413 or 400 — never an exception of another kind.
import { describe, expect, it } from "vitest";
import { readUploadForm, UploadBodyError } from "./upload-form.server";

const BOUNDARY = "----adal-test-boundary";

function multipart(
  parts: Array<{ name: string; value: string | Uint8Array; filename?: string }>,
  headers: Record<string, string> = {},
): Request {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.filename !== undefined)
      chunks.push(Buffer.from("Content-Type: application/octet-stream\r\n"));
    chunks.push(Buffer.from("\r\n"), Buffer.from(part.value), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return new Request("http://localhost/cases/X/documents", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body: Buffer.concat(chunks),
  });
}

const options = { fileField: "file", maxFileBytes: 1024 };

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the upload to be refused");
}

describe("readUploadForm", () => {
  it("returns the text fields and the file's name and bytes", async () => {
    const upload = await readUploadForm(
      multipart([
        { name: "title", value: "Трудовой договор" },
        { name: "kind", value: "CONTRACT" },
        { name: "file", value: new Uint8Array([1, 2, 3]), filename: "contract.pdf" },
      ]),
      options,
    );
    expect(upload.fields.get("title")).toBe("Трудовой договор");
    expect(upload.fields.get("kind")).toBe("CONTRACT");
    expect(upload.file?.name).toBe("contract.pdf");
    expect([...upload.file!.bytes]).toEqual([1, 2, 3]);
    expect(upload.fileTooLarge).toBe(false);
  });

  it("treats an empty, unnamed file part (nothing chosen) as no file", async () => {
    const upload = await readUploadForm(
      multipart([
        { name: "title", value: "x" },
        { name: "file", value: "", filename: "" },
      ]),
      options,
    );
    expect(upload.file).toBeNull();
  });

  it("keeps only the base name of a file name with a path", async () => {
    const upload = await readUploadForm(
      multipart([{ name: "file", value: "x", filename: "../../etc/passwd" }]),
      options,
    );
    expect(upload.file?.name).toBe("passwd");
  });

  it("reads past an oversize file, keeping the fields that follow it", async () => {
    const upload = await readUploadForm(
      multipart([
        { name: "file", value: new Uint8Array(1025), filename: "big.pdf" },
        { name: "title", value: "Kept" },
      ]),
      options,
    );
    expect(upload).toMatchObject({ file: null, fileTooLarge: true });
    expect(upload.fields.get("title")).toBe("Kept");
  });

  it("answers 413 to a body far past the limit, declared or not", async () => {
    const big = multipart([{ name: "file", value: new Uint8Array(400 * 1024), filename: "a" }]);
    const declared = await failure(
      readUploadForm(
        multipart([{ name: "file", value: "x", filename: "a" }], {
          "Content-Length": String(10 * 1024 * 1024),
        }),
        options,
      ),
    );
    expect(declared).toMatchObject({ status: 413 });
    const streamed = await failure(readUploadForm(big, options));
    expect(streamed).toBeInstanceOf(UploadBodyError);
    expect(streamed).toMatchObject({ status: 413 });
  });

  it.each([
    ["a text field over its limit", [{ name: "title", value: "x".repeat(17 * 1024) }]],
    [
      "a second file",
      [
        { name: "file", value: "a", filename: "a.txt" },
        { name: "file", value: "b", filename: "b.txt" },
      ],
    ],
    ["a file in another field", [{ name: "other", value: "a", filename: "a.txt" }]],
    ["too many parts", Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, value: "x" }))],
  ])("answers 400 to %s", async (_name, parts) => {
    const error = await failure(readUploadForm(multipart(parts), options));
    expect(error).toBeInstanceOf(UploadBodyError);
    expect(error).toMatchObject({ status: 400 });
  });

  it("answers 400 to a body that is not multipart or is cut off", async () => {
    const notMultipart = new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "title=x",
    });
    expect(await failure(readUploadForm(notMultipart, options))).toMatchObject({ status: 400 });
    const cut = new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated`,
    });
    expect(await failure(readUploadForm(cut, options))).toMatchObject({ status: 400 });
  });
});
