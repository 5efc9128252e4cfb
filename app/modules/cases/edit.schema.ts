// Forms that edit what the intake recorded: the facts (with the category's own
// questions) and one worker at a time. Built from the intake's own schemas, so
// an edit accepts exactly what an intake would. Browser-safe.
import { CHANNELS, LIMITS, URGENCIES } from "~/modules/intake/categories";
import { FREE_TEXT_FACTS } from "./facts-text";
import {
  checkWorker,
  factsSchemas,
  intakeCrossChecks,
  workerFields,
  workerSchema,
} from "~/modules/intake/schema";
import { REGIONS } from "~/modules/regions/regions";
import { flattenErrors, type FieldErrors } from "~/utils/forms";
import {
  checkbox,
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

/**
 * The sealed columns behind the facts form (docs/decisions/0043): `factsText` holds every
 * free-text answer of the category's questions at once.
 */
export const FACT_COLUMNS = ["place", "account", "factsText"] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

/** The form's fields a column fills (the free-text answers of the category for `factsText`). */
export function fieldsOfColumn(category: EditableCategory, column: FactColumn): string[] {
  return column === "factsText" ? FREE_TEXT_FACTS[category].map((key) => `facts.${key}`) : [column];
}

type Posted = Record<string, unknown>;
const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const ticked = (v: unknown) => v === true || v === "on" || v === "true";

/**
 * A column that cannot be read is kept as stored unless the person ticks "replace" for it
 * (decision 0043): its fields, left empty, are dropped before validation, so a required field
 * does not ask for the text nobody can read; text typed there without the tick is refused.
 */
function dropKept(category: EditableCategory, unreadable: readonly FactColumn[]) {
  return (input: unknown) => {
    if (typeof input !== "object" || input === null) return input;
    const values: Posted = { ...(input as Posted) };
    const replace = (values.replace ?? {}) as Posted;
    for (const column of unreadable) {
      if (ticked(replace[column])) continue;
      if (column !== "factsText") {
        if (isBlank(values[column])) delete values[column];
        continue;
      }
      const facts = { ...((values.facts ?? {}) as Posted) };
      for (const key of FREE_TEXT_FACTS[category]) if (isBlank(facts[key])) delete facts[key];
      values.facts = facts;
    }
    return values;
  };
}

/**
 * The facts form of a category. `unreadable` names the sealed columns of this case that cannot
 * be read (from the form's loader): their fields may stay empty, meaning "keep what is stored".
 */
export function factsEditSchema(
  category: EditableCategory,
  unreadable: readonly FactColumn[] = [],
) {
  const keeps = (column: FactColumn) => unreadable.includes(column);
  const freeText = FREE_TEXT_FACTS[category];
  const factsSchema =
    keeps("factsText") && freeText.length > 0
      ? z.partial(
          factsSchemas[category] as z.ZodMiniObject,
          Object.fromEntries(freeText.map((key) => [key, true])),
        )
      : factsSchemas[category];
  const place = requiredText(LIMITS.shortText);
  const account = requiredLongText(LIMITS.account);
  const schema = z
    .object({
      version,
      incidentStart: requiredDate(),
      incidentEnd: optionalDate(),
      region: requiredChoice(REGIONS),
      place: keeps("place") ? z.optional(place) : place,
      channel: requiredChoice(CHANNELS),
      account: keeps("account") ? z.optional(account) : account,
      /** Empty keeps the case's urgency; a detained activist's case stays urgent. */
      urgency: optionalChoice(URGENCIES),
      unnamedWorkerCount: preprocess(
        (v) => (v === undefined || v === "" ? 0 : v),
        requiredInt(0, LIMITS.unnamedWorkers),
      ),
      facts: preprocess((v) => v ?? {}, factsSchema as (typeof factsSchemas)[EditableCategory]),
      /** "Replace the text that cannot be read", per column (decision 0043). */
      replace: preprocess(
        (v) => v ?? {},
        z.object({ place: checkbox(), account: checkbox(), factsText: checkbox() }),
      ),
    })
    .check(
      z.superRefine((edit, ctx) => {
        const issues = intakeCrossChecks({ ...edit, category }).filter((issue) =>
          CROSS_CHECKED.has(issue.path),
        );
        for (const issue of issues)
          ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
        // Text typed over a field that cannot be read, without the tick, would be lost or,
        // worse, taken for the stored text: the person is asked to decide.
        for (const column of unreadable) {
          if (edit.replace[column]) continue;
          for (const field of fieldsOfColumn(category, column)) {
            const path = field.split(".");
            const value = path.reduce<unknown>((v, key) => (v as Posted | undefined)?.[key], edit);
            if (value !== undefined)
              ctx.addIssue({
                code: "custom",
                path,
                message: "caseFile.edit.unreadable.tickToReplace",
              });
          }
        }
      }),
    );
  // Typed as the object it prepares, so react-hook-form sees the form's fields.
  return preprocess(dropKept(category, unreadable), schema) as unknown as typeof schema;
}

export type FactsEdit = z.output<ReturnType<typeof factsEditSchema>>;

/** The schema's verdict with every field's first error, also for rules across fields. */
export function validateFactsEdit(
  category: EditableCategory,
  values: Record<string, unknown>,
  unreadable: readonly FactColumn[] = [],
) {
  const parsed = factsEditSchema(category, unreadable).safeParse(values);
  if (parsed.success) return { success: true as const, data: parsed.data };
  const errors: FieldErrors = flattenErrors(parsed.error);
  for (const issue of intakeCrossChecks({ ...values, category }))
    if (CROSS_CHECKED.has(issue.path)) errors[issue.path] ??= issue.message;
  return { success: false as const, errors };
}

export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * The worker form. `unreadable` names this worker's identity fields whose stored text cannot be
 * read: left empty they keep what is stored, and "replace" (per field) writes what is typed
 * (decision 0043).
 */
export function workerEditSchemaFor(unreadable: readonly IdentityField[] = []) {
  const worker =
    unreadable.length === 0
      ? workerSchema
      : workerFields.check(
          z.superRefine((values, ctx) => {
            // The rules about a name hold for a name the person can see and type.
            const nameKept = unreadable.includes("fullName") && values.fullName === undefined;
            checkWorker(values, ctx, { nameKept });
          }),
        );
  const schema = z
    .object({
      version,
      worker: preprocess((v) => v ?? {}, worker),
      replace: preprocess(
        (v) => v ?? {},
        z.object(
          Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, checkbox()])) as Record<
            IdentityField,
            ReturnType<typeof checkbox>
          >,
        ),
      ),
    })
    .check(
      z.superRefine((edit, ctx) => {
        if (edit.worker.anonymous) return;
        // A name ticked for replacement is a name like any other: required.
        if (edit.replace.fullName && unreadable.includes("fullName") && !edit.worker.fullName)
          ctx.addIssue({
            code: "custom",
            path: ["worker", "fullName"],
            message: "intake.errors.nameOrAnonymous",
          });
        for (const field of unreadable)
          if (!edit.replace[field] && edit.worker[field] !== undefined)
            ctx.addIssue({
              code: "custom",
              path: ["worker", field],
              message: "caseFile.edit.unreadable.tickToReplace",
            });
      }),
    );
  return schema;
}

export const workerEditSchema = workerEditSchemaFor();

export type WorkerEdit = z.output<ReturnType<typeof workerEditSchemaFor>>;

export const workerRemoveSchema = z.object({
  version,
  reason: requiredLongText(2000),
});

export type WorkerRemoval = z.output<typeof workerRemoveSchema>;
