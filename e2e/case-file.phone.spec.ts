// Issue 15: a lawyer in a corridor before a hearing opens the case file on a
// phone. The summary, the next date and the timeline come first; the forms
// (status, outcome, documents, notes) open on demand, with or without JavaScript.
import { expect, test, texts } from "./fixtures";

const en = texts.en;

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("the case file puts the timeline before the forms, which open on demand", async ({
      page,
      app,
      loginAs,
      assignTo,
    }) => {
      const { reference } = await app.prisma.case.findFirstOrThrow({
        where: { status: "ASSIGNED", organizer: { email: { endsWith: "@example.org" } } },
        orderBy: { createdAt: "desc" },
        select: { reference: true },
      });
      const { user: lawyer } = await loginAs("LAWYER");
      await assignTo(reference, lawyer, "SUPPORTING_LAWYER");
      await page.goto(`/cases/${reference}`);

      const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
      const timeline = headings.indexOf(en.caseFile.timeline.heading);
      expect(timeline, headings.join(" | ")).toBeGreaterThanOrEqual(0);
      for (const panel of [en.caseFile.status.heading, en.caseFile.notes.heading])
        expect(headings.indexOf(panel), headings.join(" | ")).toBeGreaterThan(timeline);

      const notes = page.getByRole("region", { name: en.caseFile.notes.heading });
      const body = notes.getByLabel(/^New note/);
      await expect(body).toBeHidden();
      await expect(page.getByLabel(/^Change the status to/)).toBeHidden();
      await notes.locator("summary", { hasText: en.caseFile.notes.submit }).click();
      await expect(body).toBeVisible();
      await body.fill("Hearing at 10:00, room 3");
      await notes.getByRole("button", { name: en.caseFile.notes.submit, exact: true }).click();
      await expect(page.getByText(en.caseFile.notes.added)).toBeVisible();
    });
  });
}
