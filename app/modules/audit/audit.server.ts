// The append-only, hash-chained audit log. Every entry is written inside the
// transaction of the change it records:
//   hash = SHA-256(canonical entry ‖ previous hash)
// A unique prevHash keeps the chain linear on both databases: two writers
// that read the same head cannot both commit.
import { createHash } from "node:crypto";
import { database, prisma, type Tx } from "~/db.server";

export const GENESIS_HASH = "0".repeat(64);

export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "user.created"
  | "user.password_set"
  | "user.deactivated"
  | "case.created"
  | "case.status_changed"
  | "case.note_added"
  | "case.note_withdrawn"
  | "case.outcome_recorded";

export type AuditEvent = {
  action: AuditAction;
  actorId?: string | null;
  targetType?: "user" | "case" | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  ipAddress?: string | null;
  userAgent?: string | null;
};

type ChainFields = {
  seq: number;
  createdAt: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  details: string;
};

/** JSON with object keys sorted, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

export function entryHash(entry: ChainFields, prevHash: string): string {
  const canonical = canonicalJson([
    entry.seq,
    entry.createdAt.toISOString(),
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.ipAddress,
    entry.userAgent,
    entry.details,
  ]);
  return createHash("sha256").update(canonical).update(prevHash).digest("hex");
}

// Control characters in logged strings would let a value forge log lines.
const clean = (value: string | null | undefined, max: number) =>
  // eslint-disable-next-line no-control-regex
  value == null ? null : value.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, max);

export async function appendAudit(tx: Tx, event: AuditEvent): Promise<void> {
  if (database.provider === "postgresql") {
    // Serialise appenders so concurrent transactions queue instead of failing on prevHash.
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(4412001)) AS l`;
  }
  const head = await tx.auditEntry.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const entry: ChainFields = {
    seq: (head?.seq ?? 0) + 1,
    createdAt: new Date(),
    actorId: event.actorId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ipAddress: clean(event.ipAddress, 64),
    userAgent: clean(event.userAgent, 400),
    details: canonicalJson(event.details ?? {}),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await tx.auditEntry.create({ data: { ...entry, prevHash, hash: entryHash(entry, prevHash) } });
}

/** For events that are not part of a larger change (a failed login, a logout). */
export function recordAudit(event: AuditEvent): Promise<void> {
  return prisma.$transaction((tx) => appendAudit(tx, event));
}

export type ChainVerdict =
  | { ok: true; count: number; headHash: string }
  | {
      ok: false;
      count: number;
      brokenAtSeq: number;
      reason: "altered" | "missing" | "inserted" | "unlinked";
    };

/** Recomputes the chain from the first entry; names the first entry that does not fit. */
export async function verifyAuditChain(batchSize = 1000): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const batch = await prisma.auditEntry.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (batch.length === 0) return { ok: true, count, headHash: prevHash };
    for (const row of batch) {
      if (row.seq > expectedSeq)
        return { ok: false, count, brokenAtSeq: expectedSeq, reason: "missing" };
      if (row.prevHash !== prevHash)
        return { ok: false, count, brokenAtSeq: row.seq, reason: "unlinked" };
      if (entryHash(row, prevHash) !== row.hash) {
        return { ok: false, count, brokenAtSeq: row.seq, reason: "altered" };
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      count += 1;
    }
  }
}

export async function recentAuditEntries(take = 100) {
  return prisma.auditEntry.findMany({
    orderBy: { seq: "desc" },
    take,
    select: {
      seq: true,
      createdAt: true,
      action: true,
      targetType: true,
      targetId: true,
      ipAddress: true,
      actor: { select: { displayName: true, email: true } },
    },
  });
}
