// Pseudonymous casework in Russian (decision 0034): a lawyer sees the workers of a case by
// pseudonym, reveals the names with a reason and finds the reveal in "who viewed this file";
// the cases export without identities holds the pseudonyms only; the words given for an export
// with identities are sealed in the audit log and opened on the administrators' audit page.
import { randomBytes } from "node:crypto";
import { namedWorker } from "../tests/fixtures/intake";
import { expect, test, texts } from "./fixtures";
import { recordCase, revealIdentities } from "./support/cases";

const ru = texts.ru;
const PSEUDONYM = /^W-[2-9A-HJ-NP-Z]{4}$/;

async function namedCase(
  app: Parameters<typeof recordCase>[0],
  organizer: { id: string },
  name: string,
) {
  const reference = await recordCase(app, organizer, {
    workers: [namedWorker({ fullName: name, phone: "+77015550011" })],
  });
  const worker = await app.prisma.affectedWorker.findFirstOrThrow({
    where: { case: { reference } },
    select: { pseudonym: true },
  });
  return { reference, pseudonym: worker.pseudonym };
}

test("юрист раскрывает имя работника с указанием причины и видит это в списке «Кто открывал это дело»", async ({
  page,
  app,
  createUser,
  loginAs,
  assignTo,
}) => {
  const name = `Гульнара Тестова ${randomBytes(2).toString("hex")}`;
  const organizer = await createUser("ORGANIZER");
  const { reference, pseudonym } = await namedCase(app, organizer, name);
  expect(pseudonym).toMatch(PSEUDONYM);
  const { user: lawyer } = await loginAs("LAWYER", { locale: "ru" });
  await assignTo(reference, lawyer, "LEAD_LAWYER");

  await page.goto(`/cases/${reference}`);
  // Before the reveal: the pseudonym, "имя скрыто", and the name nowhere on the page.
  const worker = page.getByRole("heading", { level: 3, name: new RegExp(pseudonym) });
  await expect(worker).toContainText(ru.caseFile.reveal.nameHidden);
  await expect(page.getByText(name)).toHaveCount(0);
  await expect(page.getByText("+77015550011")).toHaveCount(0);

  // Without a reason: refused beside the field, nothing revealed.
  const submit = page.getByRole("button", { name: ru.caseFile.reveal.submit });
  await submit.click();
  await expect(page.getByText(ru.validation.required).first()).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);

  await revealIdentities(page, ru, "CONTACT_WORKER", "Позвонить перед заседанием");
  await expect(worker).toContainText(name);
  await expect(page.getByText(/Личные данные открыты для вас/)).toBeVisible();

  // "Кто открывал это дело": the reveal, with its reason and words.
  const viewers = page.getByRole("region", { name: ru.caseFile.viewers.heading });
  const line = viewers.getByRole("listitem").filter({ hasText: ru.caseFile.viewers.revealed });
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(ru.caseFile.reveal.reasons.CONTACT_WORKER);
  await expect(line).toContainText("Позвонить перед заседанием");
  await expect(line).toContainText(lawyer.displayName);
  // The audit entry has the reason, never the name, and the words only sealed with the case.
  const entry = await app.prisma.auditEntry.findFirstOrThrow({
    where: { action: "case.identities_revealed", targetId: reference },
  });
  expect(entry.details).toContain("CONTACT_WORKER");
  expect(entry.details).not.toContain(name);
  expect(entry.details).not.toContain("заседанием");

  // Hidden again on request.
  await page.getByRole("button", { name: ru.caseFile.reveal.hide }).click();
  await expect(page.getByText(ru.caseFile.reveal.hiddenAgain)).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
});

test("выгрузка дел без личных данных содержит только псевдонимы", async ({
  page,
  app,
  createUser,
  loginAs,
}) => {
  const name = `Серик Примеров ${randomBytes(2).toString("hex")}`;
  const organizer = await createUser("ORGANIZER");
  const { reference, pseudonym } = await namedCase(app, organizer, name);
  await loginAs("COORDINATOR", { locale: "ru" });

  await page.goto(`/cases?q=${reference}`);
  const row = page.getByRole("table").getByRole("row").filter({ hasText: reference });
  await expect(row).toContainText(pseudonym);
  await expect(page.getByText(name)).toHaveCount(0);

  const link = page.getByRole("link", { name: ru.caseList.download });
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  const csv = (await response.body()).subarray(3).toString("utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toContain(ru.caseList.columns.pseudonyms);
  expect(lines[0]).not.toContain(ru.caseList.columns.identities);
  expect(lines[1]).toMatch(new RegExp(`^${reference},.*${pseudonym}$`));
  expect(csv).not.toContain(name);
  expect(csv).not.toContain("7015550011");
});

test("слова к выгрузке с личными данными запечатаны в журнале и открываются администратору", async ({
  page,
  app,
  createUser,
  loginAs,
}) => {
  const name = `Айжан Выгрузкова ${randomBytes(2).toString("hex")}`;
  const words = `Список для заседания ${randomBytes(2).toString("hex")}`;
  const organizer = await createUser("ORGANIZER");
  const { reference } = await namedCase(app, organizer, name);
  const { user: coordinator } = await loginAs("COORDINATOR", { locale: "ru" });

  await page.goto(`/cases?q=${reference}`);
  await page.getByText(ru.caseList.exportIdentities.open).click();
  await page.getByLabel(ru.caseFile.reveal.reason).selectOption("LEGAL_FILING");
  await page.getByLabel(ru.caseFile.reveal.explanation).fill(words);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: ru.caseList.exportIdentities.submit }).click();
  const csv = await (await download).createReadStream();
  let text = "";
  for await (const chunk of csv) text += String(chunk);
  expect(text).toContain(name);

  // The stored entry: the reason code, never the words.
  const entry = await app.prisma.auditEntry.findFirstOrThrow({
    where: { action: "cases.exported", actorId: coordinator.id },
    orderBy: { seq: "desc" },
  });
  expect(entry.details).toContain("LEGAL_FILING");
  expect(entry.details).not.toContain(words);

  // The administrator reads them on the audit log page.
  await loginAs("ADMIN", { locale: "ru" });
  await page.goto(`/audit?actor=${coordinator.id}&action=cases.exported`);
  const row = page.getByRole("row").filter({ hasText: ru.pages.audit.withIdentities });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(ru.caseFile.reveal.reasons.LEGAL_FILING);
  await expect(row).toContainText(words);
});
