// Every page names the text sections it needs (`handle = { i18n: [...] }`), so a page carries
// those and the shell's, not the whole catalogue (docs/decisions/0031). This test reads each
// route's own module graph — the route and everything it imports, except server-only modules —
// and fails when the route uses a section it does not list, or lists none. Server-only modules
// are read too, but only for whole keys that exist (an error a loader returns, say), since their
// other dotted strings (audit actions, URLs) are not texts.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import { SHELL_SECTIONS } from "./sections";

const APP = path.resolve(__dirname, "..");
const ROUTES = path.join(APP, "routes");
const SECTIONS = new Set(Object.keys(en));
const LEAVES = new Set(
  Object.keys(en).filter((key) => typeof en[key as keyof typeof en] === "string"),
);

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(APP, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    base,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ])
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  return null;
}

const isServerOnly = (file: string) => /\.server\.tsx?$/.test(file);

/**
 * The route's module graph within app/ (the texts themselves left out): its browser code all the
 * way down, and the server-only modules the route itself imports — whose errors its loader and
 * action pass on — but not theirs (a sign-in module reaches every account error of other pages).
 */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file !== entry && isServerOnly(file)) return;
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g)) {
      const target = resolveImport(file, match[1]!);
      if (!target || target.includes(`${path.sep}locales${path.sep}`)) continue;
      if (isServerOnly(target) && file !== entry) continue;
      visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

/** Whether `key` (dots, maybe ending where a template's `${…}` began) names texts in `en`. */
function isText(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split(".").filter(Boolean)) {
    if (!node || typeof node !== "object") return false;
    const children = node as Record<string, unknown>;
    if (Object.hasOwn(children, part)) node = children[part];
    // A plural's forms are stored as key_one, key_few…
    else return Object.keys(children).some((k) => k.startsWith(`${part}_`));
  }
  return true;
}

/** A module's code without its comments (which name keys as examples). */
const withoutComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

/**
 * The texts the files use, as paths: `"caseFile.heading"` whole; a key a template completes
 * (`caseFile.proceedings.kinds.${kind}`) as the part it names. Browser code: any literal that
 * starts with a section's name; server code: whole keys that exist.
 */
function pathsUsed(files: string[]): Set<string> {
  const used = new Set<string>();
  for (const file of files) {
    const source = withoutComments(readFileSync(file, "utf8"));
    for (const match of source.matchAll(/["'`]([a-zA-Z]\w*)\.([\w.]*)(.?)/g)) {
      const [, section, rest, next] = match;
      if (!SECTIONS.has(section!)) continue;
      if (isServerOnly(file) && !isText(`${section}.${rest}`)) continue;
      // Cut where the literal stops being a whole key: at `${…}` or after a trailing dot.
      const parts = rest!.split(".");
      if (!/["'`]/.test(next!)) parts.pop();
      const path = [section!, ...parts.filter(Boolean)].join(".");
      used.add(isText(path) ? path : section!);
    }
    // A section that is one text by itself ("citizenshipOther").
    for (const match of source.matchAll(/["'`]([a-zA-Z]\w*)["'`]/g))
      if (LEAVES.has(match[1]!)) used.add(match[1]!);
  }
  return used;
}

/** Whether `listed` paths (and the shell) carry the texts at `path`. */
const covers = (listed: readonly string[], path: string) =>
  listed.some((l) => path === l || path.startsWith(`${l}.`));

/** The sections (or their parts) a route's `handle` lists (its `i18n: [...]`), or null. */
function listedSections(source: string): string[] | null {
  const handle = /export const handle\b[^=]*=\s*\{[^}]*?\bi18n:\s*\[([^\]]*)\]/.exec(source);
  if (!handle) return null;
  const listed = [...handle[1]!.matchAll(/"([\w.]+)"/g)].map((m) => m[1]!);
  for (const path of listed) expect(isText(path), `${path}: no such texts`).toBe(true);
  return listed;
}

const pages = readdirSync(ROUTES)
  .filter((name) => /\.tsx$/.test(name) && !name.includes(".test."))
  .filter((name) => /export default function/.test(readFileSync(path.join(ROUTES, name), "utf8")));

describe("every page lists the text sections it uses", () => {
  it.each(pages)("%s", (name) => {
    const file = path.join(ROUTES, name);
    const used = pathsUsed(moduleGraph(file));
    if (process.env.PRINT_SECTIONS) console.log(`SECTIONS ${name} ${[...used].sort().join(",")}`);
    const listed = listedSections(readFileSync(file, "utf8"));
    expect(listed, `${name} has no handle.i18n: its pages would carry every text`).not.toBeNull();
    const have = [...SHELL_SECTIONS, ...(listed ?? [])];
    const missing = [...used].filter((path) => !covers(have, path)).sort();
    expect(missing, `${name} uses these texts without listing them`).toEqual([]);
  });
});
