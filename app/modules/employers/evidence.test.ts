import { describe, expect, it } from "vitest";
import { shownText } from "~/modules/reports/suppress";
import { evidenceTable } from "./evidence";

describe("an employer's evidence pack", () => {
  it("shows cases by category and year with totals, and no <5 that the total gives away", () => {
    // Hand-worked: forced labour 2025 = 2 is small. Row FORCED_LABOR = [2, 9 | 11]: hide the 9.
    // Column 2025 = [6, 2 | 8]: hide the 6. Column 2026 = [12, 9 | 21]: hide the 12.
    // Row UNPAID_WAGES = [6, 12 | 18]: two hidden. Totals [8, 21 | 29] shown: the pack's
    // 29 cases no longer tell the 2 (x6 + <5 = 8, x6 ≥ 5).
    const shown = evidenceTable([
      { category: "FORCED_LABOR", year: 2025, cases: 2 },
      { category: "UNPAID_WAGES", year: 2025, cases: 6 },
      { category: "FORCED_LABOR", year: 2026, cases: 9 },
      { category: "UNPAID_WAGES", year: 2026, cases: 12 },
    ]);
    expect(shown.rows).toEqual(["UNPAID_WAGES", "FORCED_LABOR"]);
    expect(shown.columns).toEqual(["2025", "2026"]);
    const text = [
      ...shown.cells.map((row, r) => [
        ...row.map((c) => shownText(c)),
        shownText(shown.rowTotals[r]!),
      ]),
      [...shown.columnTotals.map((c) => shownText(c)), shownText(shown.total!)],
    ];
    expect(text).toEqual([
      ["x", "x", "18"],
      ["<5", "x", "11"],
      ["8", "21", "29"],
    ]);
  });
});
