// Money sums stay exact past 2^53 minor units when shown.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  MAX_KEPT_FORMATS,
  keptFormats,
  formatCalendarDate,
  formatCalendarMonth,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyExact,
  formatNumber,
  formatTimestamp,
  formatWallClock,
} from "./format";

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

// Server (often UTC) and phone (any zone) must print the same text, or React
// throws the server's HTML away on hydration.
describe("dates and times are Kazakhstan's, whatever the machine's zone", () => {
  const lateEvening = "2026-03-01T20:30:00Z"; // 01:30 on 2 March in Kazakhstan (UTC+5)

  it("shows an instant in Kazakhstan time", () => {
    expect(formatDateTime(lateEvening, "en")).toBe("Mar 2, 2026, 1:30 AM");
    expect(formatDate(lateEvening, "en")).toBe("Mar 2, 2026");
    expect(formatTimestamp(lateEvening)).toBe("2026-03-02 01:30:00");
  });

  it("keeps calendar days and typed wall-clock times as they are", () => {
    expect(formatCalendarDate("2026-03-01", "en")).toBe("Mar 1, 2026");
    expect(formatCalendarDate(new Date("2026-03-01T00:00:00Z"), "en")).toBe("Mar 1, 2026");
    expect(formatCalendarMonth("2026-03", "en")).toBe("03/2026");
    expect(formatWallClock("2026-03-01T23:30", "en")).toBe("Mar 1, 2026, 11:30 PM");
  });

  it("prints the same in every zone the process may run in", () => {
    const script = `import("./app/utils/format.ts").then((f) => console.log(f.formatDateTime("${lateEvening}", "ru"), f.formatWallClock("2026-03-01T23:30", "kk")))`;
    const outputs = ["UTC", "America/Los_Angeles", "Asia/Almaty", "Pacific/Kiritimati"].map(
      (zone) =>
        execFileSync(process.execPath, ["--import", "tsx", "-e", script], {
          env: { ...process.env, TZ: zone },
          encoding: "utf8",
        }),
    );
    expect(new Set(outputs).size).toBe(1);
    expect(outputs[0]).toContain("01:30");
  });
});

// Debian's Chromium has no Kazakh ICU data: it printed "10,000" and
// "2026 M03 2" where the server printed Kazakh, and the page did not hydrate.
describe("Kazakh numbers and dates print the same in every engine", () => {
  it("writes Kazakh numbers and dates with data every engine has", () => {
    expect(formatNumber(10000, "kk")).toBe("10\u00a0000");
    expect(formatDate("2026-03-01T20:30:00Z", "kk")).toBe("02.03.2026");
    expect(formatDateTime("2026-03-01T20:30:00Z", "kk")).toBe("02.03.2026, 01:30");
    expect(formatCalendarDate("2026-03-01", "kk")).toBe("01.03.2026");
  });
});

describe("kept formatters", () => {
  it("keeps a bounded number of them, however many currencies the data names", () => {
    for (let i = 0; i < 3 * MAX_KEPT_FORMATS; i++) {
      const currency = `X${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}`;
      expect(formatMoney(12_345, currency, i % 2 ? "ru" : "en")).toContain("123");
    }
    expect(keptFormats()).toBeLessThanOrEqual(2 * MAX_KEPT_FORMATS);
    expect(formatMoney(12_345, "KZT", "ru")).toBe(formatMoney(12_345, "KZT", "ru"));
  });
});
