// zod building blocks that accept both what a browser form posts (strings,
// "on", repeated keys) and what react-hook-form holds (booleans, numbers), so
// one schema serves the browser and the server.
import { todayInKazakhstan } from "./time";
import { cleanLine, cleanText } from "./text";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "./zod-config";
import { z } from "zod";

export { todayInKazakhstan };

const blankToUndefined = (value: unknown) =>
  value === "" || value === null || (typeof value === "string" && cleanText(value) === "")
    ? undefined
    : value;

export const requiredText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? cleanLine(v) : v),
    z.string().min(1, "validation.required").max(max),
  );

export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? cleanLine(v) || undefined : blankToUndefined(v)),
    z.string().max(max).optional(),
  );

export const requiredLongText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? cleanText(v) : v),
    z.string().min(1, "validation.required").max(max),
  );

export const optionalLongText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? cleanText(v) || undefined : blankToUndefined(v)),
    z.string().max(max).optional(),
  );

/** A checkbox: "on"/"true"/true is checked; absent or false is not. */
export const checkbox = () =>
  z.preprocess((v) => {
    if (v === undefined || v === false || v === "" || v === "false" || v === "off") return false;
    if (v === true || v === "on" || v === "true" || v === "yes") return true;
    return v;
  }, z.boolean());

const toInteger = (v: unknown) => {
  const value = blankToUndefined(v);
  if (typeof value === "string" && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return value;
};

export const requiredInt = (min: number, max: number) =>
  z.preprocess(toInteger, z.number().int().min(min).max(max));
export const optionalInt = (min: number, max: number) =>
  z.preprocess(toInteger, z.number().int().min(min).max(max).optional());

export const requiredChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values));
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values).optional());

/** Checkbox groups: nothing, one value or several. */
export const choices = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
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

const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine(isRealDate, "validation.date")
  .refine((v) => v <= todayInKazakhstan(), "validation.notInFuture");

export const requiredDate = () => z.preprocess(blankToUndefined, dateString);
export const optionalDate = () => z.preprocess(blankToUndefined, dateString.optional());

/** "YYYY-MM-DDTHH:mm" from <input type="datetime-local">, not in the future. */
export const requiredDateTime = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "validation.date")
      .refine((v) => isRealDate(v.slice(0, 10)), "validation.date")
      .refine((v) => v.slice(0, 10) <= todayInKazakhstan(), "validation.notInFuture"),
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
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      const minor = parseAmountToMinor(String(v));
      if (minor === null) {
        ctx.addIssue({ code: "custom", message: "validation.amount" });
        return z.NEVER;
      }
      return minor;
    })
    .refine((minor) => minor > 0, "validation.amountPositive")
    .refine((minor) => minor < maxMajorExclusive * 100, "validation.amountTooLarge");

export const requiredAmount = (maxMajorExclusive: number) =>
  z.preprocess(blankToUndefined, amount(maxMajorExclusive));
export const optionalAmount = (maxMajorExclusive: number) =>
  z.preprocess(blankToUndefined, amount(maxMajorExclusive).optional());
