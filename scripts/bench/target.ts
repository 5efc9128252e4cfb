// One benchmark database, in a process of its own (the app's Prisma client
// binds to DATABASE_URL when db.server.ts is first imported): migrate, seed,
// then time every scenario. Started by scripts/bench/index.ts; writes its
// result as JSON to the file named on the command line.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { runPrisma } from "../db/prisma.js";
import type { BenchContext, RawDriver, Scenario } from "./scenarios";
import type { SeedResult } from "./seed";
import { postgresWriter, sqliteWriter } from "./writer";

const [provider, url, outFile] = process.argv.slice(2) as ["sqlite" | "postgresql", string, string];
const ITERATIONS = Number(process.env.BENCH_ITERATIONS) || 200;
const WARMUP = Math.min(30, ITERATIONS);
/** BENCH_MATCH: only the scenarios whose names contain it (or any of its comma-separated parts). */
const MATCH = process.env.BENCH_MATCH;

export type ScenarioResult = {
  name: string;
  iterations: number;
  p50: number;
  p95: number;
  rawP50: number;
  rawP95: number;
  ratioP50: number;
  ratioP95: number;
  /** p50 and p95 minus raw's, in ms. */
  overP50: number;
  overP95: number;
  target?: Scenario["target"];
  met: boolean | null;
  mismatch: string | null;
  /** MiB/s at the median, for scenarios that move bytes. */
  mibPerSecond?: { run: number; raw: number };
};

export type TargetResult = {
  provider: "sqlite" | "postgresql";
  seedSeconds: number;
  counts: Record<string, number>;
  scenarios: ScenarioResult[];
  failed: { name: string; error: string }[];
};

/**
 * BENCH_KEEP: the seeded database is kept (see index.ts) and what seeding
 * returned is saved beside it, so a later run skips seeding. Migrations added
 * since are applied to it as to any deployment's database.
 */
const KEEP_FILE = process.env.BENCH_KEEP_FILE;
const keptSeed = (): SeedResult | null =>
  KEEP_FILE && existsSync(KEEP_FILE)
    ? (JSON.parse(readFileSync(KEEP_FILE, "utf8")) as SeedResult)
    : null;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const migrated = runPrisma(["migrate", "deploy"], { databaseUrl: url, stdio: "pipe" });
  if (migrated.status !== 0) throw new Error(`migrate deploy failed:\n${migrated.stderr}`);

  // The app's modules read DATABASE_URL when first imported: set it before any import of them.
  process.env.DATABASE_URL = url;
  const { seedBench } = await import("./seed");

  const seedStart = performance.now();
  const kept = keptSeed();
  let seeded: SeedResult;
  if (kept) {
    seeded = kept;
    console.error(`[${provider}] reusing the kept database (BENCH_KEEP)`);
  } else {
    const writer =
      provider === "sqlite" ? sqliteWriter(url.slice("file:".length)) : await postgresWriter(url);
    seeded = await seedBench(writer);
    // Statistics as a running installation has them: the app's SQLite connection
    // runs `PRAGMA optimize`; PostgreSQL's autovacuum vacuums and analyzes (the
    // visibility map it sets is what lets counts read an index alone).
    await writer.exec(provider === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE");
    await writer.close();
    if (KEEP_FILE) writeFileSync(KEEP_FILE, JSON.stringify(seeded));
  }
  const seedSeconds = kept ? 0 : round((performance.now() - seedStart) / 1000);
  console.error(`[${provider}] seeded in ${seedSeconds} s: ${JSON.stringify(seeded.counts)}`);
  // BENCH_SEED_ONLY: prepare the database for another benchmark (bench:http) and stop.
  if (process.env.BENCH_SEED_ONLY === "1") {
    writeFileSync(outFile, JSON.stringify({ provider, seedSeconds, ...seeded }));
    const { prisma } = await import("~/db.server");
    await prisma.$disconnect();
    return;
  }

  const raw = await rawDriver();
  const { SCENARIOS } = await import("./scenarios");
  const context: BenchContext = {
    provider,
    raw: raw.driver,
    people: seeded.people,
    caller: (person) => ({
      id: person.id,
      role: person.role,
      email: `${person.id}@example.org`,
      displayName: person.id,
      duress: false,
      locale: "ru",
      regions: person.regions,
    }),
  };

  const results: ScenarioResult[] = [];
  const failed: { name: string; error: string }[] = [];
  for (const [name, factory] of Object.entries(SCENARIOS)) {
    if (MATCH && !MATCH.split(",").some((part) => name.includes(part.trim()))) continue;
    try {
      const scenario = await factory(context);
      const measured = await measure(scenario);
      results.push(measured);
      console.error(
        `[${provider}] ${name}: p50 ${measured.p50} ms, p95 ${measured.p95} ms (raw ${measured.rawP50}/${measured.rawP95} ms)`,
      );
    } catch (error) {
      // Another screen's module failing (or being edited) must not lose the others' results.
      console.error(`[${provider}] ${name} failed:`, error);
      failed.push({
        name,
        error: error instanceof Error ? error.message.slice(0, 300) : String(error),
      });
    }
  }
  await raw.close();
  // The case-view scenarios start the audit chainer, as the server runs: stopped before the
  // connection closes, or its next pass reopens it and the process never ends.
  await (await import("~/modules/audit/audit.server")).stopAuditChainer();
  const { prisma } = await import("~/db.server");
  await prisma.$disconnect();

  const result: TargetResult = {
    provider,
    seedSeconds,
    counts: seeded.counts,
    scenarios: results,
    failed,
  };
  writeFileSync(outFile, JSON.stringify(result, null, 2));
}

async function measure(scenario: Scenario): Promise<ScenarioResult> {
  const iterations = scenario.iterations ?? ITERATIONS;
  const warmup = Math.min(WARMUP, Math.ceil(iterations / 5));
  const [first, firstRaw] = [await scenario.run(), await scenario.raw()];
  const mismatch = scenario.same ? scenario.same(first, firstRaw) : null;
  await scenario.afterEach?.();
  for (let i = 0; i < warmup; i += 1) {
    await scenario.run();
    await scenario.raw();
    await scenario.afterEach?.();
  }
  const run: number[] = [];
  const rawTimes: number[] = [];
  // Interleaved, so that load from elsewhere on the machine hits both alike.
  for (let i = 0; i < iterations; i += 1) {
    let start = performance.now();
    await scenario.run();
    run.push(performance.now() - start);
    start = performance.now();
    await scenario.raw();
    rawTimes.push(performance.now() - start);
    await scenario.afterEach?.();
  }
  run.sort((a, b) => a - b);
  rawTimes.sort((a, b) => a - b);
  const p50 = percentile(run, 50);
  const p95 = percentile(run, 95);
  const rawP50 = percentile(rawTimes, 50);
  const rawP95 = percentile(rawTimes, 95);
  const met = scenario.target
    ? p95 <= scenario.target.maxP95Ms &&
      (scenario.target.maxRatio === undefined || p95 <= scenario.target.maxRatio * rawP95) &&
      (scenario.target.maxOverMs === undefined ||
        (p50 - rawP50 <= scenario.target.maxOverMs && p95 - rawP95 <= scenario.target.maxOverMs))
    : null;
  const mib = scenario.bytes ? scenario.bytes / (1024 * 1024) : 0;
  return {
    name: scenario.name,
    iterations,
    p50: round(p50),
    p95: round(p95),
    rawP50: round(rawP50),
    rawP95: round(rawP95),
    ratioP50: round(p50 / rawP50),
    ratioP95: round(p95 / rawP95),
    overP50: round(p50 - rawP50),
    overP95: round(p95 - rawP95),
    target: scenario.target,
    met,
    mismatch,
    ...(mib
      ? { mibPerSecond: { run: round(mib / (p50 / 1000)), raw: round(mib / (rawP50 / 1000)) } }
      : {}),
  };
}

async function rawDriver(): Promise<{ driver: RawDriver; close: () => Promise<void> }> {
  if (provider === "sqlite") {
    const db = new Database(url.slice("file:".length), { readonly: true });
    db.pragma("busy_timeout = 5000");
    const statements = new Map<string, Database.Statement>();
    return {
      driver: {
        provider,
        async all<T>(sql: string, params: unknown[] = []) {
          let statement = statements.get(sql);
          if (!statement) {
            statement = db.prepare(sql);
            statements.set(sql, statement);
          }
          return statement.all(...params) as T[];
        },
      },
      close: async () => {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    driver: {
      provider,
      async all<T>(sql: string, params: unknown[] = []) {
        let n = 0;
        const text = sql.replace(/\?/g, () => `$${++n}`);
        return (await pool.query({ text, values: params })).rows as T[];
      },
    },
    close: () => pool.end(),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
