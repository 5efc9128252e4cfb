// Triage and assignment: a coordinator assigns an urgent case from the queue,
// the lawyer finds it in My work with a notification, and a bulk
// reassignment moves the lawyer's open cases to a colleague.
import { contextFor, expect, test, texts, waitForHydration } from "./fixtures";
import { BASE_URL } from "./support/env";
import { recordCase } from "./support/cases";

const en = texts.en;

test("a coordinator assigns an urgent case from the queue and the lawyer finds it in My work with a notification", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
}) => {
  const organizer = await createUser("ORGANIZER");
  const lawyer = await createUser("LAWYER");
  const reference = await recordCase(app, organizer, { urgency: "URGENT" });
  await loginAs("COORDINATOR");

  // The queue shows the longest-waiting first, and the shared e2e database holds many urgent
  // cases by now: the whole queue, as "show more" would.
  await page.goto("/triage?show=100");
  const item = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: reference }) });
  await expect(item.getByText(en.urgencies.URGENT, { exact: true })).toBeVisible();
  await waitForHydration(item.getByRole("button", { name: en.assignment.assign }));
  await item.getByLabel(en.assignment.person).selectOption(lawyer.id);
  await item.getByLabel(en.assignment.role).selectOption("LEAD_LAWYER");
  await item.getByRole("button", { name: en.assignment.assign }).click();
  await expect(page.getByText(`${reference} assigned.`)).toBeVisible();
  await expect(page.getByRole("link", { name: reference })).toHaveCount(0);

  const lawyerContext = await contextFor(browser, app, lawyer);
  const lawyerPage = await lawyerContext.newPage();
  await lawyerPage.goto(`${BASE_URL}/my`);
  const mine = lawyerPage.getByRole("region", { name: /My open cases/ });
  await expect(mine.getByRole("link", { name: reference })).toBeVisible();
  await expect(mine.getByText(en.assignment.roles.LEAD_LAWYER)).toBeVisible();
  const bell = lawyerPage.getByRole("link", { name: /Notifications/ });
  await expect(bell).toContainText("(1 unread)");
  // As rendered, not only in the DOM: the count is set apart from the word by a space.
  expect(await bell.innerText()).toBe("Notifications (1 unread)");
  await bell.click();
  await expect(lawyerPage.getByText(`You were put on ${reference} as Lead lawyer.`)).toBeVisible();
  await lawyerPage.getByRole("button", { name: en.notifications.markAllRead }).click();
  await expect(lawyerPage.getByRole("link", { name: /Notifications/ })).not.toContainText("unread");

  // The case file now names the lawyer, and the assignment is on its timeline.
  await lawyerPage.goto(`${BASE_URL}/cases/${reference}`);
  await expect(lawyerPage.getByText(`${lawyer.displayName} · Lead lawyer`)).toBeVisible();
  const timeline = lawyerPage.getByRole("region", { name: en.caseFile.timeline.heading });
  await expect(timeline.getByText("New → Assigned")).toBeVisible();
  await lawyerContext.close();
});

test("a coordinator moves all open cases of a lawyer to a colleague in one step", async ({
  page,
  browser,
  app,
  createUser,
  loginAs,
}) => {
  const organizer = await createUser("ORGANIZER");
  const leaving = await createUser("LAWYER");
  const colleague = await createUser("LAWYER");
  const { user: coordinator } = await loginAs("COORDINATOR");
  const references = [
    await recordCase(app, organizer, { urgency: "URGENT" }),
    await recordCase(app, organizer, { urgency: "URGENT" }),
  ];
  for (const reference of references) {
    await app.prisma.caseAssignment.create({
      data: {
        caseId: (await app.prisma.case.findUniqueOrThrow({ where: { reference } })).id,
        userId: leaving.id,
        role: "LEAD_LAWYER",
        assignedById: coordinator.id,
      },
    });
  }

  await page.goto(`/reassign?from=${leaving.id}`);
  for (const reference of references)
    await expect(page.getByRole("link", { name: reference })).toBeVisible();
  // Accounts made by the fixtures share display names: the box is picked by the person's id.
  await page.locator(`input[name="toUserIds"][value="${colleague.id}"]`).check();
  await page
    .getByLabel(en.assignment.reason)
    .fill("Lawyer detained; cases move while they are away");
  await page.getByRole("button", { name: en.reassign.submit }).click();
  await expect(page.getByText("2 cases moved.")).toBeVisible();

  const colleagueContext = await contextFor(browser, app, colleague);
  const colleaguePage = await colleagueContext.newPage();
  await colleaguePage.goto(`${BASE_URL}/my`);
  const mine = colleaguePage.getByRole("region", { name: /My open cases/ });
  for (const reference of references)
    await expect(mine.getByRole("link", { name: reference })).toBeVisible();
  await colleagueContext.close();
});
