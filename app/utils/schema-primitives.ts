// zod building blocks that accept both what a browser form posts (strings,
// "on", repeated keys) and what react-hook-form holds (booleans, numbers), so
// one schema serves the browser and the server.
import { todayInKazakhstan } from "./time";
import { cleanLine, cleanText } from "./text";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "./zod-config";
import * as z from "zod/mini";

export { todayInKazakhstan };

/**
 * zod/mini has no `preprocess`; classic zod's is this same pipe (a transform
 * into the schema), so values are prepared exactly as before.
 */
export function preprocess<const S extends z.ZodMiniType>(
  prepare: (value: unknown) => unknown,
  schema: S,
) {
  return z.pipe(z.transform(prepare), schema);
}

/** A string of at most `max` characters (after the preprocessing of its field). */
const text = (min: number, max: number) =>
  z.string().check(...(min > 0 ? [z.minLength(min, "validation.required")] : []), z.maxLength(max));

const blankToUndefined = (value: unknown) =>
  value === "" || value === null || (typeof value === "string" && cleanText(value) === "")
    ? undefined
    : value;

export const requiredText = (max: number) =>
  preprocess((v) => (typeof v === "string" ? cleanLine(v) : v), text(1, max));

export const optionalText = (max: number) =>
  preprocess(
    (v) => (typeof v === "string" ? cleanLine(v) || undefined : blankToUndefined(v)),
    z.optional(text(0, max)),
  );

export const requiredLongText = (max: number) =>
  preprocess((v) => (typeof v === "string" ? cleanText(v) : v), text(1, max));

export const optionalLongText = (max: number) =>
  preprocess(
    (v) => (typeof v === "string" ? cleanText(v) || undefined : blankToUndefined(v)),
    z.optional(text(0, max)),
  );

/** A checkbox: "on"/"true"/true is checked; absent or false is not. */
export const checkbox = () =>
  preprocess((v) => {
    if (v === undefined || v === false || v === "" || v === "false" || v === "off") return false;
    if (v === true || v === "on" || v === "true" || v === "yes") return true;
    return v;
  }, z.boolean());

const toInteger = (v: unknown) => {
  const value = blankToUndefined(v);
  if (typeof value === "string" && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return value;
};

/** A whole number from min to max; z.number().int() in classic zod. */
const integer = (min: number, max: number) =>
  z.number().check(z.int(), z.minimum(min), z.maximum(max));

export const requiredInt = (min: number, max: number) => preprocess(toInteger, integer(min, max));
export const optionalInt = (min: number, max: number) =>
  preprocess(toInteger, z.optional(integer(min, max)));

export const requiredChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  preprocess(blankToUndefined, z.enum(values));
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  preprocess(blankToUndefined, z.optional(z.enum(values)));

/** Checkbox groups: nothing, one value or several. */
export const choices = <const T extends readonly [string, ...string[]]>(values: T) =>
  preprocess(
    (v) => (v === undefined || v === false || v === "" ? [] : typeof v === "string" ? [v] : v),
    z.array(z.enum(values)),
  );

export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m! - 1 &&
    date.getUTCDate() === d &&
    y! >= 1950
  );
}

const dateString = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date"),
  z.refine(isRealDate, "validation.date"),
  z.refine((v) => v <= todayInKazakhstan(), "validation.notInFuture"),
);

export const requiredDate = () => preprocess(blankToUndefined, dateString);
export const optionalDate = () => preprocess(blankToUndefined, z.optional(dateString));

/** "YYYY-MM-DDTHH:mm" from <input type="datetime-local">, not in the future. */
export const requiredDateTime = () =>
  preprocess(
    blankToUndefined,
    z.string().check(
      z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "validation.date"),
      z.refine((v) => isRealDate(v.slice(0, 10)), "validation.date"),
      z.refine((v) => v.slice(0, 10) <= todayInKazakhstan(), "validation.notInFuture"),
    ),
  );

/**
 * Money as typed ("1 250 000", "1250000,50") → exact integer minor units
 * (tiyn, cents). Never through a float.
 */
export function parseAmountToMinor(raw: string): number | null {
  const compact = raw.replace(/[\s\u00a0\u202f']/g, "").replace(",", ".");
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

const amount = (maxMajorExclusive: number) =>
  z
    .pipe(
      z.union([z.string(), z.number()]),
      z.transform((v, payload) => {
        const minor = parseAmountToMinor(String(v));
        if (minor === null) {
          payload.issues.push({ code: "custom", message: "validation.amount", input: v });
          return z.NEVER;
        }
        return minor;
      }),
    )
    .check(
      z.refine((minor: number) => minor > 0, "validation.amountPositive"),
      z.refine((minor: number) => minor < maxMajorExclusive * 100, "validation.amountTooLarge"),
    );

export const requiredAmount = (maxMajorExclusive: number) =>
  preprocess(blankToUndefined, amount(maxMajorExclusive));
export const optionalAmount = (maxMajorExclusive: number) =>
  preprocess(blankToUndefined, z.optional(amount(maxMajorExclusive)));
