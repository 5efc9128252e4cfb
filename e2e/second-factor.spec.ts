// The second factor and the duress password in a real browser: enrolling an
// authenticator app and signing in with its code (in Russian), a security key
// through Chromium's virtual authenticator, and a duress sign-in that shows an
// empty account while the administrator is alerted.
import type { Page } from "@playwright/test";
import { currentTotpCode, totpCodeAt, totpStep } from "~/modules/auth/totp";
import { recordCase } from "./support/cases";
import { contextFor, expect, signInThroughForm, test, texts, waitForHydration } from "./fixtures";

const ru = texts.ru;
const en = texts.en;

test.use({ locale: "ru-RU" });

async function signInInRussian(page: Page, credentials: { email: string; password: string }) {
  await page.goto("/login");
  await waitForHydration(page.getByRole("button", { name: ru.login.submit }));
  await page.getByLabel(ru.login.email).fill(credentials.email);
  await page.getByLabel(ru.login.password).fill(credentials.password);
  await page.getByRole("button", { name: ru.login.submit }).click();
}

test("enrols an authenticator app and signs in with its code, in Russian", async ({
  page,
  createUser,
  database,
}) => {
  const user = await createUser("ORGANIZER", { locale: "ru" });
  await signInInRussian(page, user);
  await expect(
    page.getByRole("heading", { level: 1, name: ru.pages.myIntakes.title }),
  ).toBeVisible();

  await page.goto("/security");
  await expect(page.getByRole("heading", { level: 1, name: ru.security.title })).toBeVisible();
  // The QR code is inline SVG drawn by the server, with the secret as text beside it.
  await expect(page.getByRole("img", { name: ru.secondFactor.qrLabel })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  const enrolledAt = Date.now();
  await page
    .getByRole("textbox", { name: ru.secondFactor.code, exact: true })
    .fill(currentTotpCode(secret, enrolledAt));
  await page.getByRole("button", { name: ru.secondFactor.enrolSubmit }).click();
  await expect(page.getByRole("heading", { name: ru.secondFactor.recovery.title })).toBeVisible();
  await expect(page.locator(".recovery-codes li")).toHaveCount(10);

  await page.getByRole("button", { name: ru.nav.signOut }).click();
  await signInInRussian(page, user);
  await expect(page).toHaveURL(/\/second-factor/);
  await expect(page.getByRole("heading", { level: 1, name: ru.secondFactor.title })).toBeVisible();
  // Nothing opens before the code.
  await page.goto("/cases/mine");
  await expect(page).toHaveURL(/\/second-factor\?redirectTo=%2Fcases%2Fmine/);

  // The code just used cannot be used again; the next step's code (within the ±30 s window) can.
  const used = currentTotpCode(secret, enrolledAt);
  await page.getByRole("textbox", { name: ru.secondFactor.code, exact: true }).fill(used);
  await page.getByRole("button", { name: ru.secondFactor.submit }).click();
  await expect(page.getByText(ru.secondFactor.replayed)).toBeVisible();

  await page
    .getByRole("textbox", { name: ru.secondFactor.code, exact: true })
    .fill(totpCodeAt(secret, totpStep(enrolledAt) + 1));
  await page.getByRole("button", { name: ru.secondFactor.submit }).click();
  await expect(page).toHaveURL("/cases/mine");
  await expect(
    page.getByRole("heading", { level: 1, name: ru.pages.myIntakes.title }),
  ).toBeVisible();

  const passed = database
    .prepare(
      `SELECT count(*) AS n FROM "AuditEntry" WHERE "action" = 'second_factor.passed' AND "actorId" = ?`,
    )
    .get(user.id) as { n: number };
  expect(passed.n).toBe(1);
});

test("adds a security key and signs in with it (Chromium's virtual authenticator)", async ({
  browser,
  app,
  createUser,
}) => {
  const user = await createUser("LAWYER");
  const context = await contextFor(browser, app, user);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await page.goto("/security");
  const add = page.getByRole("button", { name: en.security.keys.add });
  await waitForHydration(add);
  await page.getByLabel(en.security.keys.name).fill("Blue key");
  await add.click();
  await expect(page.getByText(en.security.done.addKey)).toBeVisible();
  await expect(page.getByText("Blue key", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: en.nav.signOut }).click();
  await page.goto("/login");
  await signInThroughForm(page, user);
  await expect(page).toHaveURL(/\/second-factor/);
  const useKey = page.getByRole("button", { name: en.secondFactor.useKey });
  await waitForHydration(useKey);
  await useKey.click();
  await expect(page).toHaveURL("/my");
  await context.close();
});

test("a duress sign-in shows an empty account, ends the other session and alerts the administrator", async ({
  browser,
  app,
  createUser,
  page,
}) => {
  const organizer = await createUser("ORGANIZER", { locale: "ru" });
  const admin = await createUser("ADMIN");
  const reference = await recordCase(app, organizer);

  // The organizer sets a duress password in their own browser.
  const own = await contextFor(browser, app, organizer);
  const ownPage = await own.newPage();
  await ownPage.goto("/security");
  // The organizer chose Russian: their pages are in Russian whatever the browser says.
  await waitForHydration(ownPage.getByRole("button", { name: ru.duress.submit }));
  const duressPassword = `duress-${organizer.id.slice(-8)}-river`;
  await ownPage.getByLabel(ru.settings.password.current).fill(organizer.password);
  // The section has the same name as the field: the field is the password input.
  await ownPage.locator('input[name="duressPassword"]').fill(duressPassword);
  await ownPage.getByLabel(ru.duress.confirm).fill(duressPassword);
  await ownPage.getByRole("button", { name: ru.duress.submit }).click();
  await expect(
    ownPage.getByRole("status").filter({ hasText: ru.security.done.duress }),
  ).toBeVisible();
  await ownPage.goto("/cases/mine");
  await expect(ownPage.getByRole("link", { name: reference })).toBeVisible();

  // Someone makes them sign in: with the duress password the account looks empty.
  await signInInRussian(page, { email: organizer.email, password: duressPassword });
  await expect(page).toHaveURL("/cases/mine");
  await expect(
    page.getByRole("heading", { level: 1, name: ru.pages.myIntakes.title }),
  ).toBeVisible();
  await expect(page.getByText(ru.pages.myIntakes.empty)).toBeVisible();
  await page.goto("/cases");
  await expect(page.getByText(reference)).toHaveCount(0);
  // The duress password is not shown as set to this session.
  await page.goto("/security");
  await expect(page.getByText(ru.duress.notSet)).toBeVisible();

  // Their other session has ended.
  await ownPage.goto("/cases/mine");
  await expect(ownPage).toHaveURL(/\/login/);
  await own.close();

  // The administrator sees the alert and the lock.
  const adminContext = await contextFor(browser, app, admin);
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/notifications");
  await expect(
    adminPage.getByText(
      en.notifications.alerts.duressSignIn.replace("{{name}}", organizer.displayName),
    ),
  ).toBeVisible();
  await adminPage.goto(`/admin/users/${organizer.id}`);
  await expect(
    adminPage.getByRole("button", { name: en.admin.security.reviewDuress }),
  ).toBeVisible();
  await adminContext.close();
});
