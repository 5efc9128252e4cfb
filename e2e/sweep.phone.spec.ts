// Issue 15's page sweep: every page a role reaches from the navigation, plus a
// case file and its sub-pages, in Russian and Kazakh, on a 375 px phone in
// Kazakhstan's time zone, with and without JavaScript. A page fails on any
// console error (hydration, CSP, a missing resource), a NUL byte or invalid
// UTF-8 in its HTML, a serious or critical axe violation, a page wider
// than the screen, or a text's key shown instead of the text (a route that
// lists too few text sections: app/i18n/sections.ts).
//
// Kept fast enough for CI (each of the 8 role×language tests runs on its own,
// so Playwright's workers share them): every page is visited once with
// JavaScript, its HTML bytes checked as they arrive; axe runs in Russian only
// (the markup is the same in Kazakh, the words are not, so width and
// hydration are checked in both); and the page as a browser without
// JavaScript shows it is checked on the pages a field organizer fills in or
// reads on the way (NO_SCRIPT_PAGES). SWEEP_ONLY=<regexp> limits the pages.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { Role } from "~/generated/prisma/sqlite/enums";
import { expect, signInContext, test, texts, waitForHydration, type TestUser } from "./fixtures";
import type { App } from "./support/app";

const PHONE_WIDTH = 375;
const ROLES: Role[] = ["ORGANIZER", "LAWYER", "COORDINATOR", "ADMIN"];
const LANGUAGES = ["ru", "kk"] as const;

type Problem = { url: string; javaScript: boolean; problem: string };

/** Every text's key ("nav.cases", "intake.fields.place"), plural forms under their base key too. */
function keysOf(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [`${prefix}${key}`, `${prefix}${key}`.replace(/_(zero|one|two|few|many|other)$/, "")]
      : keysOf(value as object, `${prefix}${key}.`),
  );
}
const TEXT_KEYS = new Set(keysOf(texts.en));

/** Keys on the page where their texts should be: in what it shows and in what it reads out. */
async function shownKeys(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const labels = [
      ...document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"),
    ].map((element) =>
      ["aria-label", "title", "placeholder", "alt"]
        .map((name) => element.getAttribute(name) ?? "")
        .join(" "),
    );
    return `${document.title} ${document.body.innerText} ${labels.join(" ")}`;
  });
  const candidates = shown.match(/[A-Za-z]\w*(?:\.\w+)+/g) ?? [];
  return [...new Set(candidates.filter((candidate) => TEXT_KEYS.has(candidate)))];
}

async function phoneContext(browser: Browser, language: string, javaScriptEnabled: boolean) {
  return browser.newContext({
    viewport: { width: PHONE_WIDTH, height: 812 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: language === "kk" ? "kk-KZ" : "ru-RU",
    timezoneId: "Asia/Almaty",
    javaScriptEnabled,
  });
}

/** A demo case with a worker and a proceeding. */
async function findDemoCase(app: App) {
  return app.prisma.case.findFirstOrThrow({
    where: {
      organizer: { email: { endsWith: "@example.org" } },
      workers: { some: {} },
      proceedings: { some: {} },
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      reference: true,
      region: true,
      workers: { select: { id: true }, take: 1 },
      proceedings: { select: { id: true }, take: 1 },
    },
  });
}

/** The case file's pages, the test's person put on the case first. */
async function casePages(
  app: App,
  found: Awaited<ReturnType<typeof findDemoCase>>,
  user: TestUser,
): Promise<string[]> {
  const role =
    user.role === "LAWYER"
      ? "SUPPORTING_LAWYER"
      : user.role === "ORGANIZER"
        ? "FIELD_ORGANIZER"
        : null;
  if (role)
    await app.prisma.caseAssignment.create({
      data: { caseId: found.id, userId: user.id, role, assignedById: user.id },
    });
  const base = `/cases/${found.reference}`;
  // Proceedings are the lawyers' and coordinators' to record.
  const proceedings =
    user.role === "ORGANIZER"
      ? []
      : [`${base}/proceedings/new`, `${base}/proceedings/${found.proceedings[0]!.id}`];
  return [
    base,
    `${base}/edit`,
    ...proceedings,
    `${base}/documents`,
    `${base}/workers/new`,
    `${base}/workers/${found.workers[0]!.id}`,
  ];
}

async function navigationLinks(page: Page): Promise<string[]> {
  await page.goto("/");
  const hrefs = await page
    .locator("header a[href^='/']")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(["/", ...hrefs.filter((href) => !href.startsWith("/#"))])];
}

/**
 * axe needs scripts, so the page without JavaScript is checked in a context
 * that gets each document as a browser without JavaScript would show it: no
 * scripts, and the contents of <noscript> shown.
 */
async function serveAsWithoutJavaScript(context: BrowserContext): Promise<void> {
  await context.route("**/*", async (route) => {
    const request = route.request();
    if (request.resourceType() !== "document") return route.continue();
    // A GET that met a kept-alive connection just as the server closed it for idleness
    // (ECONNRESET, seen when the machine stalls for seconds): sent once more.
    const response = await route
      .fetch()
      .catch((error: unknown) =>
        /ECONNRESET/.test(String(error)) ? route.fetch() : Promise.reject(error),
      );
    const html = (await response.text())
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
      .replace(/<\/?noscript>/gi, "");
    await route.fulfill({ response, body: html });
  });
}

async function axeProblems(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  return axe.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => {
      const where = violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(", ");
      return `axe ${violation.impact} ${violation.id}: ${where}`;
    });
}

/** Pages also checked as a browser without JavaScript shows them: the forms and the lists. */
function isNoScriptPage(url: string): boolean {
  return (
    url === "/" ||
    /^\/cases(\/new)?$/.test(url) ||
    /^\/cases\/[^/]+(\/workers\/new)?$/.test(url) ||
    url === "/my" ||
    url === "/caseload"
  );
}

async function checkPage(
  context: BrowserContext,
  url: string,
  javaScript: boolean,
  withAxe: boolean,
  problems: Problem[],
): Promise<void> {
  const page = await context.newPage();
  const report = (problem: string) => problems.push({ url, javaScript, problem });
  page.on("console", (message) => {
    if (message.type() === "error") report(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => report(`page error: ${error.message}`));

  const response = await page.goto(url);
  if (!response) throw new Error(`no response for ${url}`);
  if (response.status() >= 400) report(`status ${response.status()}`);
  if (javaScript) {
    // The bytes as the server sent them (the no-JavaScript view gets the same document).
    const bytes = await response.body();
    const nul = bytes.indexOf(0);
    if (nul >= 0) report(`NUL byte at ${nul} of ${bytes.length}`);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      report("invalid UTF-8");
    }
    try {
      await waitForHydration(page.locator("main"));
    } catch {
      report("never hydrated");
    }
  }
  for (const key of await shownKeys(page)) report(`shows the key ${key} instead of its text`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE_WIDTH) report(`page is ${width} px wide`);
  if (withAxe) (await axeProblems(page)).forEach(report);
  await page.close();
}

for (const role of ROLES) {
  for (const language of LANGUAGES) {
    test(`${role.toLowerCase()} in ${language}: every page is clean on a phone with and without JavaScript`, async ({
      browser,
      app,
      createUser,
    }) => {
      test.setTimeout(240_000);
      const demo = await findDemoCase(app);
      const user = await createUser(role, {
        locale: language,
        ...(role === "COORDINATOR" ? {} : { regions: role === "ADMIN" ? [] : [demo.region] }),
      });
      const withScript = await phoneContext(browser, language, true);
      await signInContext(withScript, app, user.id);
      // A browser without JavaScript, as axe (which needs scripts) can see it.
      const withoutScript = await phoneContext(browser, language, true);
      await serveAsWithoutJavaScript(withoutScript);
      await signInContext(withoutScript, app, user.id);

      const probe = await withoutScript.newPage();
      let pages = await navigationLinks(probe);
      await probe.close();
      if (role !== "ADMIN") pages.push(...(await casePages(app, demo, user)));
      const only = process.env.SWEEP_ONLY;
      if (only) pages = pages.filter((url) => new RegExp(only).test(url));
      const withAxe = language === "ru";

      const problems: Problem[] = [];
      for (const url of pages) {
        const started = Date.now();
        await checkPage(withScript, url, true, withAxe, problems);
        if (isNoScriptPage(url)) await checkPage(withoutScript, url, false, withAxe, problems);
        if (process.env.SWEEP_DEBUG)
          console.log(url, Date.now() - started, "ms", JSON.stringify(problems.slice(-20)));
      }
      await withScript.close();
      await withoutScript.close();

      const lines = problems.map(
        (p) => `${p.url} (${p.javaScript ? "JS" : "no JS"}): ${p.problem}`,
      );
      console.log(`${role} ${language}: ${pages.length} pages, ${problems.length} problems`);
      expect(lines, `pages visited: ${pages.join(" ")}`).toEqual([]);
    });
  }
}
