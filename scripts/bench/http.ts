// `npm run bench:http`: what a person waits for. Seeds (or, with BENCH_KEEP=1,
// reuses) the 100 000-case benchmark database, starts the production server on
// it, signs in real people of the seed (a national coordinator, the lawyer with
// ~1 500 open cases, a field organizer) by writing sessions the way the login
// does, and drives the pages and intake POSTs with autocannon. For every route
// it prints p50/p95/p99 and pages per second at 1 and 8 clients (intakes: 1, 4
// and 16), the server's CPU time per answer (all its processes; the figure to compare on a
// shared machine; on a local PostgreSQL also the database's own, its backends and parallel
// workers), the HTML size, the server's RSS, and the ratio to a fixed page
// (`/login`, signed out: the framework's floor) served by the same process in
// the same run. SQLite always; PostgreSQL too when TEST_POSTGRES_URL is set. A kept database
// is measured through a copy made for the run and dropped after it, so that the run's intakes
// do not change what the next run measures.
// Writes bench-results/http-<time>.json.
//
// BENCH_ONLY=sqlite|postgresql, BENCH_KEEP=1 (as `npm run bench`), BENCH_HTTP_SECONDS
// (default 5, per measurement), BENCH_HTTP_ROUNDS (default 3: every client count measured once
// per round, back to back; the median round is printed, and the scaling is the median of the
// rounds' ratios), BENCH_HTTP_PORT (default 3231), BENCH_NO_BUILD=1
// (use the existing build/), BENCH_MATCH=<route name parts, comma-separated>, BENCH_FLOOR=0
// (no floor route: for a CPU profile of the matched routes alone), WEB_CONCURRENCY (passed
// to the server). For the intake POSTs it also prints the server's group-commit batches (how many,
// mean and largest size, batches run again after a deadlock: docs/decisions/0040), read from the
// files its workers write under ADAL_GROUP_COMMIT_STATS_DIR. The load generator runs in its own
// process (scripts/bench/loadgen.mjs) and its CPU per answer is printed too: on a machine where it
// shares the server's cores it takes, at 8 clients, CPU the server would otherwise use.
// BENCH_LOADGEN_NICE=<1..19> runs it at that niceness, so the server's processes come first
// (the database's too, when it runs at the default niceness). Absolute numbers depend on the
// machine and on whatever else runs on it: compare the ratios, which are measured in one run.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  benchIntakeForm,
  benchSubjects,
  cpuMs,
  generateLoad,
  onSeededDatabase,
  postgresCpuSampler,
  productionNodeFlags,
  rawConnection,
  round,
  rssMb,
  signIn,
  sqliteBenchUrl,
  startServer,
  withPostgres,
  type Provider,
} from "./http-server";
import type { SeedResult } from "./seed";

const root = process.cwd();
const only = process.env.BENCH_ONLY;
const keep = process.env.BENCH_KEEP === "1";
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS) || 5;
/** Rounds per route (each client count once per round); the median round is reported. */
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS) || 3;
const PORT = Number(process.env.BENCH_HTTP_PORT) || 3231;
/** Route name parts, comma-separated (`triage,my`): a route runs when its name contains one. */
const MATCH = (process.env.BENCH_MATCH ?? "").split(",").filter(Boolean);
/** The production start's Node flags (package.json "start"); BENCH_NODE_FLAGS overrides them. */
const NODE_FLAGS = productionNodeFlags(process.env.BENCH_NODE_FLAGS);

type Measurement = {
  clients: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  rssMb: number;
  /** The server's CPU time per answer (all its processes), ms. */
  cpuMsPerRequest: number;
  /** The load generator's own CPU per answer (it runs on the same cores), ms. */
  loadgenCpuMsPerRequest: number;
  /** PostgreSQL: its CPU per answer for this database (backends and parallel workers), ms. */
  dbCpuMsPerRequest?: number;
  /** PostgreSQL: parallel workers its planner started during the run. */
  parallelWorkers?: number;
  /** Writes only: the group commit's batches during the measurement (all workers). */
  groupCommit?: BatchStats;
};
type BatchStats = {
  batches: number;
  writes: number;
  meanBatch: number;
  largestBatch: number;
  retries: number;
};
type RouteResult = {
  name: string;
  path: string;
  method: "GET" | "POST";
  htmlKb: number;
  /** Per client count, the median round by pages per second. */
  runs: Measurement[];
  /** Every round: each client count measured once, back to back. */
  rounds: Measurement[][];
  /** p50 at one client (median round) ÷ the floor's p50 at one client (median round). */
  ratioToFloor: number | null;
  /** Pages per second at the most clients ÷ at one client: the median of the rounds' ratios. */
  scaling: number | null;
  roundScaling: number[];
};
type ProviderResult = {
  provider: Provider;
  coldStartMs: number;
  rssStartMb: number;
  rssEndMb: number;
  loadAverage: number[];
  routes: RouteResult[];
};

/** The middle item by `key` (the lower middle of an even count). */
function medianBy<T>(items: T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

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

/** Where the server's workers write their group-commit statistics (the bench's own directory). */
const statsDir = mkdtempSync(path.join(os.tmpdir(), "adal-group-commit-"));
type WorkerStats = { batches: number; writes: number; retries: number; sizes: (number | null)[] };

/** Every worker's statistics so far, added up, once the files are fresh (written every 250 ms). */
async function groupCommitTotals(): Promise<WorkerStats> {
  await new Promise((resolve) => setTimeout(resolve, 350));
  const total: WorkerStats = { batches: 0, writes: 0, retries: 0, sizes: [] };
  for (const file of readdirSync(statsDir).filter((name) => name.endsWith(".json"))) {
    const stats = JSON.parse(readFileSync(path.join(statsDir, file), "utf8")) as WorkerStats;
    total.batches += stats.batches;
    total.writes += stats.writes;
    total.retries += stats.retries;
    stats.sizes.forEach(
      (count, size) => (total.sizes[size] = (total.sizes[size] ?? 0) + (count ?? 0)),
    );
  }
  return total;
}

function batchesBetween(before: WorkerStats, after: WorkerStats): BatchStats {
  const batches = after.batches - before.batches;
  const writes = after.writes - before.writes;
  const largestBatch = after.sizes.reduce<number>(
    (largest, count, size) => ((count ?? 0) > (before.sizes[size] ?? 0) ? size : largest),
    0,
  );
  return {
    batches,
    writes,
    meanBatch: batches ? round(writes / batches, 2) : 0,
    largestBatch,
    retries: after.retries - before.retries,
  };
}

async function drive(
  route: Route,
  clients: number,
  pid: number,
  dbUrl?: string,
): Promise<Measurement> {
  const headers: Record<string, string> = { accept: "text/html" };
  if (route.cookie) headers.cookie = route.cookie;
  if (route.method === "POST") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = `http://127.0.0.1:${PORT}`;
  }
  const batchesBefore = route.method === "POST" ? await groupCommitTotals() : null;
  const database = dbUrl ? await postgresCpuSampler(dbUrl) : null;
  const cpuBefore = cpuMs(pid);
  const result = await generateLoad({
    url: `http://127.0.0.1:${PORT}${route.path}`,
    method: route.method ?? "GET",
    headers,
    body: route.body,
    connections: clients,
    duration: SECONDS,
  });
  const cpuUsed = cpuMs(pid) - cpuBefore;
  const db = database?.stop();
  const groupCommit = batchesBefore
    ? batchesBetween(batchesBefore, await groupCommitTotals())
    : undefined;
  const { times, statuses } = result;
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
    cpuMsPerRequest: times.length ? round(cpuUsed / times.length, 2) : 0,
    loadgenCpuMsPerRequest: times.length ? round(result.cpuMs / times.length, 2) : 0,
    ...(db && {
      dbCpuMsPerRequest: times.length ? round(db.cpuMs / times.length, 2) : 0,
      parallelWorkers: db.parallelWorkers,
    }),
    ...(groupCommit ? { groupCommit } : {}),
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

const benchProvider = (provider: Provider, url: string) =>
  onSeededDatabase(provider, url, keep, (copy, seeded) => benchDatabase(provider, copy, seeded));

async function benchDatabase(
  provider: Provider,
  url: string,
  seeded: SeedResult,
): Promise<ProviderResult> {
  const raw = await rawConnection(provider, url);
  const { coordinator, busyLawyer, organizer } = seeded.people;
  const { workerName, caseReference } = await benchSubjects(raw);
  const cookies = {
    coordinator: await signIn(raw, provider, coordinator.id),
    lawyer: await signIn(raw, provider, busyLawyer.id),
    organizer: await signIn(raw, provider, organizer.id),
  };
  await raw.close();
  const intake = benchIntakeForm(organizer.regions[0]);

  const routes: Route[] = [
    { name: "floor (/login)", path: "/login", clients: [1, 8], expect: 200 },
    { name: "/cases", path: "/cases", cookie: cookies.coordinator, clients: [1, 8], expect: 200 },
    {
      name: "/cases?q=<worker>",
      path: `/cases?q=${encodeURIComponent(workerName)}`,
      cookie: cookies.coordinator,
      clients: [1, 8],
      expect: 200,
    },
    {
      name: "case page",
      path: `/cases/${caseReference}`,
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

  for (const file of readdirSync(statsDir)) rmSync(path.join(statsDir, file));
  const server = await startServer(url, {
    port: PORT,
    nodeFlags: NODE_FLAGS,
    env: { ADAL_GROUP_COMMIT_STATS_DIR: statsDir },
  });
  const pid = server.child.pid!;
  const rssStartMb = rssMb(pid);
  console.error(`[${provider}] cold start to the first /login: ${server.coldStartMs} ms`);
  const results: RouteResult[] = [];
  try {
    let floorP50: number | null = null;
    for (const route of routes) {
      if (
        MATCH.length > 0 &&
        !MATCH.some((part) => route.name.includes(part)) &&
        !route.name.startsWith("floor")
      )
        continue;
      // BENCH_FLOOR=0 leaves the floor out: a CPU profile (BENCH_NODE_FLAGS) of the routes alone.
      if (route.name.startsWith("floor") && process.env.BENCH_FLOOR === "0") continue;
      const kb = await htmlKb(route);
      // Warm-up: the first requests compile queries and fill caches, in every worker (one
      // connection reaches one worker; the measured one may be handed to another).
      await drive(route, Math.max(...route.clients), pid).catch(() => null);
      // Rounds: every client count once per round, back to back, so that a ratio compares
      // measurements taken under the same conditions of a shared machine.
      const rounds: Measurement[][] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const measuredRound: Measurement[] = [];
        for (const clients of route.clients) {
          const measured = await drive(
            route,
            clients,
            pid,
            provider === "postgresql" ? url : undefined,
          );
          const unexpected = Object.entries(measured.statuses).filter(
            ([status]) => Number(status) !== route.expect,
          );
          if (unexpected.length > 0)
            console.error(
              `[${provider}] ${route.name}: unexpected answers ${JSON.stringify(unexpected)}`,
            );
          measuredRound.push(measured);
          console.error(
            `[${provider}] ${route.name} ×${clients}${ROUNDS > 1 ? ` (round ${round})` : ""}: p50 ${measured.p50} p95 ${measured.p95} p99 ${measured.p99} ms, ${measured.perSecond}/s, CPU ${measured.cpuMsPerRequest} ms/answer${measured.dbCpuMsPerRequest === undefined ? "" : ` (+ database ${measured.dbCpuMsPerRequest}, ${measured.parallelWorkers} parallel workers)`}, load generator ${measured.loadgenCpuMsPerRequest}, RSS ${measured.rssMb} MB`,
          );
          if (measured.groupCommit) console.error(`  ${batchLine(measured.groupCommit)}`);
        }
        rounds.push(measuredRound);
      }
      // Each client count's median round by throughput; the ratios are the median round's.
      const runs = route.clients.map((_, i) =>
        medianBy(
          rounds.map((r) => r[i]!),
          (m) => m.perSecond,
        ),
      );
      const one = runs[0]!;
      if (route.name.startsWith("floor")) floorP50 = one.p50;
      const roundScaling = rounds
        .filter((r) => r[0]!.perSecond > 0)
        .map((r) => r[r.length - 1]!.perSecond / r[0]!.perSecond);
      results.push({
        name: route.name,
        path: route.path.replace(/\?q=.*/, "?q=<worker>"),
        method: route.method ?? "GET",
        htmlKb: kb,
        runs,
        rounds,
        ratioToFloor: floorP50 ? round(one.p50 / floorP50) : null,
        scaling: roundScaling.length
          ? round(
              medianBy(roundScaling, (x) => x),
              2,
            )
          : null,
        roundScaling: roundScaling.map((x) => round(x, 2)),
      });
    }
  } finally {
    await server.stop();
  }
  return {
    provider,
    coldStartMs: server.coldStartMs,
    rssStartMb,
    rssEndMb: results.at(-1)?.rounds.at(-1)?.at(-1)?.rssMb ?? rssStartMb,
    loadAverage: os.loadavg().map((n) => round(n, 2)),
    routes: results,
  };
}

/**
 * The machine's cores kept busy during a measurement: the server's, the database's and the load
 * generator's CPU per answer times answers per second. On two cores, 8 clients reach ~2; what one
 * client already uses (a page's database work runs beside the app's) is what caps the 8 ÷ 1 ratio.
 */
const coresBusy = (run: Measurement) =>
  ((run.cpuMsPerRequest + (run.dbCpuMsPerRequest ?? 0) + run.loadgenCpuMsPerRequest) *
    run.perSecond) /
  1000;

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
    "CPU ms",
    "db CPU",
    "gen CPU",
    "cores",
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
        run.cpuMsPerRequest.toFixed(1),
        run.dbCpuMsPerRequest === undefined ? "" : run.dbCpuMsPerRequest.toFixed(1),
        run.loadgenCpuMsPerRequest.toFixed(2),
        coresBusy(run).toFixed(2),
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
  for (const result of results)
    for (const route of result.routes)
      for (const run of route.runs)
        if (run.groupCommit)
          console.log(
            `${result.provider} ${route.name} ×${run.clients}: ${batchLine(run.groupCommit)}`,
          );
  for (const result of results) {
    console.log(
      `${result.provider}: cold start ${result.coldStartMs} ms; RSS ${result.rssStartMb} → ${result.rssEndMb} MB; load average ${result.loadAverage.join(" ")}`,
    );
  }
}

const batchLine = (stats: BatchStats) =>
  `group commit: ${stats.batches} batches of ${stats.writes} writes, mean ${stats.meanBatch}, largest ${stats.largestBatch}, run again ${stats.retries}`;

async function main() {
  if (process.env.BENCH_NO_BUILD !== "1") {
    const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) throw new Error("the build failed");
  }
  const results: ProviderResult[] = [];
  if (only !== "postgresql") {
    results.push(await benchProvider("sqlite", sqliteBenchUrl(keep)));
  }
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (pgUrl && only !== "sqlite") {
    results.push(await withPostgres(pgUrl, keep, (url) => benchProvider("postgresql", url)));
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
        rounds: ROUNDS,
        webConcurrency: process.env.WEB_CONCURRENCY ?? null,
        loadgenNice: Number(process.env.BENCH_LOADGEN_NICE ?? 0),
        results,
      },
      null,
      2,
    ),
  );
  console.log(`wrote ${path.relative(root, outFile)}`);
  rmSync(statsDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
