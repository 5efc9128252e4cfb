// When the database cannot save (a full disk) or cannot answer at all, the
// intake page says so, translated, with a 503 — never a stack trace — and
// keeps everything the organizer typed (docs/decisions/0020). The fault is
// injected into the requests of this test only, by the e2e server
// (e2e/support/database-faults.mjs: a request header, honoured only there).
import type { Page } from "@playwright/test";
import { expect, test, texts } from "./fixtures";
import { CATEGORY_ANSWERS, IntakeForm, uniqueSuffix } from "./support/intake";

const { en, ru } = texts;

/** Every request of this page to /cases/new (the page, its data, the POST) meets the fault. */
async function databaseFault(page: Page, fault: "full" | "down", methods = ["POST"]) {
  const matches = (url: URL) => url.pathname === "/cases/new";
  const handler = async (route: Parameters<Parameters<Page["route"]>[1]>[0]) => {
    if (!methods.includes(route.request().method())) return route.continue();
    const headers = await route.request().allHeaders();
    await route.continue({ headers: { ...headers, "x-e2e-database-fault": fault } });
  };
  await page.route(matches, handler);
  return () => page.unroute(matches, handler);
}

const noStackTrace = async (page: Page) => {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/Unexpected Server Error|SqliteError|SQLITE_|\n\s+at /);
};

test("a full disk: the intake answers 503 in the organizer's language, keeps the draft, and saves once there is room", async ({
  page,
  loginAs,
}) => {
  const { user } = await loginAs("ORGANIZER", { locale: "ru" });
  const draftKey = `adal:intake-draft:${user.id}`;
  const form = new IntakeForm(page, ru);
  const place = `Вахтовый посёлок ${uniqueSuffix()}`;
  const account = "Зарплату не платят третий месяц, бригадир велел молчать.";
  // The page's timers stand still while the organizer types: the draft must come
  // from pressing save, not from the typing pause the form also waits for (which a
  // quick save outran about one run in ten, losing the last field typed).
  await page.clock.install();
  await form.open();
  await page.clock.pauseAt(Date.now() + 1_000);
  await form.fillEverything({ category: "OTHER", place, account });

  const restore = await databaseFault(page, "full");
  const refused = await form.save();
  expect(refused.status()).toBe(503);
  expect(refused.headers()["retry-after"]).toBeTruthy();
  await expect(page.getByRole("alert").filter({ hasText: ru.intake.unavailable })).toBeVisible();
  await noStackTrace(page);
  // Nothing typed is lost: the form holds it, and so does the tab's draft.
  await expect(page).toHaveURL(/\/cases\/new$/);
  const draft = await page.evaluate((key) => sessionStorage.getItem(key), draftKey);
  expect(draft).toContain(place);
  expect(draft).toContain(account);
  await page.clock.resume();

  // Space again: the same form, as the server gave it back, saves.
  await restore();
  await form.waitUntilInteractive();
  await expect(
    form
      .group(ru.intake.fields.category)
      .getByRole("radio", { name: new RegExp(`^${ru.categories.OTHER}`) }),
  ).toBeChecked();
  await form.next("workers");
  await form.next("employer");
  await expect(form.field(ru.intake.fields.place)).toHaveValue(place);
  await form.next("account");
  await expect(form.field(ru.intake.fields.account)).toHaveValue(account);
  await form.next("consent");
  await form.next("review");
  expect((await form.save()).status()).toBeLessThan(400);
  await form.createdReference();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a full disk: the 503 page echoes every value typed, and the same form then saves", async ({
    page,
    loginAs,
  }) => {
    await loginAs("ORGANIZER");
    const form = new IntakeForm(page, en);
    const place = `Shift camp ${uniqueSuffix()}`;
    const account = "Nobody on the site was paid since the spring.";
    await page.goto("/cases/new");
    await form.chooseCategory("OTHER");
    // Without JavaScript a category's questions come from the server.
    const questions = page.waitForResponse(
      (response) =>
        response.request().method() === "POST" && new URL(response.url()).pathname === "/cases/new",
    );
    await form.button(en.intake.showQuestions).click();
    expect((await questions).status()).toBe(200);
    await CATEGORY_ANSWERS.OTHER.fill(form);
    await form.field(en.intake.fields.unnamedWorkerCount).fill("6");
    await form.field(en.intake.fields.place).fill(place);
    await form.field(en.intake.fields.incidentStart).fill("2026-01-10");
    await form.choose(en.intake.fields.channel, en.channels.WALK_IN);
    await form.field(en.intake.fields.account).fill(account);

    await databaseFault(page, "full");
    const posted = page.waitForResponse(
      (response) =>
        response.request().method() === "POST" && new URL(response.url()).pathname === "/cases/new",
    );
    await form.button(en.intake.save).click();
    expect((await posted).status()).toBe(503);
    await expect(page.getByRole("alert").filter({ hasText: en.intake.unavailable })).toBeVisible();
    await noStackTrace(page);
    await expect(form.field(en.intake.fields.place)).toHaveValue(place);
    await expect(form.field(en.intake.fields.account)).toHaveValue(account);
    await expect(form.field(en.intake.fields.unnamedWorkerCount)).toHaveValue("6");
    await expect(form.field(en.intake.facts.summary)).toHaveValue(
      "Pay slips are not given to anyone",
    );

    await page.unrouteAll();
    const saved = page.waitForResponse(
      (response) =>
        response.request().method() === "POST" && new URL(response.url()).pathname === "/cases/new",
    );
    await form.button(en.intake.save).click();
    expect((await saved).status()).toBe(302);
    await form.createdReference();
  });
});

// The document's language then comes from the cookie a sign-in sets, not from the database.
test("a database that cannot answer at all: the intake page is a translated 503, not a stack trace", async ({
  page,
  loginAs,
}) => {
  await loginAs("ORGANIZER", { locale: "ru" });
  await databaseFault(page, "down", ["GET"]);
  const answer = await page.goto("/cases/new");
  expect(answer?.status()).toBe(503);
  await expect(
    page.getByRole("heading", { level: 1, name: ru.errors.unavailable.title }),
  ).toBeVisible();
  await expect(page.getByText(ru.errors.unavailable.body)).toBeVisible();
  await noStackTrace(page);
});
