// Signing in and out, failed sign-ins, and how sessions end.
import type { APIRequestContext } from "@playwright/test";
import type { Role } from "~/generated/prisma/sqlite/enums";
import type { Language } from "~/i18n/config";
import { DEMO_TOTP_SECRET } from "~/modules/auth/demo-accounts";
import { currentTotpCode } from "~/modules/auth/totp";
import { expect, signInThroughForm, test, texts } from "./fixtures";

// The demo accounts from prisma/seed.ts, with the language each one has chosen.
const DEMO_PASSWORD = "demo-password";
const demoAccounts: Array<{
  email: string;
  role: Role;
  locale: Language;
  home: string;
  heading: (t: (typeof texts)[Language]) => string;
  navigation: (t: (typeof texts)[Language]) => string[];
}> = [
  {
    email: "organizer@example.org",
    role: "ORGANIZER",
    locale: "ru",
    home: "/cases/mine",
    heading: (t) => t.pages.myIntakes.title,
    navigation: (t) => [t.nav.newIntake, t.nav.myCases, t.nav.myIntakes, t.nav.cases],
  },
  {
    email: "lawyer@example.org",
    role: "LAWYER",
    locale: "ru",
    home: "/my",
    heading: (t) => t.pages.myCases.title,
    navigation: (t) => [t.nav.myCases, t.nav.cases],
  },
  {
    email: "coordinator@example.org",
    role: "COORDINATOR",
    locale: "kk",
    home: "/triage",
    heading: (t) => t.pages.triage.title,
    navigation: (t) => [
      t.nav.triage,
      t.nav.cases,
      t.nav.reassign,
      t.nav.caseload,
      t.nav.reports,
      t.nav.employers,
    ],
  },
  {
    email: "admin@example.org",
    role: "ADMIN",
    locale: "en",
    home: "/admin/users",
    heading: (t) => t.pages.users.title,
    navigation: (t) => [t.nav.users, t.nav.caseRegister, t.nav.audit, t.nav.retention],
  },
];

const en = texts.en;

/** Where a protected page sends a request that carries this session cookie. */
async function protectedPageWith(request: APIRequestContext, path: string, cookie: string) {
  const response = await request.get(path, { headers: { cookie }, maxRedirects: 0 });
  return { status: response.status(), location: response.headers()["location"] ?? null };
}

for (const account of demoAccounts) {
  test(`signs the ${account.role.toLowerCase()} in to their own home page and signs them out for good`, async ({
    page,
    context,
    request,
  }) => {
    const t = texts[account.locale];
    await page.goto("/login");
    await signInThroughForm(page, { email: account.email, password: DEMO_PASSWORD });
    // Demo accounts are enrolled with the secret the login page prints: the second step.
    await expect(page).toHaveURL(/\/second-factor/);
    await page
      .getByRole("textbox", { name: t.secondFactor.code, exact: true })
      .fill(currentTotpCode(DEMO_TOTP_SECRET));
    await page.getByRole("button", { name: t.secondFactor.submit }).click();

    await expect(page).toHaveURL(account.home);
    await expect(page.getByRole("heading", { level: 1, name: account.heading(t) })).toBeVisible();
    const navigation = page.getByRole("navigation", { name: t.nav.label });
    // The role's own links, then notifications (with however many are unread) and settings.
    await expect(navigation.getByRole("link")).toHaveText([
      ...account.navigation(t),
      new RegExp(`^${t.nav.notifications.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
      t.nav.settings,
    ]);

    const session = (await context.cookies()).find((c) => c.name === "__Host-adal_session");
    expect(session, "session cookie after sign-in").toBeDefined();
    const cookie = `${session!.name}=${session!.value}`;
    expect(await protectedPageWith(request, account.home, cookie)).toEqual({
      status: 200,
      location: null,
    });

    await page.getByRole("button", { name: t.nav.signOut }).click();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    // The sign-in left the person's language in a cookie: the sign-in page still speaks it.
    await expect(page.getByRole("heading", { level: 1, name: t.login.title })).toBeVisible();
    await expect(page.getByText(t.login.signedOut)).toBeVisible();
    await expect(page.getByRole("navigation", { name: t.nav.label })).toHaveCount(0);

    const afterLogout = await protectedPageWith(request, account.home, cookie);
    expect(afterLogout.status).toBe(302);
    expect(afterLogout.location).toMatch(/^\/login\?redirectTo=/);
  });
}

test.describe("failed sign-in", () => {
  test.afterAll(async ({ app }) => {
    // The per-address counter is shared by every test; clear what these tests added
    // so that reruns against a reused server are not throttled by address.
    await app.prisma.loginThrottle.deleteMany({ where: { key: { startsWith: "ip:" } } });
  });

  test("says only that the email or password is not right, whether or not the account exists", async ({
    page,
    createUser,
    app,
  }) => {
    const user = await createUser("LAWYER");
    const alert = page.getByRole("alert");

    await page.goto("/login");
    await signInThroughForm(page, { email: user.email, password: "not-the-password" });
    await expect(alert).toHaveText(en.login.invalid);
    await expect(page).toHaveURL(/\/login/);

    const unknownEmail = `nobody.${Date.now()}@e2e.example.org`;
    await page.goto("/login");
    await signInThroughForm(page, { email: unknownEmail, password: "not-the-password" });
    await expect(alert).toHaveText(en.login.invalid);

    await app.prisma.loginThrottle.deleteMany({ where: { key: `account:${unknownEmail}` } });
  });

  test("slows down repeated failures with the too-many-attempts message", async ({
    page,
    createUser,
  }) => {
    const user = await createUser("ORGANIZER");
    const alert = page.getByRole("alert");
    await page.goto("/login");

    // The first failures are free; after that each one makes the account wait,
    // twice as long each time, so one of the next few attempts must be refused.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await signInThroughForm(page, { email: user.email, password: `wrong-${attempt}` });
      await expect(alert).toHaveText(en.login.invalid);
    }
    let throttled = false;
    for (let attempt = 4; attempt <= 10 && !throttled; attempt++) {
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await signInThroughForm(page, { email: user.email, password: `wrong-${attempt}` });
      throttled = (await response).status() === 429;
    }
    expect(throttled, "a sign-in was refused with 429").toBe(true);
    await expect(alert).toHaveText(/^Too many attempts\. Try again in .+\.$/);
  });
});

test("stores only the SHA-256 of the session token, never the token itself", async ({
  page,
  context,
  createUser,
  database,
  app,
}) => {
  const user = await createUser("COORDINATOR");
  await page.goto("/login");
  await signInThroughForm(page, user);
  await expect(page).toHaveURL("/triage");

  const cookie = (await context.cookies()).find((c) => c.name === "__Host-adal_session");
  const token = cookie!.value;
  expect(token).toMatch(/^[a-z2-7]{32}$/);

  const rows = database.prepare("SELECT * FROM Session WHERE userId = ?").all(user.id) as Array<
    Record<string, unknown>
  >;
  expect(rows.map((row) => row.id)).toEqual([app.hashToken(token)]);
  const everySession = database.prepare("SELECT * FROM Session").all();
  expect(JSON.stringify(everySession)).not.toContain(token);
  const everyAuditEntry = database.prepare("SELECT * FROM AuditEntry").all();
  expect(JSON.stringify(everyAuditEntry)).not.toContain(token);
});

test.describe("session expiry", () => {
  test("sends a session idle for longer than the timeout back to sign-in and forgets it", async ({
    page,
    loginAs,
    app,
  }) => {
    const { token } = await loginAs("LAWYER");
    await page.goto("/my");
    await expect(
      page.getByRole("heading", { level: 1, name: en.pages.myCases.title }),
    ).toBeVisible();

    const id = app.hashToken(token);
    await app.prisma.session.update({
      where: { id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await page.goto("/my");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmy&ended=1$/);
    await expect(page.getByRole("heading", { level: 1, name: en.login.title })).toBeVisible();
    await expect(page.getByText(en.login.sessionEnded)).toBeVisible();
    expect(await app.prisma.session.count({ where: { id } })).toBe(0);
  });

  test("ends a session past its absolute lifetime even while it is in use", async ({
    page,
    loginAs,
    app,
  }) => {
    const { token } = await loginAs("ADMIN");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: en.pages.users.title })).toBeVisible();

    const id = app.hashToken(token);
    await app.prisma.session.update({
      where: { id },
      data: { absoluteExpiresAt: new Date(Date.now() - 1000) },
    });
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers&ended=1$/);
    await expect(page.getByText(en.login.sessionEnded)).toBeVisible();
    expect(await app.prisma.session.count({ where: { id } })).toBe(0);
  });
});
