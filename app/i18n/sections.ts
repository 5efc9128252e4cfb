// Which texts a page needs. A language's texts are grouped in top-level sections
// (`nav`, `intake`, `validation`, …). A route that lists its sections in its
// handle (`handle = { i18n: ["intake", "validation"] }`) gets those and the
// shell's; a page made of any route that lists none gets every section. The
// server renders with exactly the sections the browser is given, so a text left
// out shows as its key on both sides (never a hydration mismatch), and the page
// sweep fails on it. A route that needs a few texts of a large section lists
// only that part, by its path: `"caseFile.proceedings.kinds"` carries the names
// of the kinds of proceedings and nothing else of the case file's texts.
import type { Translation } from "~/locales/types";
import type { Translations } from "./translate";

export type Section = keyof Translation;
/** A whole section, or a part of one by its path ("caseFile.proceedings.kinds"). */
export type SectionPath = Section | `${Section}.${string}`;

/** The frame of every page: header, navigation, roles, error pages, sealed fields' words. */
export const SHELL_SECTIONS: readonly Section[] = [
  "app",
  "nav",
  "roles",
  "errors",
  "common",
  "sealed",
];

export type TranslatedHandle = { i18n?: readonly SectionPath[] };

/** Sections for these matched routes; `null` when one of them does not say (every section). */
export function sectionsFor(matches: ReadonlyArray<{ id: string; handle?: unknown }>) {
  const sections = new Set<string>(SHELL_SECTIONS);
  for (const match of matches) {
    if (match.id === "root") continue;
    const listed = (match.handle as TranslatedHandle | undefined)?.i18n;
    if (!listed) return null;
    for (const section of listed) sections.add(section);
  }
  return [...sections].sort();
}

/** The texts at `path` ("caseFile.proceedings"), or undefined where there are none. */
export function textsAt(all: Translations, path: string): string | Translations | undefined {
  let node: string | Translations | undefined = all;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** Copies `from` into `into`, object by object: parts of a section join what is there. */
export function mergeTexts(into: Record<string, string | Translations>, from: Translations) {
  for (const [key, value] of Object.entries(from)) {
    const there = into[key];
    if (typeof value === "object" && typeof there === "object" && there !== value)
      mergeTexts((into[key] = { ...there }), value);
    else into[key] = value;
  }
}

/** These sections (or parts of sections) of a language's texts (all of them for `null`). */
export function pickSections(all: Translations, sections: readonly string[] | null): Translations {
  if (!sections) return all;
  const picked: Record<string, string | Translations> = {};
  for (const section of sections) {
    const texts = textsAt(all, section);
    if (texts === undefined) continue;
    const parts = section.split(".");
    // { caseFile: { proceedings: { kinds: … } } } for "caseFile.proceedings.kinds"
    const nested = parts.reduceRight<string | Translations>(
      (inner, part) => ({ [part]: inner }),
      texts,
    );
    mergeTexts(picked, nested as Translations);
  }
  return picked;
}
