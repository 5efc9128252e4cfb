// The web-facing defences from THREAT-MODEL.md: the cross-origin write check,
// the security headers and the script nonce.
import type { Database } from "better-sqlite3";
import { expect, signInThroughForm, test, texts, waitForHydration } from "./fixtures";
import { BASE_URL } from "./support/env";

const en = texts.en;
const FOREIGN_ORIGIN = "https://evil.example";

/** Everything a sign-in or sign-out by this account could have written. */
function writesBy(database: Database, user: { id: string; email: string }) {
  const count = (sql: string, ...params: string[]) =>
    (database.prepare(sql).get(...params) as { n: number }).n;
  return {
    sessions: count("SELECT count(*) AS n FROM Session WHERE userId = ?", user.id),
    auditEntries: count(
      "SELECT count(*) AS n FROM AuditEntry WHERE actorId = ? OR targetId = ?",
      user.id,
      user.id,
    ),
    throttleRows: count(
      "SELECT count(*) AS n FROM LoginThrottle WHERE key = ?",
      `account:${user.email}`,
    ),
  };
}

test.describe("cross-origin writes", () => {
  // Counted per account rather than over whole tables: tests in the other worker
  // sign in and out at the same time.
  test("refuses a sign-out posted from another site or with no Origin, and it changes nothing", async ({
    request,
    loginAs,
    database,
  }) => {
    const { user, token } = await loginAs("LAWYER");
    const cookie = `__Host-adal_session=${token}`;
    const before = writesBy(database, user);
    expect(before.sessions).toBe(1);

    for (const origin of [FOREIGN_ORIGIN, undefined]) {
      const response = await request.post("/logout", {
        headers: origin ? { cookie, origin } : { cookie },
        maxRedirects: 0,
      });
      expect(response.status(), `Origin: ${origin ?? "(none)"}`).toBe(403);
    }

    expect(writesBy(database, user)).toEqual(before);
    const stillSignedIn = await request.get("/my", { headers: { cookie }, maxRedirects: 0 });
    expect(stillSignedIn.status()).toBe(200);
  });

  test("refuses a sign-in posted from another site, and it changes nothing", async ({
    request,
    createUser,
    database,
  }) => {
    const user = await createUser("ORGANIZER");
    const form = { email: user.email, password: user.password };
    const before = writesBy(database, user);

    for (const origin of [FOREIGN_ORIGIN, undefined]) {
      const response = await request.post("/login", {
        form,
        headers: origin ? { origin } : {},
        maxRedirects: 0,
      });
      expect(response.status(), `Origin: ${origin ?? "(none)"}`).toBe(403);
      expect(response.headers()["set-cookie"]).toBeUndefined();
    }
    expect(writesBy(database, user)).toEqual(before);

    // The same request from our own origin does sign in: the check above measured something.
    const own = await request.post("/login", {
      form,
      headers: { origin: BASE_URL },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(302);
    expect(writesBy(database, user).sessions).toBe(before.sessions + 1);
  });
});

test.describe("security headers", () => {
  function directivesOf(csp: string | undefined): Map<string, string[]> {
    expect(csp, "Content-Security-Policy header").toBeTruthy();
    return new Map(
      csp!
        .split(";")
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name = "", ...values]) => [name, values]),
    );
  }

  test("sends an enforcing CSP whose per-response nonce is on every script of the page", async ({
    request,
  }) => {
    const first = await request.get("/login");
    const directives = directivesOf(first.headers()["content-security-policy"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    const scriptSrc = directives.get("script-src") ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    const nonce = scriptSrc
      .find((value) => value.startsWith("'nonce-"))
      ?.slice("'nonce-".length, -1);
    expect(nonce, "a nonce in script-src").toMatch(/^[A-Za-z0-9+/]{22}==$/);

    const scripts = [...(await first.text()).matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);

    const second = await request.get("/login");
    const secondNonce = directivesOf(second.headers()["content-security-policy"])
      .get("script-src")
      ?.find((value) => value.startsWith("'nonce-"));
    expect(secondNonce).not.toBe(`'nonce-${nonce}'`);
  });

  test("sends the hardening headers on the sign-in page and on signed-in pages", async ({
    page,
    loginAs,
    request,
  }) => {
    const signIn = await request.get("/login");
    await loginAs("COORDINATOR");
    const signedIn = await page.goto("/triage");
    expect(signedIn?.status()).toBe(200);

    for (const response of [signIn.headers(), await signedIn!.allHeaders()]) {
      expect(response["content-security-policy"]).toContain("'nonce-");
      expect(response["x-content-type-options"]).toBe("nosniff");
      expect(response["referrer-policy"]).toBe("no-referrer");
      expect(response["cross-origin-opener-policy"]).toBe("same-origin");
      expect(response["permissions-policy"]).toBe("geolocation=(), camera=(), microphone=()");
      expect(response["cache-control"]).toBe("no-store");
    }
  });

  test("reports no Content-Security-Policy violation while a person signs in, moves around and signs out", async ({
    page,
    createUser,
  }) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/content.security.policy|refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // The browser's own report of each violation, in case one is not logged to the console.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(
          `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
        );
      });
    });

    const user = await createUser("ORGANIZER");
    await page.goto("/login");
    await signInThroughForm(page, user);
    await expect(
      page.getByRole("heading", { level: 1, name: en.pages.myIntakes.title }),
    ).toBeVisible();

    // A client-side navigation: route modules and loader data are fetched by script.
    const home = page.getByRole("link", { name: en.app.name });
    await waitForHydration(home);
    const dataRequest = page.waitForResponse((response) => response.url().includes("_data="));
    await home.click();
    expect((await dataRequest).status()).toBeLessThan(400);
    await expect(page).toHaveURL("/cases/mine");
    await page.getByRole("button", { name: en.nav.signOut }).click();
    await expect(page.getByRole("heading", { level: 1, name: en.login.title })).toBeVisible();

    expect(problems).toEqual([]);
  });
});
