// `npx tsx scripts/bench/intake-cpu.ts sqlite|postgresql [count] [clients]`: the CPU an intake
// costs the server, in milliseconds of its processes' CPU time (user + system, every worker)
// per intake POST — a number that moves much less than throughput when other work loads the
// machine. Uses the kept bench database (run `BENCH_KEEP=1 npm run bench:http` once first) and
// the build in ADAL_BUILD_DIR (default build/); BENCH_HTTP_PORT, BENCH_PG_DATABASE as bench:http.
import os from "node:os";
import {
  benchIntakeForm,
  cpuMs,
  prepare,
  rawConnection,
  round,
  signIn,
  sqliteBenchUrl,
  startServer,
  withPostgres,
  type Provider,
} from "./http-server";

const provider = (process.argv[2] ?? "sqlite") as Provider;
const COUNT = Number(process.argv[3]) || 400;
const CLIENTS = Number(process.argv[4]) || 8;
const PORT = Number(process.env.BENCH_HTTP_PORT) || 3231;
async function measure(url: string) {
  const seeded = prepare(provider, url, true);
  const raw = await rawConnection(provider, url);
  const { organizer } = seeded.people;
  const cookie = await signIn(raw, provider, organizer.id, 60);
  await raw.close();
  const body = benchIntakeForm(organizer.regions[0]);
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const server = await startServer(url, { port: PORT, nodeFlags });
  const pid = server.child.pid!;
  const post = async () => {
    const response = await fetch(`http://127.0.0.1:${PORT}/cases/new`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        origin: `http://127.0.0.1:${PORT}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 302) throw new Error(`intake answered ${response.status}`);
  };
  const run = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < count) {
          next += 1;
          await post();
        }
      }),
    );
  };
  try {
    await run(100); // warm-up: compiled queries, caches, JIT
    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    await run(COUNT);
    const wallMs = performance.now() - started;
    const cpu = cpuMs(pid) - cpuBefore;
    console.log(
      `[${provider}] ${COUNT} intakes, ${CLIENTS} clients: ${round(cpu / COUNT, 2)} CPU-ms per intake (server, all workers), ${round((COUNT * 1000) / wallMs)}/s wall; load average ${os
        .loadavg()
        .map((n) => round(n, 2))
        .join(" ")}`,
    );
  } finally {
    await server.stop();
  }
}

if (provider === "sqlite") await measure(sqliteBenchUrl(true));
else await withPostgres(process.env.TEST_POSTGRES_URL!, true, measure);
