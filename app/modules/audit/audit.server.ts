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
  | "user.invited"
  | "user.access_changed"
  | "user.reactivated"
  | "user.password_reset_forced"
  | "user.password_changed"
  | "session.revoked"
  | "session.expired"
  | "case.created"
  | "case.status_changed"
  | "case.note_added"
  | "case.note_withdrawn"
  | "case.outcome_recorded"
  | "cases.exported"
  | "document.uploaded"
  | "document.downloaded"
  | "document.withdrawn"
  | "case.facts_edited"
  | "case.worker_added"
  | "case.worker_updated"
  | "case.worker_removed"
  | "audit.exported"
  | "cases.searched"
  | "cases.register_viewed"
  | "case.viewed"
  | "worker.viewed"
  | "case.assigned"
  | "case.unassigned"
  | "cases.bulk_reassigned"
  | "proceeding.added"
  | "proceeding.updated"
  | "proceeding_date.added"
  | "proceeding_date.updated"
  | "keys.initialized"
  | "keys.unsealed"
  | "keys.unseal_refused"
  | "keys.sealed"
  | "keys.rotated"
  | "case.key_destroyed"
  | "second_factor.totp_enrolled"
  | "second_factor.totp_removed"
  | "second_factor.key_added"
  | "second_factor.key_removed"
  | "second_factor.passed"
  | "second_factor.failed"
  | "second_factor.recovery_codes_renewed"
  | "second_factor.reset_by_admin"
  | "second_factor.role_exempted"
  | "second_factor.exemption_ended"
  | "auth.duress_password_set"
  | "auth.duress_password_removed"
  | "auth.duress_sign_in"
  | "auth.duress_reviewed"
  | "retention.rules_changed"
  | "retention.content_destroyed"
  | "case.legal_hold_placed"
  | "case.legal_hold_released"
  | "case.worker_forgotten"
  | "case.verification_set"
  | "report.generated"
  | "report.exported"
  | "employer.merged"
  | "employer.unmerged"
  | "employer.evidence_pack";

/** Entries a duress session never sees: that one exists would give the person away. */
export const DURESS_ACTIONS: readonly AuditAction[] = [
  "auth.duress_password_set",
  "auth.duress_password_removed",
  "auth.duress_sign_in",
  "auth.duress_reviewed",
];

export type AuditEvent = {
  action: AuditAction;
  actorId?: string | null;
  targetType?: "user" | "case" | "employer" | null;
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

/** The last entry of the log; `{ seq: 0, hash: GENESIS_HASH }` while the log is empty. */
export async function auditHead(db: Pick<Tx, "auditEntry"> = prisma): Promise<AuditHead> {
  const head = await db.auditEntry.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

export type AuditHead = { seq: number; hash: string };

/**
 * Why the first entry that does not fit does not fit:
 * - `altered`: it sits where it should and links to the entry before, but its
 *   contents no longer match its hash;
 * - `missing`: the seqs jump (entries were deleted) and nothing links to the last intact entry;
 * - `inserted`: Adal did not write this row here: it is numbered before the
 *   first entry, or it links to the last intact entry but skips seqs, or it
 *   belongs to no chain and pushed the true next entry (at `foundAtSeq`) aside;
 * - `unlinked`: out of order or unlinked: with `foundAtSeq`, the entry that
 *   follows the last intact one is stored at another seq (swapped, moved,
 *   renumbered); without it, the row's link to the entry before was rewritten
 *   and no entry links to the last intact one.
 */
export type ChainBreak = "altered" | "missing" | "inserted" | "unlinked";

export type ChainVerdict =
  | {
      ok: true;
      count: number;
      headHash: string;
      /** Only with `knownHead`: its seq in the verified chain (0 for the genesis hash), null if absent. */
      knownHeadSeq?: number | null;
    }
  | {
      ok: false;
      /** Entries 1..count verified before the break. */
      count: number;
      brokenAtSeq: number;
      reason: ChainBreak;
      /** Where the entry that should follow entry `count` is actually stored (see ChainBreak). */
      foundAtSeq?: number;
      /** Only with `knownHead`: its seq among the entries verified before the break, else null. */
      knownHeadSeq?: number | null;
    };

type StoredEntry = ChainFields & { prevHash: string; hash: string };

/** Names a row that is not the next link of the chain (`prevHash` is the last intact hash). */
async function diagnoseBreak(
  row: StoredEntry,
  count: number,
  prevHash: string,
): Promise<Extract<ChainVerdict, { ok: false }>> {
  const expectedSeq = count + 1;
  const fail = (brokenAtSeq: number, reason: ChainBreak, foundAtSeq?: number) => ({
    ok: false as const,
    count,
    brokenAtSeq,
    reason,
    ...(foundAtSeq === undefined ? {} : { foundAtSeq }),
  });
  if (row.seq === expectedSeq && row.prevHash === prevHash) return fail(row.seq, "altered");
  if (row.prevHash === prevHash) {
    // It claims to follow the last intact entry but has another seq: the true
    // entry, renumbered (its hash still fits the right seq), or a forged row.
    return entryHash({ ...row, seq: expectedSeq }, prevHash) === row.hash
      ? fail(expectedSeq, "unlinked", row.seq)
      : fail(row.seq, "inserted");
  }
  if (row.seq < expectedSeq) return fail(row.seq, "inserted"); // numbered before entry 1
  // prevHash is unique: at most one row claims to follow the last intact entry.
  const successor = await prisma.auditEntry.findUnique({
    where: { prevHash },
    select: { seq: true },
  });
  if (!successor) return fail(expectedSeq, row.seq > expectedSeq ? "missing" : "unlinked");
  if (row.seq > expectedSeq) return fail(expectedSeq, "unlinked", successor.seq);
  // Another row holds this seq while the true next entry sits elsewhere: a row
  // of the chain (swapped, renumbered) links to an entry that exists; a forged one does not.
  const linksIntoLog = await prisma.auditEntry.findUnique({
    where: { hash: row.prevHash },
    select: { seq: true },
  });
  return fail(expectedSeq, linksIntoLog ? "unlinked" : "inserted", successor.seq);
}

/**
 * Recomputes the chain from the first entry, in batches; names the first entry
 * that does not fit. With `knownHead` (a head hash, lowercase hex, recorded earlier off the
 * server), also says where that hash is in the verified chain: a missing one
 * means the log was cut or rewritten after it was recorded.
 */
export async function verifyAuditChain(
  batchSize = 1000,
  { knownHead }: { knownHead?: string } = {},
): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let count = 0;
  let knownHeadSeq: number | null = knownHead === GENESIS_HASH ? 0 : null;
  const withKnownHead = (verdict: ChainVerdict): ChainVerdict =>
    knownHead === undefined ? verdict : { ...verdict, knownHeadSeq };
  let after: number | undefined; // no lower bound at first: rows numbered 0 or below are forged
  for (;;) {
    const batch = await prisma.auditEntry.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (batch.length === 0) return withKnownHead({ ok: true, count, headHash: prevHash });
    for (const row of batch) {
      if (
        row.seq !== count + 1 ||
        row.prevHash !== prevHash ||
        entryHash(row, prevHash) !== row.hash
      ) {
        return withKnownHead(await diagnoseBreak(row, count, prevHash));
      }
      prevHash = row.hash;
      count += 1;
      if (row.hash === knownHead) knownHeadSeq = row.seq;
    }
    after = batch[batch.length - 1]!.seq;
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
