// What the HTTP benchmarks share (`npm run bench:http`, `npm run soak`): the
// 100 000-case bench database seeded (or reused), people of the seed signed in
// the way the login does it, the production server started on it, and the
// memory of its processes read from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import type { Options } from "autocannon";
import type { SeedResult } from "./seed";

export type Provider = "sqlite" | "postgresql";

const root = process.cwd();
const SESSION_COOKIE = "__Host-adal_session";
export const keptSeedFile = (provider: Provider) =>
  path.join(root, `data/bench/${provider}-seed.json`);

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Seeds the database in a process of its own (scripts/bench/target.ts), or reuses the kept one. */
export function prepare(provider: Provider, url: string, keep: boolean): SeedResult {
  const kept = keptSeedFile(provider);
  const out = path.join(os.tmpdir(), `adal-bench-http-${randomBytes(4).toString("hex")}.json`);
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/bench/target.ts"), provider, url, out],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: "production",
        BENCH_SEED_ONLY: "1",
        ...(keep ? { BENCH_KEEP_FILE: kept } : {}),
      },
    },
  );
  if (child.status !== 0) throw new Error(`seeding ${provider} failed (exit ${child.status})`);
  const seeded = JSON.parse(readFileSync(out, "utf8")) as SeedResult;
  rmSync(out, { force: true });
  return seeded;
}

/** The SQLite bench database's URL; its files are removed first unless a kept seed can be reused. */
export function sqliteBenchUrl(keep: boolean): string {
  mkdirSync(path.join(root, "data/bench"), { recursive: true });
  const file = path.join(root, "data/bench/bench.db");
  if (!keep || !existsSync(keptSeedFile("sqlite"))) {
    rmSync(keptSeedFile("sqlite"), { force: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  return `file:${file}`;
}

export type Raw = {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
};

export async function rawConnection(provider: Provider, url: string): Promise<Raw> {
  if (provider === "sqlite") {
    const db = new Database(url.slice("file:".length));
    db.pragma("busy_timeout = 5000");
    return {
      all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
      run: async (sql, params = []) => void db.prepare(sql).run(...params),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    all: async <T>(sql: string, params: unknown[] = []) =>
      (await client.query(numbered(sql), params)).rows as T[],
    run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
    close: () => client.end(),
  };
}

/**
 * A session as the login writes it: the cookie carries the token, the database its SHA-256.
 * `minutes` of idle lifetime (default 30) can cover a long soak.
 */
export async function signIn(
  raw: Raw,
  provider: Provider,
  userId: string,
  minutes = 30,
): Promise<string> {
  const token = randomBytes(20).toString("hex");
  const now = Date.now();
  const date = (ms: number) =>
    provider === "sqlite" ? new Date(ms).toISOString().replace("Z", "+00:00") : new Date(ms);
  await raw.run(
    `INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt", "createdAt", "lastSeenAt", "ipAddress", "userAgent") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      createHash("sha256").update(token).digest("hex"),
      userId,
      date(now + minutes * 60_000),
      date(now + Math.max(12 * 60, minutes) * 60_000),
      date(now),
      date(now),
      "127.0.0.1",
      "bench:http",
    ],
  );
  return `${SESSION_COOKIE}=${token}`;
}

/** The server process and its workers (children, grandchildren…), as pids. */
export function processTree(pid: number): number[] {
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
  return pids;
}

/** One process's resident memory in MB (all of it, and its private part), or null once it ended. */
export function processRss(pid: number): { rssMb: number; anonMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: round(kb("VmRSS") / 1024), anonMb: round(kb("RssAnon") / 1024) };
  } catch {
    return null;
  }
}

/** Resident memory of the server and its worker processes, in MB. */
export function rssMb(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) total += processRss(p)?.rssMb ?? 0;
  return round(total);
}

/** The intake POST the benchmarks send: a new case (no workers named), duplicates acknowledged. */
export function benchIntakeForm(region: string | undefined, place = "Bench field camp"): string {
  return new URLSearchParams({
    category: "OTHER",
    "facts.summary": "Housing in the camp was taken away",
    incidentStart: "2025-10-01",
    region: region ?? "ATYRAU",
    place,
    channel: "FIELD_VISIT",
    account: "Workers say the camp's housing was taken away without notice.",
    unnamedWorkerCount: "5",
    confirmDuplicates: "on",
    intent: "save",
  }).toString();
}

/**
 * CPU time the server and its workers have used so far, in ms (user + system, from /proc: clock
 * ticks of 10 ms). Per request it is what a page costs the machine, and much less sensitive than
 * wall time to whatever else runs on it.
 */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended.
    }
  }
  return ticks * 10;
}

/**
 * The production start's Node flags, read from package.json's "start" script
 * (`--max-old-space-size=192`): a bench measures the server as `npm start` runs it. `override`
 * (BENCH_NODE_FLAGS, SOAK_NODE_FLAGS), when set, replaces them.
 */
export function productionNodeFlags(override?: string): string[] {
  if (override !== undefined) return override.split(" ").filter(Boolean);
  const start = (
    JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts.start!;
  return start.split(/\s+/).filter((word) => /^--[a-z-]+(=\S+)?$/.test(word));
}

export async function startServer(
  url: string,
  options: { port: number; nodeFlags: string[]; env?: Record<string, string> },
): Promise<{ child: ChildProcess; coldStartMs: number; stop: () => Promise<void> }> {
  const started = performance.now();
  // The bench keyring's key file (scripts/bench/keyring.ts), named to the server whether the
  // database was seeded by this run or kept: without it a kept database's server starts sealed
  // ("keyFileMissing"), and its intakes take the sealed path (wrapped to the intake public key,
  // no blind indexes) instead of the one an organization's server takes.
  const provider: Provider = url.startsWith("postgres") ? "postgresql" : "sqlite";
  const keyFile = path.join(root, "data/bench", `demo-master-key.${provider}`);
  if (!existsSync(keyFile)) throw new Error(`the bench keyring's key file is missing: ${keyFile}`);
  const child = spawn(
    process.execPath,
    [...options.nodeFlags, path.join(root, "server/cluster.js")],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: url,
        PORT: String(options.port),
        HOST: "127.0.0.1",
        // Reminders and other jobs would add load the pages do not cause.
        ADAL_IN_PROCESS_JOBS: "0",
        ADAL_DEMO_KEY_FILE: keyFile,
        ...options.env,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${options.port}`;
  let coldStartMs = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      const response = await fetch(`${base}/login`);
      if (response.ok) {
        await response.arrayBuffer();
        coldStartMs = round(performance.now() - started, 0);
        break;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { child, coldStartMs, stop };
}

/** A PostgreSQL database for the run (kept as BENCH_PG_DATABASE, default `adal_bench_kept`, when `keep`). */
export async function withPostgres<T>(
  baseUrl: string,
  keep: boolean,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const database = keep
    ? (process.env.BENCH_PG_DATABASE ?? "adal_bench_kept")
    : `adal_bench_${randomBytes(4).toString("hex")}`;
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]))
    .rowCount;
  if (!keep || !exists || !existsSync(keptSeedFile("postgresql"))) {
    rmSync(keptSeedFile("postgresql"), { force: true });
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  }
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${database}`;
    return await fn(url.toString());
  } finally {
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * A copy of the kept bench database for one run, dropped afterwards: the run's intakes (and the
 * sessions it signs in) then never reach the kept database, so every run starts from the same
 * 100 000 cases. Without the copy each run added thousands of cases dated today, and the next
 * run's dashboard and search measured a different database (stop 24's runs 2 and 3).
 */
export async function withWorkingCopy<T>(
  provider: Provider,
  url: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const suffix = randomBytes(4).toString("hex");
  if (provider === "sqlite") {
    const kept = url.slice("file:".length);
    const copy = path.join(path.dirname(kept), `run-${suffix}.db`);
    // Everything into the main file first, so that the file alone is the database.
    const db = new Database(kept);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    copyFileSync(kept, copy);
    try {
      return await fn(`file:${copy}`);
    } finally {
      for (const end of ["", "-wal", "-shm", "-journal"]) rmSync(copy + end, { force: true });
    }
  }
  const source = new URL(url);
  const copyName = `${source.pathname.slice(1)}_run_${suffix}`;
  // Connected to the maintenance database: the template itself must have no connection at all.
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    // The seed's connections have ended by now.
    await admin.query(`CREATE DATABASE "${copyName}" TEMPLATE "${source.pathname.slice(1)}"`);
  } finally {
    await admin.end();
  }
  const copyUrl = new URL(url);
  copyUrl.pathname = `/${copyName}`;
  try {
    return await fn(copyUrl.toString());
  } finally {
    const cleanup = new pg.Client({ connectionString: maintenance.toString() });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`);
    await cleanup.end();
  }
}

/**
 * The bench database seeded (or, with `keep`, reused), then `fn` on it: with `keep` on a copy made
 * for the run and dropped after it (`withWorkingCopy`), so that the kept database stays as seeded.
 */
export function onSeededDatabase<T>(
  provider: Provider,
  url: string,
  keep: boolean,
  fn: (url: string, seeded: SeedResult) => Promise<T>,
): Promise<T> {
  const seeded = prepare(provider, url, keep);
  return keep ? withWorkingCopy(provider, url, (copy) => fn(copy, seeded)) : fn(url, seeded);
}

/** What the page benches ask for: a worker's name to search for, and a recent case to open. */
export async function benchSubjects(
  raw: Raw,
): Promise<{ workerName: string; caseReference: string }> {
  const [worker] = await raw.all<{ fullName: string }>(
    `SELECT "fullName" FROM "WorkerIdentity" ORDER BY "workerId" LIMIT 1 OFFSET 5000`,
  );
  const [someCase] = await raw.all<{ reference: string }>(
    `SELECT "reference" FROM "Case" ORDER BY "createdAt" DESC LIMIT 1 OFFSET 100`,
  );
  return { workerName: worker!.fullName, caseReference: someCase!.reference };
}

/** utime + stime of one process in ms, or null once it ended. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU the local PostgreSQL server spends for one database while something runs: its backends
 * and the parallel workers they start (short-lived processes, counted too). Every `everyMs` it
 * lists the postmaster's children and keeps, for each that serves `database`, the CPU it had
 * when first and last seen; a process that started during the run counts from 0. What a
 * parallel worker spends after the last sample before it ends is missed: a lower bound.
 * Null when the server is not on this machine (its processes are not ours to read).
 */
export async function postgresCpuSampler(
  url: string,
  everyMs = 20,
): Promise<{ stop(): { cpuMs: number; parallelWorkers: number } } | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let postmaster: number;
  try {
    const { pid } = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))
      .rows[0]!;
    // Read while the backend lives: the postmaster is its parent.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    postmaster = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  } finally {
    await client.end();
  }
  const database = new URL(url).pathname.slice(1);
  const seen = new Map<number, { first: number; last: number; parallel: boolean }>();
  const ours = new Set<number>();
  const foreign = new Set<number>();
  const parallelPids = new Set<number>();
  const classify = (pid: number): boolean | null => {
    if (ours.has(pid)) return true;
    if (foreign.has(pid)) return false;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    } catch {
      return null;
    }
    const leader = /parallel worker for PID (\d+)/.exec(command)?.[1];
    const mine = leader ? ours.has(Number(leader)) : command.includes(` ${database} `);
    (mine ? ours : foreign).add(pid);
    if (mine && leader) parallelPids.add(pid);
    return mine;
  };
  const sample = (initial: boolean) => {
    let children: number[] = [];
    try {
      for (const task of readdirSync(`/proc/${postmaster}/task`)) {
        const text = readFileSync(`/proc/${postmaster}/task/${task}/children`, "utf8").trim();
        if (text) children.push(...text.split(/\s+/).map(Number));
      }
    } catch {
      children = [];
    }
    // Leaders first, so that their parallel workers are recognised in the same pass.
    for (const pid of children.sort((a, b) => a - b)) {
      if (!classify(pid)) continue;
      const cpu = processCpuMs(pid);
      if (cpu === null) continue;
      const known = seen.get(pid);
      if (known) known.last = cpu;
      else {
        const parallel = parallelPids.has(pid);
        seen.set(pid, { first: initial ? cpu : 0, last: cpu, parallel });
      }
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample(false);
      let cpuMs = 0;
      let parallelWorkers = 0;
      for (const { first, last, parallel } of seen.values()) {
        cpuMs += last - first;
        if (parallel) parallelWorkers += 1;
      }
      return { cpuMs, parallelWorkers };
    },
  };
}

export type Load = {
  times: number[];
  statuses: Record<string, number>;
  duration: number;
  cpuMs: number;
};

/** Runs autocannon in its own process (scripts/bench/loadgen.mjs), niced by BENCH_LOADGEN_NICE. */
export function generateLoad(options: Options): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts/bench/loadgen.mjs")], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(output) as Load)
        : reject(new Error(`loadgen exited ${code}`)),
    );
    child.stdin.end(JSON.stringify(options));
  });
}
