// Legal action on the case file: a lawyer adds a civil claim and its hearing,
// which the case page and the timeline then show in Kazakhstan time; two
// lawyers saving the same proceeding are told who came first and lose nothing
// they typed; organizers see proceedings read-only and are refused the writes.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { kazakhstanInstant as almatyToUtc } from "~/utils/time";
import { todayInKazakhstan } from "~/utils/time";
import { contextFor, signInContext, expect, test, texts, waitForHydration } from "./fixtures";
import type { App } from "./support/app";
import { BASE_URL } from "./support/env";
import { recordCase } from "./support/cases";

const en = texts.en;
const p = en.caseFile.proceedings;

/** A proceeding written straight to the database, for tests about what others may do with it. */
async function storedProceeding(app: App, reference: string, createdById: string) {
  const found = await app.prisma.case.findUniqueOrThrow({ where: { reference } });
  return app.prisma.proceeding.create({
    data: {
      caseId: found.id,
      kind: "LABOR_INSPECTORATE",
      authority: `Almaty labor inspectorate ${randomUUID().slice(0, 8)}`,
      status: "FILED",
      createdById,
    },
  });
}

/** The form on the page whose submit button has this name. */
const formWith = (page: Page, button: string) =>
  page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });

test("a lawyer adds a civil claim with a hearing tomorrow at 10:00, shown on the case page and the timeline", async ({
  page,
  app,
  loginAs,
  assignTo,
}) => {
  // A demo case (recorded by the seed's organizer), with the lawyer put on it.
  const demo = await app.prisma.case.findFirstOrThrow({
    where: { organizer: { email: { not: { endsWith: "@e2e.example.org" } } } },
    orderBy: { reference: "asc" },
    select: { reference: true },
  });
  const reference = demo.reference;
  const { user: lawyer } = await loginAs("LAWYER");
  await assignTo(reference, lawyer, "SUPPORTING_LAWYER");
  const court = `Medeu district court of Almaty ${randomUUID().slice(0, 8)}`;

  await page.goto(`/cases/${reference}`);
  const panel = page.getByRole("region", { name: p.heading });
  await panel.getByRole("link", { name: p.add }).click();
  await waitForHydration(page.getByRole("button", { name: p.submitAdd }));

  // The browser-side schema answers first.
  await page.getByRole("button", { name: p.submitAdd }).click();
  await expect(page.getByText(en.validation.required).first()).toBeVisible();

  await page.getByLabel(/^Kind of proceeding/).selectOption("CIVIL_CLAIM");
  await page.getByLabel(/^Status/).selectOption("FILED");
  await page.getByLabel(/^Authority or court/).fill(court);
  await page.getByLabel(/^Their case number/).fill("2-7781/2026");
  await page.getByLabel(/^Filed on/).fill(todayInKazakhstan());
  await page.getByRole("button", { name: p.submitAdd }).click();
  await expect(page.getByText(p.added)).toBeVisible();

  const tomorrow = todayInKazakhstan(new Date(Date.now() + 24 * 60 * 60 * 1000));
  const addDate = formWith(page, p.dates.submitAdd);
  await waitForHydration(addDate.getByRole("button", { name: p.dates.submitAdd }));
  await addDate.getByLabel(/^Hearing or deadline/).selectOption("HEARING");
  await addDate.getByLabel(/^Date/).fill(tomorrow);
  await addDate.getByLabel(/^Time/).fill("10:00");
  await addDate.getByLabel(/^Place/).fill("Courtroom 12");
  await addDate.getByLabel(/^What happens or is due/).fill("Hearing on the merits");
  await addDate.getByRole("button", { name: p.dates.submitAdd }).click();
  await expect(page.getByText(p.dates.added)).toBeVisible();

  const stored = await app.prisma.proceedingDate.findFirstOrThrow({
    where: { proceeding: { authority: court } },
  });
  // 10:00 in Almaty is 05:00 UTC.
  expect(stored.dueAt.toISOString()).toBe(almatyToUtc(tomorrow, "10:00").toISOString());
  expect(stored.dueAt.toISOString()).toBe(`${tomorrow}T05:00:00.000Z`);

  await page.getByRole("link", { name: p.backToCase }).click();
  const claim = page
    .getByRole("region", { name: p.heading })
    .getByRole("listitem")
    .filter({ hasText: court });
  await expect(claim.getByRole("heading", { name: p.kinds.CIVIL_CLAIM })).toBeVisible();
  await expect(claim.getByText(p.statuses.FILED, { exact: true })).toBeVisible();
  await expect(claim.getByText(/No\. 2-7781\/2026/)).toBeVisible();
  const hearing = claim.getByRole("listitem").filter({ hasText: "Hearing on the merits" });
  await expect(hearing.getByText(/10:00/)).toBeVisible();
  await expect(hearing.getByText(/Courtroom 12/)).toBeVisible();

  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await timeline.getByRole("link", { name: en.caseFile.timeline.kinds.PROCEEDING_UPDATED }).click();
  await expect(
    timeline.getByText(new RegExp(`${court}: Hearing added for .*10:00.*Hearing on the merits`)),
  ).toBeVisible();
  await timeline.getByRole("link", { name: en.caseFile.timeline.kinds.PROCEEDING_ADDED }).click();
  await expect(
    timeline.getByText(`Civil claim (wages or damages) — ${court} (Filed)`),
  ).toBeVisible();
});

test("two lawyers save the same proceeding: the second is told who changed it first and keeps what they typed", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
  assignTo,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  const { user: second } = await loginAs("LAWYER");
  const first = await createUser("LAWYER");
  await assignTo(reference, first, "LEAD_LAWYER");
  await assignTo(reference, second, "SUPPORTING_LAWYER");
  const firstName = `Aigerim Lawyer ${randomUUID().slice(0, 6)}`;
  await app.prisma.user.update({ where: { id: first.id }, data: { displayName: firstName } });
  const proceeding = await storedProceeding(app, reference, second.id);
  const url = `/cases/${reference}/proceedings/${proceeding.id}`;

  const firstContext = await contextFor(browser, app, first);
  const firstPage = await firstContext.newPage();
  await page.goto(url);
  await firstPage.goto(`${BASE_URL}${url}`);
  const save = { name: p.submitUpdate };
  await waitForHydration(page.getByRole("button", save));
  await waitForHydration(firstPage.getByRole("button", save));

  await formWith(firstPage, p.submitUpdate)
    .getByLabel(/^Status/)
    .selectOption("PENDING");
  await firstPage.getByRole("button", save).click();
  await expect(firstPage.getByText(p.updated)).toBeVisible();

  const mine = formWith(page, p.submitUpdate);
  await mine.getByLabel(/^Status/).selectOption("DECIDED");
  await mine.getByLabel(/^Their case number/).fill("INSP-2026/445");
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", save).click();
  expect((await answer).status()).toBe(409);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(firstName);
  await expect(alert).toContainText(en.caseFile.timeline.kinds.PROCEEDING_UPDATED);
  await expect(mine.getByLabel(/^Their case number/)).toHaveValue("INSP-2026/445");
  await expect(mine.getByLabel(/^Status/)).toHaveValue("DECIDED");
  expect(
    await app.prisma.proceeding.findUniqueOrThrow({
      where: { id: proceeding.id },
      select: { status: true, externalNumber: true },
    }),
  ).toEqual({ status: "PENDING", externalNumber: null });

  // The page now shows the other change (the proceeding is pending), and sending again saves.
  await expect(page.locator(".note__meta .badge")).toHaveText(p.statuses.PENDING);
  await page.getByRole("button", save).click();
  await expect(page.getByText(p.updated)).toBeVisible();
  const saved = await app.prisma.proceeding.findUniqueOrThrow({
    where: { id: proceeding.id },
    select: { status: true, externalNumber: true },
  });
  expect(saved.status).toBe("DECIDED");
  // Their case number is stored sealed with the case key; the page shows it opened.
  expect(saved.externalNumber).toMatch(/^enc:v1:/);
  expect(saved.externalNumber).not.toContain("INSP");
  await expect(page.getByLabel(/^Their case number/)).toHaveValue("INSP-2026/445");
  await firstContext.close();
});

test("without JavaScript a lawyer's bad entries come back with messages and what was typed, then save", async ({
  browser,
  app,
  createUser,
  assignTo,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  const lawyer = await createUser("LAWYER");
  await assignTo(reference, lawyer, "LEAD_LAWYER");
  const context = await contextFor(browser, app, lawyer, { javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto(`${BASE_URL}/cases/${reference}/proceedings/new`);
  await page.getByLabel(/^Kind of proceeding/).selectOption("PROSECUTOR_COMPLAINT");
  await page.getByLabel(/^Their case number/).fill("PR-19/2026");
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: p.submitAdd }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByText(en.validation.required)).toBeVisible();
  await expect(page.getByLabel(/^Their case number/)).toHaveValue("PR-19/2026");
  await expect(page.getByLabel(/^Kind of proceeding/)).toHaveValue("PROSECUTOR_COMPLAINT");

  await page.getByLabel(/^Authority or court/).fill("Prosecutor's office of Almaty");
  await page.getByRole("button", { name: p.submitAdd }).click();
  await expect(page.getByText(p.added)).toBeVisible();

  const addDate = formWith(page, p.dates.submitAdd);
  await addDate.getByLabel(/^Hearing or deadline/).selectOption("DEADLINE");
  await addDate.getByLabel(/^Date/).fill("2020-01-10");
  await addDate.getByLabel(/^Time/).fill("18:00");
  await addDate.getByRole("button", { name: p.dates.submitAdd }).click();
  await expect(addDate.getByText(en.validation.required)).toBeVisible();
  await expect(addDate.getByLabel(/^Time/)).toHaveValue("18:00");
  await addDate.getByLabel(/^What happens or is due/).fill("Answer from the prosecutor due");
  await addDate.getByRole("button", { name: p.dates.submitAdd }).click();
  await expect(page.getByText(p.dates.added)).toBeVisible();
  // A deadline that passed with nothing recorded of it is overdue.
  await expect(page.getByText(p.overdue, { exact: true })).toBeVisible();

  // Record its outcome through the date's own form.
  const date = page.getByRole("listitem").filter({ hasText: "Answer from the prosecutor due" });
  await date.getByText(p.dates.editOne).click();
  await date.getByLabel(/^Outcome/).fill("The prosecutor ordered an inspection");
  await date.getByRole("button", { name: p.dates.submitUpdate }).click();
  await expect(page.getByText(p.dates.updated)).toBeVisible();
  await expect(page.getByText(p.overdue, { exact: true })).toHaveCount(0);
  await context.close();
});

test("an organizer sees legal action read-only and is refused the pages and the writes", async ({
  page,
  app,
  createUser,
}) => {
  const organizer = await createUser("ORGANIZER");
  const lawyer = await createUser("LAWYER");
  const reference = await recordCase(app, organizer);
  const other = await recordCase(app, await createUser("ORGANIZER"));
  const proceeding = await storedProceeding(app, reference, lawyer.id);
  const foreign = await storedProceeding(app, other, lawyer.id);
  await signInContext(page.context(), app, organizer.id);

  await page.goto(`/cases/${reference}`);
  const panel = page.getByRole("region", { name: p.heading });
  await expect(panel.getByText(proceeding.authority)).toBeVisible();
  await expect(panel.getByText(p.readOnly)).toBeVisible();
  await expect(panel.getByRole("link", { name: p.add })).toHaveCount(0);
  await expect(panel.getByRole("link", { name: p.edit })).toHaveCount(0);

  const own = `/cases/${reference}/proceedings`;
  expect((await page.request.get(`${own}/new`)).status()).toBe(403);
  expect((await page.request.get(`${own}/${proceeding.id}`)).status()).toBe(403);
  expect((await page.request.get(`/cases/${other}/proceedings/${foreign.id}`)).status()).toBe(404);

  const version = String(
    (await app.prisma.case.findUniqueOrThrow({ where: { reference } })).version,
  );
  const post = (path: string, form: Record<string, string>) =>
    page.request.post(path, { form, headers: { origin: BASE_URL } });
  const claim = {
    intent: "proceeding",
    kind: "CIVIL_CLAIM",
    authority: "A court",
    status: "PREPARING",
    version,
  };
  expect((await post(`${own}/new`, claim)).status()).toBe(403);
  expect((await post(`${own}/${proceeding.id}`, { ...claim, status: "CLOSED" })).status()).toBe(
    403,
  );
  expect(
    (
      await post(`${own}/${proceeding.id}`, {
        intent: "addDate",
        kind: "HEARING",
        date: "2030-01-10",
        time: "10:00",
        description: "x",
        version,
      })
    ).status(),
  ).toBe(403);
  // Another organizer's case does not exist for them.
  expect((await post(`/cases/${other}/proceedings/new`, claim)).status()).toBe(404);

  const found = await app.prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { version: true, proceedings: { select: { status: true } } },
  });
  expect(found).toEqual({ version: Number(version), proceedings: [{ status: "FILED" }] });
});
