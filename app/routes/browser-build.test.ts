// A route's loader and action never reach the browser: Remix's classic
// compiler keeps only the browser exports and relies on esbuild's tree shaking
// to drop the rest. `export const loader = /* @__PURE__ */ loaderWith(...)` is a call, which
// esbuild keeps unless it is marked /* @__PURE__ */ and its arguments are free
// of side effects (esbuild 0.17 counts `16 * 1024` as one). Kept, it calls
// `loaderWith` from an empty `.server` module in the browser and the page
// never hydrates.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as Esbuild from "esbuild";
import { describe, expect, it } from "vitest";

// The esbuild that @remix-run/dev builds the browser bundle with.
const fromRemix = createRequire(
  createRequire(import.meta.url).resolve("@remix-run/dev/package.json"),
);
const esbuild = fromRemix("esbuild") as typeof Esbuild;

const BROWSER_EXPORTS = new Set([
  "default",
  "meta",
  "links",
  "handle",
  "ErrorBoundary",
  "shouldRevalidate",
]);
const routesDir = path.dirname(new URL(import.meta.url).pathname);
const routes = readdirSync(routesDir).filter(
  (file) => file.endsWith(".tsx") && !file.includes(".test."),
);

const externalImports: Esbuild.Plugin = {
  name: "external-imports",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === "entry-point" || args.importer === "<stdin>"
        ? undefined
        : { path: args.path, external: true, sideEffects: false },
    );
  },
};

async function bundle(contents: string, metafile = false) {
  return esbuild.build({
    stdin: { contents, resolveDir: routesDir, loader: "ts" },
    bundle: true,
    write: false,
    metafile,
    format: "esm",
    minify: true,
    logLevel: "silent",
    plugins: [externalImports],
  });
}

describe("route modules in the browser build", () => {
  it.each(routes)("%s keeps no loader or action", async (file) => {
    const route = JSON.stringify(`./${file}`);
    const all = await bundle(`export * from ${route}; export { default } from ${route};`, true);
    const exported = Object.values(all.metafile!.outputs)[0]!.exports.filter((name) =>
      BROWSER_EXPORTS.has(name),
    );
    const browser = await bundle(`export { ${exported.join(", ")} } from ${route};`);
    expect(browser.outputFiles[0]!.text).not.toMatch(/\b(loaderWith|formAction)\b/);
  });
});
