import { describe, expect, it } from "vitest";
import {
  addDays,
  endOfKazakhstanDay,
  kazakhstanInstant,
  kazakhstanMonths,
  kazakhstanWallTime,
  startOfKazakhstanDay,
  todayInKazakhstan,
} from "./time";

describe("Kazakhstan's calendar", () => {
  it("is already the new year in Kazakhstan at 19:00 UTC on 31 December", () => {
    expect(todayInKazakhstan(new Date("2026-12-31T18:59:59.999Z"))).toBe("2026-12-31");
    expect(todayInKazakhstan(new Date("2026-12-31T19:00:00.000Z"))).toBe("2027-01-01");
  });

  it("starts and ends a day at Kazakhstan's midnight, across the year boundary", () => {
    expect(startOfKazakhstanDay("2027-01-01").toISOString()).toBe("2026-12-31T19:00:00.000Z");
    expect(endOfKazakhstanDay("2026-12-31").toISOString()).toBe("2026-12-31T19:00:00.000Z");
    expect(startOfKazakhstanDay("2026-01-05").toISOString()).toBe("2026-01-04T19:00:00.000Z");
  });

  it("counts days across month ends, leap days and the year boundary", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
  });

  it("keeps Almaty's own offset before March 2024 (UTC+6), not today's", () => {
    expect(startOfKazakhstanDay("2024-01-15").toISOString()).toBe("2024-01-14T18:00:00.000Z");
    expect(startOfKazakhstanDay("2024-03-02").toISOString()).toBe("2024-03-01T19:00:00.000Z");
  });

  it("turns a local date and time into the instant, and back", () => {
    expect(kazakhstanInstant("2030-03-14", "10:00").toISOString()).toBe("2030-03-14T05:00:00.000Z");
    expect(kazakhstanInstant("2030-03-14", "02:30").toISOString()).toBe("2030-03-13T21:30:00.000Z");
    expect(kazakhstanWallTime("2030-03-13T21:30:00.000Z")).toEqual({
      date: "2030-03-14",
      time: "02:30",
    });
    expect(kazakhstanWallTime(new Date("2026-12-31T23:59:00.000Z"))).toEqual({
      date: "2027-01-01",
      time: "04:59",
    });
  });

  it("splits a period into its months, the first and last cut to the period", () => {
    const months = kazakhstanMonths("2026-11-15", "2027-01-31");
    expect(months.map((m) => m.month)).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(months[0]!.start.toISOString()).toBe("2026-11-14T19:00:00.000Z");
    expect(months[0]!.end.toISOString()).toBe("2026-11-30T19:00:00.000Z");
    expect(months[1]!.end.toISOString()).toBe("2026-12-31T19:00:00.000Z");
    expect(months[2]!.end.toISOString()).toBe("2027-01-31T19:00:00.000Z");
    expect(kazakhstanMonths("2026-02-10", "2026-02-10")).toEqual([
      {
        month: "2026-02",
        start: new Date("2026-02-09T19:00:00.000Z"),
        end: new Date("2026-02-10T19:00:00.000Z"),
      },
    ]);
  });
});
