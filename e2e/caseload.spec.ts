// The caseload dashboard on the demo data: a coordinator sees the charts and
// the same numbers as tables, narrows them with the filter form, and reads it
// on a phone; anyone else is refused.
import { expect, test, texts, waitForHydration } from "./fixtures";

const en = texts.en;

/** The numbers in a table's data cells, without group separators. */
async function cellNumbers(table: import("@playwright/test").Locator): Promise<number[]> {
  const cells = await table.locator("tbody td").allInnerTexts();
  return cells.map((text) => Number(text.replace(/[^\d]/g, "")));
}

test("a coordinator sees the caseload as charts and as tables with the demo's numbers", async ({
  page,
  loginAs,
}) => {
  await loginAs("COORDINATOR");
  const response = await page.goto("/caseload");
  expect(response?.status()).toBe(200);
  await expect(
    page.getByRole("heading", { level: 1, name: en.pages.caseload.title }),
  ).toBeVisible();

  for (const title of [
    en.caseload.byStatus,
    en.caseload.byCategory,
    en.caseload.byRegion,
    en.caseload.ageing.title,
    en.caseload.months.title,
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
    const table = page.getByRole("table", { name: title });
    await expect(table).toBeVisible();
    const numbers = await cellNumbers(table);
    expect(
      numbers.reduce((sum, n) => sum + n, 0),
      title,
    ).toBeGreaterThan(0);
  }
  // The charts are SVG in the server's HTML, drawn without JavaScript.
  await expect(page.locator(".chart__plot")).toHaveCount(5);
  await expect(page.locator(".chart__plot rect.chart__fill").first()).toBeVisible();

  const people = page.getByRole("table", { name: en.caseload.people.title });
  await expect(people.getByRole("link", { name: "Арман Тулегенов" })).toBeVisible();
  expect((await cellNumbers(people)).some((n) => n > 0)).toBe(true);
  const outcomes = page.getByRole("table", { name: en.caseload.outcomes.title });
  await expect(
    outcomes.getByRole("row", { name: new RegExp(en.caseload.outcomes.wagesRecovered) }),
  ).toContainText("KZT");

  // A count leads to the case list with the same filters.
  await expect(
    page.getByRole("table", { name: en.caseload.byStatus }).getByRole("link", { name: "New" }),
  ).toHaveAttribute("href", "/cases?status=NEW");
});

test("the filter form narrows the dashboard to a region", async ({ page, loginAs }) => {
  await loginAs("COORDINATOR");
  await page.goto("/caseload");
  await waitForHydration(page.getByRole("button", { name: en.caseload.filters.apply }));
  await page.getByRole("combobox", { name: en.caseload.filters.region }).selectOption("ATYRAU");
  await page.getByRole("button", { name: en.caseload.filters.apply }).click();
  await expect(page).toHaveURL(/region=ATYRAU/);
  const byRegion = page.getByRole("table", { name: en.caseload.byRegion });
  const rows = byRegion.locator("tbody tr");
  await expect(rows.filter({ hasText: en.regions.ATYRAU })).not.toContainText(/^0$/);
  await expect(rows.filter({ hasText: en.regions.ALMATY_REGION }).locator("td")).toHaveText("0");
  await expect(page.getByRole("combobox", { name: en.caseload.filters.region })).toHaveValue(
    "ATYRAU",
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the tables carry the numbers and the filter form still works", async ({
    page,
    loginAs,
  }) => {
    await loginAs("COORDINATOR");
    await page.goto("/caseload");
    const byStatus = page.getByRole("table", { name: en.caseload.byStatus });
    expect((await cellNumbers(byStatus)).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    await page.getByRole("combobox", { name: en.caseload.filters.category }).selectOption("OTHER");
    await page.getByRole("button", { name: en.caseload.filters.apply }).click();
    await expect(page).toHaveURL(/category=OTHER/);
    const byCategory = page.getByRole("table", { name: en.caseload.byCategory });
    await expect(
      byCategory.locator("tbody tr").filter({ hasText: en.categories.CHILD_LABOR }).locator("td"),
    ).toHaveText("0");
  });
});

test("the dashboard fits a phone's width", async ({ page, loginAs }) => {
  await loginAs("COORDINATOR");
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/caseload");
  await waitForHydration(page.getByRole("button", { name: en.caseload.filters.apply }));
  await expect(page.locator(".chart__plot")).toHaveCount(5);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a lawyer is refused the caseload dashboard", async ({ page, loginAs }) => {
  await loginAs("LAWYER");
  const response = await page.goto("/caseload");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: en.errors.forbidden.title })).toBeVisible();
});
