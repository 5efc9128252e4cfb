#!/usr/bin/env node
// Playwright's web server: a fresh, migrated and demo-seeded SQLite database
// (data/e2e.db, never the developer's data/adal.db) behind the production
// build. It does not build: `npm run build` must have run first.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPrisma } from "./db/prisma.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// E2E_DB and ADAL_BUILD_DIR let two suites run side by side (see e2e/README.md).
const DB_FILE = path.resolve(root, process.env.E2E_DB || "data/e2e.db");
const BUILD_DIR = path.resolve(root, process.env.ADAL_BUILD_DIR || "build");

if (!existsSync(path.join(BUILD_DIR, "index.cjs"))) {
  console.error("[e2e] build/index.cjs is missing. Run `npm run build` before `npm run test:e2e`.");
  process.exit(1);
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  ADAL_DEMO: "1",
  DATABASE_URL: `file:${DB_FILE}`,
  PORT: process.env.E2E_PORT || "3100",
};

for (const suffix of ["", "-wal", "-shm", "-journal"])
  rmSync(`${DB_FILE}${suffix}`, { force: true });

const migrated = runPrisma(["migrate", "deploy"], { databaseUrl: env.DATABASE_URL, stdio: "pipe" });
if (migrated.status !== 0) {
  console.error(`[e2e] migrating data/e2e.db failed:\n${migrated.stdout}\n${migrated.stderr}`);
  process.exit(1);
}

const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], {
  cwd: root,
  env,
  stdio: "inherit",
});
if (seeded.status !== 0) {
  console.error("[e2e] seeding the demo users failed");
  process.exit(1);
}

// E2E_KEY_SHARES_FILE (e2e/sealed-server.spec.ts's own server only): the installation moves to
// key shares (2 of 3) before the server starts, so it starts sealed as a real one does after a
// restart; the shares go to that file for the spec's key holders. Unset: the demo key, unchanged.
if (process.env.E2E_KEY_SHARES_FILE) {
  const rotated = spawnSync(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "scripts/keys.ts",
      "rotate",
      "--shares",
      "3",
      "--threshold",
      "2",
    ],
    { cwd: root, env, encoding: "utf8" },
  );
  const shares = [...(rotated.stdout ?? "").matchAll(/share \d+: (\S+)/g)].map((m) => m[1]);
  if (rotated.status !== 0 || shares.length !== 3) {
    console.error(`[e2e] moving to key shares failed:\n${rotated.stderr}`);
    process.exit(1);
  }
  writeFileSync(process.env.E2E_KEY_SHARES_FILE, JSON.stringify(shares), { mode: 0o600 });
}

// Database faults injected per request by the tests (e2e/support/database-faults.mjs): loaded
// here only, and inert without E2E_DATABASE_FAULTS, which nothing else sets.
const server = spawn(
  process.execPath,
  ["--import", "./e2e/support/database-faults.mjs", "server/index.js"],
  { cwd: root, env: { ...env, E2E_DATABASE_FAULTS: "1" }, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
