// Which texts a page needs. A language's texts are grouped in top-level sections
// (`nav`, `intake`, `validation`, …). A route that lists its sections in its
// handle (`handle = { i18n: ["intake", "validation"] }`) gets those and the
// shell's; a page made of any route that lists none gets every section. The
// server renders with exactly the sections the browser is given, so a text left
// out shows as its key on both sides (never a hydration mismatch), and the page
// sweep fails on it.
import type { Translation } from "~/locales/types";
import type { Translations } from "./translate";

export type Section = keyof Translation;

/** The frame of every page: header, navigation, roles, error pages, sealed fields' words. */
export const SHELL_SECTIONS: readonly Section[] = [
  "app",
  "nav",
  "roles",
  "errors",
  "common",
  "sealed",
];

export type TranslatedHandle = { i18n?: readonly Section[] };

/** Sections for these matched routes; `null` when one of them does not say (every section). */
export function sectionsFor(matches: ReadonlyArray<{ id: string; handle?: unknown }>) {
  const sections = new Set<Section>(SHELL_SECTIONS);
  for (const match of matches) {
    if (match.id === "root") continue;
    const listed = (match.handle as TranslatedHandle | undefined)?.i18n;
    if (!listed) return null;
    for (const section of listed) sections.add(section);
  }
  return [...sections].sort();
}

/** These sections of a language's texts (all of them for `null`). */
export function pickSections(all: Translations, sections: readonly string[] | null): Translations {
  if (!sections) return all;
  const picked: Record<string, string | Translations> = {};
  for (const section of sections) if (Object.hasOwn(all, section)) picked[section] = all[section]!;
  return picked;
}
