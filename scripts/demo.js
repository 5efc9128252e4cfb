#!/usr/bin/env node
// `npm run demo`: migrate the SQLite database under ./data, seed fictional
// demo data on first run, build, and serve at http://localhost:$PORT (3000).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPrisma } from "./db/prisma.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  ADAL_DEMO: "1",
  NODE_ENV: "production",
  DATABASE_URL: process.env.DATABASE_URL || "file:./data/adal.db",
};
process.env.DATABASE_URL = env.DATABASE_URL;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (runPrisma(["migrate", "deploy"], { stdio: "inherit" }).status !== 0) process.exit(1);
run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"]);
run(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"]);

const server = spawn(process.execPath, ["server/index.js"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
