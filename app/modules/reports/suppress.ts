// Small counts in what leaves the system (printed reports, exports, evidence
// packs): a count from 1 to 4 is shown as "<5", and more cells are hidden so
// that no hidden count can be worked out from the totals, in one table or
// across tables that print the same totals (docs/decisions/0019, 0035).
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
const LOW = 1;
const HIGH = SMALL_COUNT_LIMIT - 1;
/**
 * A hidden entry of at least this much keeps any "<5" beside it fully
 * uncertain: "<5" + x = S with x ≥ 5 leaves every value 1–4 possible once S ≥ 9.
 */
const AMPLE = 2 * SMALL_COUNT_LIMIT - 2;

/** A single count on its own (no total it adds up to): "<5" when small. */
export function showCount(value: number): ShownCount {
  return isSmall(value) ? { kind: "small" } : { kind: "value", value };
}

export function shownText(count: ShownCount, format: (n: number) => string = String): string {
  if (count.kind === "value") return format(count.value);
  return count.kind === "small" ? "<5" : "x";
}

/** Where a table's totals appear in other tables: the key each total is printed under. */
export type Margins = {
  row?: (row: string) => string;
  column?: (column: string) => string;
  total?: string;
};

type Position = readonly [number, number];

/**
 * The table as a reader may see it, given totals that must be hidden because
 * another table hides them (`forced`, positions in the grid with totals).
 * Every cell and total from 1 to 4 is "<5" (primary suppression). Each line —
 * a row with its total, a column with its total, the totals row and column
 * with the grand total — is an equation a reader can solve. First, no line may
 * hide exactly one entry (it would come out by subtraction). Then a reader who
 * knows that "<5" is 1–4 and "x" is 5 or more (only counts of 5 or more are
 * hidden to protect) narrows every hidden entry line by line until nothing
 * changes; while one is pinned to a single value ("<5" + "<5" = 2), one more
 * entry of the line that pins it most is hidden. The entry hidden to protect
 * is a cell before a total, the smallest of at least 8 (which keeps all of
 * 1–4 possible beside a "<5"), else the largest — never a 0, which protects
 * nothing. Each step hides one more entry, so it ends.
 */
function suppressGrid(table: CountTable, forced: readonly Position[]) {
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
  const primary = Array.from({ length: R + 1 }, (_, r) =>
    Array.from({ length: C + 1 }, (_, c) => isSmall(value(r, c))),
  );
  const hidden = primary.map((row) => [...row]);
  for (const [r, c] of forced) if (value(r, c) > 0) hidden[r]![c] = true;

  // Each line: its entries, and +1 for a cell, −1 for the line's total (cells − total = 0).
  type Line = { entries: Position[]; sign: number[] };
  const lines: Line[] = [];
  for (let r = 0; r <= R; r++)
    lines.push({
      entries: Array.from({ length: C + 1 }, (_, c) => [r, c] as const),
      sign: Array.from({ length: C + 1 }, (_, c) => (c === C ? -1 : 1)),
    });
  for (let c = 0; c <= C; c++)
    lines.push({
      entries: Array.from({ length: R + 1 }, (_, r) => [r, c] as const),
      sign: Array.from({ length: R + 1 }, (_, r) => (r === R ? -1 : 1)),
    });
  const linesOf = (r: number, c: number) => [lines[r]!, lines[R + 1 + c]!];
  const isTotal = (r: number, c: number) => r === R || c === C;

  const startBounds = (r: number, c: number): [number, number] =>
    primary[r]![c] ? [LOW, HIGH] : [SMALL_COUNT_LIMIT, Infinity];

  /** What one line says of each of its hidden entries, given bounds for the others. */
  function implied(line: Line, bounds: (r: number, c: number) => [number, number]) {
    let known = 0;
    const hiddenAt: number[] = [];
    line.entries.forEach(([r, c], i) => {
      if (hidden[r]![c]) hiddenAt.push(i);
      else known += line.sign[i]! * value(r, c);
    });
    // Σ sign·v over hidden = −known. Sum the bounds, counting infinities apart.
    let low = 0;
    let high = 0;
    let lowInf = 0;
    let highInf = 0;
    const terms = hiddenAt.map((i) => {
      const [r, c] = line.entries[i]!;
      const [lo, hi] = bounds(r, c);
      const s = line.sign[i]!;
      const termLow = s > 0 ? lo : -hi;
      const termHigh = s > 0 ? hi : -lo;
      if (termLow === -Infinity) lowInf++;
      else low += termLow;
      if (termHigh === Infinity) highInf++;
      else high += termHigh;
      return { i, s, termLow, termHigh };
    });
    return terms.map(({ i, s, termLow, termHigh }) => {
      // The others' sum lies in [othersLow, othersHigh]; this term = −known − others.
      const othersLow =
        lowInf - (termLow === -Infinity ? 1 : 0) > 0
          ? -Infinity
          : low - (termLow === -Infinity ? 0 : termLow);
      const othersHigh =
        highInf - (termHigh === Infinity ? 1 : 0) > 0
          ? Infinity
          : high - (termHigh === Infinity ? 0 : termHigh);
      const termMin = -known - othersHigh;
      const termMax = -known - othersLow;
      const range: [number, number] = s > 0 ? [termMin, termMax] : [-termMax, -termMin];
      return { position: line.entries[i]!, range };
    });
  }

  /** Bounds a reader can reach by solving the lines again and again. */
  function propagate() {
    const bounds = hidden.map((row, r) => row.map((_, c) => startBounds(r, c)));
    // Only lines hiding two entries or more say anything new.
    const open = lines.filter((line) => line.entries.filter(([r, c]) => hidden[r]![c]).length > 1);
    for (let pass = 0, changed = true; changed && pass < 30; pass++) {
      changed = false;
      for (const line of open) {
        for (const { position, range } of implied(line, (r, c) => bounds[r]![c]!)) {
          const b = bounds[position[0]]![position[1]]!;
          if (range[0] > b[0]) [b[0], changed] = [range[0], true];
          if (range[1] < b[1]) [b[1], changed] = [range[1], true];
        }
      }
    }
    return bounds;
  }

  /** Pinned: a reader can work out the one value it has. */
  const exposed = ([lo, hi]: [number, number]) => lo >= hi;

  function pickIn(line: Line): Position | null {
    const candidates = line.entries.filter(([r, c]) => !hidden[r]![c] && value(r, c) > 0);
    for (const wantTotal of [false, true]) {
      const group = candidates.filter(([r, c]) => isTotal(r, c) === wantTotal);
      if (group.length === 0) continue;
      const ample = group
        .filter(([r, c]) => value(r, c) >= AMPLE)
        .sort(([a, b], [x, y]) => value(a, b) - value(x, y));
      return ample[0] ?? [...group].sort(([a, b], [x, y]) => value(x, y) - value(a, b))[0] ?? null;
    }
    return null;
  }

  const givenUp = new Set<string>();
  const stuckLines = new Set<Line>();
  for (;;) {
    // First the plain rule, line after line: a line hiding exactly one entry gives it away.
    let lone = false;
    for (const line of lines) {
      if (stuckLines.has(line)) continue;
      if (line.entries.filter(([r, c]) => hidden[r]![c]).length !== 1) continue;
      const pick = pickIn(line);
      if (pick) [hidden[pick[0]]![pick[1]], lone] = [true, true];
      else stuckLines.add(line);
    }
    if (lone) continue;
    // Then what a reader gets by combining lines: "<5" + "<5" = 2, and the like.
    const bounds = propagate();
    let fixed = false;
    for (let r = 0; r <= R && !fixed; r++) {
      for (let c = 0; c <= C && !fixed; c++) {
        if (!hidden[r]![c] || givenUp.has(`${r},${c}`) || !exposed(bounds[r]![c]!)) continue;
        // The line that, on its own, pins this entry most narrowly gets one more hidden entry.
        const ranked = linesOf(r, c)
          .map((line) => {
            const mine = implied(line, startBounds).find(
              ({ position }) => position[0] === r && position[1] === c,
            )!;
            return { line, width: mine.range[1] - mine.range[0] };
          })
          .sort((a, b) => a.width - b.width);
        for (const { line } of ranked) {
          const pick = pickIn(line);
          if (!pick) continue;
          hidden[pick[0]]![pick[1]] = true;
          fixed = true;
          break;
        }
        // Nothing left to hide near it (everything in its lines is hidden or 0): accept.
        if (!fixed) givenUp.add(`${r},${c}`);
      }
    }
    if (!fixed) break;
  }

  const shown = (r: number, c: number): ShownCount =>
    primary[r]![c]
      ? { kind: "small" }
      : hidden[r]![c]
        ? { kind: "hidden" }
        : { kind: "value", value: value(r, c) };
  const result: ShownTable = {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((_, r) => Array.from({ length: C }, (_, c) => shown(r, c))),
    rowTotals: rowTotals.map((_, r) => shown(r, C)),
    columnTotals: columnTotals.map((_, c) => shown(R, c)),
    total: shown(R, C),
  };
  return { result, hidden, R, C };
}

function unprotected(table: CountTable): ShownTable {
  return {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((row) => row.map(showCount)),
    rowTotals: [],
    columnTotals: [],
    total: null,
  };
}

/** One table on its own: see suppressGrid. */
export function suppressTable(table: CountTable): ShownTable {
  if (table.additive === false) return unprotected(table);
  return suppressGrid(table, []).result;
}

/**
 * Tables printed together whose totals are the same numbers (cases per
 * category in the month, region and sector tables; the grand total in all of
 * them): a total hidden in one is hidden in every other, and each table is
 * protected again around it, until no table hides a total another shows.
 */
export function suppressTables(
  tables: readonly { table: CountTable; margins?: Margins }[],
): ShownTable[] {
  const hiddenKeys = new Set<string>();
  const keysOf = (table: CountTable, margins: Margins | undefined) => {
    const R = table.rows.length;
    const C = table.columns.length;
    const keys: { position: Position; key: string }[] = [];
    if (!margins) return keys;
    if (margins.row)
      table.rows.forEach((row, r) => keys.push({ position: [r, C], key: margins.row!(row) }));
    if (margins.column)
      table.columns.forEach((column, c) =>
        keys.push({ position: [R, c], key: margins.column!(column) }),
      );
    if (margins.total) keys.push({ position: [R, C], key: margins.total });
    return keys;
  };
  // A table is protected again only when another has hidden one more of its totals.
  const done = new Map<number, { forced: string; result: ShownTable }>();
  for (let round = 0; ; round++) {
    const before = hiddenKeys.size;
    const shown = tables.map(({ table, margins }, i) => {
      if (table.additive === false) return unprotected(table);
      const keys = keysOf(table, margins);
      const forced = keys.filter(({ key }) => hiddenKeys.has(key));
      const signature = forced.map(({ key }) => key).join("\n");
      const previous = done.get(i);
      if (previous && previous.forced === signature) return previous.result;
      const { result, hidden } = suppressGrid(
        table,
        forced.map(({ position }) => position),
      );
      for (const { position, key } of keys)
        if (hidden[position[0]]![position[1]]) hiddenKeys.add(key);
      done.set(i, { forced: signature, result });
      return result;
    });
    if (hiddenKeys.size === before || round > 20) return shown;
  }
}
