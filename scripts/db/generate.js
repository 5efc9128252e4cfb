#!/usr/bin/env node
// Generates both Prisma clients (SQLite and PostgreSQL) from the one canonical schema,
// then makes them load as well from the CommonJS server build (forCommonJs below).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { CANONICAL, DERIVED, derivePostgresSchema } from "./derive-postgres-schema.js";

mkdirSync(path.dirname(DERIVED), { recursive: true });
writeFileSync(DERIVED, derivePostgresSchema(readFileSync(CANONICAL, "utf8")));

const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of [CANONICAL, DERIVED]) {
  execFileSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "generate", "--schema", schema],
    {
      stdio: "inherit",
      env,
    },
  );
}

// The server build is CommonJS (remix.config.js; docs/decisions/0042-cold-start.md), so that
// Node 20 can keep its compiled code (server/compile-cache.js). Prisma generates the clients as
// ES modules: they take their directory from import.meta.url (empty in CommonJS) and load the
// query compiler with import(), which code read from V8's cache cannot run on Node 20. Here they
// use the module's own __dirname where there is one, and require the compiler's CommonJS twins
// (the same files as .js, the same exports), in the build and in Vitest alike.
const GENERATED = path.join(path.dirname(CANONICAL), "../app/generated/prisma");
for (const provider of ["sqlite", "postgresql"]) {
  const client = path.join(GENERATED, provider, "client.ts");
  writeFileSync(
    client,
    replaceExactly(
      readFileSync(client, "utf8"),
      "globalThis['__dirname'] = path.dirname(fileURLToPath(import.meta.url))",
      "globalThis['__dirname'] = typeof __filename === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url))",
      1,
    ),
  );
  const internal = path.join(GENERATED, provider, "internal/class.ts");
  let text = readFileSync(internal, "utf8");
  text = replaceExactly(
    text,
    "async function decodeBase64AsWasm(",
    "// Patched by scripts/db/generate.js: see there.\n" +
      "import { createRequire } from 'node:module'\n" +
      "const requireRuntime = typeof require === 'function' ? require : createRequire(import.meta.url)\n\n" +
      "async function decodeBase64AsWasm(",
    1,
  );
  text = replaceExactly(text, "await import('node:buffer')", "requireRuntime('node:buffer')", 1);
  text = replaceExactly(
    text,
    /await import\("(@prisma\/client\/runtime\/query_compiler_bg\.[a-z]+(?:\.wasm-base64)?)\.mjs"\)/g,
    'requireRuntime("$1.js")',
    2,
  );
  if (text.includes("import(")) throw new Error(`${internal} still has an import() after patching`);
  writeFileSync(internal, text);
}

/** `text` with `pattern` replaced, which must occur exactly `count` times (else Prisma changed). */
function replaceExactly(text, pattern, replacement, count) {
  const found =
    typeof pattern === "string"
      ? text.split(pattern).length - 1
      : [...text.matchAll(pattern)].length;
  if (found !== count)
    throw new Error(`generated Prisma client: ${pattern} found ${found} times, expected ${count}`);
  return text.replace(pattern, replacement);
}
