// `npm run bench:startup`: how long the production server takes from its start
// to the first successful `/login` (a person's first page after a restart or a
// deploy). Starts the existing build (ADAL_BUILD_DIR, default build/; run
// `npm run build` first) as `node server/index.js` (one process) and as
// `node server/cluster.js` (one and two workers), BENCH_STARTUP_ROUNDS times
// each (default 7), interleaved, and prints the median and the spread next to
// the floor: `node` starting and answering HTTP with nothing else loaded.
//
// The database is a migrated scratch one (SQLite data/bench/startup.db; with
// TEST_POSTGRES_URL also a throwaway PostgreSQL database, dropped afterwards),
// or DATABASE_URL with BENCH_STARTUP_DB=env. The server starts as production
// does, with its jobs (ADAL_IN_PROCESS_JOBS on) and the keyring as the database
// has it. BENCH_HTTP_PORT (default 3231) is the port.
// BENCH_STARTUP_COMPARE=<checkout>:<build dir> also starts another checkout's
// build in the same rounds (e.g. the main branch, built there with ADAL_BUILD_DIR),
// for a before/after measured together. Writes bench-results/startup-<time>.json.
// Times are wall clock, with the CPU the server's processes used until that first
// answer (/proc; less sensitive to other load than wall time): on a shared
// machine compare runs made together and say what the load was.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { runPrisma } from "../db/prisma.js";

const root = process.cwd();
const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS) || 7;
const PORT = Number(process.env.BENCH_HTTP_PORT) || 3231;

type Mode = { name: string; args: string[]; env?: Record<string, string>; cwd?: string };
const FLOOR_SCRIPT = `require("node:http").createServer((q, s) => s.end("ok")).listen(${PORT}, "127.0.0.1")`;

function serverModes(label: string, cwd: string, buildDir?: string): Mode[] {
  const env: Record<string, string> = buildDir ? { ADAL_BUILD_DIR: buildDir } : {};
  return [
    { name: `${label}node server/index.js`, args: ["server/index.js"], cwd, env },
    {
      name: `${label}server/cluster.js, 1 worker`,
      args: ["server/cluster.js"],
      cwd,
      env: { ...env, WEB_CONCURRENCY: "1" },
    },
    {
      name: `${label}server/cluster.js, 2 workers`,
      args: ["server/cluster.js"],
      cwd,
      env: { ...env, WEB_CONCURRENCY: "2" },
    },
  ];
}

const compare = process.env.BENCH_STARTUP_COMPARE?.split(":");
const MODES: Mode[] = [
  { name: "floor: node answering HTTP", args: ["-e", FLOOR_SCRIPT] },
  ...serverModes("", root),
  ...(compare ? serverModes("compare: ", path.resolve(compare[0]!), compare[1]) : []),
];

const TICK_MS = 10; // USER_HZ 100: /proc/<pid>/stat counts CPU in 10 ms ticks

/** CPU milliseconds used so far by a process and its children (cluster workers); null without /proc. */
function cpuMs(pid: number): number | null {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const pids = [pid];
  for (let i = 0; i < pids.length; i += 1) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended.
    }
  }
  let ticks = 0;
  for (const p of pids) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended.
    }
  }
  return ticks * TICK_MS;
}

/** Milliseconds from spawning the process to the first 200 from /login, and the CPU it used. */
async function coldStart(
  mode: Mode,
  databaseUrl: string,
): Promise<{ ms: number; cpuMs: number | null }> {
  const started = performance.now();
  const child = spawn(process.execPath, mode.args, {
    cwd: mode.cwd ?? root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      ...mode.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const path = mode.name.startsWith("floor") ? "/" : "/login";
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${mode.name} exited (${child.exitCode})`);
      try {
        const response = await fetch(`http://127.0.0.1:${PORT}${path}`);
        await response.arrayBuffer();
        if (response.ok) return { ms: performance.now() - started, cpuMs: cpuMs(child.pid!) };
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const round = (n: number) => Math.round(n);

async function benchDatabase(provider: string, databaseUrl: string) {
  const times = new Map<string, { ms: number; cpuMs: number | null }[]>(
    MODES.map((mode) => [mode.name, []]),
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const mode of MODES) times.get(mode.name)!.push(await coldStart(mode, databaseUrl));
  }
  const load = os.loadavg().map((n) => Math.round(n * 10) / 10);
  return {
    provider,
    loadAverage: load,
    modes: MODES.map((mode) => {
      const all = times.get(mode.name)!;
      const ms = all.map((run) => run.ms);
      const cpu = all.flatMap((run) => (run.cpuMs === null ? [] : [run.cpuMs]));
      return {
        name: mode.name,
        medianMs: round(median(ms)),
        minMs: round(Math.min(...ms)),
        maxMs: round(Math.max(...ms)),
        medianCpuMs: cpu.length ? round(median(cpu)) : null,
        runs: all.map((run) => ({ ms: round(run.ms), cpuMs: run.cpuMs })),
      };
    }),
  };
}

function migrate(databaseUrl: string) {
  const migrated = runPrisma(["migrate", "deploy"], { databaseUrl, stdio: "pipe" });
  if (migrated.status !== 0) throw new Error(`migrate deploy failed:\n${migrated.stderr}`);
}

async function main() {
  const results = [];
  if (process.env.BENCH_STARTUP_DB === "env") {
    const url = process.env.DATABASE_URL!;
    results.push(await benchDatabase(url.startsWith("file:") ? "sqlite" : "postgresql", url));
  } else {
    mkdirSync(path.join(root, "data/bench"), { recursive: true });
    const file = path.join(root, "data/bench/startup.db");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    migrate(`file:${file}`);
    results.push(await benchDatabase("sqlite", `file:${file}`));
    const baseUrl = process.env.TEST_POSTGRES_URL;
    if (baseUrl) {
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      const name = `adal_startup_${randomBytes(4).toString("hex")}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      try {
        const url = new URL(baseUrl);
        url.pathname = `/${name}`;
        migrate(url.toString());
        results.push(await benchDatabase("postgresql", url.toString()));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
    }
  }
  for (const result of results) {
    console.log(`${result.provider} (load average ${result.loadAverage.join(" ")}):`);
    for (const mode of result.modes)
      console.log(
        `  ${mode.name.padEnd(41)} median ${String(mode.medianMs).padStart(5)} ms (${mode.minMs}–${mode.maxMs}), CPU ${mode.medianCpuMs ?? "?"} ms`,
      );
  }
  const outDir = path.join(root, "bench-results");
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(
    outDir,
    `startup-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  writeFileSync(
    outFile,
    JSON.stringify(
      { at: new Date().toISOString(), node: process.version, rounds: ROUNDS, results },
      null,
      2,
    ),
  );
  console.log(`wrote ${path.relative(root, outFile)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
