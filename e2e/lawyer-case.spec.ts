// Issue 4's "done when": a lawyer runs a case inside its file — a note, a
// claim with its hearing, a pay slip whose download has the hash shown, the
// move to resolved with the wages recovered — and every step is on the timeline.
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { todayInKazakhstan } from "~/utils/time";
import { pdfFile } from "../tests/fixtures/documents";
import { expect, test, texts, waitForHydration } from "./fixtures";

const en = texts.en;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

test("a lawyer runs a demo case from note to resolution, with evidence whose hash matches, and sees every step on the timeline", async ({
  page,
  app,
  loginAs,
}) => {
  // The newest demo case a coordinator has assigned; the test's lawyer joins it.
  const demo = await app.prisma.case.findFirstOrThrow({
    where: { status: "ASSIGNED", organizer: { email: { endsWith: "@example.org" } } },
    orderBy: { createdAt: "desc" },
    select: { id: true, reference: true, assignments: { select: { assignedById: true } } },
  });
  const { user: lawyer } = await loginAs("LAWYER");
  await app.prisma.caseAssignment.create({
    data: {
      caseId: demo.id,
      userId: lawyer.id,
      role: "SUPPORTING_LAWYER",
      assignedById: demo.assignments[0]?.assignedById ?? lawyer.id,
    },
  });
  const { reference } = demo;
  const tag = randomUUID().slice(0, 8);

  await page.goto(`/cases/${reference}`);
  await expect(page.getByText(`${lawyer.displayName} · Supporting lawyer`)).toBeVisible();

  // A note.
  await waitForHydration(page.getByRole("button", { name: en.caseFile.notes.submit }));
  await page
    .getByLabel(/^New note/)
    .fill(`Called the worker's brother; documents on the way ${tag}`);
  await page.getByRole("button", { name: en.caseFile.notes.submit }).click();
  await expect(page.getByText(en.caseFile.notes.added)).toBeVisible();

  // A civil claim and its hearing.
  const p = en.caseFile.proceedings;
  const court = `Atyrau city court ${tag}`;
  await page.getByRole("region", { name: p.heading }).getByRole("link", { name: p.add }).click();
  await waitForHydration(page.getByRole("button", { name: p.submitAdd }));
  await page.getByLabel(/^Kind of proceeding/).selectOption("CIVIL_CLAIM");
  await page.getByLabel(/^Status/).selectOption("FILED");
  await page.getByLabel(/^Authority or court/).fill(court);
  await page.getByLabel(/^Filed on/).fill(todayInKazakhstan());
  await page.getByRole("button", { name: p.submitAdd }).click();
  await expect(page.getByText(p.added)).toBeVisible();
  const addDate = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: p.dates.submitAdd, exact: true }) });
  await waitForHydration(addDate.getByRole("button", { name: p.dates.submitAdd }));
  await addDate.getByLabel(/^Hearing or deadline/).selectOption("HEARING");
  await addDate
    .getByLabel(/^Date/)
    .fill(todayInKazakhstan(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000)));
  await addDate.getByLabel(/^Time/).fill("11:30");
  await addDate.getByLabel(/^What happens or is due/).fill(`Preliminary hearing ${tag}`);
  await addDate.getByRole("button", { name: p.dates.submitAdd }).click();
  await expect(page.getByText(p.dates.added)).toBeVisible();
  await page.getByRole("link", { name: p.backToCase }).click();
  await expect(page.getByText(new RegExp(`11:30 AM · Preliminary hearing ${tag}`))).toBeVisible();

  // A pay slip, downloaded again with the same SHA-256.
  const d = en.caseFile.documents;
  const title = `Pay slip, October ${tag}`;
  const pdf = pdfFile(`Pay slip for October ${tag}`);
  const documents = page.getByRole("region", { name: d.heading });
  await waitForHydration(documents.getByRole("button", { name: d.submit }));
  await documents.getByLabel(startsWith(d.title)).fill(title);
  await documents.getByLabel(startsWith(d.kind)).selectOption("PAY_SLIP");
  await documents.getByLabel(startsWith(d.file)).setInputFiles({
    name: "pay-slip-october.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(pdf),
  });
  await documents.getByRole("button", { name: d.submit }).click();
  await expect(page.getByText(d.uploaded)).toBeVisible();
  const item = documents.getByRole("listitem").filter({ hasText: title });
  const shown = (await item.getByTestId("document-sha256").textContent())?.trim();
  expect(shown).toBe(sha256(pdf));
  const downloading = page.waitForEvent("download");
  await item.getByRole("link", { name: `${d.download} ${title}` }).click();
  expect(sha256(await readFile((await (await downloading).path())!))).toBe(shown);

  // To work, then resolved with the wages recovered.
  const statusPanel = page.getByRole("region", { name: en.caseFile.status.heading });
  for (const to of ["IN_PROGRESS", "RESOLVED"] as const) {
    await waitForHydration(statusPanel.getByRole("button", { name: en.caseFile.status.submit }));
    await statusPanel.getByLabel(/^Change the status to/).selectOption(to);
    await statusPanel.getByRole("button", { name: en.caseFile.status.submit }).click();
    // The same "changed" message shows after each move: wait for the status itself.
    await expect(statusPanel.getByText(en.statuses[to], { exact: true })).toBeVisible();
  }
  await waitForHydration(page.getByRole("button", { name: en.caseFile.outcomes.submit }));
  await page.getByLabel(/^What was achieved/).selectOption("WAGES_RECOVERED");
  await page.getByLabel(/^Amount/).fill("840 000");
  await page.getByRole("button", { name: en.caseFile.outcomes.submit }).click();
  await expect(page.getByText(en.caseFile.outcomes.recorded)).toBeVisible();

  // Every step, attributed to the lawyer, on the timeline.
  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  const kinds = en.caseFile.timeline.kinds;
  for (const kind of [
    kinds.NOTE_ADDED,
    kinds.PROCEEDING_ADDED,
    kinds.PROCEEDING_UPDATED,
    kinds.DOCUMENT_ADDED,
    kinds.STATUS_CHANGED,
    kinds.OUTCOME_RECORDED,
  ])
    await expect(
      timeline
        .getByRole("listitem")
        .filter({ hasText: kind })
        .filter({ hasText: lawyer.displayName })
        .first(),
    ).toBeVisible();
  await expect(timeline.getByText("In progress → Resolved")).toBeVisible();
  await expect(timeline.getByText(`${title} · ${d.kinds.PAY_SLIP}`)).toBeVisible();
});
