import { describe, expect, it } from "vitest";
import { changedFields, diffFacts } from "./fact-diff";

describe("diffFacts", () => {
  it("lists nothing when nothing changed, treating empty, null and missing alike", () => {
    expect(
      diffFacts(
        { place: "Tengiz", incidentEnd: null, facts: { periodEnd: undefined, offTheBooks: false } },
        { place: "Tengiz", incidentEnd: "", facts: { offTheBooks: false } },
      ),
    ).toEqual([]);
  });

  it("names nested facts by their path, with the old and new values", () => {
    expect(
      diffFacts(
        { facts: { amountOwed: 125_000_000, currency: "KZT", workersAffected: 12 } },
        { facts: { amountOwed: 130_000_000, currency: "KZT", workersAffected: 12 } },
      ),
    ).toEqual([{ field: "facts.amountOwed", from: 125_000_000, to: 130_000_000 }]);
  });

  it("compares dates as calendar days and reports a cleared value as null", () => {
    expect(
      diffFacts(
        { incidentStart: new Date("2025-10-01T00:00:00Z"), incidentEnd: "2025-10-09" },
        { incidentStart: "2025-10-02", incidentEnd: null },
      ),
    ).toEqual([
      { field: "incidentStart", from: "2025-10-01", to: "2025-10-02" },
      { field: "incidentEnd", from: "2025-10-09", to: null },
    ]);
  });

  it("keeps enum values as stored (the page translates them) and ignores a list's order", () => {
    expect(
      diffFacts(
        { region: "ATYRAU", facts: { indicators: ["DECEPTION", "ISOLATION"] } },
        { region: "MANGYSTAU", facts: { indicators: ["ISOLATION", "DECEPTION"] } },
      ),
    ).toEqual([{ field: "region", from: "ATYRAU", to: "MANGYSTAU" }]);
    expect(
      diffFacts({ facts: { indicators: ["DECEPTION"] } }, { facts: { indicators: [] } }),
    ).toEqual([{ field: "facts.indicators", from: ["DECEPTION"], to: null }]);
  });

  it("reports a fact the new answers no longer have, and one they added", () => {
    expect(
      diffFacts({ facts: { court: "Aktau city court" } }, { facts: { charges: "x" } }),
    ).toEqual([
      { field: "facts.charges", from: null, to: "x" },
      { field: "facts.court", from: "Aktau city court", to: null },
    ]);
  });

  it("says only that an identity field changed, never its values, under the worker's number", () => {
    const changes = diffFacts(
      { fullName: "Ержан Сапаров", iin: null, occupation: "welder", consentToContact: false },
      {
        fullName: "Ержан Сапарұлы",
        iin: "900101300123",
        occupation: "welder",
        consentToContact: true,
      },
      {
        prefix: "workers.2",
        withoutValues: ["fullName", "iin", "phone", "address", "contactNotes"],
      },
    );
    expect(changes).toEqual([
      { field: "workers.2.fullName", changed: true },
      { field: "workers.2.iin", changed: true },
      { field: "workers.2.consentToContact", from: false, to: true },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/Сапар|900101300123/);
    expect(changedFields(changes)).toEqual([
      "workers.2.fullName",
      "workers.2.iin",
      "workers.2.consentToContact",
    ]);
  });
});
