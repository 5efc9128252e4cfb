// The append-only, hash-chained audit log:
//   hash = SHA-256(canonical entry ‖ previous hash)
// A unique prevHash keeps the chain linear on both databases: two writers
// that read the same head cannot both commit.
//
// Every entry is written inside the transaction of the change it records. How
// it joins the chain (docs/decisions/0024):
// - inline (SQLite, and PostgreSQL outside the server: tests, scripts): the
//   writing transaction links it to the head itself. SQLite has one writer at a
//   time anyway; PostgreSQL serialises inline writers on an advisory lock.
// - deferred (the server on PostgreSQL, after `startAuditChainer`): the
//   request only inserts an AuditPending row, with no lock and no read of the
//   head; the chainer, one at a time under the same advisory lock, moves the
//   committed pending rows into the chain in the order it finds them, within
//   a fraction of a second. Order comes from the chainer, not from a sequence
//   the requests draw, so a transaction that commits late never leaves a gap.
import crypto from "node:crypto";
import { database, prisma, type Tx } from "~/db.server";
import { directTransaction, notDurableStatement, type DirectTx } from "~/db/direct-writes.server";
import { instant, readArrays } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { logError } from "~/utils/log.server";

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
  | "case.identities_revealed"
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
  | "keys.encrypted_existing"
  | "case.key_destroyed"
  | "case.indexed_after_unseal"
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
  | "second_factor.secrets_sealed"
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
  return hashOf(entry.seq, entry.createdAt.toISOString(), entry, prevHash);
}

/**
 * The canonical text is a JSON array of strings, numbers and nulls, so plain
 * JSON.stringify gives the same bytes as canonicalJson without its per-key replacer.
 */
function hashOf(
  seq: number,
  createdAtIso: string,
  entry: Omit<ChainFields, "seq" | "createdAt">,
  prevHash: string,
): string {
  const canonical = JSON.stringify([
    seq,
    createdAtIso,
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.ipAddress,
    entry.userAgent,
    entry.details,
  ]);
  return sha256Hex(canonical + prevHash);
}

/** SHA-256 of a text's UTF-8 bytes, as hex: one call where Node has `crypto.hash` (20.12+). */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text).digest("hex");

// Control characters in logged strings would let a value forge log lines.
const clean = (value: string | null | undefined, max: number) =>
  // eslint-disable-next-line no-control-regex
  value == null ? null : value.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, max);

/** The advisory lock that serialises whoever extends the chain (never a request in deferred mode). */
const CHAIN_LOCK = 4412001;

let deferred = false;

type PendingFields = Omit<ChainFields, "seq">;

function pendingFields(event: AuditEvent): PendingFields {
  return {
    createdAt: new Date(),
    actorId: event.actorId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ipAddress: clean(event.ipAddress, 64),
    userAgent: clean(event.userAgent, 400),
    details: canonicalJson(event.details ?? {}),
  };
}

/** The entries as the chain's next rows after `head`, in the given order, each hashed to the last. */
function chained(head: { seq: number; hash: string } | null, entries: PendingFields[]) {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return entries.map((fields) => {
    const entry: ChainFields = { ...fields, seq: (seq += 1) };
    const hash = entryHash(entry, prevHash);
    const row = { ...entry, prevHash, hash };
    prevHash = hash;
    return row;
  });
}

/** Links entries after the current head, in the given order, inside `tx` (the caller holds the chain). */
async function link(tx: Tx, entries: PendingFields[]): Promise<number> {
  const head = await tx.auditEntry.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const rows = chained(head, entries);
  if (rows.length === 1) await tx.auditEntry.create({ data: rows[0]! });
  else if (rows.length > 1) await tx.auditEntry.createMany({ data: rows });
  return rows.length;
}

export async function appendAudit(tx: Tx, event: AuditEvent): Promise<void> {
  const fields = pendingFields(event);
  if (deferred) {
    await tx.auditPending.create({ data: fields });
    return;
  }
  if (database.provider === "postgresql") {
    // Inline on PostgreSQL (tests, scripts): queue behind the chainer and other inline writers.
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${CHAIN_LOCK})) AS l`;
  }
  await link(tx, [fields]);
}

/**
 * appendAudit for a transaction straight through the driver (app/db/direct-writes.server.ts):
 * the same entry, linked or left pending exactly as appendAudit would.
 */
export async function appendAuditDirect(tx: DirectTx, event: AuditEvent): Promise<void> {
  const f = pendingFields(event);
  const values = Prisma.sql`${f.createdAt}, ${f.actorId}, ${f.action}, ${f.targetType}, ${f.targetId}, ${f.ipAddress}, ${f.userAgent}, ${f.details}`;
  if (deferred) {
    await tx.run(Prisma.sql`INSERT INTO "AuditPending" (${ENTRY_COLUMNS}) VALUES (${values})`);
    return;
  }
  if (tx.provider === "postgresql") {
    await tx.run(Prisma.sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  }
  const head = await tx.get<{ seq: number; hash: string }>(
    Prisma.sql`SELECT "seq", "hash" FROM "AuditEntry" ORDER BY "seq" DESC LIMIT 1`,
  );
  const seq = Number(head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = entryHash({ ...f, seq }, prevHash);
  await tx.run(
    Prisma.sql`INSERT INTO "AuditEntry" ("seq", ${ENTRY_COLUMNS}, "prevHash", "hash")
      VALUES (${seq}, ${values}, ${prevHash}, ${hash})`,
  );
}

/**
 * While the chainer runs (deferred mode, the server on PostgreSQL), the statement that records
 * `event` as appendAudit would: one INSERT of a pending entry, which can go inside a larger
 * statement (a WITH clause). Null when entries are linked inline: use appendAuditDirect.
 */
export function pendingAuditInsert(event: AuditEvent): Prisma.Sql | null {
  if (!deferred) return null;
  const f = pendingFields(event);
  return Prisma.sql`INSERT INTO "AuditPending" (${ENTRY_COLUMNS})
    VALUES (${f.createdAt}, ${f.actorId}, ${f.action}, ${f.targetType}, ${f.targetId}, ${f.ipAddress}, ${f.userAgent}, ${f.details})`;
}

const ENTRY_COLUMNS = Prisma.raw(
  `"createdAt", "actorId", "action", "targetType", "targetId", "ipAddress", "userAgent", "details"`,
);

/**
 * Moves committed pending entries into the chain, oldest first, up to `batch`
 * per transaction, until none is left; returns how many it linked. Safe to run
 * from several processes at once: only the one that gets the chain's lock works,
 * the others return 0 at once. Idempotent: a pending row is linked and deleted
 * in the same transaction.
 */
export async function chainPendingAudit(batch = 1000): Promise<number> {
  let linked = 0;
  for (;;) {
    const moved =
      database.provider === "postgresql" ? await chainPassDirect(batch) : await chainPass(batch);
    if (moved <= 0) return linked;
    linked += moved;
    if (moved < batch) return linked;
  }
}

/**
 * One pass of the chainer through the driver (PostgreSQL, where the server defers its entries):
 * the lock, then the head and the pending rows taken in one statement, then the linked rows in
 * one INSERT. Through Prisma the same pass was seven compiled queries, run by every worker five
 * times a second while intakes came in, a tenth of a worker's CPU at 16 clients (0040, addendum 3).
 */
async function chainPassDirect(batch: number): Promise<number> {
  return directTransaction(
    async (tx) => {
      const got = await tx.get<{ locked: boolean }>(
        Prisma.sql`SELECT pg_try_advisory_xact_lock(${CHAIN_LOCK}) AS "locked"`,
      );
      if (!got?.locked) return -1;
      // After the lock, in a statement of its own: its snapshot sees the last chainer's commit.
      const taken = await tx.get<{
        head: { seq: number; hash: string } | null;
        pending: PendingRow[] | null;
      }>(Prisma.sql`
        WITH "taken" AS (
          DELETE FROM "AuditPending"
          WHERE "id" IN (SELECT "id" FROM "AuditPending" ORDER BY "id" LIMIT ${batch})
          RETURNING *)
        SELECT
          (SELECT json_build_object('seq', "seq", 'hash', "hash") FROM "AuditEntry"
           ORDER BY "seq" DESC LIMIT 1) AS "head",
          (SELECT json_agg(json_build_object(
             'createdAt', to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'actorId', "actorId", 'action', "action", 'targetType', "targetType",
             'targetId', "targetId", 'ipAddress', "ipAddress", 'userAgent', "userAgent",
             'details', "details") ORDER BY "id")
           FROM "taken") AS "pending"`);
      const pending = taken?.pending ?? [];
      if (pending.length === 0) return 0;
      const rows = chained(
        taken?.head ?? null,
        pending.map((row) => ({ ...row, createdAt: new Date(row.createdAt) })),
      );
      await tx.run(Prisma.sql`
        INSERT INTO "AuditEntry" ("seq", "createdAt", "actorId", "action", "targetType", "targetId",
          "ipAddress", "userAgent", "details", "prevHash", "hash")
        SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS e("seq" integer,
          "createdAt" timestamp(3), "actorId" text, "action" text, "targetType" text,
          "targetId" text, "ipAddress" text, "userAgent" text, "details" text, "prevHash" text,
          "hash" text)`);
      return rows.length;
    },
    { durable: true },
  );
}

type PendingRow = Omit<PendingFields, "createdAt"> & { createdAt: string };

/** One pass through Prisma: SQLite (whose entries are linked inline; tests and scripts only). */
async function chainPass(batch: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const pending = await tx.auditPending.findMany({ orderBy: { id: "asc" }, take: batch });
    if (pending.length === 0) return 0;
    await link(
      tx,
      pending.map(({ id: _id, ...fields }) => fields),
    );
    await tx.auditPending.deleteMany({ where: { id: { in: pending.map((row) => row.id) } } });
    return pending.length;
  });
}

let chainer: { timer: NodeJS.Timeout; running(): Promise<unknown> | undefined } | undefined;

/**
 * The server's chainer: on PostgreSQL, requests from now on only insert pending
 * entries, and every `intervalMs` this process links what has committed (if no
 * other process is doing it at that moment). On SQLite it does nothing: entries
 * are linked inline, by the one writer there is.
 */
export function startAuditChainer(intervalMs = 200): () => Promise<void> {
  if (database.provider !== "postgresql" || chainer) return async () => {};
  deferred = true;
  let running: Promise<unknown> | undefined;
  // One pass at a time: a pass still waiting for a connection under load is not joined by more.
  // A pass first asks whether anything waits, in one statement through the driver: most passes
  // find nothing, and a transaction through Prisma (four statements, each compiled by its
  // engine) five times a second in every worker cost an idle server ~2% of a core per worker.
  const tick = () => {
    running ??= readArrays(Prisma.sql`SELECT 1 FROM "AuditPending" LIMIT 1`)
      .then((rows) => (rows.length > 0 ? chainPendingAudit() : 0))
      .catch(logError)
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  chainer = { timer, running: () => running };
  return stopAuditChainer;
}

/**
 * Stops this process's chainer (if it runs) and links what is still pending. Before the
 * database connection is closed: a pass after it would open the connection again and keep the
 * process alive (a benchmark that never ended).
 */
export async function stopAuditChainer(): Promise<void> {
  if (!chainer) return;
  const { timer, running } = chainer;
  clearInterval(timer);
  chainer = undefined;
  deferred = false;
  await running();
  await chainPendingAudit().catch(logError);
}

/** Entries written but not yet in the chain, and when the oldest was written. */
export async function pendingAudit(): Promise<{ count: number; oldest: Date | null }> {
  const [count, oldest] = await Promise.all([
    prisma.auditPending.count(),
    prisma.auditPending.findFirst({ orderBy: { id: "asc" }, select: { createdAt: true } }),
  ]);
  return { count, oldest: oldest?.createdAt ?? null };
}

/**
 * For a read that is on the record by itself (a search, a page of the register): the entry, in
 * a transaction that does not wait for the disk, like a case view (docs/decisions/0027).
 */
export async function recordReadAudit(event: AuditEvent): Promise<void> {
  // On PostgreSQL under the chainer, one statement of its own (as a case view, views.server.ts).
  const pending = pendingAuditInsert(event);
  if (pending) await notDurableStatement(pending);
  else await directTransaction((tx) => appendAuditDirect(tx, event), { durable: false });
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
 *
 * Each batch is first read for a quick check (`CanonicalRows`): the canonical
 * text composed by SQLite itself, or on PostgreSQL the columns with the time
 * already as ISO text. That text is a JSON encoding of the stored row, so if it
 * hashes to the stored hash it is the very text the writer hashed: equal JSON
 * texts hold equal values. Where it does not fit (a row stored in a form the
 * database writes differently from us, a column that cannot be JSON, or a real
 * break), the rows from there are read again column by column and checked
 * exactly as before, and only that check names a break.
 */
export async function verifyAuditChain(
  batchSize = 5000,
  { knownHead }: { knownHead?: string } = {},
): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let count = 0;
  let knownHeadSeq: number | null = knownHead === GENESIS_HASH ? 0 : null;
  const withKnownHead = (verdict: ChainVerdict): ChainVerdict =>
    knownHead === undefined ? verdict : { ...verdict, knownHeadSeq };
  // Keyset by seq; no lower bound while nothing is verified: rows numbered 0 or below are forged.
  const quick = database.provider === "postgresql" ? POSTGRES_CANONICAL : SQLITE_CANONICAL;
  const canonicalAfter = (after: number): Promise<unknown[][] | null> =>
    readArrays(quick.sql(after, batchSize)).catch(() => null); // null: read column by column
  let next: Promise<unknown[][] | null> | undefined = canonicalAfter(0);
  for (;;) {
    const batch: unknown[][] | null = await (next ?? canonicalAfter(count));
    next = undefined;
    if (batch && batch.length === 0) return withKnownHead({ ok: true, count, headHash: prevHash });
    if (batch) {
      // PostgreSQL composes the next batch while this one is hashed; used only if this one fits.
      const lastSeq: number = Number(batch[batch.length - 1]![0]);
      const following: Promise<unknown[][] | null> | undefined =
        lastSeq > 0 ? canonicalAfter(lastSeq) : undefined;
      let fits = true;
      for (const values of batch) {
        const prev = values[quick.prevHash] as string;
        const hash = values[quick.hash] as string;
        if (
          values[0] !== count + 1 ||
          prev !== prevHash ||
          sha256Hex(quick.canonical(values) + prev) !== hash
        ) {
          fits = false;
          break;
        }
        prevHash = hash;
        count += 1;
        if (hash === knownHead) knownHeadSeq = count;
      }
      if (fits) {
        next = following; // every row fit, so lastSeq === count
        continue;
      }
    }
    // Column by column from the first row that did not fit, as the writer hashed it.
    const rows = await readArrays(
      count === 0
        ? Prisma.sql`SELECT ${COLUMNS} FROM "AuditEntry" ORDER BY "seq" LIMIT ${batchSize}`
        : Prisma.sql`SELECT ${COLUMNS} FROM "AuditEntry" WHERE "seq" > ${count} ORDER BY "seq" LIMIT ${batchSize}`,
    );
    if (rows.length === 0) return withKnownHead({ ok: true, count, headHash: prevHash });
    for (const values of rows) {
      const row = entryOf(values);
      if (
        row.seq !== count + 1 ||
        row.prevHash !== prevHash ||
        hashOf(row.seq, isoOf(row.createdAt), row, prevHash) !== row.hash
      ) {
        const stored: StoredEntry = { ...row, createdAt: instant(row.createdAt) };
        return withKnownHead(await diagnoseBreak(stored, count, prevHash));
      }
      prevHash = row.hash;
      count += 1;
      if (row.hash === knownHead) knownHeadSeq = row.seq;
    }
  }
}

/**
 * How a batch is read for the quick check, per database: rows after seq
 * `after` (all rows when 0), and each row's canonical text as `hashOf` writes it
 * for the forms Adal stores (the same JSON array, the time as `toISOString`).
 */
type CanonicalRows = {
  sql(after: number, limit: number): Prisma.Sql;
  canonical(values: unknown[]): string;
  /** Where prevHash and hash are in a row. */
  prevHash: number;
  hash: number;
};

const TEXT_COLUMNS = `"actorId", "action", "targetType", "targetId", "ipAddress", "userAgent", "details"`;

const afterSeq = (after: number) =>
  after === 0 ? Prisma.empty : Prisma.sql`WHERE "seq" > ${after}`;

/**
 * SQLite composes the whole text (json_array escapes as JSON.stringify does; the
 * time is stored "…T04:50:00.123+00:00"): four values a row instead of eleven.
 */
const SQLITE_CANONICAL: CanonicalRows = {
  sql: (after, limit) => Prisma.sql`
    SELECT "seq", json_array("seq", ${Prisma.raw(
      `CASE WHEN length("createdAt") = 29 AND substr("createdAt", 24) = '+00:00' ` +
        `THEN substr("createdAt", 1, 23) || 'Z' ELSE "createdAt" END, ${TEXT_COLUMNS}`,
    )}), "prevHash", "hash"
    FROM "AuditEntry" ${afterSeq(after)} ORDER BY "seq" LIMIT ${limit}`,
  canonical: (values) => values[1] as string,
  prevHash: 2,
  hash: 3,
};

/**
 * PostgreSQL's JSON functions cost it ten times the read (to_json per column):
 * it sends the columns, the time already as ISO text (no Date per row), and the
 * text is composed here.
 */
const POSTGRES_CANONICAL: CanonicalRows = {
  sql: (after, limit) => Prisma.sql`
    SELECT "seq", to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ${Prisma.raw(TEXT_COLUMNS)},
      "prevHash", "hash"
    FROM "AuditEntry" ${afterSeq(after)} ORDER BY "seq" LIMIT ${limit}`,
  canonical: (v) => JSON.stringify([v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]]),
  prevHash: 9,
  hash: 10,
};

const COLUMNS = Prisma.raw(
  `"seq", "createdAt", "actorId", "action", "targetType", "targetId", "ipAddress", "userAgent", "details", "prevHash", "hash"`,
);

type RawEntry = Omit<StoredEntry, "createdAt"> & { createdAt: Date | string };

/** A row of COLUMNS, in that order. */
const entryOf = (v: unknown[]): RawEntry => ({
  seq: Number(v[0]),
  createdAt: v[1] as Date | string,
  actorId: v[2] as string | null,
  action: v[3] as string,
  targetType: v[4] as string | null,
  targetId: v[5] as string | null,
  ipAddress: v[6] as string | null,
  userAgent: v[7] as string | null,
  details: v[8] as string,
  prevHash: v[9] as string,
  hash: v[10] as string,
});

/** SQLite holds "…T04:50:00.123+00:00" as Prisma wrote it; the hash has "…T04:50:00.123Z". */
function isoOf(value: Date | string): string {
  if (typeof value === "string" && value.length === 29 && value.endsWith("+00:00"))
    return `${value.slice(0, 23)}Z`;
  return instant(value).toISOString();
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
