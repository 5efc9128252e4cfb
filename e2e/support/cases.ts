// Cases for a test, recorded through the app's own intake as an organizer would.
import { minimalIntake, type Category, type IntakeValues } from "../../tests/fixtures/intake";
import type { Page } from "@playwright/test";
import { expect, waitForHydration } from "../fixtures";
import type { Translation } from "~/locales/types";
import type { App } from "./app";

/** A new case in Almaty (the region of the fixtures' people) and its reference. */
export async function recordCase(
  app: App,
  organizer: { id: string },
  overrides: IntakeValues = {},
  category: Category = "UNPAID_WAGES",
): Promise<string> {
  const result = await app.submitIntake(
    minimalIntake(category, { confirmDuplicates: "on", region: "ALMATY", ...overrides }),
    { userId: organizer.id },
  );
  if (result.kind !== "created") throw new Error(`intake not saved: ${result.kind}`);
  return result.reference;
}

/**
 * Reveals the workers' identities on the open case file (decision 0034): a reason from the
 * list and a few words, in the page's language. The fixtures' sessions passed their second
 * factor as they began, so step-up holds.
 */
export async function revealIdentities(
  page: Page,
  texts: Translation,
  reason: "CONTACT_WORKER" | "LEGAL_FILING" | "CHECK_DUPLICATE" | "WORKER_REQUEST" | "OTHER",
  explanation: string,
): Promise<void> {
  const submit = page.getByRole("button", { name: texts.caseFile.reveal.submit });
  await waitForHydration(submit);
  await page.getByLabel(texts.caseFile.reveal.reason).selectOption(reason);
  await page.getByLabel(texts.caseFile.reveal.explanation).fill(explanation);
  await submit.click();
  await expect(page.getByText(texts.caseFile.reveal.done)).toBeVisible();
}
