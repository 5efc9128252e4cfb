// Retention that deletes: the content of a case closed for longer than each
// category's period (identities, texts, document bytes) is destroyed unless a
// legal hold is in force; 30 days before, the lead lawyer and the region's
// coordinators are told what will go. Safe to run any number of times, even
// two at once: a category already destroyed is skipped, a notice has a key.
import { revealedUntil } from "~/modules/cases/reveal.server";
import { prisma, database, type Tx } from "~/db.server";
import { openerForCase, type CaseOpener } from "~/modules/keys/case-fields.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { instant, instantOrNull, readRows } from "~/db/reads.server";
import { appendAudit } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { requireCaseAccess } from "~/modules/cases/access.server";
import type { CaseRead } from "~/modules/cases/views.server";
import { refreshSearchText } from "~/modules/cases/search-text.server";
import { recordCaseEvent } from "~/modules/cases/timeline.server";
import { destroyDocumentBytes } from "~/modules/documents/documents.server";
import type { DocumentStore } from "~/modules/documents/store.server";
import { notifyOnce } from "~/modules/notifications/notifications.server";
import { DomainError } from "~/utils/domain-error";
import { flattenErrors } from "~/utils/forms";
import { newRowId, sealerForCase } from "~/modules/keys/case-fields.server";
import { destroyCaseContent, type DestroyedCounts } from "./destroy.server";
import {
  DEFAULT_RETENTION_MONTHS,
  forgetWorkerSchema,
  legalHoldSchema,
  releaseHoldSchema,
  RETENTION_CATEGORIES,
  RETENTION_NOTICE_DAYS,
  retentionRulesSchema,
  type RetentionCategoryName,
} from "./schema";

/** A hold's reasons are sealed bound to this table name, the hold's id and the column. */
const HOLD_TABLE = "LegalHold";

export type RetentionPeriods = Record<RetentionCategoryName, number>;

const DAY = 24 * 60 * 60 * 1000;

/** The months per category: the admins' setting, else 24. */
export async function retentionPeriods(db: Pick<Tx, "retentionRule"> = prisma) {
  const rules = await db.retentionRule.findMany({ select: { category: true, months: true } });
  const periods = Object.fromEntries(
    RETENTION_CATEGORIES.map((c) => [c, DEFAULT_RETENTION_MONTHS]),
  ) as RetentionPeriods;
  for (const rule of rules) periods[rule.category] = rule.months;
  return periods;
}

/** Admins only. Refuses anything but whole months from 1 to 600, changing nothing. */
export async function setRetentionPeriods(
  caller: Caller,
  input: Record<string, unknown>,
  request: RequestContext = { ipAddress: null, userAgent: null },
): Promise<RetentionPeriods> {
  if (caller.role !== "ADMIN") throw DomainError.forbidden();
  const parsed = retentionRulesSchema.safeParse(input);
  if (!parsed.success) throw DomainError.invalid(flattenErrors(parsed.error));
  return prisma.$transaction(async (tx) => {
    const before = await retentionPeriods(tx);
    for (const category of RETENTION_CATEGORIES) {
      const months = parsed.data[category];
      await tx.retentionRule.upsert({
        where: { category },
        create: { category, months, updatedById: caller.id },
        update: { months, updatedById: caller.id },
      });
    }
    await appendAudit(tx, {
      action: "retention.rules_changed",
      actorId: caller.id,
      details: { from: before, to: parsed.data },
      ipAddress: request.ipAddress,
      userAgent: request.userAgent,
    });
    return parsed.data;
  });
}

/** The same day `months` calendar months later (clamped to the month's end), UTC. */
export function addMonths(at: Date, months: number): Date {
  const result = new Date(at.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

const destroyedColumn = {
  IDENTITIES: "identitiesDestroyedAt",
  TEXTS: "textsDestroyedAt",
  DOCUMENTS: "documentsDestroyedAt",
} as const;

/** Closed cases with no legal hold in force. Reopening clears closedAt, so a reopened case is never due. */
const closedWithoutHold: Prisma.CaseWhereInput = {
  status: "CLOSED",
  closedAt: { not: null },
  legalHolds: { none: { releasedAt: null } },
};

type DueCase = {
  id: string;
  reference: string;
  region: string;
  closedAt: Date;
  categories: RetentionCategoryName[];
};

/** Cases with at least one category due by `at` and not yet destroyed. */
async function casesDueBy(at: Date, periods: RetentionPeriods): Promise<DueCase[]> {
  const byCase = new Map<string, DueCase>();
  for (const category of RETENTION_CATEGORIES) {
    const closedBefore = addMonths(at, -periods[category]);
    const found = await prisma.case.findMany({
      where: {
        ...closedWithoutHold,
        closedAt: { lte: closedBefore },
        OR: [{ retention: null }, { retention: { [destroyedColumn[category]]: null } }],
      },
      select: { id: true, reference: true, region: true, closedAt: true },
      orderBy: [{ closedAt: "asc" }, { id: "asc" }],
    });
    for (const c of found) {
      const entry = byCase.get(c.id) ?? { ...c, closedAt: c.closedAt!, categories: [] };
      entry.categories.push(category);
      byCase.set(c.id, entry);
    }
  }
  return [...byCase.values()];
}

/** What would go from one case: counts by kind, never content. */
async function countContent(
  caseId: string,
  categories: readonly RetentionCategoryName[],
): Promise<DestroyedCounts> {
  const counts: DestroyedCounts = {};
  if (categories.includes("IDENTITIES"))
    counts.identities = await prisma.workerIdentity.count({ where: { worker: { caseId } } });
  if (categories.includes("TEXTS")) {
    counts.notes = await prisma.caseNote.count({ where: { caseId } });
    counts.proceedings = await prisma.proceeding.count({ where: { caseId } });
    counts.documentTitles = await prisma.caseDocument.count({ where: { caseId } });
  }
  if (categories.includes("DOCUMENTS"))
    counts.documentFiles = await prisma.caseDocument.count({ where: { caseId } });
  return counts;
}

export type RetentionPlanEntry = {
  reference: string;
  categories: RetentionCategoryName[];
  counts: DestroyedCounts;
};

export type RetentionRun = {
  destroyed: RetentionPlanEntry[];
  noticesSent: number;
};

/**
 * One pass: sends the 30-day notices, then destroys what is due. With
 * `dryRun` it only lists what is due (references and counts) and writes
 * nothing at all.
 */
export async function runRetention(
  options: { now?: Date; dryRun?: boolean; store?: DocumentStore } = {},
): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  const periods = await retentionPeriods();
  const due = await casesDueBy(now, periods);
  if (options.dryRun) {
    const destroyed: RetentionPlanEntry[] = [];
    for (const c of due)
      destroyed.push({
        reference: c.reference,
        categories: c.categories,
        counts: await countContent(c.id, c.categories),
      });
    return { destroyed, noticesSent: 0 };
  }
  const noticesSent = await sendRetentionNotices(now, periods);
  const store = options.store;
  const destroyed: RetentionPlanEntry[] = [];
  for (const c of due) {
    const entry = await destroyDue(c, now, store);
    if (entry) destroyed.push(entry);
  }
  if (destroyed.length > 0) await compactAfterDestruction();
  return { destroyed, noticesSent };
}

async function destroyDue(
  due: DueCase,
  now: Date,
  store: DocumentStore | undefined,
): Promise<RetentionPlanEntry | null> {
  // Bytes first: a crash after this leaves a case the next run finishes.
  if (due.categories.includes("DOCUMENTS")) {
    const documents = await prisma.caseDocument.findMany({
      where: { caseId: due.id },
      select: { storageKey: true, storedIn: true },
    });
    // Each in the store its row names (a local file overwritten and removed, database rows deleted).
    await destroyDocumentBytes(documents, store);
  }
  return prisma.$transaction(async (tx) => {
    // A hold placed, or the case reopened, since the look: nothing goes.
    const still = await tx.case.findFirst({
      where: { id: due.id, ...closedWithoutHold, closedAt: due.closedAt },
      select: { id: true },
    });
    if (!still) return null;
    const { counts } = await destroyCaseContent(tx, due.id, due.categories, now);
    await tx.timelineEvent.create({
      data: {
        caseId: due.id,
        actorId: null,
        kind: "CONTENT_DESTROYED",
        createdAt: now,
        details: JSON.stringify({ rule: "retention", categories: due.categories, counts }),
      },
    });
    await appendAudit(tx, {
      action: "retention.content_destroyed",
      actorId: null,
      targetType: "case",
      targetId: due.reference,
      details: { categories: due.categories, counts },
    });
    return { reference: due.reference, categories: due.categories, counts };
  });
}

/**
 * SQLite: merge the search index's segments so deleted terms leave its pages
 * (secure_delete then zeroes them), and empty the write-ahead log, which still
 * holds earlier copies of the pages. PostgreSQL keeps dead row versions until
 * VACUUM reuses their space: see decision 0023 for what that means.
 */
async function compactAfterDestruction(): Promise<void> {
  if (database.provider !== "sqlite") return;
  await prisma.$executeRawUnsafe(
    `INSERT INTO "_cf_ADAL_case_search" ("_cf_ADAL_case_search") VALUES ('optimize')`,
  );
  await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}

/**
 * The notice 30 days before: one per person, case and date of destruction
 * (the dedupe key), so rerunning sends nothing twice, and a changed period or
 * a case closed again is a new notice.
 */
export async function sendRetentionNotices(
  now = new Date(),
  periods?: RetentionPeriods,
): Promise<number> {
  const rules = periods ?? (await retentionPeriods());
  const soon = await casesDueBy(new Date(now.getTime() + RETENTION_NOTICE_DAYS * DAY), rules);
  let sent = 0;
  for (const c of soon) {
    // Group the categories by the day they go; those already due go this run, unannounced.
    const byDate = new Map<string, RetentionCategoryName[]>();
    for (const category of c.categories) {
      const dueAt = addMonths(c.closedAt, rules[category]);
      if (dueAt <= now) continue;
      const key = dueAt.toISOString();
      byDate.set(key, [...(byDate.get(key) ?? []), category]);
    }
    if (byDate.size === 0) continue;
    const recipients = await prisma.user.findMany({
      where: {
        active: true,
        OR: [
          { assignments: { some: { caseId: c.id, role: "LEAD_LAWYER" } } },
          { role: "COORDINATOR", regions: { some: { region: c.region as never } } },
        ],
      },
      select: { id: true },
    });
    for (const [dueAt, categories] of byDate) {
      const counts = await countContent(c.id, categories);
      for (const { id: userId } of recipients) {
        const fresh = await notifyOnce({
          userId,
          kind: "RETENTION_DUE",
          caseId: c.id,
          dedupeKey: `retention:${c.id}:${dueAt}`,
          details: {
            reference: c.reference,
            dueAt,
            categories: categories.join(","),
            ...counts,
          },
        });
        if (fresh) sent += 1;
      }
    }
  }
  return sent;
}

// ---- Legal holds ----------------------------------------------------------

/**
 * The case when the caller reaches it (404 otherwise, never saying whether it
 * exists), and then when their role may act on it (403): lawyers on the case
 * and coordinators of its region hold; only coordinators forget a worker.
 */
async function caseFor(
  caller: Caller,
  reference: string,
  roles: readonly Caller["role"][],
  read?: CaseRead,
) {
  const found = await requireCaseAccess(
    caller,
    reference,
    read && { ...read, only: (c) => roles.includes(c.role) },
  );
  if (!roles.includes(caller.role)) throw DomainError.forbidden();
  return found;
}

const HOLDERS = ["LAWYER", "COORDINATOR"] as const;
const holdableCase = (caller: Caller, reference: string) => caseFor(caller, reference, HOLDERS);

export async function placeLegalHold(
  caller: Caller,
  reference: string,
  input: Record<string, unknown>,
  request: RequestContext = { ipAddress: null, userAgent: null },
): Promise<{ holdId: string }> {
  const found = await holdableCase(caller, reference);
  const parsed = legalHoldSchema.safeParse(input);
  if (!parsed.success) throw DomainError.invalid(flattenErrors(parsed.error));
  return prisma.$transaction(async (tx) => {
    // The reason can name a person: sealed with the case key (refused while the server is sealed).
    const sealer = await sealerForCase(tx, found.id);
    const id = newRowId();
    const hold = await tx.legalHold.create({
      data: {
        id,
        caseId: found.id,
        reason: sealer.seal(HOLD_TABLE, id, { reason: parsed.data.reason }).reason,
        placedById: caller.id,
      },
      select: { id: true },
    });
    await caseEvent(tx, caller, found.id, "LEGAL_HOLD_PLACED", {
      holdId: hold.id,
      reason: parsed.data.reason,
    });
    await appendAudit(tx, {
      action: "case.legal_hold_placed",
      actorId: caller.id,
      targetType: "case",
      targetId: found.reference,
      details: { holdId: hold.id },
      ipAddress: request.ipAddress,
      userAgent: request.userAgent,
    });
    return { holdId: hold.id };
  });
}

export async function releaseLegalHold(
  caller: Caller,
  reference: string,
  input: Record<string, unknown>,
  request: RequestContext = { ipAddress: null, userAgent: null },
): Promise<void> {
  const found = await holdableCase(caller, reference);
  const parsed = releaseHoldSchema.safeParse(input);
  if (!parsed.success) throw DomainError.invalid(flattenErrors(parsed.error));
  await prisma.$transaction(async (tx) => {
    const sealer = await sealerForCase(tx, found.id);
    const { count } = await tx.legalHold.updateMany({
      where: { id: parsed.data.holdId, caseId: found.id, releasedAt: null },
      data: {
        releasedAt: new Date(),
        releasedById: caller.id,
        releaseReason: sealer.seal(HOLD_TABLE, parsed.data.holdId, {
          releaseReason: parsed.data.reason,
        }).releaseReason,
      },
    });
    if (count !== 1) throw DomainError.notFound();
    await caseEvent(tx, caller, found.id, "LEGAL_HOLD_RELEASED", {
      holdId: parsed.data.holdId,
      reason: parsed.data.reason,
    });
    await appendAudit(tx, {
      action: "case.legal_hold_released",
      actorId: caller.id,
      targetType: "case",
      targetId: found.reference,
      details: { holdId: parsed.data.holdId },
      ipAddress: request.ipAddress,
      userAgent: request.userAgent,
    });
  });
}

async function caseEvent(
  tx: Tx,
  caller: Caller,
  caseId: string,
  kind: "LEGAL_HOLD_PLACED" | "LEGAL_HOLD_RELEASED" | "WORKER_FORGOTTEN",
  details: Record<string, unknown>,
) {
  await recordCaseEvent(tx, { caseId, actorId: caller.id, kind, details });
}

/** What the case page's panel shows: holds in force and what was destroyed. Case access is the caller's check. */
export async function retentionStatus(
  caseId: string,
  /** The case's, when the caller has read its keys already (the case file). */
  given?: CaseOpener,
) {
  // Through the driver, as one statement: the case file shows this panel on every view
  // (docs/decisions/0053). One row per hold in force, each carrying the case's destruction
  // dates; a single row with no hold when there is none.
  const [opener, rows] = await Promise.all([
    given ?? openerForCase(caseId),
    readRows(Prisma.sql`
      SELECT r."identitiesDestroyedAt", r."textsDestroyedAt", r."documentsDestroyedAt",
        h."id", h."reason", h."placedAt"
      FROM (SELECT CAST(${caseId} AS TEXT) AS "caseId") k
      LEFT JOIN "CaseRetention" r ON r."caseId" = k."caseId"
      LEFT JOIN "LegalHold" h ON h."caseId" = k."caseId" AND h."releasedAt" IS NULL
      ORDER BY h."placedAt" ASC, h."id" ASC`),
  ]);
  const holds = rows
    .filter((row) => row.id !== null)
    .map((row) => ({
      id: String(row.id),
      reason: opener.openOne(HOLD_TABLE, "reason", String(row.id), String(row.reason)),
      placedAt: instant(row.placedAt),
    }));
  const retention = rows[0];
  return {
    holds,
    destroyed: {
      identities: instantOrNull(retention?.identitiesDestroyedAt),
      texts: instantOrNull(retention?.textsDestroyedAt),
      documents: instantOrNull(retention?.documentsDestroyedAt),
    },
  };
}

/** The legal hold and forgetting page of one case: lawyers on it and coordinators of its region. */
export async function retentionPage(
  caller: Caller,
  reference: string,
  request: RequestContext = {},
) {
  const found = await caseFor(caller, reference, HOLDERS, { page: "retention", context: request });
  const [status, periods, closed, workers] = await Promise.all([
    retentionStatus(found.id),
    retentionPeriods(),
    prisma.case.findUniqueOrThrow({
      where: { id: found.id },
      select: { status: true, closedAt: true },
    }),
    prisma.affectedWorker.findMany({
      where: { caseId: found.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        pseudonym: true,
        anonymous: true,
        identityDestroyedAt: true,
        identity: { select: { fullName: true } },
      },
    }),
  ]);
  // Names only within a reveal in force for this session (docs/decisions/0034).
  const revealed = request.sessionId
    ? (await revealedUntil(request.sessionId, found.id)) !== null
    : false;
  const opener = await openerForCase(found.id);
  const dueDates =
    closed.status === "CLOSED" && closed.closedAt
      ? Object.fromEntries(
          RETENTION_CATEGORIES.map((c) => [c, addMonths(closed.closedAt!, periods[c])]),
        )
      : null;
  return {
    reference: found.reference,
    ...status,
    dueDates,
    mayForget: caller.role === "COORDINATOR",
    workers: workers.map((w, index) => ({
      id: w.id,
      number: index + 1,
      pseudonym: w.pseudonym,
      anonymous: w.anonymous,
      forgotten: w.identityDestroyedAt !== null,
      // Only a coordinator chooses whom to forget: nobody else gets the names here, and they
      // only after a reveal; the pseudonym is enough to tell the workers apart.
      name:
        caller.role === "COORDINATOR" && revealed && w.identity
          ? opener.openOne("WorkerIdentity", "fullName", w.id, w.identity.fullName)
          : null,
    })),
  };
}

// ---- A worker's request to be forgotten -----------------------------------

/**
 * A coordinator in scope destroys one worker's identity at once. The worker
 * stays on the case without it, so the case's worker count does not change.
 */
export async function forgetWorker(
  caller: Caller,
  reference: string,
  workerId: string,
  input: Record<string, unknown>,
  request: RequestContext = { ipAddress: null, userAgent: null },
): Promise<void> {
  const found = await caseFor(caller, reference, ["COORDINATOR"]);
  const worker = await prisma.affectedWorker.findFirst({
    where: { id: workerId, caseId: found.id },
    select: { id: true, createdAt: true, identity: { select: { workerId: true } } },
  });
  if (!worker) throw DomainError.notFound();
  const parsed = forgetWorkerSchema.safeParse(input);
  if (!parsed.success) throw DomainError.invalid(flattenErrors(parsed.error));
  if (!worker.identity) throw DomainError.invalidField("form", "retention.forget.noIdentity");
  const number =
    (await prisma.affectedWorker.count({
      where: {
        caseId: found.id,
        OR: [
          { createdAt: { lt: worker.createdAt } },
          { createdAt: worker.createdAt, id: { lt: worker.id } },
        ],
      },
    })) + 1;
  await prisma.$transaction(async (tx) => {
    await tx.workerIdentity.update({
      where: { workerId },
      data: { fullName: "", iin: null, phone: null, address: null, contactNotes: null },
    });
    await tx.workerIdentity.delete({ where: { workerId } });
    await tx.affectedWorker.update({
      where: { id: workerId },
      data: { identityDestroyedAt: new Date() },
    });
    await refreshSearchText(tx, found.id, { afterDestruction: true });
    await tx.case.update({ where: { id: found.id }, data: { version: { increment: 1 } } });
    await caseEvent(tx, caller, found.id, "WORKER_FORGOTTEN", {
      worker: number,
      reason: parsed.data.reason,
    });
    await appendAudit(tx, {
      action: "case.worker_forgotten",
      actorId: caller.id,
      targetType: "case",
      targetId: found.reference,
      details: { worker: number },
      ipAddress: request.ipAddress,
      userAgent: request.userAgent,
    });
  });
  if (database.provider === "sqlite")
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}

let timer: NodeJS.Timeout | null = null;

/**
 * Runs retention now and then every `intervalMs` inside the server process
 * (the default). Set ADAL_IN_PROCESS_JOBS=0 and run `npm run retention` from
 * cron instead (see README).
 */
export function startRetentionSchedule(
  intervalMs = 6 * 60 * 60 * 1000,
  log: (message: string) => void = () => {},
): void {
  if (timer) return;
  const tick = () =>
    runRetention().then(
      ({ destroyed, noticesSent }) => {
        if (destroyed.length > 0) log(`[retention] content destroyed on ${destroyed.length} cases`);
        if (noticesSent > 0) log(`[retention] ${noticesSent} notices sent`);
      },
      (error: unknown) => log(`[retention] failed: ${(error as Error).message}`),
    );
  void tick();
  timer = setInterval(tick, intervalMs);
  timer.unref();
}
