import type en from "./en";

/** CLDR plural categories, as i18next v23 suffixes them (`key_one`, `key_few`, …). */
export type PluralCategory = "zero" | "one" | "two" | "few" | "many" | "other";

type PluralBase<K> = K extends `${infer Base}_${PluralCategory}` ? Base : never;

/**
 * Same shape as the English resource, every leaf a string, except that a counted
 * text (`total_one`/`total_other` in English) carries the plural forms of the
 * language at hand (`Categories`): Russian has one/few/many/other, Kazakh one/other.
 * Keeps the three languages in step; locales.test.ts checks the categories against
 * Intl.PluralRules.
 */
type Strings<T, Categories extends PluralCategory> = {
  [K in keyof T as K extends `${string}_${PluralCategory}` ? never : K]: T[K] extends string
    ? string
    : Strings<T[K], Categories>;
} & { [K in PluralBase<keyof T> as `${K}_${Categories}`]: string };

export type Translation<Categories extends PluralCategory = "one" | "other"> = Strings<
  typeof en,
  Categories
>;
