// Correcting a case file: two people edit the facts of the same case; the
// second is told who changed it first and keeps what they typed; the timeline
// shows that the place changed (sealed text: never its words).
import { minimalIntake } from "../tests/fixtures/intake";
import { contextFor, expect, test, texts, waitForHydration } from "./fixtures";
import { BASE_URL } from "./support/env";
import { recordCase, revealIdentities } from "./support/cases";
import { corrupted } from "../tests/fixtures/corrupted";

const en = texts.en;

test("two people edit the same case's facts: the second is told who came first and keeps what they typed", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
  assignTo,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  const { user: lawyer } = await loginAs("LAWYER");
  await assignTo(reference, lawyer, "LEAD_LAWYER");
  const coordinator = await createUser("COORDINATOR");
  const coordinatorContext = await contextFor(browser, app, coordinator);
  const coordinatorPage = await coordinatorContext.newPage();

  // The lawyer finds the edit link on the case file; both open the form at the same version.
  await page.goto(`/cases/${reference}`);
  await page.getByRole("link", { name: en.caseFile.edit.editFacts }).click();
  await coordinatorPage.goto(`${BASE_URL}/cases/${reference}/edit`);
  const save = (p: typeof page) => p.getByRole("button", { name: en.caseFile.edit.save });
  await waitForHydration(save(page));
  await waitForHydration(save(coordinatorPage));
  await expect(page.getByLabel(/^Place/)).toHaveValue("Tengiz field camp");

  await coordinatorPage.getByLabel(/^Place/).fill("Tengiz field camp, gate 4");
  await save(coordinatorPage).click();
  await expect(coordinatorPage.getByText(en.caseFile.edit.saved)).toBeVisible();

  await page.getByLabel(/^Place/).fill("Tengiz, the canteen");
  await page.getByLabel(en.intake.facts.workersAffected).fill("14");
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await save(page).click();
  expect((await answer).status()).toBe(409);
  await expect(page.getByRole("alert").filter({ hasText: coordinator.displayName })).toContainText(
    en.caseFile.timeline.kinds.FACT_EDITED,
  );
  // What the first person changed is shown with the refusal: the place is sealed text, so
  // which field changed, never its words (docs/decisions/0027).
  const placeChanged = en.caseFile.edit.changedWithoutValue.replace(
    "{{field}}",
    en.intake.fields.place,
  );
  await expect(page.getByText(placeChanged)).toBeVisible();
  await expect(page.getByLabel(/^Place/)).toHaveValue("Tengiz, the canteen");
  await expect(page.getByLabel(en.intake.facts.workersAffected)).toHaveValue("14");
  // Stored sealed: the database holds no word of it.
  const { place } = await app.prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { place: true },
  });
  expect(place).not.toContain("Tengiz");

  // The case file shows the first person's place; its timeline says the place changed.
  await page.goto(`/cases/${reference}`);
  await expect(page.getByText("Tengiz field camp, gate 4")).toBeVisible();
  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(timeline.getByText(placeChanged)).toBeVisible();
  await coordinatorContext.close();
});

test("a worker with a mistyped IIN is refused beside the field, then added and renamed: the timeline says the name changed, never what it is", async ({
  page,
  app,
  createUser,
  loginAs,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  await loginAs("COORDINATOR");

  await page.goto(`/cases/${reference}`);
  await page.getByRole("link", { name: en.caseFile.edit.addWorker }).click();
  const add = page.getByRole("button", { name: en.caseFile.edit.addWorkerSubmit });
  await waitForHydration(add);
  await page.getByLabel(en.intake.worker.fullName).fill("Айгерим Нурланова");
  await page.getByLabel(new RegExp(`^${en.intake.worker.iin}`)).fill("900101310005");
  await page.getByLabel(en.intake.worker.occupation).fill("cleaner");
  await page.getByLabel(en.intake.consent.toStore).check();
  await add.click();
  // A mistyped IIN is refused beside its field, in the browser as on the server.
  await expect(page.getByText(en.validation.iinChecksum)).toBeVisible();
  await page.getByLabel(new RegExp(`^${en.intake.worker.iin}`)).fill("");
  await add.click();
  await expect(page.getByText(en.caseFile.edit.workerAdded)).toBeVisible();
  // The name is hidden behind the worker's pseudonym until revealed (decision 0034).
  await expect(page.getByRole("heading", { name: /Айгерим Нурланова/ })).toHaveCount(0);
  await revealIdentities(page, en, "OTHER", "Correcting the worker's name");
  await expect(page.getByRole("heading", { name: /Айгерим Нурланова/ })).toBeVisible();

  await page
    .getByRole("link", { name: en.caseFile.edit.editWorker.replace("{{number}}", "1") })
    .click();
  const saveWorker = page.getByRole("button", { name: en.caseFile.edit.saveWorker });
  await waitForHydration(saveWorker);
  await page.getByLabel(en.intake.worker.fullName).fill("Айгерим Нурланқызы");
  await saveWorker.click();
  await expect(page.getByText(en.caseFile.edit.workerSaved)).toBeVisible();
  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(timeline.getByText("Worker 1, Full name changed").first()).toBeVisible();
  await expect(timeline.getByText(/Нурлан/)).toHaveCount(0);
});

test("the facts form works without JavaScript: errors come back beside the fields, then the change is saved", async ({
  browser,
  app,
  createUser,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  const context = await contextFor(browser, app, organizer, { javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto(`${BASE_URL}/cases/${reference}/edit`);
  await page.getByLabel(/^Place/).fill("");
  await page.getByLabel(en.intake.facts.workersAffected).fill("15");
  await page.getByRole("button", { name: en.caseFile.edit.save }).click();
  await expect(page.getByText(en.caseFile.edit.fixBelow)).toBeVisible();
  await expect(page.getByLabel(en.intake.facts.workersAffected)).toHaveValue("15");

  await page.getByLabel(/^Place/).fill("Kulsary, depot");
  await page.getByRole("button", { name: en.caseFile.edit.save }).click();
  await expect(page.getByText(en.caseFile.edit.saved)).toBeVisible();
  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(timeline.getByText(`${en.intake.facts.workersAffected}: 12 → 15`)).toBeVisible();
  await expect(
    timeline.getByText(
      en.caseFile.edit.changedWithoutValue.replace("{{field}}", en.intake.fields.place),
    ),
  ).toBeVisible();
  await context.close();
});

test("without JavaScript a place that cannot be read is said so, kept on save, and replaced only when ticked (decision 0043)", async ({
  browser,
  app,
  createUser,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer);
  const { place } = await app.prisma.case.findUniqueOrThrow({ where: { reference } });
  const damaged = corrupted(place);
  await app.prisma.case.update({ where: { reference }, data: { place: damaged } });
  const context = await contextFor(browser, app, organizer, { javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto(`${BASE_URL}/cases/${reference}/edit`);
  const placeField = page.getByRole("textbox", { name: /^Place/ });
  await expect(placeField).toHaveValue("");
  await expect(placeField).toHaveAccessibleDescription(/failed its integrity check/);
  await expect(page.getByText(en.sealed.field.unreadable, { exact: true })).toBeVisible();
  await page.getByLabel(en.intake.facts.workersAffected).fill("15");
  await page.getByRole("button", { name: en.caseFile.edit.save }).click();
  await expect(page.getByText(en.caseFile.edit.saved)).toBeVisible();
  expect((await app.prisma.case.findUniqueOrThrow({ where: { reference } })).place).toBe(damaged);

  await page.goto(`${BASE_URL}/cases/${reference}/edit`);
  await placeField.fill("Kulsary, depot");
  await page.getByLabel(en.caseFile.edit.unreadable.replace).check();
  await page.getByRole("button", { name: en.caseFile.edit.save }).click();
  await expect(page.getByText(en.caseFile.edit.saved)).toBeVisible();
  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(
    timeline.getByText(
      en.caseFile.edit.replacedUnreadable.replace("{{field}}", en.intake.fields.place),
    ),
  ).toBeVisible();
  await context.close();
});

test("a category's own questions come prefilled as recorded, and a ticked box shows in the timeline", async ({
  page,
  app,
  createUser,
  loginAs,
  assignTo,
}) => {
  const organizer = await createUser("ORGANIZER");
  const result = await app.submitIntake(
    minimalIntake("FORCED_LABOR", { confirmDuplicates: "on", region: "ALMATY" }),
    { userId: organizer.id },
  );
  if (result.kind !== "created") throw new Error(`intake not saved: ${result.kind}`);
  const { user: lawyer } = await loginAs("LAWYER");
  await assignTo(result.reference, lawyer, "LEAD_LAWYER");

  await page.goto(`/cases/${result.reference}/edit`);
  await waitForHydration(page.getByRole("button", { name: en.caseFile.edit.save }));
  const indicator = (key: keyof typeof en.intake.indicators) =>
    page.getByRole("checkbox", { name: en.intake.indicators[key], exact: true });
  await expect(indicator("DECEPTION")).toBeChecked();
  await expect(indicator("ABUSE_OF_VULNERABILITY")).not.toBeChecked();
  await expect(page.getByRole("radio", { name: en.triState.UNKNOWN })).toBeChecked();
  await indicator("ISOLATION").check();
  await page.getByRole("button", { name: en.caseFile.edit.save }).click();
  await expect(page.getByText(en.caseFile.edit.saved)).toBeVisible();
  const timeline = page.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(
    timeline.getByText(
      `${en.intake.facts.indicators}: ${en.intake.indicators.DECEPTION} → ${en.intake.indicators.DECEPTION}, ${en.intake.indicators.ISOLATION}`,
    ),
  ).toBeVisible();
});
