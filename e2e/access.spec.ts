// Need-to-know access (issue 6) in the browser: a case out of a person's scope
// is a 404 that shows nothing of it, a lawyer taken off a case loses it on the
// next page load, and a coordinator sees in "Who viewed this file" that the
// lawyer opened it.
import { randomUUID } from "node:crypto";
import { contextFor, expect, test, texts, waitForHydration, type TestUser } from "./fixtures";
import type { App } from "./support/app";
import { BASE_URL } from "./support/env";
import { recordCase } from "./support/cases";

const en = texts.en;

/** A display name no parallel test shares, so the page shows this person and no other. */
async function uniqueName(app: App, user: TestUser, name: string): Promise<string> {
  const displayName = `${name} ${randomUUID().slice(0, 6)}`;
  await app.prisma.user.update({ where: { id: user.id }, data: { displayName } });
  return displayName;
}

test("an organizer who opens another organizer's case by its URL gets a 404 that shows nothing of it", async ({
  page,
  app,
  createUser,
  loginAs,
}) => {
  const sentinel = `Sentinel camp ${randomUUID().slice(0, 8)}`;
  const theirs = await recordCase(app, await createUser("ORGANIZER"), { place: sentinel });
  const { user: organizer } = await loginAs("ORGANIZER");
  const ownPlace = `Own camp ${randomUUID().slice(0, 8)}`;
  const own = await recordCase(app, organizer, { place: ownPlace });

  // Their own case opens, with its place on the page.
  const ownResponse = await page.goto(`/cases/${own}`);
  expect(ownResponse?.status()).toBe(200);
  await expect(page.getByText(ownPlace).first()).toBeVisible();

  for (const path of [`/cases/${theirs}`, `/cases/${theirs}/edit`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(
      page.getByRole("heading", { level: 1, name: en.errors.notFound.title }),
    ).toBeVisible();
    expect(await page.content(), path).not.toContain(sentinel);
    await expect(page.getByText(sentinel)).toHaveCount(0);
  }
});

test("a lawyer taken off a case by a coordinator gets a 404 on their next load of it", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
  assignTo,
}) => {
  const place = `Camp of the unassigned ${randomUUID().slice(0, 8)}`;
  const reference = await recordCase(app, await createUser("ORGANIZER"), { place });
  const { user: lawyer } = await loginAs("LAWYER");
  const lawyerName = await uniqueName(app, lawyer, "Lawyer taken off");
  await assignTo(reference, lawyer, "LEAD_LAWYER");

  const first = await page.goto(`/cases/${reference}`);
  expect(first?.status()).toBe(200);
  await expect(page.getByText(place).first()).toBeVisible();

  // The coordinator takes the lawyer off the case in the assign dialog.
  const coordinatorContext = await contextFor(browser, app, await createUser("COORDINATOR"));
  const coordinatorPage = await coordinatorContext.newPage();
  await coordinatorPage.goto(`${BASE_URL}/cases/${reference}`);
  await coordinatorPage.getByRole("link", { name: en.caseFile.header.assign }).click();
  const holder = coordinatorPage
    .getByRole("listitem")
    .filter({ has: coordinatorPage.getByText(lawyerName, { exact: true }) });
  // The forms sit in a closed <details>, hidden from role queries until it opens.
  await holder.getByText(en.assignment.replaceOrRemove).click();
  const remove = holder.getByRole("button", { name: en.assignment.remove });
  await waitForHydration(remove);
  const removeForm = holder.locator("form").filter({
    has: coordinatorPage.getByRole("button", { name: en.assignment.remove }),
  });
  await removeForm.getByLabel(new RegExp(`^${en.assignment.reason}`)).fill("Moved to another case");
  await remove.click();
  await expect(coordinatorPage).toHaveURL(/done=unassign/);
  await expect(coordinatorPage.getByText(lawyerName, { exact: true })).toHaveCount(0);
  await coordinatorContext.close();

  const next = await page.reload();
  expect(next?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { level: 1, name: en.errors.notFound.title }),
  ).toBeVisible();
  await expect(page.getByText(place)).toHaveCount(0);
  expect(await page.content()).not.toContain(place);
});

test("a coordinator sees in 'Who viewed this file' that the lawyer opened the case", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
  assignTo,
}) => {
  const reference = await recordCase(app, await createUser("ORGANIZER"), {
    place: `Viewed camp ${randomUUID().slice(0, 8)}`,
  });
  const lawyer = await createUser("LAWYER");
  const lawyerName = await uniqueName(app, lawyer, "Lawyer who looked");
  await assignTo(reference, lawyer, "SUPPORTING_LAWYER");
  const lawyerContext = await contextFor(browser, app, lawyer);
  const lawyerPage = await lawyerContext.newPage();
  const opened = await lawyerPage.goto(`${BASE_URL}/cases/${reference}`);
  expect(opened?.status()).toBe(200);
  await lawyerContext.close();

  await loginAs("COORDINATOR");
  await page.goto(`/cases/${reference}`);
  const viewers = page.getByRole("region", { name: en.caseFile.viewers.heading });
  await expect(
    viewers.getByRole("listitem").filter({ hasText: `${lawyerName} · ${en.roles.LAWYER}` }),
  ).toHaveCount(1);
});

test("an administrator sees a case's metadata in the register, and its file answers them 404", async ({
  page,
  createUser,
  loginAs,
  app,
}) => {
  const sentinel = `Register camp ${randomUUID().slice(0, 8)}`;
  const reference = await recordCase(app, await createUser("ORGANIZER"), { place: sentinel });
  await loginAs("ADMIN");

  await page.goto("/admin/cases?region=ALMATY&status=NEW");
  const row = page.getByRole("row").filter({ hasText: reference });
  await expect(row).toContainText(en.regions.ALMATY);
  await expect(row).toContainText(en.statuses.NEW);
  await expect(row.getByRole("link")).toHaveCount(0);
  await expect(page.getByText(sentinel)).toHaveCount(0);

  const response = await page.goto(`/cases/${reference}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(sentinel)).toHaveCount(0);
});
