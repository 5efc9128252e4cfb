// Forms that edit what the intake recorded: the facts (with the category's own
// questions) and one worker at a time. Built from the intake's own schemas, so
// an edit accepts exactly what an intake would. Browser-safe.
import { CHANNELS, LIMITS, URGENCIES } from "~/modules/intake/categories";
import { factsSchemas, intakeCrossChecks, workerSchema } from "~/modules/intake/schema";
import { REGIONS } from "~/modules/regions/regions";
import { flattenErrors, type FieldErrors } from "~/utils/forms";
import {
  optionalChoice,
  optionalDate,
  preprocess,
  requiredChoice,
  requiredDate,
  requiredInt,
  requiredLongText,
  requiredText,
} from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export type EditableCategory = keyof typeof factsSchemas;

const version = requiredInt(1, 2_000_000_000);

/** Facts kept in minor units (tiyn, cents): shown and typed in major units. */
export const AMOUNT_FACTS: readonly string[] = ["amountOwed", "finesAmount"];

/** Who a worker is: never copied into the timeline or the audit log. */
export const IDENTITY_FIELDS = ["fullName", "iin", "phone", "address", "contactNotes"] as const;

/** Cross-field rules of the intake that concern these fields (the others need the whole intake). */
const CROSS_CHECKED = new Set(["incidentEnd", "facts.periodEnd"]);

export function factsEditSchema(category: EditableCategory) {
  return z
    .object({
      version,
      incidentStart: requiredDate(),
      incidentEnd: optionalDate(),
      region: requiredChoice(REGIONS),
      place: requiredText(LIMITS.shortText),
      channel: requiredChoice(CHANNELS),
      account: requiredLongText(LIMITS.account),
      /** Empty keeps the case's urgency; a detained activist's case stays urgent. */
      urgency: optionalChoice(URGENCIES),
      unnamedWorkerCount: preprocess(
        (v) => (v === undefined || v === "" ? 0 : v),
        requiredInt(0, LIMITS.unnamedWorkers),
      ),
      facts: preprocess((v) => v ?? {}, factsSchemas[category]),
    })
    .check(
      z.superRefine((edit, ctx) => {
        const issues = intakeCrossChecks({ ...edit, category }).filter((issue) =>
          CROSS_CHECKED.has(issue.path),
        );
        for (const issue of issues)
          ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
      }),
    );
}

export type FactsEdit = z.output<ReturnType<typeof factsEditSchema>>;

/** The schema's verdict with every field's first error, also for rules across fields. */
export function validateFactsEdit(category: EditableCategory, values: Record<string, unknown>) {
  const parsed = factsEditSchema(category).safeParse(values);
  if (parsed.success) return { success: true as const, data: parsed.data };
  const errors: FieldErrors = flattenErrors(parsed.error);
  for (const issue of intakeCrossChecks({ ...values, category }))
    if (CROSS_CHECKED.has(issue.path)) errors[issue.path] ??= issue.message;
  return { success: false as const, errors };
}

export const workerEditSchema = z.object({
  version,
  worker: preprocess((v) => v ?? {}, workerSchema),
});

export type WorkerEdit = z.output<typeof workerEditSchema>;

export const workerRemoveSchema = z.object({
  version,
  reason: requiredLongText(2000),
});

export type WorkerRemoval = z.output<typeof workerRemoveSchema>;
