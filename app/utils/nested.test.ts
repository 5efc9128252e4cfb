import { afterEach, describe, expect, it } from "vitest";
import { flattenEntries, getPath, nestEntries } from "./nested";

const polluted = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // Should a test ever pollute the prototype, do not let it leak into the next one.
  for (const key of ["polluted", "isAdmin"])
    delete (Object.prototype as Record<string, unknown>)[key];
});

describe("nestEntries", () => {
  it("builds objects and arrays from dotted field names", () => {
    expect(
      nestEntries([
        ["category", "UNPAID_WAGES"],
        ["employer.name", "ТОО «Стройка»"],
        ["workers.0.fullName", "Ержан"],
        ["workers.0.consentToStore", "on"],
        ["workers.1.anonymous", "on"],
        ["chain.contractor.bin", "100440001232"],
      ]),
    ).toEqual({
      category: "UNPAID_WAGES",
      employer: { name: "ТОО «Стройка»" },
      workers: [{ fullName: "Ержан", consentToStore: "on" }, { anonymous: "on" }],
      chain: { contractor: { bin: "100440001232" } },
    });
  });

  it("compacts a sparse list in index order, as when a worker in the middle was removed", () => {
    const nested = nestEntries([
      ["workers.7.fullName", "third"],
      ["workers.0.fullName", "first"],
      ["workers.3.fullName", "second"],
    ]);
    expect(nested.workers).toEqual([
      { fullName: "first" },
      { fullName: "second" },
      { fullName: "third" },
    ]);
    expect(Object.keys(nested.workers as unknown[])).toEqual(["0", "1", "2"]);
  });

  it("turns a repeated field into a list, in the order sent", () => {
    expect(
      nestEntries([
        ["facts.indicators", "DECEPTION"],
        ["facts.indicators", "ISOLATION"],
        ["facts.indicators", "DEBT_BONDAGE"],
        ["place", "one"],
        ["place", "two"],
      ]),
    ).toEqual({
      facts: { indicators: ["DECEPTION", "ISOLATION", "DEBT_BONDAGE"] },
      place: ["one", "two"],
    });
  });

  it("keeps a field sent both as a value and as a group from crashing", () => {
    expect(() =>
      nestEntries([
        ["workers", "x"],
        ["workers.0.fullName", "A"],
        ["workers.0", "y"],
        ["workers.0.fullName.deeper", "B"],
      ]),
    ).not.toThrow();
  });

  it("ignores __proto__, constructor and prototype paths: nothing reaches Object.prototype", () => {
    const nested = nestEntries([
      ["__proto__.polluted", "yes"],
      ["__proto__", "yes"],
      ["constructor.prototype.polluted", "yes"],
      ["workers.0.__proto__.isAdmin", "yes"],
      ["workers.__proto__.polluted", "yes"],
      ["employer.constructor.prototype.polluted", "yes"],
      ["prototype.polluted", "yes"],
      ["place", "Tengiz"],
    ]);
    expect(polluted().polluted).toBeUndefined();
    expect(polluted().isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(nested).toEqual({ place: "Tengiz" });
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
  });

  it("ignores fields named after built-in properties, which would break whoever reads the values", () => {
    // An array's length set to a list throws; an object whose own valueOf and toString are
    // not functions throws as soon as something turns it into a number or a string.
    const read = () =>
      nestEntries([
        ["workers.0.fullName", "A"],
        ["workers.length", "5"],
        ["unnamedWorkerCount.valueOf", "1"],
        ["unnamedWorkerCount.toString", "2"],
        ["employer.hasOwnProperty", "x"],
      ]);
    expect(read).not.toThrow();
    const nested = read();
    expect(nested.workers).toEqual([{ fullName: "A" }]);
    expect(() => Number(nested.unnamedWorkerCount)).not.toThrow();
    expect(() => `${String(nested.unnamedWorkerCount)}`).not.toThrow();
    expect(Object.prototype.hasOwnProperty.call(nested.employer ?? {}, "hasOwnProperty")).toBe(
      false,
    );
  });

  it("accepts an index up to 10 000 and ignores a larger one", () => {
    expect(nestEntries([["workers.10000.fullName", "A"]])).toEqual({
      workers: [{ fullName: "A" }],
    });
    expect(nestEntries([["workers.10001.fullName", "A"]])).toEqual({});
    expect(nestEntries([["workers.99999999999999999999.fullName", "A"]])).toEqual({});
  });

  it("ignores empty path parts, paths deeper than six and keys longer than 200 characters", () => {
    const deep = Array.from({ length: 50 }, (_, i) => `d${i}`).join(".");
    expect(
      nestEntries([
        ["workers..fullName", "A"],
        [".place", "B"],
        ["place.", "C"],
        [deep, "D"],
        ["a.b.c.d.e.f", "six levels"],
        ["x".repeat(201), "E"],
      ]),
    ).toEqual({ a: { b: { c: { d: { e: { f: "six levels" } } } } } });
  });
});

describe("flattenEntries and getPath", () => {
  it("flatten back to the field names nestEntries reads", () => {
    const values = {
      category: "FORCED_LABOR",
      facts: { indicators: ["DECEPTION", "ISOLATION"], ongoing: true, count: 3 },
      workers: [{ fullName: "Ержан" }, { anonymous: "on" }],
    };
    const flat = flattenEntries(values);
    expect(flat).toEqual([
      ["category", "FORCED_LABOR"],
      ["facts.indicators", "DECEPTION"],
      ["facts.indicators", "ISOLATION"],
      ["facts.ongoing", "true"],
      ["facts.count", "3"],
      ["workers.0.fullName", "Ержан"],
      ["workers.1.anonymous", "on"],
    ]);
    expect(nestEntries(flat)).toEqual({
      ...values,
      facts: { indicators: ["DECEPTION", "ISOLATION"], ongoing: "true", count: "3" },
    });
    expect(getPath(values, "workers.1.anonymous")).toBe("on");
    expect(getPath(values, "workers.5.fullName")).toBeUndefined();
    expect(getPath(values, "category.length.x")).toBeUndefined();
  });
});
