// Adal's translator, the same on the server and in the browser: a key's text in
// one language, its plural form chosen by Intl.PluralRules, and {{name}} values
// put in as given (React escapes them). It does what i18next 23 did with Adal's
// options (translate.test.ts compares every text of every language with
// i18next's answer) in a few hundred bytes instead of 14 kB of browser script.
// docs/decisions/0031-zod-mini-and-page-translations.md says why.

/** A language's texts, or some sections of them. */
export type Translations = { readonly [key: string]: string | Translations };

/** `count` picks the plural form; `defaultValue` stands in for a missing key; the rest fill {{name}}. */
export type TOptions = { count?: number; defaultValue?: string; [name: string]: unknown };

export type TFunction = (key: string, options?: TOptions) => string;

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * The text at a dotted key. A level may also hold keys with dots in them
 * ("second_factor.passed" under audit.actions): parts are joined until one is found.
 */
function lookup(translations: Translations, key: string): string | undefined {
  const parts = key.split(".");
  let node: string | Translations = translations;
  for (let start = 0; start < parts.length;) {
    if (typeof node !== "object") return undefined;
    let next: string | Translations | undefined;
    let name = parts[start]!;
    let end = start;
    for (; end < parts.length; end += 1) {
      if (end > start) name += `.${parts[end]}`;
      next = own(node, name) ? node[name] : undefined;
      if (next !== undefined && (typeof next === "object" || end === parts.length - 1)) break;
    }
    if (next === undefined || end === parts.length) return undefined;
    node = next;
    start = end + 1;
  }
  return typeof node === "string" ? node : undefined;
}

function valueOf(values: TOptions, name: string): unknown {
  if (own(values, name)) return values[name];
  let node: unknown = values;
  for (const part of name.split(".")) {
    if (node === null || typeof node !== "object" || !own(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * {{name}} (spaces inside allowed) becomes the value, null or undefined nothing;
 * a name not given at all stays as written. One pass: a value's own braces stay.
 */
function interpolate(text: string, values: TOptions): string {
  return text.replace(/\{\{(.+?)\}\}/g, (placeholder, name: string) => {
    const value = valueOf(values, name.trim());
    if (value === undefined) return own(values, name.trim()) ? "" : placeholder;
    return value === null ? "" : String(value);
  });
}

/** One PluralRules per language: building one costs far more than choosing with it. */
const pluralRulesByLanguage = new Map<string, Intl.PluralRules>();
function pluralRules(language: string): Intl.PluralRules {
  let rules = pluralRulesByLanguage.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRulesByLanguage.set(language, rules);
  }
  return rules;
}

/**
 * `t(key, options)` over these translations. A counted text (`count` a number)
 * is looked up as `key_zero` when the count is 0 and such a text exists, then as
 * `key_<category>` (`one`, `few`, `many`, `other`: Intl.PluralRules of the
 * language), then as `key`. A key with no text answers `defaultValue`, or the key.
 */
export function createTranslator(
  language: string,
  translations: Translations,
  onMissing?: (key: string) => void,
): TFunction {
  let plurals: Intl.PluralRules | undefined; // made when first needed, as i18next did
  return (key, options = {}) => {
    const { count } = options;
    let text: string | undefined;
    if (typeof count === "number") {
      if (count === 0) text = lookup(translations, `${key}_zero`);
      plurals ??= pluralRules(language);
      text ??= lookup(translations, `${key}_${plurals.select(count)}`);
    }
    text ??= lookup(translations, key);
    if (text === undefined) {
      onMissing?.(key);
      text = options.defaultValue ?? key;
    }
    return interpolate(text, options);
  };
}
