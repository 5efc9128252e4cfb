// The three languages must offer exactly the same texts, none empty, and every
// key a component asks for with a literal t("…") must exist.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "./en";
import kk from "./kk";
import ru from "./ru";

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → value; a leaf that is not a string is reported as such. */
function leaves(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") {
      for (const [p, v] of leaves(value, at)) out.set(p, v);
    } else {
      out.set(at, value);
    }
  }
  return out;
}

const resources = { en, ru, kk } as unknown as Record<string, Tree>;
const english = leaves(resources.en!);

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("has the English texts to compare against", () => {
    expect(english.size).toBeGreaterThan(50);
  });

  for (const language of ["ru", "kk"] as const) {
    it(`gives ${language} exactly the same keys as en`, () => {
      const keys = leaves(resources[language]!);
      const missing = [...english.keys()].filter((k) => !keys.has(k));
      const extra = [...keys.keys()].filter((k) => !english.has(k));
      expect(missing, `keys of en missing from ${language}: ${missing.join(", ")}`).toEqual([]);
      expect(extra, `keys in ${language} that en does not have: ${extra.join(", ")}`).toEqual([]);
    });

    it(`uses the same {{placeholders}} in ${language} as in en`, () => {
      const keys = leaves(resources[language]!);
      const differing = [...english]
        .filter(([k, v]) => typeof v === "string" && typeof keys.get(k) === "string")
        .filter(
          ([k, v]) =>
            placeholders(v as string).join() !== placeholders(keys.get(k) as string).join(),
        )
        .map(([k]) => k);
      expect(differing).toEqual([]);
    });
  }

  for (const language of ["en", "ru", "kk"] as const) {
    it(`has no empty or non-text value in ${language}`, () => {
      const bad = [...leaves(resources[language]!)]
        .filter(([, v]) => typeof v !== "string" || v.trim() === "")
        .map(([k]) => k);
      expect(bad).toEqual([]);
    });
  }

  it("has an English text for every literal key the screens ask for", () => {
    const appDir = path.resolve(__dirname, "..");
    const files = (readdirSync(appDir, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".tsx") && !f.startsWith(`generated${path.sep}`))
      .map((f) => path.join(appDir, f));
    // t("a.b"), t('a.b'), t(`a.b`) — a template with ${…} is dynamic and skipped.
    const literal = /\bt\(\s*(?:"([^"\n]+)"|'([^'\n]+)'|`([^`$\n]+)`)/g;
    const used = new Map<string, string>();
    for (const file of files) {
      for (const match of readFileSync(file, "utf8").matchAll(literal)) {
        used.set(match[1] ?? match[2] ?? match[3]!, path.relative(appDir, file));
      }
    }
    expect(used.size).toBeGreaterThan(20);
    const unknown = [...used]
      .filter(([key]) => typeof english.get(key) !== "string")
      .map(([key, file]) => `${file}: ${key}`);
    expect(unknown).toEqual([]);
  });
});
