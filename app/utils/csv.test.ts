import { describe, expect, it } from "vitest";
import { csvCell, toCsv, UTF8_BOM } from "./csv";

describe("CSV", () => {
  it("quotes fields holding a comma, a quote or a line break, doubling the quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("ТОО «Стройка», филиал")).toBe('"ТОО «Стройка», филиал"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("carriage\rreturn")).toBe('"carriage\rreturn"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it.each(["=", "+", "-", "@", "\t", "\r"])(
    "neutralises a cell starting with %j so a spreadsheet shows it as text",
    (start) => {
      const cell = csvCell(`${start}HYPERLINK("http://x.example","click")`);
      expect(cell.replace(/^"/, "").startsWith(`'${start}`)).toBe(true);
    },
  );

  it("neutralises formulas and quotes them when they also hold a comma or a quote", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell('=HYPERLINK("x", "y")')).toBe(`"'=HYPERLINK(""x"", ""y"")"`);
    // Only the start counts.
    expect(csvCell("a=b-c")).toBe("a=b-c");
  });

  it("ends every line with CRLF and joins cells with commas", () => {
    expect(
      toCsv([
        ["Reference", "Employer"],
        ["KZ-2026-000001", "Oil, Gas & Co"],
      ]),
    ).toBe('Reference,Employer\r\nKZ-2026-000001,"Oil, Gas & Co"\r\n');
    expect(toCsv([])).toBe("");
  });

  it("offers the UTF-8 byte order mark Excel needs for Cyrillic", () => {
    expect(Buffer.from(UTF8_BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
