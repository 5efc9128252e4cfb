import { describe, expect, it } from "vitest";
import {
  currentTotpCode,
  matchTotpCode,
  newTotpSecret,
  normalizeTotpCode,
  qrCodePath,
  totpCodeAt,
  totpStep,
  totpUri,
} from "./totp";

// RFC 6238, appendix B: the SHA-1 rows (8 digits, seed "12345678901234567890").
const RFC_SEED = new TextEncoder().encode("12345678901234567890");
const RFC_SHA1: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP", () => {
  it.each(RFC_SHA1)("gives RFC 6238's SHA-1 code at T = %i s", (seconds, code) => {
    expect(totpCodeAt(RFC_SEED, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it("makes 160-bit secrets, different each time", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });

  it("accepts the code of the step before and after, and no further", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 2, 2, 9, 0, 15);
    const step = totpStep(now);
    expect(matchTotpCode(secret, totpCodeAt(secret, step), now, null)).toBe(step);
    expect(matchTotpCode(secret, totpCodeAt(secret, step - 1), now, null)).toBe(step - 1);
    expect(matchTotpCode(secret, totpCodeAt(secret, step + 1), now, null)).toBe(step + 1);
    expect(matchTotpCode(secret, totpCodeAt(secret, step - 2), now, null)).toBeNull();
    expect(matchTotpCode(secret, totpCodeAt(secret, step + 2), now, null)).toBeNull();
  });

  it("refuses a code from a step already used, or an earlier one", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 2, 2, 9, 0, 15);
    const step = totpStep(now);
    const code = currentTotpCode(secret, now);
    expect(matchTotpCode(secret, code, now, step)).toBeNull();
    expect(matchTotpCode(secret, totpCodeAt(secret, step - 1), now, step)).toBeNull();
    expect(matchTotpCode(secret, totpCodeAt(secret, step + 1), now, step)).toBe(step + 1);
  });

  it("reads codes typed with spaces or a dash, and refuses anything else", () => {
    expect(normalizeTotpCode(" 123 456 ")).toBe("123456");
    expect(normalizeTotpCode("123-456")).toBe("123456");
    expect(normalizeTotpCode("12345")).toBeNull();
    expect(normalizeTotpCode("12345a")).toBeNull();
  });

  it("draws the otpauth address as a QR path of unit squares", () => {
    const uri = totpUri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "aigerim@example.org");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Adal:aigerim%40example\.org\?/);
    expect(uri).toContain("period=30");
    expect(uri).toContain("digits=6");
    const { size, path } = qrCodePath(uri);
    expect(size).toBeGreaterThan(21);
    expect(path).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
  });
});
