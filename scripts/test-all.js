#!/usr/bin/env node
// `npm test`: every check CI runs, in order, stopping at the first failure.
// The last line, "N passed, M failed", counts steps and is read by CI.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

const steps = [
  { name: "lint", command: "npm", args: ["run", "--silent", "lint"] },
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  {
    name: "unit and integration tests (vitest)",
    command: bin("vitest"),
    args: ["run"],
    note: process.env.TEST_POSTGRES_URL
      ? "Vitest runs on SQLite and on PostgreSQL (TEST_POSTGRES_URL)."
      : "TEST_POSTGRES_URL is not set: PostgreSQL tests are SKIPPED (Vitest runs on SQLite only).",
  },
  { name: "build (remix build)", command: bin("remix"), args: ["build"] },
  {
    name: "hostile requests drill (its own server on the build)",
    command: process.execPath,
    args: ["scripts/drills/ci-hostile.js"],
  },
  { name: "end-to-end tests (playwright)", command: bin("playwright"), args: ["test"] },
];

let passed = 0;
let failed = 0;
for (const step of steps) {
  console.log(`\n[test] ── ${step.name} ──`);
  if (step.note) console.log(`[test] ${step.note}`);
  const result = spawnSync(step.command, step.args, { cwd: root, env, stdio: "inherit" });
  if (result.status === 0) {
    passed += 1;
    continue;
  }
  failed = 1;
  const why = result.error
    ? result.error.message
    : result.signal
      ? `killed by ${result.signal}`
      : `exit code ${result.status}`;
  console.error(`\n[test] FAILED at step "${step.name}" (${why}); later steps were not run.`);
  break;
}

if (!process.env.TEST_POSTGRES_URL) console.log("\n[test] PostgreSQL tests were skipped.");
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
