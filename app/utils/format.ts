// Locale-aware formatting through Intl, for server and browser alike.

/** "2 minutes" / "2 минуты" / "2 минут": the largest whole unit, rounded up. */
export function formatDuration(seconds: number, locale: string): string {
  const [value, unit] =
    seconds >= 120
      ? [Math.ceil(seconds / 60), "minute"]
      : [Math.max(1, Math.ceil(seconds)), "second"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(value);
}

export function formatDateTime(value: Date | string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(value));
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Exact integer minor units (tiyn, cents) shown as money in the reader's locale. */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const major = Math.trunc(minorUnits / 100);
  const cents = Math.abs(minorUnits % 100);
  const value = cents === 0 ? major : Number(`${major}.${String(cents).padStart(2, "0")}`);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    maximumFractionDigits: cents === 0 ? 0 : 2,
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
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(`${negative ? "-" : ""}${major}.${cents}` as `${number}`);
}
