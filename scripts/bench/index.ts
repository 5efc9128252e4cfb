// `npm run bench`: seeds a separate benchmark database (SQLite under
// data/bench/, and a fresh PostgreSQL database when TEST_POSTGRES_URL is set,
// dropped afterwards), times the scenarios of scripts/bench/scenarios.ts
// through the real module functions and against hand-written SQL, prints a
// table and writes bench-results/bench-<timestamp>.json.
// BENCH_ITERATIONS (default 200) sets the timed runs per scenario;
// BENCH_ONLY=sqlite|postgresql runs one database; BENCH_MATCH=<text> only the
// scenarios whose names contain it (a,b: either); BENCH_KEEP=1 keeps the seeded databases
// (data/bench/bench.db, PostgreSQL "adal_bench_kept") and reuses them on the
// next run with BENCH_KEEP=1: for working on a query, not for reported numbers.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TargetResult } from "./target";

const root = process.cwd();
const only = process.env.BENCH_ONLY;
const keep = process.env.BENCH_KEEP === "1";
/** The kept PostgreSQL database's name: BENCH_PG_DATABASE, so that two people on one server keep one each. */
const KEPT_DATABASE = process.env.BENCH_PG_DATABASE ?? "adal_bench_kept";
const keptSeedFile = (provider: string) => path.join(root, `data/bench/${provider}-seed.json`);

function runTarget(provider: "sqlite" | "postgresql", url: string): TargetResult {
  const out = path.join(
    os.tmpdir(),
    `adal-bench-${provider}-${randomBytes(4).toString("hex")}.json`,
  );
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/bench/target.ts"), provider, url, out],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: "production",
        ...(keep ? { BENCH_KEEP_FILE: keptSeedFile(provider) } : {}),
      },
    },
  );
  if (child.status !== 0)
    throw new Error(`the ${provider} benchmark failed (exit ${child.status})`);
  const result = JSON.parse(readFileSync(out, "utf8")) as TargetResult;
  rmSync(out, { force: true });
  return result;
}

async function withPostgres<T>(baseUrl: string, fn: (url: string) => T): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const database = keep ? KEPT_DATABASE : `adal_bench_${randomBytes(4).toString("hex")}`;
  // A kept database without its seed record was seeded only in part: start it again.
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
    return fn(url.toString());
  } finally {
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

function printTable(results: TargetResult[]) {
  const header = [
    "database",
    "scenario",
    "p50 ms",
    "p95 ms",
    "raw p50",
    "raw p95",
    "×raw p95",
    "+raw p50/p95",
    "target",
    "met",
    "MiB/s (raw)",
  ];
  const lines = results.flatMap((result) =>
    result.scenarios.map((s) => [
      result.provider,
      s.name + (s.mismatch ? ` (differs from raw: ${s.mismatch})` : ""),
      s.p50.toFixed(2),
      s.p95.toFixed(2),
      s.rawP50.toFixed(2),
      s.rawP95.toFixed(2),
      s.ratioP95.toFixed(2),
      `${s.overP50.toFixed(2)}/${s.overP95.toFixed(2)}`,
      s.target
        ? `≤${s.target.maxP95Ms} ms${s.target.maxRatio ? `, ≤${s.target.maxRatio}×` : ""}${
            s.target.maxOverMs ? `, ≤+${s.target.maxOverMs} ms` : ""
          }`
        : "",
      s.met === null ? "" : s.met ? "yes" : "NO",
      s.mibPerSecond ? `${s.mibPerSecond.run.toFixed(0)} (${s.mibPerSecond.raw.toFixed(0)})` : "",
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const line of lines) console.log(format(line));
  for (const result of results) {
    console.log(
      `${result.provider}: seeded in ${result.seedSeconds} s (${Object.entries(result.counts)
        .map(([table, n]) => `${table} ${n}`)
        .join(", ")})`,
    );
    for (const { name, error } of result.failed) {
      console.log(`${result.provider}: ${name} FAILED: ${error}`);
    }
  }
}

async function main() {
  const results: TargetResult[] = [];
  if (only !== "postgresql") {
    const dir = path.join(root, "data/bench");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "bench.db");
    if (!keep || !existsSync(keptSeedFile("sqlite"))) {
      rmSync(keptSeedFile("sqlite"), { force: true });
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    }
    results.push(runTarget("sqlite", `file:${file}`));
  }
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (pgUrl && only !== "sqlite") {
    results.push(await withPostgres(pgUrl, (url) => runTarget("postgresql", url)));
  }
  printTable(results);
  const outDir = path.join(root, "bench-results");
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outFile = path.join(outDir, `bench-${stamp}.json`);
  writeFileSync(
    outFile,
    JSON.stringify(
      { at: new Date().toISOString(), cpus: os.cpus().length, node: process.version, results },
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
