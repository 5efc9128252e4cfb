// The waiting rules at their exact edges: a breach starts one millisecond
// after 4 hours (urgent) or 48 hours (any case), never at the edge itself.
import { describe, expect, it } from "vitest";
import { SLA, slaBreach, slaCutoffs } from "./triage-rules";

const NOW = new Date("2026-03-10T08:00:00.000Z");
const HOUR = 3_600_000;
const createdAgo = (ms: number) => new Date(NOW.getTime() - ms);

describe("slaBreach", () => {
  it("does not flag an urgent case that has waited exactly 4 hours, and flags it one millisecond later", () => {
    expect(slaBreach({ urgency: "URGENT", createdAt: createdAgo(4 * HOUR) }, NOW)).toBeNull();
    expect(slaBreach({ urgency: "URGENT", createdAt: createdAgo(4 * HOUR + 1) }, NOW)).toBe(
      "urgentWaiting",
    );
  });

  it("does not apply the 4-hour rule to high or normal cases", () => {
    for (const urgency of ["HIGH", "NORMAL"] as const) {
      expect(slaBreach({ urgency, createdAt: createdAgo(4 * HOUR + 1) }, NOW)).toBeNull();
      expect(slaBreach({ urgency, createdAt: createdAgo(47 * HOUR) }, NOW)).toBeNull();
    }
  });

  it("flags any case that has waited more than 48 hours, but not one at exactly 48 hours", () => {
    for (const urgency of ["HIGH", "NORMAL"] as const) {
      expect(slaBreach({ urgency, createdAt: createdAgo(48 * HOUR) }, NOW)).toBeNull();
      expect(slaBreach({ urgency, createdAt: createdAgo(48 * HOUR + 1) }, NOW)).toBe("newWaiting");
    }
  });

  it("names the stricter urgent rule for an urgent case waiting past 48 hours", () => {
    expect(slaBreach({ urgency: "URGENT", createdAt: createdAgo(72 * HOUR) }, NOW)).toBe(
      "urgentWaiting",
    );
  });

  it("does not flag a case just created, nor one dated in the future by clock skew", () => {
    expect(slaBreach({ urgency: "URGENT", createdAt: NOW }, NOW)).toBeNull();
    expect(slaBreach({ urgency: "URGENT", createdAt: new Date(NOW.getTime() + HOUR) }, NOW)).toBe(
      null,
    );
  });
});

describe("slaCutoffs", () => {
  it("gives the creation times at which each rule's edge lies, agreeing with slaBreach", () => {
    const cutoffs = slaCutoffs(NOW);
    expect(cutoffs.urgent.toISOString()).toBe("2026-03-10T04:00:00.000Z");
    expect(cutoffs.any.toISOString()).toBe("2026-03-08T08:00:00.000Z");
    expect(NOW.getTime() - cutoffs.urgent.getTime()).toBe(SLA.urgentUnassignedMs);
    // Created at the cutoff: not yet a breach; a millisecond earlier: a breach.
    expect(slaBreach({ urgency: "URGENT", createdAt: cutoffs.urgent }, NOW)).toBeNull();
    expect(
      slaBreach({ urgency: "URGENT", createdAt: new Date(cutoffs.urgent.getTime() - 1) }, NOW),
    ).toBe("urgentWaiting");
    expect(slaBreach({ urgency: "NORMAL", createdAt: cutoffs.any }, NOW)).toBeNull();
    expect(
      slaBreach({ urgency: "NORMAL", createdAt: new Date(cutoffs.any.getTime() - 1) }, NOW),
    ).toBe("newWaiting");
  });
});
