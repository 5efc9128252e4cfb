// Choosing the interface language: English, Russian or Kazakh.
import { expect, signInThroughForm, test, texts, waitForHydration } from "./fixtures";

const { en, ru, kk } = texts;

test("switches the sign-in page to Kazakh, then Russian, then back to English", async ({
  page,
}) => {
  const heading = page.getByRole("heading", { level: 1 });
  await page.goto("/login");
  await expect(heading).toHaveText(en.login.title);

  for (const [lang, t, label] of [
    ["kk", kk, en.nav.language],
    ["ru", ru, kk.nav.language],
    ["en", en, ru.nav.language],
  ] as const) {
    const select = page.getByLabel(label);
    await waitForHydration(select);
    await select.selectOption(lang);
    await expect(heading).toHaveText(t.login.title);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByLabel(t.login.password)).toBeVisible();
    await expect(page).toHaveURL("/login");
  }
});

test("keeps a signed-in person's language on their account, so it returns at the next sign-in", async ({
  page,
  context,
  createUser,
  database,
}) => {
  const user = await createUser("LAWYER", { locale: "en" });
  const heading = page.getByRole("heading", { level: 1 });
  await page.goto("/login");
  await signInThroughForm(page, user);
  await expect(heading).toHaveText(en.pages.myCases.title);

  const select = page.getByLabel(en.nav.language);
  await waitForHydration(select);
  await select.selectOption("ru");
  await expect(heading).toHaveText(ru.pages.myCases.title);
  await expect(page).toHaveURL("/my");
  const stored = database.prepare("SELECT locale FROM User WHERE id = ?").get(user.id);
  expect(stored).toEqual({ locale: "ru" });

  await page.getByRole("button", { name: ru.nav.signOut }).click();
  await expect(heading).toHaveText(ru.login.title);

  // A browser that has never seen the choice (no language cookie) asks for English.
  await context.clearCookies();
  await page.goto("/login");
  await expect(heading).toHaveText(en.login.title);
  await signInThroughForm(page, user);
  await expect(page).toHaveURL("/my");
  await expect(heading).toHaveText(ru.pages.myCases.title);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
});
