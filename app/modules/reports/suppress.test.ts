import { describe, expect, it } from "vitest";
import { shownText, suppressTable, type ShownTable } from "./suppress";

/** The table as text, row by row, with the totals row last: what a printed report shows. */
const text = (t: ShownTable) => [
  ...t.cells.map((row, r) => [...row.map((c) => shownText(c)), shownText(t.rowTotals[r]!)]),
  [...t.columnTotals.map((c) => shownText(c)), t.total ? shownText(t.total) : ""],
];

describe("small-count suppression", () => {
  it("shows every count of 5 or more, and 0, as it is", () => {
    const shown = suppressTable({
      rows: ["a", "b"],
      columns: ["x", "y"],
      cells: [
        [5, 0],
        [7, 10],
      ],
    });
    expect(text(shown)).toEqual([
      ["5", "0", "5"],
      ["7", "10", "17"],
      ["12", "10", "22"],
    ]);
  });

  it("hides a count from 1 to 4 as <5, and a second cell in its row and column so it cannot be subtracted out", () => {
    // Hand-worked: 3 is small. Row a = [3, 6 | 9]: hide 6 too (the only other cell).
    // Column x = [3, 8 | 11]: hide 8. Row b = [8(hidden), 12 | 20]: one hidden, hide 12.
    // Column y = [6, 12 | 18] now two hidden: fine. Totals row [11, 18 | 29]: none hidden.
    const shown = suppressTable({
      rows: ["a", "b"],
      columns: ["x", "y"],
      cells: [
        [3, 6],
        [8, 12],
      ],
    });
    expect(text(shown)).toEqual([
      ["<5", "x", "9"],
      ["x", "x", "20"],
      ["11", "18", "29"],
    ]);
  });

  it("never leaves a line with exactly one hidden entry", () => {
    const shown = suppressTable({
      rows: ["a", "b", "c"],
      columns: ["x", "y", "z"],
      cells: [
        [1, 20, 30],
        [40, 2, 50],
        [60, 70, 80],
      ],
    });
    const grid = text(shown);
    for (const line of [...grid, ...grid[0]!.map((_, c) => grid.map((row) => row[c]!))]) {
      const hidden = line.filter((v) => v === "<5" || v === "x").length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    expect(grid[0]![0]).toBe("<5");
    expect(grid[1]![1]).toBe("<5");
  });

  it("hides a small total too, and what would give it away", () => {
    // Row a = [2, 0 | 2]: the 2 and its total 2 are small. Column x = [2, 9 | 11] hides 9;
    // the totals column [2, 15 | 17] hides 15; row b = [9, 6 | 15] then hides two.
    // Unknowns a, b, p, q: a + 0 = p, b + 6 = q, a + b = 11, p + q = 17 — a is any of 1 to 4.
    const shown = suppressTable({
      rows: ["a", "b"],
      columns: ["x", "y"],
      cells: [
        [2, 0],
        [9, 6],
      ],
    });
    expect(text(shown)).toEqual([
      ["<5", "0", "<5"],
      ["x", "6", "x"],
      ["11", "6", "17"],
    ]);
  });

  it("shows an indicator table cell by cell, with no totals to protect", () => {
    const shown = suppressTable({
      rows: ["a", "b"],
      columns: ["n"],
      cells: [[3], [12]],
      additive: false,
    });
    expect(shown.cells.map((r) => r.map((c) => shownText(c)))).toEqual([["<5"], ["12"]]);
    expect(shown.total).toBeNull();
  });
});
