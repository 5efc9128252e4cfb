// Adal's Playwright fixtures: fresh accounts per test, signed in by writing a
// real session with the app's own code, and removed again afterwards.
import { randomBytes, randomUUID } from "node:crypto";
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "@playwright/test";
import Database from "better-sqlite3";
import type { AssignmentRole, Region, Role } from "~/generated/prisma/sqlite/enums";
import type { Language } from "~/i18n/config";
import en from "~/locales/en";
import kk from "~/locales/kk";
import ru from "~/locales/ru";
import type { Translation } from "~/locales/types";
import { REGIONS } from "~/modules/regions/regions";
import { loadApp, type App } from "./support/app";
import { assignTo } from "./support/assignment";
import { BASE_URL, E2E_DATABASE_FILE } from "./support/env";

export const texts: Record<Language, Translation> = { en, ru, kk };

export type TestUser = {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: Role;
};

type NewUserOptions = {
  locale?: Language;
  /** Default: every region for a coordinator (national), Almaty for organizers and lawyers. */
  regions?: Region[];
};

/** Coordinators reach the cases of their regions; a national one sees every case. */
function defaultRegions(role: Role): Region[] {
  if (role === "ADMIN") return [];
  return role === "COORDINATOR" ? [...REGIONS] : ["ALMATY"];
}

type TestFixtures = {
  /** A fresh account of this role (unique email) that can sign in through the form. */
  createUser: (role: Role, options?: NewUserOptions) => Promise<TestUser>;
  /**
   * A fresh account of this role, signed in by writing a real session and
   * setting its cookie on the page's browser context. Returns the cookie token.
   */
  loginAs: (role: Role, options?: NewUserOptions) => Promise<{ user: TestUser; token: string }>;
  /** Puts the user on the case (a lawyer reaches only the cases they are assigned to). */
  assignTo: (reference: string, user: { id: string }, role: AssignmentRole) => Promise<void>;
};

type WorkerFixtures = {
  /** The app's server modules (Prisma client, session and people functions) on data/e2e.db. */
  app: App;
  /** A read-only handle on data/e2e.db, to look at what the app stored. */
  database: Database.Database;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  app: [
    async ({}, use) => {
      const app = await loadApp();
      await use(app);
      await app.prisma.$disconnect();
    },
    { scope: "worker" },
  ],

  database: [
    async ({}, use) => {
      const database = new Database(E2E_DATABASE_FILE, { readonly: true, fileMustExist: true });
      database.pragma("busy_timeout = 5000");
      await use(database);
      database.close();
    },
    { scope: "worker" },
  ],

  createUser: async ({ app }, use, testInfo) => {
    const created: TestUser[] = [];
    await use(async (role, { locale = "en", regions = defaultRegions(role) } = {}) => {
      const password = `e2e-${randomBytes(12).toString("base64url")}`;
      const displayName = `E2E ${role.toLowerCase()} ${testInfo.workerIndex}`;
      const { id, email } = await app.createUser(
        {
          email: `${role.toLowerCase()}.${randomUUID()}@e2e.example.org`,
          displayName,
          role,
          regions,
          locale,
          password,
        },
        { actorId: null, ipAddress: "e2e", userAgent: "playwright fixture" },
      );
      const user = { id, email, password, displayName, role };
      created.push(user);
      return user;
    });
    if (created.length === 0) return;
    // createUser audits "user.created" and audit rows are never deleted, so the
    // accounts are deactivated (which is also what an admin would do), not deleted.
    const ids = created.map((user) => user.id);
    await app.prisma.$transaction([
      app.prisma.session.deleteMany({ where: { userId: { in: ids } } }),
      app.prisma.loginThrottle.deleteMany({
        where: { key: { in: created.map((user) => `account:${user.email}`) } },
      }),
      app.prisma.user.updateMany({ where: { id: { in: ids } }, data: { active: false } }),
    ]);
  },

  assignTo: async ({ app }, use) => {
    await use((reference, user, role) => assignTo(app, reference, user, role));
  },

  loginAs: async ({ app, context, createUser }, use) => {
    await use(async (role, options) => {
      const user = await createUser(role, options);
      const token = await signInContext(context, app, user.id);
      // As a sign-in does: the language cookie mirrors the person's language.
      await context.addCookies([languageCookieFor(options?.locale ?? "en")]);
      return { user, token };
    });
  },
});

export { expect };

/**
 * Signs a user in for a browser context by writing a real session (second
 * factor passed) and setting its cookie, the way the app's login does.
 * Returns the cookie token.
 */
/** The cookie `/login` sets beside the session (Remix's encoding: base64 of the JSON value). */
function languageCookieFor(language: Language) {
  return {
    name: "adal_lang",
    value: encodeURIComponent(Buffer.from(JSON.stringify(language)).toString("base64")),
    domain: new URL(BASE_URL).hostname,
    path: "/",
    httpOnly: true,
    sameSite: "Lax" as const,
  };
}

export async function signInContext(
  context: BrowserContext,
  app: App,
  userId: string,
): Promise<string> {
  // As after a sign-in that passed its second factor: exports and role changes
  // (step-up, 10 minutes) work without asking for a code again.
  const token = await app.createSession(
    userId,
    { ipAddress: "127.0.0.1", userAgent: "playwright fixture" },
    { secondFactor: "passed" },
  );
  // By domain and path: Playwright drops `secure` from a cookie given with an
  // http url, and Chromium refuses a `__Host-` cookie without it.
  await context.addCookies([
    {
      name: app.SESSION_COOKIE_NAME,
      value: token,
      domain: new URL(BASE_URL).hostname,
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
    },
  ]);
  return token;
}

/** A second person in a browser of their own (English), signed in with a real session. */
export async function contextFor(
  browser: Browser,
  app: App,
  user: { id: string },
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-US", ...options });
  await signInContext(context, app, user.id);
  return context;
}

/** Signs in through the login form, as a person would (the page must be in English). */
export async function signInThroughForm(
  page: Page,
  credentials: { email: string; password: string },
): Promise<void> {
  // Hydration resets the fields to the form's defaults, wiping what was typed before it.
  await waitForHydration(page.getByRole("button", { name: en.login.submit }));
  await page.getByLabel(en.login.email).fill(credentials.email);
  await page.getByLabel(en.login.password).fill(credentials.password);
  await page.getByRole("button", { name: en.login.submit }).click();
}

/**
 * Waits until React has hydrated this element, so that its event handlers are
 * attached (the language select, for one, does nothing before that).
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect
    .poll(
      () =>
        locator.evaluate((element) =>
          Object.keys(element).some((key) => key.startsWith("__reactProps$")),
        ),
      {
        message:
          "React never hydrated the page: do public/build and build/ come from the same `npm run build`?",
      },
    )
    .toBe(true);
}
