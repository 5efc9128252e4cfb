// The browser bundle keeps a route's client exports and relies on tree shaking
// to drop `loader` and `action`. A call like `loaderWith(…)` at module level
// looks like it has side effects, so without a `/* @__PURE__ */` mark it stays,
// runs in the browser against the emptied `answer.server` module, and the page
// never hydrates ("loaderWith is not a function").
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const routesDir = path.resolve(__dirname, "../routes");

describe("route wrappers", () => {
  it("are marked pure wherever a route module calls them, so the browser bundle drops them", () => {
    const unmarked: string[] = [];
    for (const file of readdirSync(routesDir)) {
      if (!/\.tsx?$/.test(file) || file.includes(".test.")) continue;
      const source = readFileSync(path.join(routesDir, file), "utf8");
      for (const match of source.matchAll(
        /=\s*(\/\*\s*@__PURE__\s*\*\/\s*)?(loaderWith|formAction)\(/g,
      )) {
        if (!match[1]) unmarked.push(`${file}: ${match[2]}`);
      }
    }
    expect(unmarked).toEqual([]);
  });
});
