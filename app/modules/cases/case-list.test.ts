import { describe, expect, it } from "vitest";
import { caseListQuery, parseCaseListFilters, searchTerms } from "./case-list";

const parse = (query: string) => parseCaseListFilters(new URLSearchParams(query));

describe("case list filters in the URL", () => {
  it("reads every filter", () => {
    expect(
      parse(
        "status=NEW&status=ON_HOLD&category=FORCED_LABOR&region=ALMATY&urgency=URGENT&assignee=none&employer=ck123&from=2026-01-01&to=2026-02-01&q=%20Сапаров%20&sort=urgency&page=3",
      ),
    ).toEqual({
      status: ["NEW", "ON_HOLD"],
      category: "FORCED_LABOR",
      region: "ALMATY",
      urgency: "URGENT",
      assignee: "none",
      employer: "ck123",
      from: "2026-01-01",
      to: "2026-02-01",
      q: "Сапаров",
      sort: "urgency",
      page: 3,
    });
  });

  it("drops what does not fit and keeps the rest", () => {
    expect(
      parse(
        "status=NEW&status=DELETED&category=&region=MARS&urgency=urgent&assignee=a%20b&employer=%3Cx%3E&from=2026-02-30&to=soon&q=%00%00&sort=random&page=0",
      ),
    ).toEqual({ status: ["NEW"], sort: "activity", page: 1 });
    expect(parse("page=abc").page).toBe(1);
    expect(parse("page=1e9").page).toBe(1);
    expect(parse("q=" + "я".repeat(500)).q).toHaveLength(200);
  });

  it("writes them back, defaults left out, for links that keep the filters", () => {
    const filters = parse("status=NEW&region=ALMATY&q=ұлжан&page=2");
    expect(caseListQuery(filters)).toBe(
      "?status=NEW&region=ALMATY&q=%D2%B1%D0%BB%D0%B6%D0%B0%D0%BD&page=2",
    );
    expect(caseListQuery(filters, { page: 1 })).toBe(
      "?status=NEW&region=ALMATY&q=%D2%B1%D0%BB%D0%B6%D0%B0%D0%BD",
    );
    expect(parse(caseListQuery(filters).slice(1))).toEqual(filters);
    expect(caseListQuery(parse(""))).toBe("");
  });

  it("folds the search into distinct words", () => {
    expect(searchTerms("  ҰЛЖАН   Ұлжан  Ёлка ")).toEqual(["ұлжан", "елка"]);
    expect(searchTerms(undefined)).toEqual([]);
  });
});
