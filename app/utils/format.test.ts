// Money sums stay exact past 2^53 minor units when shown.
import { describe, expect, it } from "vitest";
import { formatMoneyExact } from "./format";

describe("formatMoneyExact", () => {
  it("shows every digit of an amount beyond 2^53 minor units", () => {
    // 2^54 + 2 tiyn: as a float it would print …984 or …988.
    expect(formatMoneyExact("18014398509481986", "KZT", "en")).toMatch(/180,143,985,094,819\.86/);
  });

  it("drops zero cents and keeps small and negative amounts", () => {
    expect(formatMoneyExact("125000000", "KZT", "en")).toMatch(/1,250,000(?![.\d])/);
    expect(formatMoneyExact("5", "USD", "en")).toBe("$0.05");
    expect(formatMoneyExact("-1234", "USD", "en")).toBe("-$12.34");
  });
});
