import { describe, expect, it } from "vitest";
import {
  shownText,
  suppressTable,
  suppressTables,
  type ShownCount,
  type ShownTable,
} from "./suppress";

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

  it("never hides a 0 to protect a <5: a hidden 0 beside it would give it away", () => {
    // Hand-worked: 3 is small. Row a = [3, 0, 10 | 13]: hiding the 0 would leave <5 + x = 3,
    // so the 10 goes (cells first, the smallest of 8 or more). Column x = [3, 6 | 9]: hide 6.
    // Column z = [10(hidden), 8 | 18]: hide 8. Row b = [6, 7, 8 | 21] then hides two: done.
    // A reader gets x10 ∈ [9, 12], x6 ∈ [5, 8], x8 ∈ [6, 9]: the 3 is any of 1 to 4.
    const shown = suppressTable({
      rows: ["a", "b"],
      columns: ["x", "y", "z"],
      cells: [
        [3, 0, 10],
        [6, 7, 8],
      ],
    });
    expect(text(shown)).toEqual([
      ["<5", "0", "x", "13"],
      ["x", "7", "x", "21"],
      ["9", "7", "18", "34"],
    ]);
  });

  it("protects two <5 in a line whose sum would give both away", () => {
    // Row a = [1, 1, 20 | 22] hides two entries, but 22 − 20 = 2 = 1 + 1 tells both.
    // Columns x and y each hide a 10 (plain rule); then row a is pinned (each <5 is exactly 1),
    // so the 20 goes, and column z = [20, 10 | 30] hides its 10 in turn.
    const shown = suppressTable({
      rows: ["a", "b"],
      columns: ["x", "y", "z"],
      cells: [
        [1, 1, 20],
        [10, 10, 10],
      ],
    });
    expect(text(shown)).toEqual([
      ["<5", "<5", "x", "22"],
      ["x", "x", "x", "30"],
      ["11", "11", "30", "52"],
    ]);
  });

  it("leaves no <5 that a reader trying every possible table could pin to one value", () => {
    // A brute-force reader: every table that agrees with what is shown ("<5" is 1–4,
    // "x" is 5 or more), on 120 pseudo-random 2×2 and 2×3 tables with many small counts.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const count = () => {
      const x = next();
      return x < 0.25 ? 0 : x < 0.6 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 10);
    };
    const fits = (k: ShownCount, v: number) =>
      k.kind === "value" ? k.value === v : k.kind === "small" ? v >= 1 && v <= 4 : v >= 5;
    const options = (k: ShownCount) =>
      k.kind === "value"
        ? [k.value]
        : k.kind === "small"
          ? [1, 2, 3, 4]
          : Array.from({ length: 21 }, (_, i) => i + 5);
    for (let n = 0; n < 120; n++) {
      const C = 2 + (n % 2);
      const cells = [0, 1].map(() => Array.from({ length: C }, count));
      const shown = suppressTable({
        rows: ["a", "b"],
        columns: ["x", "y", "z"].slice(0, C),
        cells,
      });
      const possible = cells.map((row) => row.map(() => new Set<number>()));
      const grid = cells.map((row) => row.map(() => 0));
      const tryAll = (i: number) => {
        if (i === 2 * C) {
          const rows = grid.map((row) => row.reduce((a, b) => a + b, 0));
          const columns = grid[0]!.map((v, c) => v + grid[1]![c]!);
          if (!rows.every((v, r) => fits(shown.rowTotals[r]!, v))) return;
          if (!columns.every((v, c) => fits(shown.columnTotals[c]!, v))) return;
          if (!fits(shown.total!, rows[0]! + rows[1]!)) return;
          grid.forEach((row, r) => row.forEach((v, c) => possible[r]![c]!.add(v)));
          return;
        }
        const [r, c] = [Math.floor(i / C), i % C];
        for (const v of options(shown.cells[r]![c]!)) {
          grid[r]![c] = v;
          tryAll(i + 1);
        }
      };
      tryAll(0);
      shown.cells.forEach((row, r) =>
        row.forEach((k, c) => {
          if (k.kind === "small")
            expect(possible[r]![c]!.size, JSON.stringify(cells)).toBeGreaterThan(1);
        }),
      );
    }
  }, 60_000);

  it("hides a total in every table that prints it once one table hides it", () => {
    // Cases by category × month, and by region × category: the category totals (18 and 20)
    // and the grand total (38) are printed by both. The first has no small count and on its
    // own shows 18 and 20; the second hides them to protect its 2. With 18 known, the
    // second's column c1 = [x, 0 | x] gives x = 18, then row r1 = [18, <5 | 20] gives the 2.
    // Together both hide 18 and 20; the first hides a cell in each row in turn.
    const months = {
      rows: ["c1", "c2"],
      columns: ["m1", "m2"],
      cells: [
        [9, 9],
        [9, 11],
      ],
    };
    const regions = {
      rows: ["r1", "r2"],
      columns: ["c1", "c2"],
      cells: [
        [18, 2],
        [0, 18],
      ],
    };
    expect(text(suppressTable(months))[2]).toEqual(["18", "20", "38"]);
    expect(suppressTable(months).rowTotals.map((c) => shownText(c))).toEqual(["18", "20"]);
    expect(suppressTable(regions).columnTotals.map((c) => shownText(c))).toEqual(["x", "x"]);
    const [byMonth, byRegion] = suppressTables([
      { table: months, margins: { row: (c) => `category:${c}`, total: "all" } },
      { table: regions, margins: { column: (c) => `category:${c}`, total: "all" } },
    ]);
    expect(text(byMonth!)).toEqual([
      ["x", "9", "x"],
      ["x", "11", "x"],
      ["18", "20", "38"],
    ]);
    expect(text(byRegion!)).toEqual([
      ["x", "<5", "20"],
      ["0", "18", "18"],
      ["x", "x", "38"],
    ]);
  });
});
