// `npm run soak`: does the server's memory stay flat under a long mixed load?
// Reuses (or seeds) the 100 000-case bench database, starts the production
// server on it (server/cluster.js with the production start's Node flags), and
// drives a mix of what people do — the case list, searches for workers, case
// pages of many different cases, the caseload dashboard, triage, "my work" of
// the busy lawyer, and intake POSTs at a steady rate — with autocannon, one
// closed loop of clients per kind of request. Every SOAK_SAMPLE_SECONDS it
// records each server process's RSS and heap (scripts/bench/soak-probe.mjs,
// loaded with --import into the server's processes only for the soak). At the
// end it prints, per process, RSS at the start, its maximum and at the end,
// the slope of RSS over the last third of the run (the last 10 minutes of the
// default 30), whether that is flat, and the throughput of every request kind.
// Writes bench-results/soak-<time>.json (every sample) and exits 1 when a
// process went over SOAK_MAX_RSS_MB or was not flat.
//
//   SOAK_MINUTES (30)          how long to drive the load
//   SOAK_SAMPLE_SECONDS (10)   how often memory is recorded
//   SOAK_SNAPSHOTS=1           heap snapshots of each worker at the start, middle and end
//                              (bench-results/soak-<time>/heap-<worker>-<1|2|3>.heapsnapshot;
//                              each pauses that worker for a few seconds)
//   SOAK_INTAKES_PER_SECOND (5) intake POSTs per second (every one is a new case)
//   SOAK_MAX_RSS_MB (300)      the most any one process may reach
//   SOAK_FLAT_MB (10)          the most RSS may rise over the last third and still be flat
//   SOAK_PORT (3231), SOAK_NODE_FLAGS (default: package.json "start"'s), WEB_CONCURRENCY,
//   BENCH_ONLY=postgresql (with TEST_POSTGRES_URL; SQLite otherwise), BENCH_NO_BUILD=1.
// The bench database is kept between runs (like BENCH_KEEP=1); each soak runs on a copy of it,
// dropped afterwards, so that its intakes and case views do not change what later runs measure. Absolute figures depend on what else runs on the machine: the run
// records the load average beside them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import {
  benchIntakeForm,
  onSeededDatabase,
  productionNodeFlags,
  rawConnection,
  round,
  signIn,
  sqliteBenchUrl,
  startServer,
  withPostgres,
  type Provider,
} from "./http-server";
import type { SeedResult } from "./seed";

const root = process.cwd();
const MINUTES = Number(process.env.SOAK_MINUTES) || 30;
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS) || 10;
const SNAPSHOTS = process.env.SOAK_SNAPSHOTS === "1";
const INTAKES_PER_SECOND = Number(process.env.SOAK_INTAKES_PER_SECOND ?? 5);
const MAX_RSS_MB = Number(process.env.SOAK_MAX_RSS_MB) || 300;
const FLAT_MB = Number(process.env.SOAK_FLAT_MB) || 10;
const PORT = Number(process.env.SOAK_PORT) || 3231;
const provider: Provider = process.env.BENCH_ONLY === "postgresql" ? "postgresql" : "sqlite";

type Sample = {
  at: number;
  pid: number;
  worker: string;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  mallocedMb: number;
};

type Load = {
  name: string;
  path: string | (() => string);
  cookie: string;
  connections: number;
  method?: "GET" | "POST";
  body?: string;
  /** Requests per second over all its connections (autocannon's overallRate). */
  rate?: number;
  expect: number;
};

type LoadResult = {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
};

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - meanX) * (p.y - meanY);
    den += (p.x - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

function readSamples(dir: string): Sample[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .flatMap((name) =>
      readFileSync(path.join(dir, name), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Sample),
    )
    .sort((a, b) => a.at - b.at);
}

async function loads(url: string, seeded: SeedResult): Promise<Load[]> {
  const raw = await rawConnection(provider, url);
  const { coordinator, busyLawyer, organizer } = seeded.people;
  const names = (
    await raw.all<{ fullName: string }>(
      `SELECT "fullName" FROM "WorkerIdentity" ORDER BY "workerId" LIMIT 500 OFFSET 5000`,
    )
  ).map((row) => row.fullName);
  const references = (
    await raw.all<{ reference: string }>(
      `SELECT "reference" FROM "Case" ORDER BY "createdAt" DESC LIMIT 2000`,
    )
  ).map((row) => row.reference);
  const sessionMinutes = MINUTES + 30;
  const cookies = {
    coordinator: await signIn(raw, provider, coordinator.id, sessionMinutes),
    lawyer: await signIn(raw, provider, busyLawyer.id, sessionMinutes),
    organizer: await signIn(raw, provider, organizer.id, sessionMinutes),
  };
  await raw.close();
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const intake = benchIntakeForm(organizer.regions[0], "Soak field camp");
  return [
    { name: "/cases", path: "/cases", cookie: cookies.coordinator, connections: 1, expect: 200 },
    {
      name: "/cases?q=<worker>",
      // A different worker each time: caches keyed by what is searched would show here.
      path: () => `/cases?q=${encodeURIComponent(pick(names))}`,
      cookie: cookies.coordinator,
      connections: 1,
      expect: 200,
    },
    {
      name: "case page",
      path: () => `/cases/${pick(references)}`,
      cookie: cookies.coordinator,
      connections: 2,
      expect: 200,
    },
    {
      name: "/caseload",
      path: "/caseload",
      cookie: cookies.coordinator,
      connections: 1,
      expect: 200,
    },
    { name: "/triage", path: "/triage", cookie: cookies.coordinator, connections: 1, expect: 200 },
    { name: "/my", path: "/my", cookie: cookies.lawyer, connections: 1, expect: 200 },
    {
      name: "intake POST",
      path: "/cases/new",
      method: "POST",
      body: intake,
      cookie: cookies.organizer,
      connections: 1,
      rate: INTAKES_PER_SECOND,
      expect: 302,
    },
  ].filter((load) => load.rate !== 0) as Load[];
}

function drive(
  load: Load,
  seconds: number,
  perSample: Map<string, number>,
): { done: Promise<LoadResult>; stop: () => void } {
  const statuses: Record<string, number> = {};
  const headers: Record<string, string> = { accept: "text/html", cookie: load.cookie };
  if (load.method === "POST") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = `http://127.0.0.1:${PORT}`;
  }
  const path = load.path;
  let instance: autocannon.Instance;
  const done = new Promise<LoadResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${PORT}`,
        connections: load.connections,
        duration: seconds,
        timeout: 30,
        ...(load.rate ? { overallRate: load.rate } : {}),
        requests: [
          {
            method: load.method ?? "GET",
            headers,
            body: load.body,
            ...(typeof path === "string"
              ? { path }
              : { setupRequest: (request: autocannon.Request) => ({ ...request, path: path() }) }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          name: load.name,
          requests: result.requests.total,
          perSecond: round(result.requests.total / (result.duration || seconds)),
          p50: result.latency.p50,
          p97_5: result.latency.p97_5,
          p99: result.latency.p99,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on("response", (_client, statusCode) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      perSample.set(load.name, (perSample.get(load.name) ?? 0) + 1);
    });
  });
  return { done, stop: () => instance.stop() };
}

type ProcessSummary = {
  worker: string;
  pid: number;
  samples: number;
  rssStartMb: number;
  rssMaxMb: number;
  rssEndMb: number;
  heapUsedMaxMb: number;
  /** RSS slope over the last third, MB per 10 minutes, and the rise it fits over that window. */
  lastThirdSlopeMbPer10Min: number;
  lastThirdRiseMb: number;
  lastThirdMinutes: number;
  flat: boolean;
  underMax: boolean;
};

function summarise(samples: Sample[], startedAt: number, endedAt: number): ProcessSummary[] {
  const byPid = new Map<number, Sample[]>();
  for (const sample of samples) {
    if (sample.at < startedAt) continue;
    byPid.set(sample.pid, [...(byPid.get(sample.pid) ?? []), sample]);
  }
  const windowStart = endedAt - (endedAt - startedAt) / 3;
  return [...byPid.values()].map((own) => {
    const last = own.filter((s) => s.at >= windowStart);
    const perMinute = slope(last.map((s) => ({ x: (s.at - startedAt) / 60_000, y: s.rssMb })));
    const minutes = (endedAt - windowStart) / 60_000;
    const rise = perMinute * minutes;
    const rssMax = Math.max(...own.map((s) => s.rssMb));
    return {
      worker: own[0]!.worker,
      pid: own[0]!.pid,
      samples: own.length,
      rssStartMb: own[0]!.rssMb,
      rssMaxMb: rssMax,
      rssEndMb: own.at(-1)!.rssMb,
      heapUsedMaxMb: Math.max(...own.map((s) => s.heapUsedMb)),
      lastThirdSlopeMbPer10Min: round(perMinute * 10, 2),
      lastThirdRiseMb: round(rise),
      lastThirdMinutes: round(minutes),
      flat: rise <= FLAT_MB,
      underMax: rssMax <= MAX_RSS_MB,
    };
  });
}

async function soak(url: string, seeded: SeedResult) {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = path.join(root, "bench-results");
  const probeDir = path.join(outDir, `soak-${stamp}`);
  mkdirSync(probeDir, { recursive: true });
  const mix = await loads(url, seeded);
  const server = await startServer(url, {
    port: PORT,
    nodeFlags: ["--import", path.join(root, "scripts/bench/soak-probe.mjs"), ...nodeFlags],
    env: { SOAK_PROBE_DIR: probeDir, SOAK_PROBE_MS: String(SAMPLE_SECONDS * 1000) },
  });
  console.error(
    `[soak] ${provider}, ${MINUTES} min, server ${server.child.pid} (${nodeFlags.join(" ")}), cold start ${server.coldStartMs} ms; samples in ${path.relative(root, probeDir)}`,
  );
  const workers = () =>
    readSamples(probeDir)
      .filter((s) => s.worker !== "primary")
      .map((s) => s.pid)
      .filter((pid, i, all) => all.indexOf(pid) === i);
  const snapshot = async (label: string) => {
    if (!SNAPSHOTS) return;
    const before = readdirSync(probeDir).filter((n) => n.endsWith(".heapsnapshot")).length;
    const pids = workers();
    for (const pid of pids) process.kill(pid, "SIGUSR2");
    // A snapshot is written synchronously by the worker; wait until every one is there.
    const deadline = Date.now() + 120_000;
    while (
      Date.now() < deadline &&
      readdirSync(probeDir).filter((n) => n.endsWith(".heapsnapshot")).length < before + pids.length
    )
      await new Promise((resolve) => setTimeout(resolve, 500));
    console.error(`[soak] heap snapshots (${label}) of ${pids.length} worker(s)`);
  };

  // Warm-up, so that the start is measured after the first compilations and caches.
  for (const load of mix) {
    const target = typeof load.path === "string" ? load.path : load.path();
    const response = await fetch(`http://127.0.0.1:${PORT}${target}`, {
      method: load.method ?? "GET",
      headers: {
        cookie: load.cookie,
        ...(load.method === "POST"
          ? {
              "content-type": "application/x-www-form-urlencoded",
              origin: `http://127.0.0.1:${PORT}`,
            }
          : {}),
      },
      body: load.body,
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (response.status !== load.expect)
      throw new Error(`${load.name}: ${target} answered ${response.status}`);
  }
  await new Promise((resolve) => setTimeout(resolve, SAMPLE_SECONDS * 1000));
  await snapshot("start");

  const seconds = Math.round(MINUTES * 60);
  const startedAt = Date.now();
  const perSample = new Map<string, number>();
  const throughput: { at: number; perSecond: Record<string, number> }[] = [];
  const running = mix.map((load) => drive(load, seconds, perSample));
  let stopped = false;
  const stopAll = () => {
    if (stopped) return;
    stopped = true;
    console.error("[soak] stopping early");
    for (const run of running) run.stop();
  };
  process.once("SIGINT", stopAll);
  process.once("SIGTERM", stopAll);
  const ticker = setInterval(() => {
    const perSecond = Object.fromEntries(
      [...perSample].map(([name, n]) => [name, round(n / SAMPLE_SECONDS)]),
    );
    perSample.clear();
    throughput.push({ at: Date.now(), perSecond });
    const latest = new Map<number, Sample>();
    for (const sample of readSamples(probeDir)) latest.set(sample.pid, sample);
    const minute = round((Date.now() - startedAt) / 60_000);
    const memory = [...latest.values()]
      .map((s) => `${s.worker} ${s.rssMb}/${s.heapUsedMb}`)
      .join(", ");
    const total = round(Object.values(perSecond).reduce((sum, n) => sum + n, 0));
    console.error(`[soak] ${minute} min: ${total} req/s; RSS/heap MB ${memory}`);
  }, SAMPLE_SECONDS * 1000);
  const middle = setTimeout(() => void snapshot("middle"), (seconds * 1000) / 2);
  let results: LoadResult[];
  try {
    results = await Promise.all(running.map((run) => run.done));
  } finally {
    clearInterval(ticker);
    clearTimeout(middle);
  }
  const endedAt = Date.now();
  // One more sample after the load, then the end snapshot.
  await new Promise((resolve) => setTimeout(resolve, SAMPLE_SECONDS * 1000 + 500));
  await snapshot("end");
  await server.stop();

  const samples = readSamples(probeDir);
  const processes = summarise(samples, startedAt, endedAt + SAMPLE_SECONDS * 1000 + 500);
  const loadAverage = os.loadavg().map((n) => round(n, 2));
  const minutes = round((endedAt - startedAt) / 60_000);
  const outFile = path.join(outDir, `soak-${stamp}.json`);
  writeFileSync(
    outFile,
    JSON.stringify(
      {
        at: new Date(startedAt).toISOString(),
        provider,
        minutes,
        nodeFlags,
        webConcurrency: process.env.WEB_CONCURRENCY ?? null,
        cpus: os.cpus().length,
        loadAverage,
        maxRssMb: MAX_RSS_MB,
        flatMb: FLAT_MB,
        processes,
        loads: results,
        throughput,
        samples,
      },
      null,
      2,
    ),
  );

  console.log(
    `\nsoak: ${provider}, ${minutes} min, load average at the end ${loadAverage.join(" ")}`,
  );
  console.log("| request | requests | /s | p50 ms | p97.5 ms | p99 ms | statuses | errors |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const result of results)
    console.log(
      `| ${result.name} | ${result.requests} | ${result.perSecond} | ${result.p50} | ${result.p97_5} | ${result.p99} | ${JSON.stringify(result.statuses)} | ${result.errors + result.timeouts} |`,
    );
  const total = results.reduce((sum, r) => sum + r.requests, 0);
  console.log(`all: ${total} requests, ${round(total / (minutes * 60))}/s`);
  console.log(
    "\n| process | RSS start | RSS max | RSS end | heap used max | slope, last third (MB/10 min) | rise over it | flat | ≤ max |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const p of processes)
    console.log(
      `| ${p.worker} (${p.pid}) | ${p.rssStartMb} | ${p.rssMaxMb} | ${p.rssEndMb} | ${p.heapUsedMaxMb} | ${p.lastThirdSlopeMbPer10Min} | ${p.lastThirdRiseMb} MB over ${p.lastThirdMinutes} min | ${p.flat ? "yes" : "NO"} | ${p.underMax ? "yes" : "NO"} |`,
    );
  console.log(`wrote ${path.relative(root, outFile)}`);
  const unexpected = results.filter((r) =>
    Object.keys(r.statuses).some(
      (status) => Number(status) !== mix.find((l) => l.name === r.name)!.expect,
    ),
  );
  for (const r of unexpected)
    console.log(`unexpected answers for ${r.name}: ${JSON.stringify(r.statuses)}`);
  return processes.every((p) => p.flat && p.underMax);
}

const nodeFlags = productionNodeFlags(process.env.SOAK_NODE_FLAGS);

async function main() {
  if (process.env.BENCH_NO_BUILD !== "1") {
    const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) throw new Error("the build failed");
  }
  // Seeded (or reused) first, then soaked through a copy that is dropped afterwards.
  const seededThenCopied = (url: string) => onSeededDatabase(provider, url, true, soak);
  let ok: boolean;
  if (provider === "postgresql") {
    const baseUrl = process.env.TEST_POSTGRES_URL;
    if (!baseUrl) throw new Error("BENCH_ONLY=postgresql needs TEST_POSTGRES_URL");
    ok = await withPostgres(baseUrl, true, seededThenCopied);
  } else {
    ok = await seededThenCopied(sqliteBenchUrl(true));
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
