import { describe, expect, it } from "vitest";
import { classifyForcedLabour } from "./forced-labour";

describe("the ILO 2018 forced-labour rule", () => {
  it("counts forced labour when the work is involuntary and a means of coercion is present", () => {
    expect(
      classifyForcedLabour({ indicators: ["DECEPTION", "DEBT_BONDAGE"], canLeave: "YES" }),
    ).toBe("FORCED_LABOUR");
    expect(
      classifyForcedLabour({ indicators: ["RETENTION_OF_IDENTITY_DOCUMENTS"], canLeave: "NO" }),
    ).toBe("FORCED_LABOUR");
  });

  it("counts only indicators when coercion is missing", () => {
    expect(
      classifyForcedLabour({ indicators: ["EXCESSIVE_OVERTIME", "DECEPTION"], canLeave: "NO" }),
    ).toBe("INDICATORS_ONLY");
  });

  it("counts only indicators when the work is not shown to be involuntary", () => {
    expect(
      classifyForcedLabour({
        indicators: ["WITHHOLDING_OF_WAGES", "ISOLATION"],
        canLeave: "UNKNOWN",
      }),
    ).toBe("INDICATORS_ONLY");
  });

  it("ignores values that are not ILO indicators", () => {
    expect(classifyForcedLabour({ indicators: ["DECEPTION", "MADE_UP"], canLeave: "YES" })).toBe(
      "INDICATORS_ONLY",
    );
  });
});
