// Organizers work from phones: the "phone" project runs this file at 375×812.
import type { Page } from "@playwright/test";
import { expect, signInThroughForm, test, texts } from "./fixtures";

const en = texts.en;

async function expectNoSidewaysScrolling(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(
    scrollWidth,
    `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`,
  ).toBeLessThanOrEqual(clientWidth);
}

test("signs in on a phone screen with nothing wider than the screen", async ({
  page,
  createUser,
}) => {
  expect(page.viewportSize()).toEqual({ width: 375, height: 812 });
  const user = await createUser("ORGANIZER");

  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: en.login.title })).toBeVisible();
  await expectNoSidewaysScrolling(page);

  await signInThroughForm(page, user);
  await expect(
    page.getByRole("heading", { level: 1, name: en.pages.myIntakes.title }),
  ).toBeVisible();
  await expect(page.getByRole("navigation", { name: en.nav.label })).toBeVisible();
  await expectNoSidewaysScrolling(page);
});
