// Issue 13 in the browser, in Russian: a server that starts sealed (key
// shares, 2 of 3) still takes an intake; the lawyer who tries to reveal the names is told the
// server is sealed (the reveal's words are sealed with the case key, decision 0034); two key
// holders enter their shares on /unseal; the lawyer then reveals and sees the name; a
// coordinator's "seal now" hides it again ("Запечатано" in place of the name).
// The spec runs its own server (scripts/e2e-server.js with its own port,
// database and E2E_KEY_SHARES_FILE), so sealing it leaves every other spec's
// server as it was.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test, texts } from "./fixtures";
import { E2E_DATABASE_FILE, E2E_PORT } from "./support/env";
import { revealIdentities } from "./support/cases";
import { CATEGORY_ANSWERS, IntakeForm, uniqueSuffix } from "./support/intake";

const ru = texts.ru;
const root = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_SEALED_PORT || E2E_PORT + 500);
const BASE = `http://localhost:${PORT}`;
const DB = `${E2E_DATABASE_FILE.replace(/\.db$/, "")}-sealed.db`;
const SHARES_FILE = `${DB}.shares.json`;

let server: ChildProcess | null = null;
let shares: string[] = [];
let tokens: Record<"organizer" | "lawyer" | "coordinator", string>;

/** The admin helper (support/sealed-server-admin.ts) on this spec's database. */
async function admin(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "e2e/support/sealed-server-admin.ts", ...args],
    { cwd: root, env: { ...process.env, DATABASE_URL: `file:${DB}` } },
  );
  return stdout;
}

async function serverUp(): Promise<boolean> {
  try {
    return (await fetch(`${BASE}/healthz`)).ok;
  } catch {
    return false;
  }
}

/** A browser of its own for one demo account (Russian), signed in with a real session. */
async function signedIn(browser: Browser, who: keyof typeof tokens): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ baseURL: BASE, locale: "ru-RU" });
  await context.addCookies([
    {
      name: "__Host-adal_session",
      value: tokens[who],
      domain: "localhost",
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
    },
  ]);
  return context.newPage();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  server = spawn(process.execPath, ["scripts/e2e-server.js"], {
    cwd: root,
    env: {
      ...process.env,
      E2E_PORT: String(PORT),
      E2E_DB: DB,
      E2E_KEY_SHARES_FILE: SHARES_FILE,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await expect.poll(serverUp, { timeout: 170_000, intervals: [500] }).toBe(true);
  shares = JSON.parse(readFileSync(SHARES_FILE, "utf8")) as string[];
  tokens = JSON.parse(/^TOKENS (.*)$/m.exec(await admin("sessions"))![1]!) as typeof tokens;
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  for (const file of [SHARES_FILE, DB, `${DB}-wal`, `${DB}-shm`]) rmSync(file, { force: true });
});

test("a sealed server takes an intake; key holders unseal; the lawyer sees the name until sealed again", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const worker = `Ержан Печатов ${uniqueSuffix()}`;
  const organizer = await signedIn(browser, "organizer");
  const lawyer = await signedIn(browser, "lawyer");
  const keyHolder = await signedIn(browser, "coordinator");
  const workerHeading = () => lawyer.locator(".worker-card h3").first();

  let reference = "";
  await test.step("the sealed server says so, and still takes an intake", async () => {
    const form = new IntakeForm(organizer, ru);
    await form.open();
    await expect(organizer.getByText(ru.app.keyBanner.sealed)).toBeVisible();
    await form.chooseCategory("UNPAID_WAGES");
    await CATEGORY_ANSWERS.UNPAID_WAGES.fill(form);
    await form.next("workers");
    await form.addNamedWorker(1, worker);
    await form.next("employer");
    await form.fillEmployer({ name: `ТОО «Печать ${uniqueSuffix()}»`, sector: "CONSTRUCTION" });
    await form.fillPlaceAndTime("Атырау, вахтовый посёлок");
    // The demo organizer covers two regions: the intake names one.
    await form.field(ru.intake.fields.region).selectOption({ label: ru.regions.ATYRAU });
    await form.next("account");
    await form.field(ru.intake.fields.account).fill("Три месяца без зарплаты.");
    await form.next("consent");
    await form.consentToStore(worker);
    await form.next("review");
    expect((await form.save()).status()).toBeLessThan(400);
    reference = await form.createdReference();
    await admin("assign", reference);
  });

  await test.step("the lawyer cannot reveal the identities while the server is sealed", async () => {
    await lawyer.goto(`/cases/${reference}`);
    // Workers go by pseudonym until a reveal (decision 0034).
    await expect(workerHeading()).toContainText(ru.caseFile.reveal.nameHidden);
    await lawyer.getByLabel(ru.caseFile.reveal.reason).selectOption("LEGAL_FILING");
    await lawyer.getByLabel(ru.caseFile.reveal.explanation).fill("Иск в суд");
    await lawyer.getByRole("button", { name: ru.caseFile.reveal.submit }).click();
    await expect(lawyer.getByRole("heading", { name: ru.errors.sealed.title })).toBeVisible();
    await expect(lawyer.getByText(worker)).toHaveCount(0);
  });

  await test.step("two key holders enter their shares on /unseal", async () => {
    await keyHolder.goto("/unseal");
    await expect(
      keyHolder.getByRole("heading", { name: ru.keys.unseal.state.sealed }),
    ).toBeVisible();
    const share = keyHolder.getByRole("textbox", { name: ru.keys.unseal.share.label });
    const submit = keyHolder.getByRole("button", { name: ru.keys.unseal.share.submit });
    await share.fill(shares[0]!);
    await submit.click();
    await expect(keyHolder.getByText(ru.keys.unseal.done.share)).toBeVisible();
    await share.fill(shares[2]!);
    await submit.click();
    await expect(keyHolder.getByText(ru.keys.unseal.done.unsealed)).toBeVisible();
  });

  await test.step("the lawyer now reveals and sees the worker's name", async () => {
    await lawyer.goto(`/cases/${reference}`);
    await revealIdentities(lawyer, ru, "LEGAL_FILING", "Иск в суд");
    await expect(workerHeading()).toContainText(worker);
    await expect(lawyer.getByText(ru.app.keyBanner.sealed)).toHaveCount(0);
  });

  await test.step("“seal now” hides it again", async () => {
    await keyHolder.goto("/unseal");
    await keyHolder.getByRole("button", { name: ru.keys.unseal.seal.submit }).click();
    await expect(keyHolder.getByText(ru.keys.unseal.done.sealed)).toBeVisible();
    await lawyer.reload();
    await expect(workerHeading()).toContainText(ru.sealed.field.sealed);
    await expect(lawyer.getByText(worker)).toHaveCount(0);
  });
});
