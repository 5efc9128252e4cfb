// An organizer records a case of every category from a phone (the "phone"
// project runs this file at 375×812), answering only what each category needs.
import { CATEGORIES } from "~/modules/intake/categories";
import { expect, test, texts } from "./fixtures";
import {
  CATEGORY_ANSWERS,
  IntakeForm,
  caseCard,
  format,
  myIntakesLink,
  uniqueSuffix,
} from "./support/intake";

const en = texts.en;

for (const category of CATEGORIES) {
  test(`records a "${en.categories[category]}" case on a phone`, async ({ page, loginAs }) => {
    expect(page.viewportSize()).toEqual({ width: 375, height: 812 });
    await loginAs("ORGANIZER");
    const form = new IntakeForm(page, en);
    await form.open();

    const { suggested, needsEmployer } = CATEGORY_ANSWERS[category];
    await form.chooseCategory(category);
    await CATEGORY_ANSWERS[category].fill(form);
    if (category === "DETAINED_ACTIVIST") {
      await expect(page.getByText(en.intake.fields.urgencyLocked)).toBeVisible();
    } else {
      // The rules' suggestion is the select's placeholder: left alone, it is what is saved.
      await expect(form.field(en.intake.fields.urgency).locator("option").first()).toHaveText(
        format(en.intake.fields.urgencySuggested, { urgency: en.urgencies[suggested] }),
      );
    }

    await form.next("workers");
    await form.field(en.intake.fields.unnamedWorkerCount).fill("5");
    await form.next("employer");
    const employer = `ТОО «Телефон ${category} ${uniqueSuffix()}»`;
    if (needsEmployer) await form.fillEmployer({ name: employer, sector: "CONSTRUCTION" });
    await form.fillPlaceAndTime("Almaty, market stalls on Raiymbek avenue");
    await form.next("account");
    await form.field(en.intake.fields.account).fill(`What the worker said about ${category}.`);
    await form.next("consent");
    await expect(page.getByText(en.intake.consent.noneNeeded)).toBeVisible();
    await form.next("review");

    const saved = await form.save();
    expect(saved.status(), "the save is answered with a redirect, not 400 or 409").toBeLessThan(
      400,
    );
    const reference = await form.createdReference();

    await myIntakesLink(page, en).click();
    await expect(
      page.getByRole("heading", { level: 1, name: en.pages.myIntakes.title }),
    ).toBeVisible();
    const card = caseCard(page, reference);
    await expect(card).toContainText(en.categories[category]);
    await expect(card).toContainText(en.urgencies[suggested]);
    if (needsEmployer) await expect(card).toContainText(employer);
  });
}
