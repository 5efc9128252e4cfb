// TOTP as THREAT-MODEL fixes it (RFC 6238: HMAC-SHA-1, 30-second steps,
// 6 digits, a 160-bit secret), with the step of each accepted code returned so
// that the caller can refuse the same code twice. Pure functions: no database.
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { encode } from "uqr";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after the server's clock are accepted (clock drift). */
export const TOTP_WINDOW_STEPS = 1;

export function newTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function totpStep(at: Date | number): number {
  return Math.floor(Number(at) / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpCodeAt(
  secret: Uint8Array | string,
  step: number,
  digits: number = TOTP_DIGITS,
): string {
  const key = typeof secret === "string" ? decodeBase32IgnorePadding(secret) : secret;
  return generateHOTP(key, BigInt(step), digits);
}

/** The code an authenticator app shows now (demo mode prints it; tests type it). */
export function currentTotpCode(secret: string, now: Date | number = Date.now()): string {
  return totpCodeAt(secret, totpStep(now));
}

function sameDigits(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * The step whose code this is, within ±1 step of `now`, and later than
 * `lastUsedStep` (a code, or an older one, is never accepted twice); null otherwise.
 */
export function matchTotpCode(
  secret: string,
  code: string,
  now: Date | number,
  lastUsedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  let matched: number | null = null;
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    // Every candidate is computed and compared, so timing says nothing about which matched.
    if (sameDigits(totpCodeAt(secret, step), code) && matched === null) matched = step;
  }
  if (matched === null) return null;
  if (lastUsedStep !== null && matched <= lastUsedStep) return null;
  return matched;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return createTOTPKeyURI(
    "Adal",
    accountName,
    decodeBase32IgnorePadding(secret),
    TOTP_PERIOD_SECONDS,
    TOTP_DIGITS,
  );
}

/**
 * A QR code as one SVG path (dark modules as unit squares) and its size in
 * modules, border included: drawn by the page as an inline <svg>, so no image
 * is fetched and no style attribute is needed.
 */
export function qrCodePath(text: string): { size: number; path: string } {
  const { data, size } = encode(text, { ecc: "M", border: 2 });
  const parts: string[] = [];
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    }),
  );
  return { size, path: parts.join("") };
}

/** Accepts "123 456", "123-456" and the like; null when it is not six digits. */
export function normalizeTotpCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
