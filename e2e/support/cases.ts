// Cases for a test, recorded through the app's own intake as an organizer would.
import { minimalIntake, type Category, type IntakeValues } from "../../tests/fixtures/intake";
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
