#!/usr/bin/env node
// Derives prisma/postgresql/schema.prisma from the canonical SQLite schema.
// `--check` exits 1 when the committed file has drifted (run by the tests).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CANONICAL = path.join(root, "prisma/schema.prisma");
export const DERIVED = path.join(root, "prisma/postgresql/schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/db/derive-postgres-schema.js.\n" +
  "// Do not edit: change the canonical schema and run `npm run db:generate`.\n\n";

function replaceOnce(text, pattern, replacement) {
  if (!pattern.test(text)) throw new Error(`canonical schema no longer matches ${pattern}`);
  return text.replace(pattern, replacement);
}

export function derivePostgresSchema(canonical) {
  let schema = canonical.replace(/^(\/\/[^\n]*\n)+\n?/, "");
  schema = replaceOnce(
    schema,
    /output(\s*)= "..\/app\/generated\/prisma\/sqlite"/,
    'output$1= "../../app/generated/prisma/postgresql"',
  );
  schema = replaceOnce(schema, /provider = "sqlite"/, 'provider = "postgresql"');
  schema = replaceOnce(schema, /url(\s*)= "file:[^"]*"/, 'url$1= "postgresql://localhost/adal"');
  return HEADER + schema;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const derived = derivePostgresSchema(readFileSync(CANONICAL, "utf8"));
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(DERIVED, "utf8");
    } catch {
      /* missing counts as drift */
    }
    if (current !== derived) {
      console.error("prisma/postgresql/schema.prisma is out of date: run `npm run db:generate`.");
      process.exit(1);
    }
  } else {
    mkdirSync(path.dirname(DERIVED), { recursive: true });
    writeFileSync(DERIVED, derived);
  }
}
