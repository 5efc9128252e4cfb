// Adal's translator gives every text of every language exactly as i18next 23
// (with the options the pages used until 2027-01) gave it: the same plural
// forms for every count, the same values put in, the same answer for a missing key.
// The reference this translator replaced, here only to compare with.
// eslint-disable-next-line no-restricted-imports
import { createInstance, type TFunction as I18nextT } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./config";
import { texts } from "./i18n.server";
import { createTranslator, type Translations } from "./translate";

/** What entry.server and entry.client gave i18next until Adal's translator replaced it. */
const i18nOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "translation",
  interpolation: { escapeValue: false },
  compatibilityJSON: "v4",
} as const;

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every text's key, plural forms folded into their base key. */
function keysOf(translations: Translations, prefix = ""): string[] {
  return Object.entries(translations).flatMap(([key, value]) =>
    typeof value === "string"
      ? [`${prefix}${key}`.replace(PLURAL, "")]
      : keysOf(value, `${prefix}${key}.`),
  );
}

const COUNTS = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1.5, 1000, -1];
// Values a person could type: $ patterns, markup, nesting syntax, nothing.
const TRICKY = ["Айгүл", "$& $1 $$", "<b>Ана</b>", "$t(nav.cases)", "", "{ x }"];

const reference: Partial<Record<Language, I18nextT>> = {};
beforeAll(async () => {
  for (const language of LANGUAGES) {
    const i18n = createInstance();
    const resources = Object.fromEntries(
      LANGUAGES.map((code) => [code, { translation: texts[code] }]),
    );
    await i18n.init({ ...i18nOptions, lng: language, resources });
    reference[language] = i18n.t.bind(i18n) as I18nextT;
  }
});

describe.each(LANGUAGES)("the %s texts", (language) => {
  const translations = texts[language];
  const t = createTranslator(language, translations);
  const keys = [...new Set(keysOf(translations))];
  const names = new Set(
    [...JSON.stringify(translations).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!),
  );

  it("read the same as i18next's, for every key and every count", () => {
    const i18next = reference[language]!;
    let compared = 0;
    for (const key of keys) {
      for (const [index, count] of COUNTS.entries()) {
        const values: Record<string, unknown> = { count };
        for (const name of names)
          if (name !== "count") values[name] = TRICKY[index % TRICKY.length];
        expect(t(key, values), `${key} (${count})`).toBe(i18next(key, values));
        compared += 1;
      }
      expect(t(key), key).toBe(i18next(key));
    }
    expect(compared).toBeGreaterThan(keys.length * COUNTS.length - 1);
  });

  it("answer a missing key with its default value, or the key, as i18next does", () => {
    const i18next = reference[language]!;
    for (const [key, options] of [
      ["audit.actions.nonexistent_action", { defaultValue: "case.purge" }],
      ["audit.actions.nonexistent_action", undefined],
      ["no.such.key", { count: 3 }],
      ["no.such.{{name}}", { name: "x" }],
    ] as const) {
      expect(t(key, options)).toBe(i18next(key, options));
    }
  });
});

describe("a value put into a text", () => {
  it("stays as typed, braces included (i18next 23 put a later value inside it)", () => {
    const t = createTranslator("en", { line: "{{name}}: {{count}} open cases" });
    expect(t("line", { name: "Айгүл {{count}}", count: 2 })).toBe("Айгүл {{count}}: 2 open cases");
  });
});
