// Account administration as people do it: an admin creates an account and the
// person sets their password through the one-time link; deactivating someone
// signs out their open browser on its next request; a person ends one of their
// own other sessions from their settings.
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import en from "~/locales/en";
import {
  expect,
  signInContext,
  signInThroughForm,
  test,
  texts,
  waitForHydration,
} from "./fixtures";
import { BASE_URL } from "./support/env";
import { format, labelled } from "./support/intake";

const ended = /\/login\?(.*&)?ended=1/;

async function otherBrowser(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE_URL, locale: "en-US" });
}

test("an admin creates an account and the person sets a password through the link, then signs in", async ({
  page,
  browser,
  loginAs,
  app,
}) => {
  await loginAs("ADMIN");
  const email = `invitee.${randomUUID()}@e2e.example.org`;
  const displayName = `Gulnara ${randomUUID().slice(0, 8)}`;
  const password = `e2e-${randomUUID()}`;
  let invitedId: string | undefined;
  try {
    await page.goto("/admin/users");
    const create = page.getByRole("button", { name: en.admin.users.createSubmit });
    await waitForHydration(create);
    await page.getByLabel(labelled(en.pages.users.name)).fill(displayName);
    await page.getByLabel(labelled(en.pages.users.email)).fill(email);
    await page.getByLabel(labelled(en.pages.users.role)).selectOption("LAWYER");
    await page.getByRole("checkbox", { name: en.regions.ALMATY, exact: true }).check();
    await create.click();

    await expect(
      page.getByRole("heading", { name: format(en.admin.users.invited, { name: displayName }) }),
    ).toBeVisible();
    const link = await page.getByLabel(en.admin.users.linkLabel).inputValue();
    expect(link).toMatch(/\/set-password\/[a-z2-7]{32}$/);
    invitedId = (await app.prisma.user.findUniqueOrThrow({ where: { email } })).id;
    await expect(page.getByRole("row", { name: new RegExp(displayName) })).toContainText(
      en.admin.users.linkPending,
    );

    // The person, in their own browser.
    const theirs = await otherBrowser(browser);
    try {
      const person = await theirs.newPage();
      await person.goto(new URL(link).pathname);
      const submit = person.getByRole("button", { name: en.setPassword.submit });
      await waitForHydration(submit);
      await person.getByLabel(labelled(en.setPassword.password)).fill(password);
      await person.getByLabel(labelled(en.setPassword.confirm)).fill(password);
      await submit.click();
      await expect(person).toHaveURL(/\/login\?passwordSet=1/);
      await expect(person.getByText(en.setPassword.done)).toBeVisible();
      await signInThroughForm(person, { email, password });
      await expect(person).toHaveURL(/\/my$/);

      // The link worked once. (The account was created in the default language, Russian.)
      await person.goto(new URL(link).pathname);
      await expect(person.getByText(texts.ru.setPassword.errors.used)).toBeVisible();
    } finally {
      await theirs.close();
    }
  } finally {
    const id = invitedId ?? (await app.prisma.user.findUnique({ where: { email } }))?.id;
    if (id) {
      await app.prisma.$transaction([
        app.prisma.session.deleteMany({ where: { userId: id } }),
        app.prisma.user.update({ where: { id }, data: { active: false } }),
      ]);
    }
  }
});

test("deactivating an account sends its open browser to the sign-in page on its next request", async ({
  page,
  browser,
  loginAs,
  createUser,
  app,
}) => {
  await loginAs("ADMIN");
  const organizer = await createUser("ORGANIZER");
  const theirs = await otherBrowser(browser);
  try {
    await signInContext(theirs, app, organizer.id);
    const theirPage = await theirs.newPage();
    await theirPage.goto("/cases/mine");
    await expect(theirPage).toHaveURL(/\/cases\/mine$/);

    await page.goto(`/admin/users/${organizer.id}`);
    const deactivate = page.getByRole("button", { name: en.admin.users.deactivate });
    await waitForHydration(deactivate);
    await expect(page.getByRole("heading", { name: en.admin.users.sessions })).toBeVisible();
    await deactivate.click();
    await expect(page.getByText(en.admin.users.done.deactivate)).toBeVisible();
    await expect(page.getByText(en.settings.sessions.none)).toBeVisible();

    await theirPage.getByRole("link", { name: en.nav.cases, exact: true }).click();
    await expect(theirPage).toHaveURL(ended);
    await expect(theirPage.getByText(en.login.sessionEnded)).toBeVisible();
  } finally {
    await theirs.close();
  }
});

test("a person ends one of their other sessions from their settings", async ({
  page,
  browser,
  loginAs,
  app,
}) => {
  const { user } = await loginAs("LAWYER");
  const other = await otherBrowser(browser);
  try {
    await signInContext(other, app, user.id);
    const otherPage = await other.newPage();
    await otherPage.goto("/my");
    await expect(otherPage).toHaveURL(/\/my$/);

    await page.goto("/my");
    await page.getByRole("link", { name: en.nav.settings }).click();
    await expect(page.getByRole("heading", { name: en.settings.title, level: 1 })).toBeVisible();
    const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: en.settings.sessions.current })).toHaveCount(1);
    const revoke = page.getByRole("button", { name: en.settings.sessions.revoke });
    await expect(revoke).toHaveCount(1);
    await waitForHydration(revoke);
    await revoke.click();
    await expect(page.getByText(en.settings.done.revoke)).toBeVisible();
    await expect(rows).toHaveCount(1);

    // This browser stays signed in; the other is sent to sign in again.
    await page.reload();
    await expect(page).toHaveURL(/\/settings/);
    await otherPage.reload();
    await expect(otherPage).toHaveURL(ended);
  } finally {
    await other.close();
  }
});

test("creating an account and setting its password work with JavaScript off", async ({
  browser,
  createUser,
  app,
}) => {
  const admin = await createUser("ADMIN");
  const noScript = { baseURL: BASE_URL, locale: "en-US", javaScriptEnabled: false };
  const adminContext = await browser.newContext(noScript);
  const personContext = await browser.newContext(noScript);
  const email = `noscript.${randomUUID()}@e2e.example.org`;
  try {
    await signInContext(adminContext, app, admin.id);
    const page = await adminContext.newPage();
    await page.goto("/admin/users");
    await page.getByLabel(labelled(en.pages.users.name)).fill("Nurlan Noscript");
    await page.getByLabel(labelled(en.pages.users.email)).fill("not an email");
    await page.getByLabel(labelled(en.pages.users.role)).selectOption("ORGANIZER");
    await page.getByRole("checkbox", { name: en.regions.ATYRAU, exact: true }).check();
    await page.getByRole("checkbox", { name: en.regions.MANGYSTAU, exact: true }).check();
    await page.getByRole("button", { name: en.admin.users.createSubmit }).click();
    // The server refuses it, says why by the field, and keeps what was typed and ticked.
    await expect(page.getByText(en.validation.email)).toBeVisible();
    await expect(page.getByLabel(labelled(en.pages.users.name))).toHaveValue("Nurlan Noscript");
    await expect(
      page.getByRole("checkbox", { name: en.regions.MANGYSTAU, exact: true }),
    ).toBeChecked();
    await page.getByLabel(labelled(en.pages.users.email)).fill(email);
    await page.getByRole("button", { name: en.admin.users.createSubmit }).click();
    const link = await page.getByLabel(en.admin.users.linkLabel).inputValue();
    const created = await app.prisma.user.findUniqueOrThrow({
      where: { email },
      select: { regions: { select: { region: true }, orderBy: { region: "asc" } } },
    });
    expect(created.regions.map((r) => r.region)).toEqual(["ATYRAU", "MANGYSTAU"]);

    const person = await personContext.newPage();
    await person.goto(new URL(link).pathname);
    await person.getByLabel(labelled(en.setPassword.password)).fill("a-long-enough-phrase");
    await person.getByLabel(labelled(en.setPassword.confirm)).fill("a-different-phrase");
    await person.getByRole("button", { name: en.setPassword.submit }).click();
    await expect(person.getByText(en.setPassword.problems.mismatch)).toBeVisible();
    await person.getByLabel(labelled(en.setPassword.password)).fill("a-long-enough-phrase");
    await person.getByLabel(labelled(en.setPassword.confirm)).fill("a-long-enough-phrase");
    await person.getByRole("button", { name: en.setPassword.submit }).click();
    await expect(person).toHaveURL(/\/login\?passwordSet=1/);
  } finally {
    await adminContext.close();
    await personContext.close();
    await app.prisma.user.updateMany({ where: { email }, data: { active: false } });
  }
});
