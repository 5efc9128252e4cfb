import { describe, expect, it } from "vitest";
import {
  hasValidChecksum,
  isValidBin,
  isValidIin,
  normalizePhone,
  withCheckDigit,
} from "./identifiers";

// The registry's rule, written out again so the tests do not trust the code they test.
const weightedSum = (eleven: string, weights: number[]) =>
  [...eleven].reduce((sum, digit, i) => sum + Number(digit) * weights[i]!, 0) % 11;
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function valid(eleven: string): string {
  const full = withCheckDigit(eleven);
  if (!full) throw new Error(`${eleven} has no control digit`);
  return full;
}

/** Every way of changing one digit of the number. */
function oneDigitChanges(value: string): string[] {
  return [...value].flatMap((digit, i) =>
    "0123456789"
      .split("")
      .filter((d) => d !== digit)
      .map((d) => `${value.slice(0, i)}${d}${value.slice(i + 1)}`),
  );
}

describe("IIN and BIN checksum", () => {
  it("accepts numbers whose control digit comes from the first weights", () => {
    // A man born on 15 March 1987 and a company registered in April 2010.
    const iin = valid("87031530012");
    const bin = valid("10044000123");
    expect(weightedSum(iin.slice(0, 11), FIRST_WEIGHTS)).not.toBe(10);
    expect(iin).toMatch(/^\d{12}$/);
    expect(hasValidChecksum(iin)).toBe(true);
    expect(isValidIin(iin)).toBe(true);
    expect(isValidBin(bin)).toBe(true);
  });

  it("uses the second weights when the first give 10", () => {
    const eleven = "90010100090";
    expect(weightedSum(eleven, FIRST_WEIGHTS)).toBe(10);
    expect(weightedSum(eleven, SECOND_WEIGHTS)).toBe(6);
    expect(withCheckDigit(eleven)).toBe("900101000906");
    expect(isValidIin("900101000906")).toBe(true);
    expect(isValidBin("900101000906")).toBe(true);
  });

  it("has no control digit when both weight sequences give 10, and accepts no number built on them", () => {
    const eleven = "90010100092";
    expect(weightedSum(eleven, FIRST_WEIGHTS)).toBe(10);
    expect(weightedSum(eleven, SECOND_WEIGHTS)).toBe(10);
    expect(withCheckDigit(eleven)).toBeNull();
    for (let last = 0; last <= 9; last++) expect(hasValidChecksum(`${eleven}${last}`)).toBe(false);
  });

  it("refuses a number whose control digit was changed", () => {
    for (const number of [valid("87031530012"), "900101000906", valid("10044000123")]) {
      const changed = oneDigitChanges(number).filter((n) => n.slice(0, 11) === number.slice(0, 11));
      expect(changed).toHaveLength(9);
      expect(changed.filter(hasValidChecksum)).toEqual([]);
    }
  });

  it("refuses a typo in any of the first ten digits when the first weights decide before and after", () => {
    // 900101000906 is left out: a typo there can move the number from the second weights to the first.
    for (const number of [valid("87031530012"), valid("10044000123"), valid("85072140001")]) {
      expect(weightedSum(number.slice(0, 11), FIRST_WEIGHTS)).not.toBe(10);
      const typos = oneDigitChanges(number.slice(0, 10)).map((n) => `${n}${number.slice(10)}`);
      const decidedByFirstWeights = typos.filter(
        (n) => weightedSum(n.slice(0, 11), FIRST_WEIGHTS) !== 10,
      );
      expect(decidedByFirstWeights.length).toBeGreaterThan(70);
      expect(decidedByFirstWeights.filter(hasValidChecksum)).toEqual([]);
    }
  });

  it("cannot see a changed 11th digit while the first weights decide: its weight, 11, is 0 modulo 11", () => {
    // The registry's rule, not ours to change: the intake also checks the IIN's date and asks for the name.
    const number = valid("87031530012");
    expect(hasValidChecksum(`${number.slice(0, 10)}9${number.slice(11)}`)).toBe(true);
  });

  it("refuses numbers that are not exactly 12 digits", () => {
    const iin = valid("87031530012");
    expect(isValidIin(iin.slice(0, 11))).toBe(false);
    expect(isValidIin(`${iin}0`)).toBe(false);
    expect(isValidBin(iin.slice(0, 11))).toBe(false);
    expect(isValidBin(`${iin}0`)).toBe(false);
    expect(hasValidChecksum("")).toBe(false);
    expect(hasValidChecksum(`${iin.slice(0, 6)} ${iin.slice(6)}`)).toBe(false);
    expect(hasValidChecksum(iin.replace(/\d$/, "x"))).toBe(false);
    expect(hasValidChecksum(`٨٧${iin.slice(2)}`)).toBe(false);
  });
});

describe("IIN birth date", () => {
  it("accepts a plausible date of birth in the first six digits", () => {
    expect(isValidIin(valid("00022950001"))).toBe(true); // 29 February 2000
    expect(isValidIin(valid("99123140001"))).toBe(true);
  });

  it("refuses a month outside 1–12 even when the checksum is right", () => {
    for (const prefix of ["870015", "871315", "879915"]) {
      const number = valid(`${prefix}30012`);
      expect(hasValidChecksum(number)).toBe(true);
      expect(isValidIin(number)).toBe(false);
    }
  });

  it("refuses a day outside the month even when the checksum is right", () => {
    for (const prefix of ["870300", "870332", "870431", "870230", "871131"]) {
      const number = valid(`${prefix}30012`);
      expect(hasValidChecksum(number)).toBe(true);
      expect(isValidIin(number)).toBe(false);
    }
  });

  it("does not apply the date rule to a company's BIN", () => {
    // A BIN starts with the registration year and month, then the kind of entity: no day.
    const bin = valid("10044000123");
    expect(isValidBin(bin)).toBe(true);
  });
});

describe("phone numbers", () => {
  it.each([
    ["+7 (701) 123-45-67", "+77011234567"],
    ["8 701 123 45 67", "+77011234567"],
    ["87011234567", "+77011234567"],
    ["77011234567", "+77011234567"],
    ["+7.701.123.45.67", "+77011234567"],
    ["+996 555 123 456", "+996555123456"],
    ["+998 90 123 45 67", "+998901234567"],
  ])("keeps %j as %s", (typed, stored) => {
    expect(normalizePhone(typed)).toBe(stored);
  });

  it.each([
    "",
    "   ",
    "call after 6",
    "+7 701",
    "+7 701 123 45",
    "+7 701 123 45 678",
    "8 701 123 45",
    "701 123 45 67",
    "++77011234567",
    "+7 701 123 45 67 доб. 2",
    "+1234567890123456",
    "+77O11234567",
    "<script>alert(1)</script>",
  ])("refuses %j", (typed) => {
    expect(normalizePhone(typed)).toBeNull();
  });
});
