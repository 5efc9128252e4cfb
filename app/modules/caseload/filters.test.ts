// The dashboard's URL filters: defaults, and bad values dropped rather than refused.
import { describe, expect, it } from "vitest";
import { caseloadSearch, parseCaseloadFilters } from "./filters";

// 02:00 on 1 June in Kazakhstan, still 31 May in UTC.
const NOW = new Date("2026-05-31T21:00:00.000Z");
const parse = (query: string) => parseCaseloadFilters(new URLSearchParams(query), NOW);

describe("caseload filters", () => {
  it("default to the current month and the eleven before it, up to today in Kazakhstan", () => {
    expect(parse("")).toEqual({ from: "2025-07-01", to: "2026-06-01" });
  });

  it("keep a valid period, region and category", () => {
    expect(parse("from=2026-01-15&to=2026-03-31&region=ATYRAU&category=FORCED_LABOR")).toEqual({
      from: "2026-01-15",
      to: "2026-03-31",
      region: "ATYRAU",
      category: "FORCED_LABOR",
    });
  });

  it("drop values that do not parse instead of failing", () => {
    expect(
      parse("from=2026-02-30&to=yesterday&region=MARS&category=<script>&category=OTHER"),
    ).toEqual({ from: "2025-07-01", to: "2026-06-01" });
    expect(parse("region=&category=")).toEqual({ from: "2025-07-01", to: "2026-06-01" });
  });

  it("count twelve months back from an end date given alone, and from a reversed period's end", () => {
    expect(parse("to=2026-03-10")).toEqual({ from: "2025-04-01", to: "2026-03-10" });
    expect(parse("from=2026-04-01&to=2026-03-10")).toEqual({
      from: "2025-04-01",
      to: "2026-03-10",
    });
  });

  it("cut a period longer than five years to its last sixty months", () => {
    expect(parse("from=1990-01-01&to=2026-03-10")).toEqual({
      from: "2021-04-01",
      to: "2026-03-10",
    });
  });

  it("round-trip through the URL", () => {
    const filters = parse("from=2026-01-15&to=2026-03-31&region=ALMATY");
    expect(parseCaseloadFilters(caseloadSearch(filters), NOW)).toEqual(filters);
  });
});
