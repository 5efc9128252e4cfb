// Retention in Russian: a coordinator places a legal hold on a case (a reason
// is required) and removes one worker's identity at the worker's request; the
// case page then says so plainly, and the worker is still counted.
import { namedWorker } from "../tests/fixtures/intake";
import { expect, test, texts, waitForHydration } from "./fixtures";
import { recordCase } from "./support/cases";

const ru = texts.ru;

test("координатор ставит запрет на удаление и удаляет личные данные работника по его просьбе", async ({
  page,
  app,
  createUser,
  loginAs,
}) => {
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(app, organizer, {
    workers: [namedWorker({ fullName: "Ержан Сапаров" })],
  });
  await loginAs("COORDINATOR", { locale: "ru" });

  await page.goto(`/cases/${reference}`);
  await page.getByRole("link", { name: ru.retention.panel.manage }).click();
  const place = page.getByRole("button", { name: ru.retention.hold.place });
  await waitForHydration(place);

  // Without a reason: refused beside the field, nothing placed.
  await place.click();
  await expect(page.getByText(ru.validation.required).first()).toBeVisible();
  await page.getByLabel(ru.retention.hold.reason).fill("Подана апелляция");
  await place.click();
  await expect(page.getByText(ru.retention.hold.placed)).toBeVisible();

  // A worker asks to be forgotten: a reason is required here too.
  const forget = page.getByRole("button", { name: ru.retention.forget.submit });
  // By pseudonym: the name only after a reveal (decision 0034).
  await expect(page.getByText(/^Работник 1 · W-[2-9A-HJ-NP-Z]{4}$/)).toBeVisible();
  await expect(page.getByText(/Ержан Сапаров/)).toHaveCount(0);
  await forget.click();
  await expect(page.getByText(ru.validation.required).first()).toBeVisible();
  await page.getByLabel(ru.retention.forget.reason).fill("Попросил по телефону");
  await forget.click();
  await expect(page.getByText(ru.retention.forget.done)).toBeVisible();

  // The case page: the hold in force, the worker without a name but still there.
  await page.goto(`/cases/${reference}`);
  await expect(page.getByText(ru.retention.panel.held)).toBeVisible();
  await expect(page.getByText("Подана апелляция").first()).toBeVisible();
  await expect(
    page.getByRole("heading", { name: ru.retention.forget.forgotten.replace("{{number}}", "1") }),
  ).toBeVisible();
  await expect(page.getByText("Ержан Сапаров")).toHaveCount(0);

  const found = await app.prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { id: true, _count: { select: { workers: true, legalHolds: true } } },
  });
  expect(found._count).toEqual({ workers: 1, legalHolds: 1 });
  expect(await app.prisma.workerIdentity.count({ where: { worker: { caseId: found.id } } })).toBe(
    0,
  );
});
