// Locale-aware formatting through Intl, for server and browser alike.
//
// Every date and time is shown in Kazakhstan's time zone, whatever the zone of
// the server or of the phone: the server's HTML and the browser's hydration
// then print the same text. Formatters are built once per locale and options
// (constructing an Intl formatter costs far more than using one). Kazakhstan's
// zone and wall clock come from app/utils/time.ts, the one calendar.
import { KAZAKHSTAN_TIME_ZONE, kazakhstanTimestamp } from "./time";

/**
 * Browsers with a reduced ICU (Debian's Chromium, some Android builds) have no
 * Kazakh data and fall back to English ("10,000", "2026 M03 1") while Node
 * prints Kazakh: the page would not hydrate. Kazakh numbers are written as
 * Russian ones (space-grouped, decimal comma) and Kazakh dates as dd.MM.yyyy,
 * which every engine prints the same through its Russian data.
 */
function engineSafe<T extends Intl.DateTimeFormatOptions | Intl.NumberFormatOptions>(
  locale: string,
  options: T,
  kind: "date" | "number",
): [string, T] {
  if (!locale.toLowerCase().startsWith("kk")) return [locale, options];
  if (kind === "number") {
    const { style } = options as Intl.NumberFormatOptions;
    return style === "unit" ? [locale, options] : ["ru", options];
  }
  const { dateStyle, timeStyle, ...rest } = options as Intl.DateTimeFormatOptions;
  if (!dateStyle && !timeStyle) return ["ru", options];
  return [
    "ru",
    {
      ...rest,
      ...(dateStyle ? { day: "2-digit", month: "2-digit", year: "numeric" } : {}),
      ...(timeStyle ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
    } as T,
  ];
}

/**
 * Formatters kept, per locale and options. The keys come from the code's own
 * calls and a few values of the data (a currency code), so a few dozen are in
 * use; the bound keeps a long-running server's memory flat whatever the data.
 */
export const MAX_KEPT_FORMATS = 256;
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function kept<F>(formats: Map<string, F>, key: string, make: () => F): F {
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= MAX_KEPT_FORMATS) formats.clear();
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** How many formatters are kept now (for the test of the bound). */
export const keptFormats = () => dateTimeFormats.size + numberFormats.size;

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(
    dateTimeFormats,
    `${locale}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(...engineSafe(locale, options, "date")),
  );
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(
    numberFormats,
    `${locale}|${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(...engineSafe(locale, options, "number")),
  );
}

/** "2 minutes" / "2 минуты" / "2 минут": the largest whole unit, rounded up. */
export function formatDuration(seconds: number, locale: string): string {
  const [value, unit] =
    seconds >= 120
      ? [Math.ceil(seconds / 60), "minute"]
      : [Math.max(1, Math.ceil(seconds)), "second"];
  return numberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(value);
}

/** An instant as date and time in Kazakhstan. */
export function formatDateTime(
  value: Date | string,
  locale: string,
  timeZone: string = KAZAKHSTAN_TIME_ZONE,
): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(value),
  );
}

/** An instant as the day it was in Kazakhstan. */
export function formatDate(value: Date | string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: KAZAKHSTAN_TIME_ZONE }).format(
    new Date(value),
  );
}

/**
 * A calendar day without a time ("2026-03-01", or a Date at that day's UTC
 * midnight, as the database keeps them): the same day everywhere.
 */
export function formatCalendarDate(value: Date | string, locale: string): string {
  const day = typeof value === "string" ? `${value.slice(0, 10)}T00:00:00Z` : value;
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(day));
}

/** A calendar month ("2026-03") as "03.2026" / "03/2026". */
export function formatCalendarMonth(month: string, locale: string): string {
  return dateTimeFormat(locale, { month: "2-digit", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month.slice(0, 7)}-01T00:00:00Z`),
  );
}

/**
 * A wall-clock time typed for Kazakhstan without a zone ("2026-03-01T14:30",
 * a datetime-local value): shown as typed, never shifted.
 */
export function formatWallClock(value: string, locale: string): string {
  return dateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(`${value.slice(0, 16)}:00Z`));
}

/** An instant as "2026-03-01 14:30:05" in Kazakhstan, for logs read by people. */
export const formatTimestamp = kazakhstanTimestamp;

export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

/** Exact integer minor units (tiyn, cents) shown as money in the reader's locale. */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const major = Math.trunc(minorUnits / 100);
  const cents = Math.abs(minorUnits % 100);
  const value = cents === 0 ? major : Number(`${major}.${String(cents).padStart(2, "0")}`);
  return numberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: cents === 0 ? 0 : 2,
  }).format(value);
}

/** File sizes and similar: "1.5 MB" / "1,5 МБ". */
export function formatUnit(
  value: number,
  unit: string,
  locale: string,
  maximumFractionDigits = 1,
): string {
  return numberFormat(locale, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits,
  }).format(value);
}

/**
 * Exact integer minor units given as a decimal string (sums beyond 2^53) as
 * money: Intl formats a numeric string without passing through a float.
 */
export function formatMoneyExact(minorUnits: string, currency: string, locale: string): string {
  const negative = minorUnits.startsWith("-");
  const digits = minorUnits.replace(/^-/, "").padStart(3, "0");
  const major = digits.slice(0, -2).replace(/^0+(?=\d)/, "");
  const cents = digits.slice(-2);
  const fractionDigits = cents === "00" ? 0 : 2;
  return numberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(`${negative ? "-" : ""}${major}.${cents}` as `${number}`);
}
