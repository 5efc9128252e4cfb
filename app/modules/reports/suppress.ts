// Small counts in what leaves the system (printed reports, exports): a count
// from 1 to 4 is shown as "<5", and more cells are hidden so that no hidden
// count can be worked out from the totals (docs/decisions/0019-monitoring-reports.md).
// Pure: no server imports, shared by the page, the exports and the tests.

/** Counts below this, other than 0, are never shown. */
export const SMALL_COUNT_LIMIT = 5;

/** What a reader sees of a count: the number, "<5", or hidden to protect a "<5". */
export type ShownCount = { kind: "value"; value: number } | { kind: "small" } | { kind: "hidden" };

/** A table of counts whose rows and columns add up: rows × columns, with their totals. */
export type CountTable = {
  rows: string[];
  columns: string[];
  /** cells[row][column] */
  cells: number[][];
  /** False when a case can count in several cells (indicators): no totals, no equations to protect. */
  additive?: boolean;
};

export type ShownTable = {
  rows: string[];
  columns: string[];
  cells: ShownCount[][];
  rowTotals: ShownCount[];
  columnTotals: ShownCount[];
  /** Absent for a table that does not add up. */
  total: ShownCount | null;
};

const isSmall = (n: number) => n > 0 && n < SMALL_COUNT_LIMIT;

/** A single count on its own (no total it adds up to): "<5" when small. */
export function showCount(value: number): ShownCount {
  return isSmall(value) ? { kind: "small" } : { kind: "value", value };
}

export function shownText(count: ShownCount, format: (n: number) => string = String): string {
  if (count.kind === "value") return format(count.value);
  return count.kind === "small" ? "<5" : "x";
}

/**
 * The table as a reader may see it. Every cell and total from 1 to 4 is
 * "<5" (primary suppression). Then, while any line — a row with its total, a
 * column with its total, the row totals with the grand total, the column
 * totals with the grand total — hides exactly one of its entries, that entry
 * could be worked out by subtraction, so the smallest other entry of the line
 * is hidden too (complementary suppression), preferring cells to totals.
 * Each pass hides at least one more entry, so it ends.
 */
export function suppressTable(table: CountTable): ShownTable {
  if (table.additive === false) {
    return {
      rows: table.rows,
      columns: table.columns,
      cells: table.cells.map((row) => row.map(showCount)),
      rowTotals: [],
      columnTotals: [],
      total: null,
    };
  }
  const R = table.rows.length;
  const C = table.columns.length;
  const rowTotals = table.cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: C }, (_, c) =>
    table.cells.reduce((sum, row) => sum + (row[c] ?? 0), 0),
  );
  const total = rowTotals.reduce((a, b) => a + b, 0);

  // The grid with totals: index R is the totals row, index C the totals column.
  const value = (r: number, c: number): number =>
    r < R && c < C ? table.cells[r]![c]! : r < R ? rowTotals[r]! : c < C ? columnTotals[c]! : total;
  const hidden: boolean[][] = Array.from({ length: R + 1 }, (_, r) =>
    Array.from({ length: C + 1 }, (_, c) => isSmall(value(r, c))),
  );
  const primary = hidden.map((row) => [...row]);

  const lines: [number, number][][] = [];
  for (let r = 0; r <= R; r++) lines.push(Array.from({ length: C + 1 }, (_, c) => [r, c]));
  for (let c = 0; c <= C; c++) lines.push(Array.from({ length: R + 1 }, (_, r) => [r, c]));

  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, c]) => hidden[r]![c]).length !== 1) continue;
      const candidates = line
        .filter(([r, c]) => !hidden[r]![c])
        .sort(([r1, c1], [r2, c2]) => {
          const total1 = r1 === R || c1 === C ? 1 : 0;
          const total2 = r2 === R || c2 === C ? 1 : 0;
          return total1 - total2 || value(r1, c1) - value(r2, c2);
        });
      const pick = candidates[0];
      if (!pick) continue;
      hidden[pick[0]]![pick[1]] = true;
      changed = true;
    }
  }

  const shown = (r: number, c: number): ShownCount =>
    primary[r]![c]
      ? { kind: "small" }
      : hidden[r]![c]
        ? { kind: "hidden" }
        : { kind: "value", value: value(r, c) };
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((_, r) => Array.from({ length: C }, (_, c) => shown(r, c))),
    rowTotals: rowTotals.map((_, r) => shown(r, C)),
    columnTotals: columnTotals.map((_, c) => shown(R, c)),
    total: shown(R, C),
  };
}
