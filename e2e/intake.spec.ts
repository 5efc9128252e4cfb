// Recording an intake on /cases/new: group cases, the always-urgent detained
// activist, the form without JavaScript, possible duplicates, the draft kept
// across a reload, the Russian interface and existing employers. Each case
// of every category, on a phone, is in intake.phone.spec.ts.
import { expect, test, texts } from "./fixtures";
import {
  CATEGORY_ANSWERS,
  IntakeForm,
  caseCard,
  daysAgo,
  format,
  myIntakesLink,
  uniqueSuffix,
} from "./support/intake";

const { en, ru } = texts;

test("records a group wage case with 40 unnamed and 3 named workers", async ({ page, loginAs }) => {
  await loginAs("ORGANIZER");
  const form = new IntakeForm(page, en);
  await form.open();

  await form.chooseCategory("UNPAID_WAGES");
  await CATEGORY_ANSWERS.UNPAID_WAGES.fill(form);
  await form.field(en.intake.facts.workersAffected).fill("43");
  await form.next("workers");
  const names = ["Айгуль Тестова", "Бауыржан Примеров", "Светлана Демоева"];
  for (const [index, name] of names.entries()) await form.addNamedWorker(index + 1, name);
  await form.field(en.intake.fields.unnamedWorkerCount).fill("40");
  await form.next("employer");
  await form.fillEmployer({ name: `ТОО «Группа ${uniqueSuffix()}»`, sector: "CONSTRUCTION" });
  await form.fillPlaceAndTime("Astana, residential block site 12");
  await form.next("account");
  await form.field(en.intake.fields.account).fill("Nobody on the site was paid for three months.");
  await form.next("consent");
  // Each named worker has their own consent questions, not yet answered.
  await expect(page.getByRole("checkbox", { name: en.intake.consent.toStore })).toHaveCount(3);
  await expect(page.getByText(en.intake.errors.consentToStoreRequired)).toHaveCount(0);
  for (const name of names) await form.consentToStore(name);
  await form.next("review");
  await expect(
    page.getByText(format(en.intake.review.workers, { named: 3, anonymous: 0, unnamed: 40 })),
  ).toBeVisible();

  await form.save();
  const reference = await form.createdReference();
  // The organizer who took it sees the names here, beside each worker's pseudonym.
  const created = page.getByRole("region", { name: en.intake.created.workersHeading });
  for (const name of names) await expect(created.getByText(name)).toBeVisible();
  await expect(created.getByText(/^W-[2-9A-HJ-NP-Z]{4}$/)).toHaveCount(3);
  await page.getByRole("link", { name: en.intake.created.open }).click();
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: `${reference} · ${en.categories.UNPAID_WAGES}`,
    }),
  ).toBeVisible();
  await expect(
    page.getByText(format(en.caseFile.unnamedWorkers_other, { count: 40 }), { exact: true }),
  ).toBeVisible();
  // On the case file the workers are pseudonyms until someone reveals them (decision 0034).
  const workerHeadings = page.getByRole("listitem").getByRole("heading", { level: 3 });
  await expect(workerHeadings).toHaveCount(3);
  await expect(workerHeadings.filter({ hasText: en.caseFile.reveal.nameHidden })).toHaveCount(3);
  for (const name of names) await expect(page.getByText(name)).toHaveCount(0);
});

test("marks a detained unionist's case urgent, with no urgency to choose", async ({
  page,
  loginAs,
  app,
}) => {
  await loginAs("ORGANIZER");
  const form = new IntakeForm(page, en);
  await form.open();

  const urgency = form.field(en.intake.fields.urgency);
  await expect(urgency).toBeVisible();
  await form.chooseCategory("DETAINED_ACTIVIST");
  await expect(page.getByText(en.intake.fields.urgencyLocked)).toBeVisible();
  await expect(urgency).toHaveCount(0);
  await CATEGORY_ANSWERS.DETAINED_ACTIVIST.fill(form);
  await form.next("workers");
  await form.addNamedWorker(1, "Ерлан Условный");
  await form.next("employer");
  // No employer: a detained activist's complaint need not name one.
  await form.fillPlaceAndTime("Almaty, Bostandyk district police station");
  await form.next("account");
  await form.field(en.intake.fields.account).fill("He was taken from his home at dawn.");
  await form.next("consent");
  await form.consentToStore("Ерлан Условный");
  await form.next("review");
  await expect(page.getByRole("definition").filter({ hasText: en.urgencies.URGENT })).toBeVisible();

  await form.save();
  const reference = await form.createdReference();
  await page.getByRole("link", { name: en.intake.created.open }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `${reference} · ${en.categories.DETAINED_ACTIVIST}`,
  );
  await expect(page.locator(".case-badges .badge--urgent")).toHaveText(en.urgencies.URGENT);

  const stored = await app.prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { urgency: true, suggestedUrgency: true, category: true },
  });
  expect(stored).toEqual({
    urgency: "URGENT",
    suggestedUrgency: "URGENT",
    category: "DETAINED_ACTIVIST",
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("comes back with every value and the errors beside the fields, then saves", async ({
    page,
    loginAs,
  }) => {
    await loginAs("ORGANIZER");
    const form = new IntakeForm(page, en);
    const posted = () =>
      page.waitForResponse(
        (response) =>
          response.request().method() === "POST" &&
          new URL(response.url()).pathname === "/cases/new",
      );
    await page.goto("/cases/new");
    // One long form: every step at once and no stepper buttons.
    // The stepper is rendered before hydration (decision 0031): its heading says the step number too.
    await expect(form.stepHeading("category")).toHaveText(
      `${format(en.intake.stepOf, { step: 1, total: 6 })} · ${en.intake.steps.category}`,
    );
    await expect(form.stepHeading("review")).toBeVisible();
    await expect(form.button(en.intake.next)).toHaveCount(0);

    await form.chooseCategory("UNPAID_WAGES");
    await expect(form.field(en.intake.facts.amountOwed)).toHaveCount(0);
    let answer = posted();
    await form.button(en.intake.showQuestions).click();
    expect((await answer).status()).toBe(200);
    // The questions arrive with the new form's defaults.
    await expect(form.field(en.intake.facts.currency)).toHaveValue("KZT");
    await form.field(en.intake.facts.amountOwed).fill("1 250 000");
    await form.field(en.intake.facts.workersAffected).fill("12");

    answer = posted();
    await form.button(en.intake.worker.add).click();
    expect((await answer).status()).toBe(200);
    await expect(form.field(en.intake.facts.amountOwed)).toHaveValue("1 250 000");
    const worker = page.getByRole("group", {
      name: format(en.intake.worker.heading, { number: 1 }),
      exact: true,
    });
    await worker.getByLabel(/^Full name/).fill("Айгерим Нотестова");

    const employer = `ТОО «Без скриптов ${uniqueSuffix()}»`;
    await form.fillEmployer({ name: employer, sector: "AGRICULTURE" });
    await form.field(en.intake.fields.place).fill("Turkistan, cotton fields near Maktaaral");
    await form.field(en.intake.fields.incidentStart).fill(daysAgo(20));
    await form.choose(en.intake.fields.channel, en.channels.WALK_IN);
    const account = "They were promised 150 000 a month and got nothing since spring.";
    await form.field(en.intake.fields.account).fill(account);

    // Missing: the start of the unpaid period and the worker's consent to store their name.
    answer = posted();
    await form.button(en.intake.save).click();
    expect((await answer).status()).toBe(400);
    await expect(page.getByRole("alert").filter({ hasText: en.intake.fixBelow })).toBeVisible();
    await expect(form.field(en.intake.facts.amountOwed)).toHaveValue("1 250 000");
    await expect(form.field(en.intake.facts.workersAffected)).toHaveValue("12");
    await expect(worker.getByLabel(/^Full name/)).toHaveValue("Айгерим Нотестова");
    await expect(form.field(en.intake.employer.name)).toHaveValue(employer);
    await expect(form.field(en.intake.fields.place)).toHaveValue(
      "Turkistan, cotton fields near Maktaaral",
    );
    await expect(form.field(en.intake.fields.incidentStart)).toHaveValue(daysAgo(20));
    await expect(
      form.group(en.intake.fields.channel).getByLabel(en.channels.WALK_IN),
    ).toBeChecked();
    await expect(form.field(en.intake.fields.account)).toHaveValue(account);
    const periodStart = form.field(en.intake.facts.periodStart);
    await expect(periodStart).toHaveAttribute("aria-invalid", "true");
    await expect(periodStart).toHaveAccessibleDescription(en.validation.required);
    const consent = page
      .getByRole("group", {
        name: format(en.intake.consent.forWorker, { name: "Айгерим Нотестова" }),
      })
      .getByRole("checkbox", { name: en.intake.consent.toStore });
    await expect(consent).toHaveAccessibleDescription(en.intake.errors.consentToStoreRequired);

    await periodStart.fill(daysAgo(200));
    await consent.check();
    answer = posted();
    await form.button(en.intake.save).click();
    expect((await answer).status()).toBe(302);
    const reference = await form.createdReference();
    await page.goto("/cases/mine");
    await expect(caseCard(page, reference)).toContainText(employer);
  });
});

test("warns of a possible duplicate with the same employer and category, and saves anyway", async ({
  page,
  loginAs,
  app,
}) => {
  await loginAs("ORGANIZER");
  const form = new IntakeForm(page, en);
  const employer = { name: `ТОО «Дубликат ${uniqueSuffix()}»`, sector: "MANUFACTURING" } as const;

  await form.open();
  await form.fillEverything({ category: "UNION_BUSTING", employer });
  expect((await form.save()).status()).toBeLessThan(400);
  const first = await form.createdReference();

  await page.getByRole("link", { name: en.intake.created.another }).click();
  await form.waitUntilInteractive();
  await form.fillEverything({
    category: "UNION_BUSTING",
    employer,
    place: "The same factory, another shift",
  });
  expect((await form.save()).status()).toBe(409);
  const warning = page.getByRole("alert").filter({ hasText: en.intake.duplicates.title });
  await expect(warning.getByRole("heading", { name: en.intake.duplicates.title })).toBeVisible();
  await expect(warning.getByRole("link", { name: first, exact: true })).toHaveAttribute(
    "href",
    `/cases/${first}`,
  );
  await expect(warning).toContainText(en.intake.duplicates.reasons.sameEmployerAndCategory);

  expect((await form.save(en.intake.saveAnyway)).status()).toBeLessThan(400);
  const second = await form.createdReference();
  expect(second).not.toBe(first);
  const atEmployer = await app.prisma.case.findMany({
    where: { employers: { some: { employer: { name: employer.name } } } },
    select: { reference: true },
  });
  expect(atEmployer.map((c) => c.reference).sort()).toEqual([first, second].sort());
});

test("keeps an unsaved draft across a reload until it is discarded", async ({ page, loginAs }) => {
  const { user } = await loginAs("ORGANIZER");
  const draftKey = `adal:intake-draft:${user.id}`;
  const storedDraft = () => page.evaluate((key) => sessionStorage.getItem(key), draftKey);
  const form = new IntakeForm(page, en);
  await form.open();

  await form.chooseCategory("UNPAID_WAGES");
  await CATEGORY_ANSWERS.UNPAID_WAGES.fill(form);
  await form.field(en.intake.facts.amountOwed).fill("750 000");
  await form.next("workers");
  await form.field(en.intake.fields.unnamedWorkerCount).fill("7");
  await form.next("employer");
  await form.field(en.intake.fields.place).fill("Draft camp near Kulsary");
  await expect.poll(storedDraft).toContain("Draft camp near Kulsary");

  await page.reload();
  await form.waitUntilInteractive();
  await expect(form.restoredNotice).toBeVisible();
  const category = form
    .group(en.intake.fields.category)
    .getByRole("radio", { name: new RegExp(`^${en.categories.UNPAID_WAGES}`) });
  await expect(category).toBeChecked();
  await expect(form.field(en.intake.facts.amountOwed)).toHaveValue("750 000");
  await form.next("workers");
  await expect(form.field(en.intake.fields.unnamedWorkerCount)).toHaveValue("7");
  await form.next("employer");
  await expect(form.field(en.intake.fields.place)).toHaveValue("Draft camp near Kulsary");

  await form.button(en.intake.draft.discard).click();
  await expect(form.restoredNotice).toHaveCount(0);
  await expect(form.stepHeading("category")).toBeVisible();
  await expect(category).not.toBeChecked();
  await expect.poll(storedDraft).toBeNull();

  await page.reload();
  await form.waitUntilInteractive();
  await expect(page.getByText(format(en.intake.stepOf, { step: 1, total: 6 }))).toBeVisible();
  await expect(form.restoredNotice).toHaveCount(0);
  await expect(category).not.toBeChecked();
});

test("records a case in Russian, from the labels to the saved page", async ({ page, loginAs }) => {
  await loginAs("ORGANIZER", { locale: "ru" });
  const form = new IntakeForm(page, ru);
  await form.open();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1, name: ru.intake.title })).toBeVisible();
  await expect(form.stepHeading("category")).toHaveText(
    `${format(ru.intake.stepOf, { step: 1, total: 6 })} · ${ru.intake.steps.category}`,
  );

  // Errors are in Russian too.
  await form.button(ru.intake.next).click();
  await expect(form.group(ru.intake.fields.category).getByText(ru.validation.choose)).toBeVisible();

  await form.fillEverything({
    category: "UNPAID_WAGES",
    employer: { name: `ТОО «Русский ${uniqueSuffix()}»`, sector: "SERVICES" },
    place: "Атырау, вахтовый посёлок",
    account: "Зарплату не платят с сентября.",
  });
  await expect(page.getByRole("button", { name: ru.intake.save })).toBeVisible();
  expect((await form.save()).status()).toBeLessThan(400);
  const reference = await form.createdReference();
  await expect(page.getByText(ru.intake.created.body)).toBeVisible();
  await expect(page.getByRole("link", { name: ru.intake.created.open })).toHaveAttribute(
    "href",
    `/cases/${reference}`,
  );
  await myIntakesLink(page, ru).click();
  await expect(
    page.getByRole("heading", { level: 1, name: ru.pages.myIntakes.title }),
  ).toBeVisible();
  await expect(caseCard(page, reference)).toContainText(ru.categories.UNPAID_WAGES);
});

test("suggests a known employer by its exact BIN (never by name from others' cases) and links the case to it", async ({
  page,
  loginAs,
  app,
}) => {
  const name = "ТОО «Каспий Бурение Сервис»";
  const existing = await app.prisma.employer.findFirstOrThrow({
    where: { name },
    select: { id: true, bin: true },
  });
  expect(existing.bin, "the demo employer has a BIN").toBeTruthy();
  await loginAs("ORGANIZER");
  const form = new IntakeForm(page, en);
  await form.open();

  await form.chooseCategory("UNSAFE_CONDITIONS");
  await CATEGORY_ANSWERS.UNSAFE_CONDITIONS.fill(form);
  await form.next("workers");
  await form.field(en.intake.fields.unnamedWorkerCount).fill("2");
  await form.next("employer");
  // This organizer has no case naming the company: its name alone suggests nothing.
  const suggestion = page.getByRole("button", { name: new RegExp(`^${name}`) });
  const answered = page.waitForResponse((response) =>
    response.url().includes("/employers/suggest"),
  );
  await form.field(en.intake.employer.name).fill("каспий бур");
  await answered;
  await expect(suggestion).toHaveCount(0);
  await form.field(en.intake.employer.name).fill(existing.bin!);
  await expect(suggestion).toContainText(existing.bin!);
  await expect(suggestion).toContainText(en.regions.ATYRAU);
  await suggestion.click();
  await expect(
    page.getByRole("status").filter({ hasText: format(en.intake.employer.chosen, { name }) }),
  ).toBeVisible();
  await expect(form.field(en.intake.employer.name)).toHaveValue(name);
  await expect(form.field(en.intake.employer.sector)).toBeHidden();
  await form.fillPlaceAndTime("Atyrau, drilling rig 7");
  await form.next("account");
  await form.field(en.intake.fields.account).fill("A worker fell from the rig platform.");
  await form.next("consent");
  await form.next("review");

  let saved = await form.save();
  // Earlier runs against the same server may have recorded the same kind of case here.
  if (saved.status() === 409) saved = await form.save(en.intake.saveAnyway);
  expect(saved.status()).toBeLessThan(400);
  const reference = await form.createdReference();

  const links = await app.prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { employers: { select: { role: true, employerId: true } } },
  });
  expect(links.employers).toEqual([{ role: "EMPLOYER", employerId: existing.id }]);
  expect(await app.prisma.employer.count({ where: { name } })).toBe(1);
});
