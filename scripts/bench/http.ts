// `npm run bench:http`: what a person waits for. Seeds (or, with BENCH_KEEP=1,
// reuses) the 100 000-case benchmark database, starts the production server on
// it, signs in real people of the seed (a national coordinator, the lawyer with
// ~1 500 open cases, a field organizer) by writing sessions the way the login
// does, and drives the pages and intake POSTs with autocannon. For every route
// it prints p50/p95/p99 and pages per second at 1 and 8 clients (intakes: 1, 4
// and 16), the HTML size, the server's RSS, and the ratio to a fixed page
// (`/login`, signed out: the framework's floor) served by the same process in
// the same run. SQLite always; PostgreSQL too when TEST_POSTGRES_URL is set.
// Writes bench-results/http-<time>.json.
//
// BENCH_ONLY=sqlite|postgresql, BENCH_KEEP=1 (as `npm run bench`), BENCH_HTTP_SECONDS
// (default 5, per measurement), BENCH_HTTP_PORT (default 3231), BENCH_NO_BUILD=1
// (use the existing build/), BENCH_MATCH=<route name part>, WEB_CONCURRENCY (passed
// to the server). Absolute numbers depend on the machine and on whatever else runs on
// it: compare the ratios, which are measured in one run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import type { SeedResult } from "./seed";

type Provider = "sqlite" | "postgresql";
const root = process.cwd();
const only = process.env.BENCH_ONLY;
const keep = process.env.BENCH_KEEP === "1";
/** The kept PostgreSQL database's name: BENCH_PG_DATABASE, so that two people on one server keep one each. */
const KEPT_DATABASE = process.env.BENCH_PG_DATABASE ?? "adal_bench_kept";
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS) || 5;
const PORT = Number(process.env.BENCH_HTTP_PORT) || 3231;
const MATCH = process.env.BENCH_MATCH;
const SESSION_COOKIE = "__Host-adal_session";
/** The production start's Node flags (package.json "start"); BENCH_NODE_FLAGS overrides them. */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const keptSeedFile = (provider: Provider) => path.join(root, `data/bench/${provider}-seed.json`);

type Measurement = {
  clients: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  rssMb: number;
};
type RouteResult = {
  name: string;
  path: string;
  method: "GET" | "POST";
  htmlKb: number;
  runs: Measurement[];
  /** p50 at one client ÷ the floor's p50 at one client. */
  ratioToFloor: number | null;
  /** Pages per second at the most clients ÷ at one client. */
  scaling: number | null;
};
type ProviderResult = {
  provider: Provider;
  coldStartMs: number;
  rssStartMb: number;
  rssEndMb: number;
  loadAverage: number[];
  routes: RouteResult[];
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Seeds the database in a process of its own (scripts/bench/target.ts), or reuses the kept one. */
function prepare(provider: Provider, url: string): SeedResult {
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

type Raw = {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
};

async function rawConnection(provider: Provider, url: string): Promise<Raw> {
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

/** A session as the login writes it: the cookie carries the token, the database its SHA-256. */
async function signIn(raw: Raw, provider: Provider, userId: string): Promise<string> {
  const token = randomBytes(20).toString("hex");
  const now = Date.now();
  const date = (ms: number) =>
    provider === "sqlite" ? new Date(ms).toISOString().replace("Z", "+00:00") : new Date(ms);
  await raw.run(
    `INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt", "createdAt", "lastSeenAt", "ipAddress", "userAgent") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      createHash("sha256").update(token).digest("hex"),
      userId,
      date(now + 30 * 60_000),
      date(now + 12 * 3_600_000),
      date(now),
      date(now),
      "127.0.0.1",
      "bench:http",
    ],
  );
  return `${SESSION_COOKIE}=${token}`;
}

/** Resident memory of the server and its worker processes, in MB. */
function rssMb(pid: number): number {
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
  let kb = 0;
  for (const p of pids) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) kb += Number(match[1]);
    } catch {
      // The process ended.
    }
  }
  return round(kb / 1024);
}

async function startServer(
  url: string,
): Promise<{ child: ChildProcess; coldStartMs: number; stop: () => Promise<void> }> {
  const started = performance.now();
  // The production start: server/cluster.js with WEB_CONCURRENCY workers (default: every core).
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(root, "server/cluster.js")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      // Reminders and other jobs would add load the pages do not cause.
      ADAL_IN_PROCESS_JOBS: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${PORT}`;
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

type Route = {
  name: string;
  path: string;
  cookie?: string;
  method?: "GET" | "POST";
  body?: string;
  clients: number[];
  /** The status every answer should have. */
  expect: number;
};

async function drive(route: Route, clients: number, pid: number): Promise<Measurement> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const headers: Record<string, string> = { accept: "text/html" };
  if (route.cookie) headers.cookie = route.cookie;
  if (route.method === "POST") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = `http://127.0.0.1:${PORT}`;
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${PORT}${route.path}`,
        method: route.method ?? "GET",
        headers,
        body: route.body,
        connections: clients,
        duration: SECONDS,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  times.sort((a, b) => a - b);
  return {
    clients,
    requests: times.length,
    perSecond: round(times.length / (result.duration || SECONDS)),
    p50: round(percentile(times, 50), 2),
    p95: round(percentile(times, 95), 2),
    p99: round(percentile(times, 99), 2),
    statuses,
    rssMb: rssMb(pid),
  };
}

async function htmlKb(route: Route): Promise<number> {
  if (route.method === "POST") return 0;
  const response = await fetch(`http://127.0.0.1:${PORT}${route.path}`, {
    headers: route.cookie ? { cookie: route.cookie } : {},
    redirect: "manual",
  });
  if (response.status !== route.expect)
    throw new Error(`${route.name}: ${route.path} answered ${response.status}`);
  return round((await response.arrayBuffer()).byteLength / 1024);
}

async function benchProvider(provider: Provider, url: string): Promise<ProviderResult> {
  const seeded = prepare(provider, url);
  const raw = await rawConnection(provider, url);
  const { coordinator, busyLawyer, organizer } = seeded.people;
  const [worker] = await raw.all<{ fullName: string }>(
    `SELECT "fullName" FROM "WorkerIdentity" ORDER BY "workerId" LIMIT 1 OFFSET 5000`,
  );
  const [someCase] = await raw.all<{ reference: string }>(
    `SELECT "reference" FROM "Case" ORDER BY "createdAt" DESC LIMIT 1 OFFSET 100`,
  );
  const cookies = {
    coordinator: await signIn(raw, provider, coordinator.id),
    lawyer: await signIn(raw, provider, busyLawyer.id),
    organizer: await signIn(raw, provider, organizer.id),
  };
  await raw.close();
  const intake = new URLSearchParams({
    category: "OTHER",
    "facts.summary": "Housing in the camp was taken away",
    incidentStart: "2025-10-01",
    region: organizer.regions[0] ?? "ATYRAU",
    place: "Bench field camp",
    channel: "FIELD_VISIT",
    account: "Workers say the camp's housing was taken away without notice.",
    unnamedWorkerCount: "5",
    confirmDuplicates: "on",
    intent: "save",
  }).toString();

  const routes: Route[] = [
    { name: "floor (/login)", path: "/login", clients: [1, 8], expect: 200 },
    { name: "/cases", path: "/cases", cookie: cookies.coordinator, clients: [1, 8], expect: 200 },
    {
      name: "/cases?q=<worker>",
      path: `/cases?q=${encodeURIComponent(worker!.fullName)}`,
      cookie: cookies.coordinator,
      clients: [1, 8],
      expect: 200,
    },
    {
      name: "case page",
      path: `/cases/${someCase!.reference}`,
      cookie: cookies.coordinator,
      clients: [1, 8],
      expect: 200,
    },
    {
      name: "/caseload",
      path: "/caseload",
      cookie: cookies.coordinator,
      clients: [1, 8],
      expect: 200,
    },
    { name: "/triage", path: "/triage", cookie: cookies.coordinator, clients: [1, 8], expect: 200 },
    {
      name: "/my (busy lawyer)",
      path: "/my",
      cookie: cookies.lawyer,
      clients: [1, 8],
      expect: 200,
    },
    {
      name: "intake POST",
      path: "/cases/new",
      method: "POST",
      body: intake,
      cookie: cookies.organizer,
      clients: [1, 4, 16],
      expect: 302,
    },
  ];

  const server = await startServer(url);
  const pid = server.child.pid!;
  const rssStartMb = rssMb(pid);
  console.error(`[${provider}] cold start to the first /login: ${server.coldStartMs} ms`);
  const results: RouteResult[] = [];
  try {
    let floorP50: number | null = null;
    for (const route of routes) {
      if (MATCH && !route.name.includes(MATCH) && !route.name.startsWith("floor")) continue;
      const kb = await htmlKb(route);
      // Warm-up: the first requests compile queries and fill caches.
      await drive(route, 1, pid).catch(() => null);
      const runs: Measurement[] = [];
      for (const clients of route.clients) {
        const measured = await drive(route, clients, pid);
        const unexpected = Object.entries(measured.statuses).filter(
          ([status]) => Number(status) !== route.expect,
        );
        if (unexpected.length > 0)
          console.error(
            `[${provider}] ${route.name}: unexpected answers ${JSON.stringify(unexpected)}`,
          );
        runs.push(measured);
        console.error(
          `[${provider}] ${route.name} ×${clients}: p50 ${measured.p50} p95 ${measured.p95} p99 ${measured.p99} ms, ${measured.perSecond}/s, RSS ${measured.rssMb} MB`,
        );
      }
      const one = runs[0]!;
      const most = runs[runs.length - 1]!;
      if (route.name.startsWith("floor")) floorP50 = one.p50;
      results.push({
        name: route.name,
        path: route.path.replace(/\?q=.*/, "?q=<worker>"),
        method: route.method ?? "GET",
        htmlKb: kb,
        runs,
        ratioToFloor: floorP50 ? round(one.p50 / floorP50) : null,
        scaling: one.perSecond ? round(most.perSecond / one.perSecond, 2) : null,
      });
    }
  } finally {
    await server.stop();
  }
  return {
    provider,
    coldStartMs: server.coldStartMs,
    rssStartMb,
    rssEndMb: results.at(-1)?.runs.at(-1)?.rssMb ?? rssStartMb,
    loadAverage: os.loadavg().map((n) => round(n, 2)),
    routes: results,
  };
}

async function withPostgres<T>(baseUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const database = keep ? KEPT_DATABASE : `adal_bench_${randomBytes(4).toString("hex")}`;
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

function printTable(results: ProviderResult[]) {
  const header = [
    "database",
    "route",
    "kB",
    "clients",
    "p50",
    "p95",
    "p99",
    "/s",
    "×floor",
    "scale",
  ];
  const lines = results.flatMap((result) =>
    result.routes.flatMap((route) =>
      route.runs.map((run, i) => [
        result.provider,
        route.name,
        i === 0 ? String(route.htmlKb) : "",
        String(run.clients),
        run.p50.toFixed(1),
        run.p95.toFixed(1),
        run.p99.toFixed(1),
        run.perSecond.toFixed(0),
        i === 0 && route.ratioToFloor !== null ? `${route.ratioToFloor}×` : "",
        i === route.runs.length - 1 && route.scaling !== null ? `${route.scaling}×` : "",
      ]),
    ),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const line of lines) console.log(format(line));
  for (const result of results) {
    console.log(
      `${result.provider}: cold start ${result.coldStartMs} ms; RSS ${result.rssStartMb} → ${result.rssEndMb} MB; load average ${result.loadAverage.join(" ")}`,
    );
  }
}

async function main() {
  if (process.env.BENCH_NO_BUILD !== "1") {
    const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) throw new Error("the build failed");
  }
  const results: ProviderResult[] = [];
  if (only !== "postgresql") {
    mkdirSync(path.join(root, "data/bench"), { recursive: true });
    const file = path.join(root, "data/bench/bench.db");
    if (!keep || !existsSync(keptSeedFile("sqlite"))) {
      rmSync(keptSeedFile("sqlite"), { force: true });
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    }
    results.push(await benchProvider("sqlite", `file:${file}`));
  }
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (pgUrl && only !== "sqlite") {
    results.push(await withPostgres(pgUrl, (url) => benchProvider("postgresql", url)));
  }
  printTable(results);
  const outDir = path.join(root, "bench-results");
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outFile = path.join(outDir, `http-${stamp}.json`);
  writeFileSync(
    outFile,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        cpus: os.cpus().length,
        node: process.version,
        seconds: SECONDS,
        webConcurrency: process.env.WEB_CONCURRENCY ?? null,
        results,
      },
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
