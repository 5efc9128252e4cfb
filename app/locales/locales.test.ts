// The three languages must offer exactly the same texts, none empty, and every
// key a component asks for with a literal t("…") must exist. A text that takes a
// {{count}} comes in the plural forms of each language (i18next v23 suffixes:
// `_one`, `_few`, `_many`, `_other`, chosen through Intl.PluralRules), so the
// languages differ only in those suffixes.
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

const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;

/** The categories a language's numbers fall into, as i18next will ask for them. */
const categoriesOf = (language: string) =>
  [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();

/**
 * Leaves with the plural forms folded into one entry per counted text:
 * "caseList.total" → { forms: { one: "…", other: "…" } }.
 */
function texts(tree: Tree): Map<string, { value?: unknown; forms?: Record<string, unknown> }> {
  const out = new Map<string, { value?: unknown; forms?: Record<string, unknown> }>();
  for (const [key, value] of leaves(tree)) {
    const plural = PLURAL.exec(key);
    if (plural) {
      const entry = out.get(plural[1]!) ?? { forms: {} };
      entry.forms = { ...entry.forms, [plural[2]!]: value };
      out.set(plural[1]!, entry);
    } else {
      out.set(key, { value });
    }
  }
  return out;
}

/** What a key looks like regardless of language: "caseList.total (plural)". */
const shapes = (tree: Tree) =>
  new Set([...texts(tree)].map(([key, entry]) => (entry.forms ? `${key} (plural)` : key)));

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("has the English texts to compare against", () => {
    expect(english.size).toBeGreaterThan(50);
  });

  for (const language of ["ru", "kk"] as const) {
    it(`gives ${language} exactly the same keys as en, apart from its plural forms`, () => {
      const keys = shapes(resources[language]!);
      const englishKeys = shapes(resources.en!);
      const missing = [...englishKeys].filter((k) => !keys.has(k));
      const extra = [...keys].filter((k) => !englishKeys.has(k));
      expect(missing, `keys of en missing from ${language}: ${missing.join(", ")}`).toEqual([]);
      expect(extra, `keys in ${language} that en does not have: ${extra.join(", ")}`).toEqual([]);
    });

    it(`uses the same {{placeholders}} in ${language} as in en, in every plural form`, () => {
      const keys = texts(resources[language]!);
      const differing: string[] = [];
      for (const [key, entry] of texts(resources.en!)) {
        const source = entry.forms ? entry.forms.other : entry.value;
        const translated = keys.get(key);
        if (typeof source !== "string" || !translated) continue;
        const variants = translated.forms ?? { "": translated.value };
        for (const [form, text] of Object.entries(variants)) {
          if (typeof text !== "string") continue;
          if (placeholders(text).join() !== placeholders(source).join())
            differing.push(form ? `${key}_${form}` : key);
        }
      }
      expect(differing).toEqual([]);
    });
  }

  for (const language of ["en", "ru", "kk"] as const) {
    it(`gives every counted text in ${language} exactly ${language}'s plural forms`, () => {
      const expected = categoriesOf(language).join();
      const wrong = [...texts(resources[language]!)]
        .filter(([, entry]) => entry.forms && Object.keys(entry.forms).sort().join() !== expected)
        .map(([key, entry]) => `${key}: ${Object.keys(entry.forms!).sort().join()}`);
      expect(wrong, `${language} has the plural forms ${expected}`).toEqual([]);
    });

    it(`words every text that takes a {{count}} in ${language}'s plural forms`, () => {
      const unplural = [...texts(resources[language]!)]
        .filter(
          ([, entry]) => typeof entry.value === "string" && /\{\{\s*count\s*\}\}/.test(entry.value),
        )
        .map(([key]) => key);
      expect(unplural).toEqual([]);
    });
  }

  it("knows the plural forms of Adal's languages", () => {
    expect(categoriesOf("en")).toEqual(["one", "other"]);
    expect(categoriesOf("ru")).toEqual(["few", "many", "one", "other"]);
    expect(categoriesOf("kk")).toEqual(["one", "other"]);
  });

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
    const englishTexts = texts(resources.en!);
    const unknown = [...used]
      .filter(([key]) => {
        const entry = englishTexts.get(key);
        return !entry || (typeof entry.value !== "string" && !entry.forms);
      })
      .map(([key, file]) => `${file}: ${key}`);
    expect(unknown).toEqual([]);
  });
});
