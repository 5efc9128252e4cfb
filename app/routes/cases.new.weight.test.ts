// The intake page is what a field organizer's phone loads on a weak connection:
// everything it can load — its scripts and styles before the first touch, the
// validation it fetches on the first touch, the page it shows once saved — and
// the texts its document carries weigh at most 150 kB gzip (issue 15). Builds
// the browser bundle the way `npm run build` does and walks esbuild's own map of
// it, static and dynamic imports alike. docs/decisions/0027.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "~/i18n/config";
import { documentTexts } from "~/i18n/i18n.server";
import { serverTranslations } from "~/i18n/react";
import { sectionsFor } from "~/i18n/sections";
import { handle as createdHandle } from "./cases.$reference.created";
import { handle as intakeHandle } from "./cases.new";

const BUDGET = 150_000;

type Metafile = {
  outputs: Record<
    string,
    { entryPoint?: string; imports: Array<{ path: string; kind: string }>; inputs: object }
  >;
};

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
let buildDir: string;
let metafile: Metafile;

beforeAll(() => {
  buildDir = mkdtempSync(path.join(tmpdir(), "adal-weight-"));
  const built = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ADAL_BUILD_DIR: buildDir },
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`remix build failed:\n${built.stdout}\n${built.stderr}`);
  metafile = JSON.parse(readFileSync(path.join(buildDir, "metafile.js.json"), "utf8")) as Metafile;
}, 240_000);

afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/** Every file these entry points can load: static imports, dynamic imports, stylesheets. */
function reachable(entryPoints: RegExp[]): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string, how: string) => {
    if (files.has(file)) return;
    files.set(file, how);
    for (const { path: next, kind } of metafile.outputs[file]?.imports ?? [])
      visit(next, how === "static" && kind !== "dynamic-import" ? "static" : "on demand");
  };
  for (const pattern of entryPoints) {
    const found = Object.keys(metafile.outputs).filter((file) =>
      pattern.test(metafile.outputs[file]!.entryPoint ?? ""),
    );
    expect(found, String(pattern)).toHaveLength(1);
    visit(found[0]!, "static");
  }
  return files;
}

const gzipped = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

describe("the intake page", () => {
  it("weighs at most 150 kB gzip, scripts, styles and texts, through saving", () => {
    const files = reachable([
      /^app\/entry\.client\.tsx$/,
      /^browser-route-module:root\.tsx\?browser$/,
      /^browser-route-module:routes\/cases\.new\.tsx\?browser$/,
      // After saving, the browser shows the "saved" page.
      /^browser-route-module:routes\/cases\.\$reference\.created\.tsx\?browser$/,
    ]);
    const rows = [...files].map(([file, how]) => ({
      file: path.relative(buildDir, file),
      how,
      gzip: gzipped(readFileSync(path.resolve(root, file))),
    }));
    expect(rows.some((row) => row.file.endsWith(".css"))).toBe(true);
    // The document's texts (both routes' sections), in the language that weighs most.
    const sections = sectionsFor([
      { id: "root" },
      { id: "routes/cases.new", handle: intakeHandle },
      { id: "routes/cases.$reference.created", handle: createdHandle },
    ]);
    const texts = Math.max(
      ...LANGUAGES.map((language) =>
        gzipped(serverTranslations(documentTexts(language, sections)).documentJson),
      ),
    );
    const scripts = rows.reduce((sum, row) => sum + row.gzip, 0);
    const report = [
      ...rows.sort((a, b) => b.gzip - a.gzip),
      { file: "(texts)", how: "document", gzip: texts },
    ]
      .map((row) => `${String(row.gzip).padStart(7)}  ${row.how.padEnd(9)}  ${row.file}`)
      .join("\n");
    expect(scripts + texts, `over ${BUDGET} bytes gzip:\n${report}`).toBeLessThanOrEqual(BUDGET);
  });

  it("loads no language's whole texts as a script", () => {
    const files = reachable([
      /^app\/entry\.client\.tsx$/,
      /^browser-route-module:root\.tsx\?browser$/,
      /^browser-route-module:routes\/cases\.new\.tsx\?browser$/,
    ]);
    const withLocales = [...files.keys()].filter((file) =>
      Object.keys(metafile.outputs[file]!.inputs).some((input) => input.startsWith("app/locales/")),
    );
    expect(withLocales).toEqual([]);
  });
});
