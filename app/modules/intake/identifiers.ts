// Kazakhstan's 12-digit identification numbers (IIN for people, BIN for
// organisations) share one checksum; phone numbers are kept in E.164.

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function checkDigit(digits: number[], weights: number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * digits[i]!, 0) % 11;
}

/** The control digit rule of the national registry: weights 1..11, then 3..11,1,2 when the first gives 10. */
export function hasValidChecksum(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const digits = [...value].map(Number);
  let control = checkDigit(digits, WEIGHTS_1);
  if (control === 10) control = checkDigit(digits, WEIGHTS_2);
  return control !== 10 && control === digits[11];
}

/** An IIN starts with the birth date (YYMMDD); the 7th digit encodes century and sex. */
export function isValidIin(value: string): boolean {
  if (!hasValidChecksum(value)) return false;
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  // Days in that month of a leap year (2000): 29 February exists in some years of any century.
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

export function isValidBin(value: string): boolean {
  return hasValidChecksum(value);
}

/** Appends the control digit to 11 digits, or null if none exists. For fixtures and demo data. */
export function withCheckDigit(eleven: string): string | null {
  const digits = [...eleven].map(Number);
  let control = checkDigit(digits, WEIGHTS_1);
  if (control === 10) control = checkDigit(digits, WEIGHTS_2);
  return control === 10 ? null : `${eleven}${control}`;
}

/**
 * "+7 (701) 123-45-67", "8 701 123 45 67" and "87011234567" all become
 * "+77011234567"; other countries need their "+" code. Null when it cannot be a phone number.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s()\-.]/g, "");
  let digits: string;
  if (compact.startsWith("+")) digits = compact.slice(1);
  else if (/^8\d{10}$/.test(compact)) digits = `7${compact.slice(1)}`;
  else if (/^7\d{10}$/.test(compact)) digits = compact;
  else return null;
  if (!/^\d{8,15}$/.test(digits)) return null;
  if (digits.startsWith("7") && digits.length !== 11) return null;
  return `+${digits}`;
}
