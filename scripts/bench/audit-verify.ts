// `npm run bench:audit-verify`: seeds AUDIT_BENCH_ENTRIES (default 200 000)
// chained audit entries into the database DATABASE_URL names — it REPLACES
// that database's audit log, so point it at a scratch database — then times
// `verifyAuditChain` over them and prints entries per second.
//   DATABASE_URL=file:./data/bench/audit.db npm run db:migrate
//   DATABASE_URL=file:./data/bench/audit.db npm run bench:audit-verify
// AUDIT_BENCH_KEEP=1 keeps a log already holding that many entries (no reseed);
// AUDIT_BENCH_ROUNDS (default 3) times the verification that many times.
import { loadavg } from "node:os";
import { closeReads } from "~/db/reads.server";
import { prisma } from "~/db.server";
import { GENESIS_HASH, entryHash, verifyAuditChain } from "~/modules/audit/audit.server";

const total = Number(process.env.AUDIT_BENCH_ENTRIES ?? 200_000);
const CHUNK = 2000;

const keep = process.env.AUDIT_BENCH_KEEP === "1" && (await prisma.auditEntry.count()) === total;
if (!keep) await prisma.auditEntry.deleteMany();
let prevHash = GENESIS_HASH;
const start = Date.parse("2026-01-01T00:00:00Z");
for (let from = 1; !keep && from <= total; from += CHUNK) {
  const rows = [];
  for (let seq = from; seq < Math.min(from + CHUNK, total + 1); seq++) {
    const entry = {
      seq,
      createdAt: new Date(start + seq * 1000),
      actorId: null,
      action: seq % 3 === 0 ? "case.viewed" : "cases.searched",
      targetType: seq % 3 === 0 ? "case" : null,
      targetId: seq % 3 === 0 ? `case-${seq % 997}` : null,
      ipAddress: "192.0.2.10",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) bench",
      details: JSON.stringify({ n: seq, reference: `KZ-2026-${seq}` }),
    };
    const hash = entryHash(entry, prevHash);
    rows.push({ ...entry, prevHash, hash });
    prevHash = hash;
  }
  await prisma.auditEntry.createMany({ data: rows });
}

for (let round = 0; round < Number(process.env.AUDIT_BENCH_ROUNDS ?? 3); round++) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const verdict = await verifyAuditChain();
  const ms = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu);
  if (!verdict.ok || verdict.count !== total)
    throw new Error(`unexpected verdict ${JSON.stringify(verdict)}`);
  console.log(
    `verified ${total} entries in ${ms.toFixed(0)} ms: ${Math.round(total / (ms / 1000))} entries/s wall, ` +
      `${Math.round(total / ((user + system) / 1e6))} entries/s per CPU-second of this process ` +
      `(load average ${loadavg()[0]!.toFixed(1)})`,
  );
}
await closeReads();
await prisma.$disconnect();
process.exit(0);
