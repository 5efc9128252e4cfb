// Runs the Prisma CLI the way Adal needs it: no telemetry, and with the
// long-timer preload that lets a finished migrate command exit at once.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PRELOAD = path.join(root, "scripts/db/unref-long-timers.cjs");
const CLI = path.join(root, "node_modules/prisma/build/index.js");

/** Runs `prisma ...args` against `databaseUrl`; returns the exit code. */
export function runPrisma(
  args,
  { databaseUrl = process.env.DATABASE_URL, stdio = "inherit" } = {},
) {
  const url = databaseUrl || "file:./data/adal.db";
  if (url.startsWith("file:")) {
    mkdirSync(path.dirname(path.resolve(root, url.slice(5).split("?")[0])), { recursive: true });
  }
  const env = {
    ...process.env,
    DATABASE_URL: url,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${PRELOAD}`].filter(Boolean).join(" "),
  };
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: root,
    env,
    stdio,
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}
