#!/usr/bin/env node
// Makes the server's route matching reuse its work (docs/decisions/0045-route-matching-once.md).
// @remix-run/router's matchRoutes flattens and ranks the whole route tree, and compiles every
// route's path into a regular expression, on every call: several times per request on the
// server, for a route tree that never changes while it runs. This edits the CommonJS build
// that Node loads (dist/router.cjs.js, the server's only) so that a route array's ranked
// branches are kept for as long as the array lives, and a compiled path for as long as the
// process. The browser's copy (the ES build, dist/router.js) is left as it is: lazy route
// discovery adds routes to its arrays in place. Run by `npm install`/`npm ci` (postinstall);
// without it the server is slower, never different.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = "/* Patched by Adal's scripts/patch-remix-router.js */";

const RANKED = `
  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
`;
const RANKED_ONCE = `
  let branches = rankedBranchesOf(routes);
`;
const RANKED_CACHE = `${MARKER}
const rankedBranches = new WeakMap();
/** The route tree's branches, flattened and ranked once per route array (never changed on the server). */
function rankedBranchesOf(routes) {
  let branches = rankedBranches.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedBranches.set(routes, branches);
  }
  return branches;
}
const compiledPaths = new Map();
/** compilePath's result, kept per pattern (a RegExp without flags holds no state; the params are only read). */
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive ? "1" : "0") + (end === false ? "0" : "1") + path;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    if (compiledPaths.size >= 1000) compiledPaths.clear();
    compiled = compilePathUncached(path, caseSensitive, end);
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
function matchRoutesImpl(`;
const COMPILE = "function compilePath(path, caseSensitive, end) {";
const COMPILE_RENAMED = "function compilePathUncached(path, caseSensitive, end) {";

/** Replaces `find` exactly once in `text`, or says which edit no longer fits. */
function replaceOnce(text, find, replacement) {
  const at = text.indexOf(find);
  if (at === -1 || text.indexOf(find, at + 1) !== -1)
    throw new Error(
      `@remix-run/router changed: ${JSON.stringify(find.trim().slice(0, 60))} is not there exactly once; redo scripts/patch-remix-router.js`,
    );
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

/** The patched source, or the source itself when it is patched already. */
export function patchRouter(source) {
  if (source.includes(MARKER)) return source;
  let text = replaceOnce(source, RANKED, RANKED_ONCE);
  text = replaceOnce(text, COMPILE, COMPILE_RENAMED);
  text = replaceOnce(text, "function matchRoutesImpl(", RANKED_CACHE);
  return text;
}

export const routerFile = (root) =>
  path.join(root, "node_modules/@remix-run/router/dist/router.cjs.js");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = routerFile(process.cwd());
  const source = readFileSync(file, "utf8");
  const patched = patchRouter(source);
  if (patched !== source) {
    // A new file, renamed over the old: node_modules may be hard links shared with other checkouts.
    writeFileSync(`${file}.adal-tmp`, patched);
    renameSync(`${file}.adal-tmp`, file);
    console.log("patched @remix-run/router (route matching kept per route tree)");
  }
}
