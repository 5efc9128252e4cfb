// My work stays one page for a lawyer with many cases: the most urgent first,
// how many there are, and "Show more" as a plain link (no JavaScript needed).
import en from "~/locales/en";
import { contextFor, expect, test } from "./fixtures";
import { assignTo } from "./support/assignment";
import { recordCase } from "./support/cases";

test("a lawyer with more open cases than a page sees how many there are and shows the rest without JavaScript", async ({
  browser,
  app,
  createUser,
}) => {
  const organizer = await createUser("ORGANIZER");
  const lawyer = await createUser("LAWYER");
  for (let i = 0; i < 52; i += 1) {
    const reference = await recordCase(app, organizer, i === 0 ? { urgency: "URGENT" } : {});
    await assignTo(app, reference, lawyer, "LEAD_LAWYER");
  }

  const context = await contextFor(browser, app, lawyer, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/my");
  const mine = page.getByRole("region", { name: "My open cases: 52" });
  await expect(mine.getByRole("listitem")).toHaveCount(50);
  await expect(mine.getByRole("listitem").first()).toContainText(en.urgencies.URGENT);
  await expect(mine.getByText("Showing 50 of 52")).toBeVisible();

  await mine.getByRole("link", { name: en.myWork.showMoreCases }).click();
  await expect(page).toHaveURL(/\/my\?cases=100$/);
  await expect(mine.getByRole("listitem")).toHaveCount(52);
  await expect(mine.getByRole("link", { name: en.myWork.showMoreCases })).toHaveCount(0);
  await context.close();
});
