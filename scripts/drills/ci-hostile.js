#!/usr/bin/env node
// `npm run drill:hostile:ci`: the hostile-requests drill against a server of its
// own, for CI (scripts/test-all.js). Starts the production build (`npm run build`
// first; ADAL_BUILD_DIR as the e2e server) on a fresh, migrated SQLite database
// (data/drill.db, or DRILL_DB) at DRILL_PORT (3190), runs
// scripts/drills/hostile-requests.js against it, stops it, and exits with the
// drill's code. About 15 s: the migration, a cold start, and the drill's ~5 s.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPrisma } from "../db/prisma.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const port = Number(process.env.DRILL_PORT || 3190);
const dbFile = path.resolve(root, process.env.DRILL_DB || "data/drill.db");
const buildDir = path.resolve(root, process.env.ADAL_BUILD_DIR || "build");
if (!existsSync(path.join(buildDir, "index.cjs"))) {
  console.error(
    `[drill] ${path.relative(root, buildDir)}/index.cjs is missing: run the build first`,
  );
  process.exit(1);
}

const removeDatabase = () => {
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    rmSync(`${dbFile}${suffix}`, { force: true });
};
removeDatabase();
const databaseUrl = `file:${dbFile}`;
const migrated = runPrisma(["migrate", "deploy"], { databaseUrl, stdio: "pipe" });
if (migrated.status !== 0) {
  console.error(`[drill] migrating ${dbFile} failed:\n${migrated.stdout}\n${migrated.stderr}`);
  process.exit(1);
}

const server = spawn(process.execPath, ["server/index.js"], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    ADAL_IN_PROCESS_JOBS: "0",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const stopped = new Promise((resolve) => server.once("exit", resolve));

let code = 1;
try {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    if (Date.now() > deadline) throw new Error("the server did not answer /healthz within 60 s");
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const drill = spawn(process.execPath, [path.join(root, "scripts/drills/hostile-requests.js")], {
    cwd: root,
    env: { ...process.env, DRILL_URL: `http://127.0.0.1:${port}` },
    stdio: "inherit",
  });
  code = await new Promise((resolve) => drill.once("exit", (exit) => resolve(exit ?? 1)));
} catch (error) {
  console.error(`[drill] ${error instanceof Error ? error.message : String(error)}`);
} finally {
  server.kill("SIGTERM");
  await stopped;
  removeDatabase();
}
process.exit(code);
