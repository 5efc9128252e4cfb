// CSV as RFC 4180 has it (CRLF line ends, fields quoted when they hold a comma,
// a quote or a line break, quotes doubled), made safe to open in a
// spreadsheet: a cell that starts like a formula (=, +, -, @, tab, CR) gets a
// leading apostrophe, so Excel and LibreOffice show it as text and never run it.

/** Byte order mark: without it Excel reads UTF-8 as the local code page and garbles Cyrillic. */
export const UTF8_BOM = "\ufeff";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value == null ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as one CSV text, each line ended by CRLF. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}
