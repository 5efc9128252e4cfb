// The upload and download routes as the server runs them: every bad upload
// gets a 4xx with a translated message by the file field (never a 500), a
// download is an attachment with headers that stop any browser running it,
// and a document that cannot be had now answers a translated page saying why.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE_NAME, createSession } from "~/modules/auth/session.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { DOCUMENT_MAX_BYTES } from "~/modules/documents/schema";
import { pdfFile } from "../../tests/fixtures/documents";
import { putOnCase } from "../../tests/fixtures/assignment";
import { minimalIntake } from "../../tests/fixtures/intake";
import { unsealedDemoKeyring, whileSealed, withCaseKey } from "../../tests/fixtures/keyring";
import { loader as downloadLoader } from "./cases.$reference.documents.$documentId";
import { action } from "./cases.$reference.documents";

process.env.ADAL_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "adal-documents-route-"));

const BOUNDARY = "----adal-route-test";
let cookie: string;
let reference: string;

beforeAll(async () => {
  await unsealedDemoKeyring();
  const { id } = await createUser(
    { email: "arman@example.org", displayName: "Arman", role: "LAWYER", regions: ["ATYRAU"] },
    { actorId: null },
  );
  const organizer = await createUser(
    { email: "dana@example.org", displayName: "Dana", role: "ORGANIZER", regions: ["ATYRAU"] },
    { actorId: null },
  );
  cookie = `${SESSION_COOKIE_NAME}=${await createSession(id)}`;
  const parsed = validateIntake(minimalIntake("UNPAID_WAGES"));
  if (!parsed.success) throw new Error("invalid intake fixture");
  reference = (await createIntake(parsed.data, { userId: organizer.id })).reference;
  // The lawyer acts on the case they are assigned to.
  const coordinator = await createUser(
    { email: "saule@example.org", displayName: "Saule", role: "COORDINATOR", regions: ["ATYRAU"] },
    { actorId: null },
  );
  await putOnCase(reference, { id }, "LEAD_LAWYER", coordinator);
  const { prisma } = await import("~/db.server");
  await withCaseKey((await prisma.case.findUniqueOrThrow({ where: { reference } })).id);
});

function uploadRequest(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  if (file)
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from("\r\n"),
    );
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return new Request(`http://localhost/cases/${reference}/documents`, {
    method: "POST",
    headers: {
      Cookie: cookie,
      Origin: "http://localhost",
      "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
    },
    body: Buffer.concat(chunks),
  });
}

async function post(request: Request) {
  const response = (await action({ request, params: { reference }, context: {} })) as Response;
  const body = response.headers.get("Content-Type")?.includes("json")
    ? await response.json()
    : null;
  return { status: response.status, body, location: response.headers.get("Location") };
}

const fields = { intent: "upload", title: "Pay slip, March", kind: "PAY_SLIP" };

describe("the upload action", () => {
  it("stores a PDF and redirects to the case", async () => {
    const answer = await post(uploadRequest(fields, { name: "march.pdf", bytes: pdfFile() }));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/cases/${reference}?done=document#documents`);
  });

  it("answers 400 with the message by the file field to an HTML page named .pdf, keeping the title", async () => {
    const answer = await post(
      uploadRequest(fields, {
        name: "march.pdf",
        bytes: Buffer.from("<html><body>x</body></html>"),
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      intent: "upload",
      values: { title: "Pay slip, March", kind: "PAY_SLIP" },
      fieldErrors: { file: "caseFile.documents.unsupported" },
    });
  });

  it("answers 413 by the file field to a file just over 25 MB, keeping the title", async () => {
    const answer = await post(
      uploadRequest(fields, { name: "big.pdf", bytes: new Uint8Array(DOCUMENT_MAX_BYTES + 1) }),
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      values: { title: "Pay slip, March" },
      fieldErrors: { file: "caseFile.documents.tooLarge" },
    });
  });

  it("answers 413 to a body far over the limit", async () => {
    const answer = await post(
      uploadRequest(fields, {
        name: "huge.pdf",
        bytes: new Uint8Array(DOCUMENT_MAX_BYTES + 1024 * 1024),
      }),
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ fieldErrors: { file: "caseFile.documents.tooLarge" } });
  });

  it("answers 400 to a missing file, a missing title and a malformed body", async () => {
    const noFile = await post(uploadRequest(fields));
    expect(noFile).toMatchObject({
      status: 400,
      body: { fieldErrors: { file: "caseFile.documents.fileRequired" } },
    });
    const noTitle = await post(
      uploadRequest({ ...fields, title: " " }, { name: "a.pdf", bytes: pdfFile() }),
    );
    expect(noTitle).toMatchObject({
      status: 400,
      body: { fieldErrors: { title: "validation.required" } },
    });
    const malformed = new Request(`http://localhost/cases/${reference}/documents`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\ncut off`,
    });
    expect(await post(malformed)).toMatchObject({
      status: 400,
      body: { fieldErrors: { file: "caseFile.documents.badUpload" } },
    });
  });
});

/** The newest document of the case, as stored. */
async function newestDocument() {
  const { prisma } = await import("~/db.server");
  return prisma.caseDocument.findFirstOrThrow({
    where: { case: { reference } },
    orderBy: { createdAt: "desc" },
    select: { id: true, sha256: true, storageKey: true },
  });
}

/** A download by the lawyer, whose account speaks Russian (the default). */
function download(documentId: string) {
  return downloadLoader({
    request: new Request(`http://localhost/cases/${reference}/documents/${documentId}`, {
      headers: { Cookie: cookie },
    }),
    params: { reference, documentId },
    context: {},
  });
}

describe("the download loader", () => {
  it("serves the original bytes as a sandboxed, unsniffable attachment with a UTF-8 file name", async () => {
    const pdf = pdfFile();
    const answer = await post(
      uploadRequest(fields, { name: "Расчётный листок (март).pdf", bytes: pdf }),
    );
    expect(answer.status).toBe(302);
    const document = await newestDocument();
    const response = await download(document.id);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(pdf.byteLength),
      "content-disposition":
        "attachment; filename=\"_________ ______ (____).pdf\"; filename*=UTF-8''%D0%A0%D0%B0%D1%81%D1%87%D1%91%D1%82%D0%BD%D1%8B%D0%B9%20%D0%BB%D0%B8%D1%81%D1%82%D0%BE%D0%BA%20%28%D0%BC%D0%B0%D1%80%D1%82%29.pdf",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "no-store",
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(document.sha256);
  });

  it("answers the translated 423 page while the server is sealed, and the upload 423 with nothing stored", async () => {
    expect((await post(uploadRequest(fields, { name: "a.pdf", bytes: pdfFile() }))).status).toBe(
      302,
    );
    const document = await newestDocument();
    await whileSealed(async () => {
      const response = await download(document.id);
      expect(response.status).toBe(423);
      expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("Content-Disposition")).toBeNull();
      expect(response.headers.get("Content-Security-Policy")).toContain("script-src 'nonce-");
      const page = await response.text();
      expect(page).toContain('<html lang="ru">');
      expect(page).toContain("Сервер запечатан");
      expect(page).toContain(`href="/cases/${reference}/documents"`);

      const refused = await action({
        request: uploadRequest(fields, { name: "b.pdf", bytes: pdfFile() }),
        params: { reference },
        context: {},
      }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(423);
      expect((await newestDocument()).id).toBe(document.id);
    });
  });

  it("answers a 500 page for a file that fails its check, and fails the body mid-way for later damage", async () => {
    const { LocalDocumentStore } = await import("~/modules/documents/store.server");
    const long = pdfFile("x".repeat(300_000));
    expect((await post(uploadRequest(fields, { name: "long.pdf", bytes: long }))).status).toBe(302);
    const document = await newestDocument();
    const store = new LocalDocumentStore(path.join(process.env.ADAL_DATA_DIR!, "documents"));
    const file = store.pathFor(document.storageKey);
    const sealed = readFileSync(file);

    const late = Buffer.from(sealed);
    late[late.byteLength - 100]! ^= 0x01;
    writeFileSync(file, late);
    const cut = await download(document.id);
    expect(cut.status).toBe(200);
    await expect(cut.arrayBuffer()).rejects.toThrow();

    const early = Buffer.from(sealed);
    early[40]! ^= 0x01;
    writeFileSync(file, early);
    const refused = await download(document.id);
    expect(refused.status).toBe(500);
    expect(await refused.text()).toContain("Документ не читается");
  });
});
