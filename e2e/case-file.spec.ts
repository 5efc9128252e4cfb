// The case file: a coordinator moves a case and writes a legal note; the
// organizer who took it sees the move but never the legal note; two people
// saving over each other are told who came first, and lose nothing they typed.
import { contextFor, expect, test, texts, waitForHydration } from "./fixtures";
import { BASE_URL } from "./support/env";
import { recordCase } from "./support/cases";

const en = texts.en;

test("a coordinator triages a case and writes a legal note that the organizer never sees", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  await loginAs("COORDINATOR");

  await page.goto(`/cases/${reference}`);
  await waitForHydration(page.getByRole("button", { name: en.caseFile.status.submit }));
  await page.getByLabel(/^Change the status to/).selectOption("TRIAGED");
  await page.getByRole("button", { name: en.caseFile.status.submit }).click();
  await expect(page.getByText(en.caseFile.status.changed)).toBeVisible();
  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(timeline.getByText("New → Triaged")).toBeVisible();

  await page.getByLabel(/^New note/).fill("Hearing strategy: privileged https://example.org/brief");
  await page.getByLabel(en.caseFile.notes.legal).check();
  await page.getByRole("button", { name: en.caseFile.notes.submit }).click();
  await expect(page.getByText(en.caseFile.notes.added)).toBeVisible();
  const notes = page.getByRole("region", { name: en.caseFile.notes.heading });
  await expect(notes.getByText(en.caseFile.notes.legalBadge, { exact: true })).toBeVisible();
  await expect(notes.getByRole("link", { name: "https://example.org/brief" })).toHaveAttribute(
    "rel",
    /noopener/,
  );

  const organizerContext = await contextFor(browser, app, organizer);
  const organizerPage = await organizerContext.newPage();
  await organizerPage.goto(`${BASE_URL}/cases/${reference}`);
  await expect(
    organizerPage.getByRole("heading", { name: en.caseFile.timeline.heading }),
  ).toBeVisible();
  await expect(organizerPage.getByText("New → Triaged")).toBeVisible();
  await expect(organizerPage.getByText("Hearing strategy")).toHaveCount(0);
  await expect(organizerPage.getByText(en.caseFile.notes.legalBadge, { exact: true })).toHaveCount(
    0,
  );
  await organizerContext.close();
});

test("two coordinators change the same case: the second is told who changed it first and keeps what they typed", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  await loginAs("COORDINATOR");
  const first = await createUser("COORDINATOR");
  const firstContext = await contextFor(browser, app, first);
  const firstPage = await firstContext.newPage();

  // Both open the case while it is new.
  await page.goto(`/cases/${reference}`);
  await firstPage.goto(`${BASE_URL}/cases/${reference}`);
  await waitForHydration(page.getByRole("button", { name: en.caseFile.status.submit }));
  await waitForHydration(firstPage.getByRole("button", { name: en.caseFile.status.submit }));

  await firstPage.getByLabel(/^Change the status to/).selectOption("ON_HOLD");
  await firstPage.getByLabel(/^Reason/).fill("The worker asked us to wait a week");
  await firstPage.getByRole("button", { name: en.caseFile.status.submit }).click();
  await expect(firstPage.getByText(en.caseFile.status.changed)).toBeVisible();

  await page.getByLabel(/^Change the status to/).selectOption("TRIAGED");
  await page.getByLabel(/^Reason/).fill("Checked with the hotline");
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: en.caseFile.status.submit }).click();
  expect((await answer).status()).toBe(409);
  await expect(page.getByRole("alert")).toContainText(first.displayName);
  await expect(page.getByLabel(/^Reason/)).toHaveValue("Checked with the hotline");
  expect(
    await app.prisma.case.findUniqueOrThrow({ where: { reference }, select: { status: true } }),
  ).toEqual({
    status: "ON_HOLD",
  });
  await firstContext.close();
});

test("a coordinator records the wages recovered, and the total and the timeline show the exact amount", async ({
  page,
  app,
  createUser,
  loginAs,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  await loginAs("COORDINATOR");
  await page.goto(`/cases/${reference}`);
  await waitForHydration(page.getByRole("button", { name: en.caseFile.outcomes.submit }));

  await page.getByLabel(/^What was achieved/).selectOption("WAGES_RECOVERED");
  await page.getByRole("button", { name: en.caseFile.outcomes.submit }).click();
  await expect(page.getByText(en.validation.required).first()).toBeVisible();

  await page.getByLabel(/^Amount/).fill("1 250 000,50");
  await page.getByLabel(/^People concerned/).fill("40");
  await page.getByRole("button", { name: en.caseFile.outcomes.submit }).click();
  await expect(page.getByText(en.caseFile.outcomes.recorded)).toBeVisible();
  const outcomes = page.getByRole("region", { name: en.caseFile.outcomes.heading });
  await expect(
    outcomes.getByText(/1[\s,\u00a0\u202f]250[\s,\u00a0\u202f]000[.,]50/).first(),
  ).toBeVisible();
  const stored = await app.prisma.caseOutcome.findFirstOrThrow({ where: { case: { reference } } });
  expect(stored.amountMinor).toBe(125000050n);
  await expect(
    page.getByRole("region", { name: en.caseFile.timeline.heading }).getByText(/Wages recovered/),
  ).toBeVisible();
});
