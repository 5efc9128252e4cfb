// How much CPU one caseload dashboard costs the app and PostgreSQL (the backends of the
// database named by DATABASE_URL, read from /proc: run it on a database no one else uses).
// A probe for decision 0041's addendum, not part of any suite:
//   DATABASE_URL=postgresql://…/adal_bench_<you> CASELOAD_CALLS=200 npx tsx scripts/bench/caseload-cpu.ts
import { readFileSync } from "node:fs";
import pg from "pg";

const url = process.env.DATABASE_URL!;
const calls = Number(process.env.CASELOAD_CALLS) || 200;
const ticks = 100; // USER_HZ on Linux

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const database = new URL(url).pathname.slice(1);

async function backendCpuMs(): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
  let total = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      total += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // ended meanwhile
    }
  }
  return (total * 1000) / ticks;
}

const { loadCaseload } = await import("~/modules/caseload/caseload.server");
const { parseCaseloadFilters } = await import("~/modules/caseload/filters");
const { REGIONS } = await import("~/modules/regions/regions");
const { rows: people } = await admin.query<{ id: string }>(
  `SELECT id FROM "User" WHERE role = 'COORDINATOR' ORDER BY "createdAt" LIMIT 1`,
);
const caller = { id: people[0]!.id, role: "COORDINATOR" as const, regions: [...REGIONS] };
const variants: [string, URLSearchParams][] = [
  ["national, last 12 months", new URLSearchParams()],
  ["national, 60 months", new URLSearchParams({ from: "2021-12-01" })],
];
for (const [name, params] of variants) {
  const filters = parseCaseloadFilters(params);
  for (let i = 0; i < 20; i++) await loadCaseload(caller, filters);
  const db0 = await backendCpuMs();
  const app0 = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await loadCaseload(caller, filters);
  const wall = performance.now() - started;
  const app = process.cpuUsage(app0);
  const db = (await backendCpuMs()) - db0;
  console.log(
    `${name}: per call app ${((app.user + app.system) / 1000 / calls).toFixed(2)} CPU-ms, ` +
      `db ${(db / calls).toFixed(2)} CPU-ms, wall ${(wall / calls).toFixed(2)} ms`,
  );
}
await admin.end();
process.exit(0);
