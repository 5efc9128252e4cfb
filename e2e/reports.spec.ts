// Monitoring reports in Russian on the demo data: a coordinator prints a
// period report (A4, the period on every page) and downloads its CSV, then
// opens a flagged employer and its evidence pack.
import { readFile } from "node:fs/promises";
import { todayInKazakhstan } from "~/utils/time";
import { expect, test, texts } from "./fixtures";

const ru = texts.ru;

test("a coordinator prints a period report and downloads its CSV", async ({ page, loginAs }) => {
  await loginAs("COORDINATOR", { locale: "ru" });
  const response = await page.goto(`/reports?from=2024-01-01&to=${todayInKazakhstan()}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: ru.reports.title })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: ru.reports.groups.forcedLabour }),
  ).toBeVisible();
  await expect(page.getByText(ru.reports.forcedLabour.rule)).toBeVisible();
  // Charts are SVG from the server: there without JavaScript, with no inline style.
  await expect(page.locator("svg.report-chart").first()).toBeVisible();
  expect(await page.locator(".report [style]").count()).toBe(0);

  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.locator(".report-filters")).toBeHidden();
  const header = page.locator(".report-print-header");
  await expect(header).toBeVisible();
  await expect(header).toContainText("Период:");
  await expect(page.locator(".report-print-footer")).toContainText("Adal");
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await page.emulateMedia({ media: "screen" });

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: ru.reports.exportCsv }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^adal-report-2024-01-01-.*\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain(ru.reports.title);
  expect(csv).toContain("Период:");
  expect(csv).toContain(ru.reports.tables.casesByMonth);
});

test("a reversed period is refused with a message by the field", async ({ page, loginAs }) => {
  await loginAs("COORDINATOR", { locale: "ru" });
  const response = await page.goto("/reports?from=2026-05-01&to=2026-04-01");
  expect(response?.status()).toBe(400);
  await expect(page.getByText(ru.reports.errors.periodOrder)).toBeVisible();
});

test("a coordinator opens a flagged employer and its evidence pack", async ({ page, loginAs }) => {
  await loginAs("COORDINATOR", { locale: "ru" });
  await page.goto("/employers?flagged=1");
  await expect(page.getByRole("heading", { level: 1, name: ru.employers.title })).toBeVisible();
  const first = page.getByRole("table").getByRole("rowheader").getByRole("link").first();
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(`${ru.employers.flagged}:`)).toBeVisible();
  // The merge picker searches the records in scope by name, without JavaScript: a GET form.
  await page
    .getByLabel(ru.employers.merge.find)
    .fill(name.replace(/[«»"]/g, "").split(/\s+/).pop()!.slice(0, 5));
  await page.getByRole("button", { name: ru.employers.merge.search, exact: true }).click();
  await expect(page).toHaveURL(/[?&]find=/);
  await expect(
    page
      .getByRole("table", { name: ru.employers.merge.found })
      .or(page.getByText(ru.employers.merge.noneFound)),
  ).toBeVisible();
  await page.getByRole("link", { name: ru.employers.evidence.open }).click();
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: ru.employers.evidence.title.replace("{{name}}", name),
    }),
  ).toBeVisible();
  await expect(page.getByText(ru.employers.evidence.note)).toBeVisible();
});
