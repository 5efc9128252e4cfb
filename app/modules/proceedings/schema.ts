// Forms for legal action (proceedings and their hearings and deadlines), shared
// by the browser and the actions. Times are typed as Kazakhstan local time.
import {
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

export const proceedingDateUpdateSchema = z.extend(proceedingDateSchema, { dateId: id });

export type ProceedingInput = z.output<typeof proceedingSchema>;
export type ProceedingDateInput = z.output<typeof proceedingDateSchema>;
