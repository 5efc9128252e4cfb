// Case documents: a lawyer uploads a pay slip to a demo case, sees its SHA-256,
// downloads it and gets exactly those bytes, served as an attachment that no
// browser will sniff or run, while the server's disk holds only ciphertext; an
// HTML page named .pdf is refused by the field; a file changed on the disk
// fails its download with a page saying so, and the administrators are told.
import { createHash, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pdfFile } from "../tests/fixtures/documents";
import { expect, test, texts, waitForHydration } from "./fixtures";
import type { App } from "./support/app";
import { recordCase } from "./support/cases";
import { E2E_DATABASE_FILE } from "./support/env";
import { withCaseKey } from "./support/keys";

const en = texts.en;
const labels = en.caseFile.documents;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The oldest demo case (the seed records them all), with its key; each test puts its lawyer on it. */
async function demoCase(app: App): Promise<string> {
  const found = await app.prisma.case.findFirstOrThrow({
    orderBy: { createdAt: "asc" },
    select: { reference: true },
  });
  await withCaseKey(app, found.reference);
  return found.reference;
}

/** The server's local document store: beside the e2e database. */
const storedFile = (storageKey: string) =>
  path.join(path.dirname(E2E_DATABASE_FILE), "documents", storageKey);

/** The document of the case uploaded last, as stored. */
async function lastDocument(app: App, reference: string) {
  return app.prisma.caseDocument.findFirstOrThrow({
    where: { case: { reference } },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, fileName: true, storageKey: true },
  });
}

test("a lawyer uploads a pay slip, sees its SHA-256, and the download has exactly that hash", async ({
  page,
  app,
  loginAs,
  assignTo,
}) => {
  const reference = await demoCase(app);
  const { user: lawyer } = await loginAs("LAWYER");
  await assignTo(reference, lawyer, "SUPPORTING_LAWYER");
  const title = `Pay slip, March ${randomUUID().slice(0, 8)}`;
  const pdf = pdfFile(`Pay slip for March, ${title}`);

  await page.goto(`/cases/${reference}`);
  const documents = page.getByRole("region", { name: labels.heading });
  const submit = documents.getByRole("button", { name: labels.submit });
  await waitForHydration(submit);
  await documents.getByLabel(label(labels.title)).fill(title);
  await documents.getByLabel(label(labels.kind)).selectOption("PAY_SLIP");
  await documents.getByLabel(label(labels.file)).setInputFiles({
    name: "pay-slip-march.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(pdf),
  });
  await submit.click();
  await expect(page.getByText(labels.uploaded)).toBeVisible();

  const item = documents.getByRole("listitem").filter({ hasText: title });
  const shown = (await item.getByTestId("document-sha256").textContent())?.trim();
  expect(shown).toBe(sha256(pdf));
  // On the server's disk and in its database: ciphertext only.
  const stored = await lastDocument(app, reference);
  expect(stored.title).toMatch(/^enc:v1:/);
  expect(stored.fileName).toMatch(/^enc:v1:/);
  const onDisk = await readFile(storedFile(stored.storageKey));
  expect(onDisk.includes(Buffer.from("Pay slip for March"))).toBe(false);
  expect(sha256(onDisk)).not.toBe(shown);
  await expect(item.getByText(labels.kinds.PAY_SLIP, { exact: true })).toBeVisible();

  const link = item.getByRole("link", { name: `${labels.download} ${title}` });
  const href = (await link.getAttribute("href"))!;
  const downloading = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("pay-slip-march.pdf");
  const downloaded = await readFile((await download.path())!);
  expect(sha256(downloaded)).toBe(shown);

  // Served as an attachment that is never sniffed, framed or run.
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-type"]).toBe("application/pdf");
  expect(headers["content-disposition"]).toMatch(
    /^attachment; filename="pay-slip-march\.pdf"; filename\*=UTF-8''pay-slip-march\.pdf$/,
  );
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(headers["cache-control"]).toBe("no-store");

  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(timeline.getByText(`${title} · ${labels.kinds.PAY_SLIP}`)).toBeVisible();

  // The uploader withdraws it: it leaves the list, the reason stays in the timeline.
  await item.getByText(labels.withdraw, { exact: true }).click();
  await item.getByLabel(label(labels.withdrawReason)).fill("Uploaded to the wrong case");
  await item.getByRole("button", { name: labels.withdrawSubmit }).click();
  await expect(page.getByText(labels.withdrawn)).toBeVisible();
  await expect(documents.getByRole("heading", { name: title })).toHaveCount(0);
  await expect(
    timeline.getByText(`${title} · ${labels.kinds.PAY_SLIP}: Uploaded to the wrong case`),
  ).toBeVisible();
  // Withdrawn documents are for coordinators only.
  expect((await page.request.get(href)).status()).toBe(404);
});

test("an HTML page named .pdf is refused with the message by the file field, and the title is kept", async ({
  page,
  app,
  loginAs,
  assignTo,
}) => {
  const reference = await demoCase(app);
  const { user: lawyer } = await loginAs("LAWYER");
  await assignTo(reference, lawyer, "SUPPORTING_LAWYER");
  const title = `Not a pay slip ${randomUUID().slice(0, 8)}`;

  await page.goto(`/cases/${reference}`);
  const documents = page.getByRole("region", { name: labels.heading });
  const submit = documents.getByRole("button", { name: labels.submit });
  await waitForHydration(submit);
  await documents.getByLabel(label(labels.title)).fill(title);
  await documents.getByLabel(label(labels.kind)).selectOption("PAY_SLIP");
  await documents.getByLabel(label(labels.file)).setInputFiles({
    name: "pay-slip.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
  });
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await submit.click();
  expect((await answer).status()).toBe(400);

  const file = page.getByLabel(label(labels.file));
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expect(file).toHaveAccessibleDescription(new RegExp(escapeRegExp(labels.unsupported)));
  await expect(page.getByLabel(label(labels.title))).toHaveValue(title);
  expect(
    await app.prisma.caseDocument.count({
      where: { case: { reference }, uploadedById: lawyer.id },
    }),
  ).toBe(0);
});

test("a file changed on the server's disk fails its download with a page saying so, and the administrators are told", async ({
  page,
  app,
  loginAs,
  createUser,
  assignTo,
}) => {
  // A case of its own: administrators hear of a damaged case once a day (a retry needs a new one).
  const reference = await recordCase(app, await createUser("ORGANIZER"));
  const { user: lawyer } = await loginAs("LAWYER");
  await assignTo(reference, lawyer, "SUPPORTING_LAWYER");
  const title = `Court decision ${randomUUID().slice(0, 8)}`;
  // Several encrypted chunks: damage at the end is found only after the first bytes went out.
  const pdf = pdfFile(`Decision of the court, ${"page ".repeat(60_000)}`);

  await page.goto(`/cases/${reference}`);
  const documents = page.getByRole("region", { name: labels.heading });
  const submit = documents.getByRole("button", { name: labels.submit });
  await waitForHydration(submit);
  await documents.getByLabel(label(labels.title)).fill(title);
  await documents.getByLabel(label(labels.kind)).selectOption("COURT_DECISION");
  await documents.getByLabel(label(labels.file)).setInputFiles({
    name: "decision.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(pdf),
  });
  await submit.click();
  await expect(page.getByText(labels.uploaded)).toBeVisible();
  const stored = await lastDocument(app, reference);
  const href = `/cases/${reference}/documents/${stored.id}`;
  const sealed = await readFile(storedFile(stored.storageKey));
  const alerts = () =>
    app.prisma.notification.count({
      where: { kind: "SECURITY_ALERT", details: { contains: reference } },
    });
  const alertsBefore = await alerts();

  // Changed near the end: the response stops short of its Content-Length, never a short file —
  // or, when the server finds the damage before the first byte leaves (a fast machine reads
  // every chunk ahead), the error page.
  const late = Buffer.from(sealed);
  late[late.byteLength - 20]! ^= 0x01;
  await writeFile(storedFile(stored.storageKey), late);
  const lateAnswer = await page.request
    .get(href)
    .then(async (response) => ({ status: response.status(), body: await response.body() }))
    .catch(() => null);
  if (lateAnswer) {
    expect(lateAnswer.status).toBe(500);
    expect(lateAnswer.body.includes(Buffer.from("Decision of the court"))).toBe(false);
  }

  // Changed at the start: nothing is sent but a page that says what happened.
  const early = Buffer.from(sealed);
  early[40]! ^= 0x01;
  await writeFile(storedFile(stored.storageKey), early);
  const answer = await page.goto(href);
  expect(answer?.status()).toBe(500);
  await expect(
    page.getByRole("heading", { name: labels.unavailable.unreadable.title }),
  ).toBeVisible();
  await page.getByRole("link", { name: labels.unavailable.back }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${reference}/documents$`));
  await expect.poll(alerts).toBeGreaterThan(alertsBefore);

  await writeFile(storedFile(stored.storageKey), sealed);
  expect((await page.request.get(href)).status()).toBe(200);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the upload is a plain multipart form", async ({ page, app, loginAs, assignTo }) => {
    const reference = await demoCase(app);
    const { user: lawyer } = await loginAs("LAWYER");
    await assignTo(reference, lawyer, "SUPPORTING_LAWYER");
    const title = `Contract ${randomUUID().slice(0, 8)}`;
    await page.goto(`/cases/${reference}`);
    const documents = page.getByRole("region", { name: labels.heading });
    // Without JavaScript the case file's forms open on demand (a native <details>).
    await documents.locator("summary", { hasText: labels.submit }).click();
    await documents.getByLabel(label(labels.title)).fill(title);
    await documents.getByLabel(label(labels.kind)).selectOption("CONTRACT");
    await documents.getByLabel(label(labels.file)).setInputFiles({
      name: "contract.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Employment contract No. 17, signed 2025-03-01.\n"),
    });
    await documents.getByRole("button", { name: labels.submit }).click();
    await expect(page.getByText(labels.uploaded)).toBeVisible();
    await expect(
      page.getByRole("region", { name: labels.heading }).getByRole("heading", { name: title }),
    ).toBeVisible();
  });
});

/** A field by its label, which ends with a required mark. */
function label(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}`);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
