// `npm run bench:ab`: two production builds of the app compared on the same pages, on the same
// bench database, at the same time. Both servers run side by side and the load alternates
// between them in short slices, so that what the machine does meanwhile (another tenant, a
// slower minute) falls on both alike. It prints, for each page and build, the server's CPU per
// answer (all its processes; on a local PostgreSQL also the database's) and the p50 at one
// client, and the second build's CPU as a share of the first's.
//
//   ADAL_BUILD_DIR=build-before npm run build   # the "before" build, e.g. from another checkout
//   npm run build                               # the "after" build, in build/
//   BENCH_AB_BUILDS=build-before,build BENCH_KEEP=1 npm run bench:ab
//
// BENCH_AB_BUILDS (two build directories, default build-before,build; an entry may add
// environment variables for its server after `+`: `build+ADAL_PARALLEL_GC=1,build` compares one
// build run two ways), BENCH_AB_PAGES (comma-separated: cases, search, case, caseload, triage,
// my, floor; default all), BENCH_AB_SLICES
// (default 6 per build and page), BENCH_AB_SECONDS (default 3 per slice), BENCH_AB_CLIENTS
// (default 1), BENCH_ONLY=sqlite|postgresql (default: SQLite, and PostgreSQL when
// TEST_POSTGRES_URL is set), BENCH_KEEP=1 as in `npm run bench:http` (a copy of the kept database
// is measured). Not part of any suite.
import path from "node:path";
import {
  benchSubjects,
  cpuMs,
  generateLoad,
  onSeededDatabase,
  postgresCpuSampler,
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
const keep = process.env.BENCH_KEEP === "1";
const BUILDS = (process.env.BENCH_AB_BUILDS ?? "build-before,build").split(",");

/** `dir+KEY=VALUE+…`: the build directory and the environment its server adds. */
function variant(entry: string): { dir: string; env: Record<string, string> } {
  const [dir, ...assignments] = entry.split("+");
  const env: Record<string, string> = {};
  for (const assignment of assignments) {
    const at = assignment.indexOf("=");
    if (at < 1) throw new Error(`BENCH_AB_BUILDS: "${assignment}" is not KEY=VALUE`);
    env[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  return { dir: dir!, env };
}
const SLICES = Number(process.env.BENCH_AB_SLICES) || 6;
const SECONDS = Number(process.env.BENCH_AB_SECONDS) || 3;
const CLIENTS = Number(process.env.BENCH_AB_CLIENTS) || 1;
const PORT = Number(process.env.BENCH_HTTP_PORT) || 3231;
const PAGES = (process.env.BENCH_AB_PAGES ?? "floor,cases,search,case,caseload,triage,my").split(
  ",",
);

type Page = { name: string; path: string; cookie?: string };
type Tally = { answers: number; appCpuMs: number; dbCpuMs: number; times: number[] };

async function pagesOf(provider: Provider, url: string, seeded: SeedResult): Promise<Page[]> {
  const raw = await rawConnection(provider, url);
  const { workerName, caseReference } = await benchSubjects(raw);
  const coordinator = await signIn(raw, provider, seeded.people.coordinator.id, 120);
  const lawyer = await signIn(raw, provider, seeded.people.busyLawyer.id, 120);
  await raw.close();
  const all: Record<string, Page> = {
    floor: { name: "floor (/login)", path: "/login" },
    cases: { name: "/cases", path: "/cases", cookie: coordinator },
    search: {
      name: "/cases?q=<worker>",
      path: `/cases?q=${encodeURIComponent(workerName)}`,
      cookie: coordinator,
    },
    case: { name: "case page", path: `/cases/${caseReference}`, cookie: coordinator },
    caseload: { name: "/caseload", path: "/caseload", cookie: coordinator },
    triage: { name: "/triage", path: "/triage", cookie: coordinator },
    my: { name: "/my (busy lawyer)", path: "/my", cookie: lawyer },
  };
  return PAGES.map((key) => {
    const page = all[key];
    if (!page) throw new Error(`unknown page "${key}" (one of ${Object.keys(all).join(", ")})`);
    return page;
  });
}

async function slice(page: Page, port: number, pid: number, dbUrl?: string): Promise<Tally> {
  const database = dbUrl ? await postgresCpuSampler(dbUrl) : null;
  const before = cpuMs(pid);
  const load = await generateLoad({
    url: `http://127.0.0.1:${port}${page.path}`,
    headers: { accept: "text/html", ...(page.cookie ? { cookie: page.cookie } : {}) },
    connections: CLIENTS,
    duration: SECONDS,
  });
  const appCpuMs = cpuMs(pid) - before;
  const wrong = Object.keys(load.statuses).filter((status) => status !== "200");
  if (wrong.length > 0) throw new Error(`${page.path} answered ${wrong.join(", ")}`);
  return {
    answers: load.times.length,
    appCpuMs,
    dbCpuMs: database?.stop().cpuMs ?? 0,
    times: load.times,
  };
}

async function compare(provider: Provider, url: string, seeded: SeedResult) {
  const pages = await pagesOf(provider, url, seeded);
  const servers = [];
  for (const [i, entry] of BUILDS.entries()) {
    const { dir, env } = variant(entry);
    servers.push(
      await startServer(url, {
        port: PORT + i,
        nodeFlags: productionNodeFlags(process.env.BENCH_NODE_FLAGS),
        env: { ADAL_BUILD_DIR: path.resolve(root, dir), ...env },
      }),
    );
  }
  try {
    for (const page of pages) {
      const tallies = BUILDS.map((): Tally => ({ answers: 0, appCpuMs: 0, dbCpuMs: 0, times: [] }));
      // Warm-up: each worker of each server compiles its queries and fills its caches.
      for (const [i, server] of servers.entries()) await slice(page, PORT + i, server.child.pid!);
      for (let n = 0; n < SLICES; n++) {
        // Alternate which build goes first, so neither always follows the other.
        const order = n % 2 === 0 ? servers.map((_, i) => i) : servers.map((_, i) => i).reverse();
        for (const i of order) {
          const measured = await slice(
            page,
            PORT + i,
            servers[i]!.child.pid!,
            provider === "postgresql" ? url : undefined,
          );
          const tally = tallies[i]!;
          tally.answers += measured.answers;
          tally.appCpuMs += measured.appCpuMs;
          tally.dbCpuMs += measured.dbCpuMs;
          tally.times.push(...measured.times);
        }
      }
      const perAnswer = (tally: Tally) => (tally.appCpuMs + tally.dbCpuMs) / tally.answers;
      const base = perAnswer(tallies[0]!);
      for (const [i, tally] of tallies.entries()) {
        tally.times.sort((a, b) => a - b);
        const p50 = tally.times[Math.floor(tally.times.length / 2)] ?? 0;
        const db =
          provider === "postgresql" ? ` + db ${round(tally.dbCpuMs / tally.answers, 2)}` : "";
        console.log(
          `[${provider}] ${page.name.padEnd(18)} ${BUILDS[i]!.padEnd(14)} CPU ${round(tally.appCpuMs / tally.answers, 2)}${db} ms/answer, p50 ${round(p50, 1)} ms, ${round(tally.answers / (SLICES * SECONDS), 1)}/s${i === 0 ? "" : ` — ${Math.round((100 * perAnswer(tally)) / base)}% of ${BUILDS[0]}'s CPU`}`,
        );
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
}

const benchProvider = (provider: Provider, url: string) =>
  onSeededDatabase(provider, url, keep, (copy, seeded) => compare(provider, copy, seeded));

async function main() {
  const only = process.env.BENCH_ONLY;
  if (only !== "postgresql") await benchProvider("sqlite", sqliteBenchUrl(keep));
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (pgUrl && only !== "sqlite")
    await withPostgres(pgUrl, keep, (url) => benchProvider("postgresql", url));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
