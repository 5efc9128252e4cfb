// Forms for legal action (proceedings and their hearings and deadlines), shared
// by the browser and the actions. Times are typed as Kazakhstan local time.
import {
  checkbox,
  isRealDate,
  optionalDate,
  optionalLongText,
  optionalText,
  preprocess,
  requiredChoice,
  requiredInt,
  requiredText,
} from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export const PROCEEDING_KINDS = [
  "LABOR_INSPECTORATE",
  "CIVIL_CLAIM",
  "CRIMINAL_DEFENSE",
  "ADMINISTRATIVE_APPEAL",
  "PROSECUTOR_COMPLAINT",
  "ILO_ITUC_SUBMISSION",
  "EMPLOYER_NEGOTIATION",
] as const;

export const PROCEEDING_STATUSES = [
  "PREPARING",
  "FILED",
  "PENDING",
  "DECIDED",
  "APPEALED",
  "CLOSED",
] as const;

export const PROCEEDING_DATE_KINDS = ["HEARING", "DEADLINE"] as const;

export const LIMITS = {
  authority: 300,
  externalNumber: 100,
  summary: 5000,
  place: 300,
  description: 500,
  outcome: 5000,
} as const;

const version = requiredInt(1, 2_000_000_000);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const id = z.string().check(z.regex(/^[a-z0-9]{20,32}$/, "validation.invalid"));

/** "Replace the text that cannot be read" boxes, one per sealed column (decision 0043). */
function replaceBoxes<const K extends string>(columns: readonly K[]) {
  return preprocess(
    (v) => v ?? {},
    z.object(
      Object.fromEntries(columns.map((column) => [column, checkbox()])) as Record<
        K,
        ReturnType<typeof checkbox>
      >,
    ),
  );
}

export const proceedingSchema = z.object({
  kind: requiredChoice(PROCEEDING_KINDS),
  authority: requiredText(LIMITS.authority),
  externalNumber: optionalText(LIMITS.externalNumber),
  // Filing is something that has happened: never in the future.
  filedOn: optionalDate(),
  status: requiredChoice(PROCEEDING_STATUSES),
  summary: optionalLongText(LIMITS.summary),
  /** The case's version when the form was loaded (optimistic locking). */
  version,
  replace: replaceBoxes(["externalNumber", "summary"]),
});

/** A hearing or deadline: past ones are recorded too, so any real date from 1950 to 2100. */
const calendarDate = preprocess(
  blankToUndefined,
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date"),
    z.refine((v) => isRealDate(v) && v <= "2100-12-31", "validation.date"),
  ),
);

/** "HH:mm" from <input type="time"> (seconds, if a browser adds them, are dropped). */
const clockTime = preprocess(
  (v) =>
    typeof v === "string" && /^\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(v)
      ? v.slice(0, 5)
      : blankToUndefined(v),
  z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "caseFile.proceedings.errors.time")),
);

export const proceedingDateSchema = z.object({
  kind: requiredChoice(PROCEEDING_DATE_KINDS),
  /** Local date in Kazakhstan (Asia/Almaty). */
  date: calendarDate,
  /** Local time in Kazakhstan (Asia/Almaty). */
  time: clockTime,
  place: optionalText(LIMITS.place),
  description: requiredText(LIMITS.description),
  outcome: optionalLongText(LIMITS.outcome),
  version,
});

/**
 * Correcting a date. A description that cannot be read (decision 0043; the page says so in
 * `keepsDescription`) may be left empty, meaning "keep what is stored"; the server checks that
 * it really cannot be read.
 */
const proceedingDateUpdateFields = z.extend(proceedingDateSchema, {
  dateId: id,
  description: z.optional(requiredText(LIMITS.description)),
  keepsDescription: checkbox(),
  replace: replaceBoxes(["place", "description", "outcome"]),
});

export const proceedingDateUpdateSchema = preprocess(
  (input) => {
    if (typeof input !== "object" || input === null) return input;
    const values = { ...(input as Record<string, unknown>) };
    const replace = (values.replace ?? {}) as Record<string, unknown>;
    const ticked = (v: unknown) => v === true || v === "on" || v === "true";
    if (
      ticked(values.keepsDescription) &&
      !ticked(replace.description) &&
      typeof values.description === "string" &&
      values.description.trim() === ""
    )
      delete values.description;
    return values;
  },
  proceedingDateUpdateFields,
  // Typed as the object it prepares, so react-hook-form sees the form's fields.
) as unknown as typeof proceedingDateUpdateFields;

/** `replace` may be absent (a caller that only adds, or a test): nothing is replaced then. */
export type ProceedingInput = Omit<z.output<typeof proceedingSchema>, "replace"> & {
  replace?: Partial<z.output<typeof proceedingSchema>["replace"]>;
};
export type ProceedingDateInput = z.output<typeof proceedingDateSchema>;
export type ProceedingDateUpdate = Omit<
  z.output<typeof proceedingDateUpdateSchema>,
  "dateId" | "keepsDescription" | "replace"
> & { replace?: Partial<z.output<typeof proceedingDateUpdateSchema>["replace"]> };
