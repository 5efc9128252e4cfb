// `npm run bench:audit-append`: 16 clients each recording audited events in
// their own transactions (AUDIT_BENCH_EVENTS in all, default 2000), first with
// entries linked inline (what every request did before decision 0024: on
// PostgreSQL under the chain's advisory lock), then deferred to the chainer.
// Prints events/s and CPU-ms per event of this process. It writes to the
// audit log of DATABASE_URL: point it at a scratch database.
import { prisma } from "~/db.server";
import { appendAudit, startAuditChainer, verifyAuditChain } from "~/modules/audit/audit.server";

const total = Number(process.env.AUDIT_BENCH_EVENTS ?? 2000);
const clients = 16;

async function run(label: string) {
  let next = 0;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next += 1;
        const start = performance.now();
        await prisma.$transaction(async (tx) => {
          // A small write of the request's own, then its audit entry.
          await tx.$executeRaw`SELECT 1`;
          await appendAudit(tx, { action: "cases.searched", details: { q: "bench" } });
        });
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.floor(q * (latencies.length - 1))]!.toFixed(1);
  console.log(
    `${label}: ${Math.round(total / seconds)} events/s, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, ` +
      `${((user + system) / 1000 / total).toFixed(2)} CPU-ms per event`,
  );
}

await run("inline (chain lock per request)");
const stop = startAuditChainer();
await run("deferred (chainer)");
await stop();
console.log("verify:", JSON.stringify(await verifyAuditChain()));
await prisma.$disconnect();
process.exit(0);
