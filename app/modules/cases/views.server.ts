// Every opening of a case file is on the record: an audit entry (who, when,
// from where) and the person's "last looked" mark, written together. Everyone
// who reaches the file sees who viewed it and when (THREAT-MODEL); the
// addresses they came from only the coordinators and the lead lawyer
// (docs/decisions/0022-who-viewed-this-file.md).
import { prisma, type Tx } from "~/db.server";
import { directTransaction, notDurableStatement } from "~/db/direct-writes.server";
import { instant, readRows, textOrNull } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { Role } from "~/generated/prisma/sqlite/enums";
import {
  CASE_VIEW_RATE_UPSERT,
  caseViewAlert,
  caseViewWindow,
  countCaseView,
  raiseCaseViewAlert,
  type CaseViewRateRow,
} from "~/modules/audit/alerts.server";
import {
  appendAuditDirect,
  pendingAuditInsert,
  type AuditEvent,
} from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import type { CaseOpener, Readable } from "~/modules/keys/case-fields.server";

/** What of the case a read shows: written into the audit details, never any case content. */
export const CASE_PAGES = [
  "file",
  "facts",
  "worker",
  "proceeding",
  "documents",
  "document",
  "retention",
  "verification",
  "assign",
] as const;
export type CasePage = (typeof CASE_PAGES)[number];

/** A read of case content: which page, from where, and ids (a worker's, a document's), no content. */
export type CaseRead = {
  page: CasePage;
  context?: RequestContext;
  details?: Record<string, string>;
  /** A document download keeps its own action ("document.downloaded"); every other read is "case.viewed". */
  action?: "case.viewed" | "document.downloaded";
};

/** The audit actions that are reads of a case file ("worker.viewed": older entries, before 0024). */
export const VIEW_ACTIONS = ["case.viewed", "document.downloaded", "worker.viewed"] as const;

/** A reveal of the workers' identities (reveal.server.ts): its own line in the panel, with its reason. */
const REVEAL_ACTION = "case.identities_revealed";
/** What a reveal's sealed words are bound to, with the `wordsId` kept beside them in the entry. */
export const REVEAL_WORDS_TABLE = "AuditEntry.reveal";

/**
 * Records one read of a case's content: the audit entry, the person's "last looked" mark and
 * the view-rate alert's count, in one transaction. Called by requireCaseAccess for reads
 * (access.server). Straight through the driver, and committed without waiting for the disk:
 * a view costs about what the read it records costs
 * (docs/decisions/0030-an-audited-view-without-waiting-for-the-disk.md).
 */
export async function recordCaseView(
  caller: Caller,
  found: { id: string; reference: string },
  read: CaseRead,
): Promise<void> {
  const at = new Date();
  const event: AuditEvent = {
    action: read.action ?? "case.viewed",
    actorId: caller.id,
    targetType: "case",
    targetId: found.reference,
    details: { page: read.page, ...read.details },
    ...read.context,
  };
  // Pending for the chainer (PostgreSQL, the server): the whole view is one statement.
  const entry = pendingAuditInsert(event);
  const alert = entry
    ? await viewInOneStatement(caller.id, found.id, at, entry)
    : await viewInTransaction(caller.id, found.id, at, event);
  if (alert) await raiseCaseViewAlert(caller.id, alert);
}

/** The view as a transaction through the driver: SQLite, and PostgreSQL without the chainer. */
function viewInTransaction(
  userId: string,
  caseId: string,
  at: Date,
  event: AuditEvent,
): Promise<{ bucket: number; count: number } | null> {
  return directTransaction(
    async (tx) => {
      const previous = await tx.get<{ lastViewedAt: unknown }>(Prisma.sql`
        SELECT "lastViewedAt" FROM "CaseView" WHERE "userId" = ${userId} AND "caseId" = ${caseId}`);
      await tx.run(Prisma.sql`
        INSERT INTO "CaseView" ("userId", "caseId", "lastViewedAt") VALUES (${userId}, ${caseId}, ${at})
        ON CONFLICT ("userId", "caseId") DO UPDATE SET "lastViewedAt" = excluded."lastViewedAt"`);
      await appendAuditDirect(tx, event);
      return countCaseView(tx, userId, at, previous ? instant(previous.lastViewedAt) : null);
    },
    { durable: false },
  );
}

/**
 * On PostgreSQL while the chainer runs (the server), the view is one statement: its WITH clauses
 * read the previous mark (in the statement's snapshot, so before the mark moves), move the mark,
 * insert the pending audit entry and, when the file is new to the window, count it; PostgreSQL
 * runs it as one transaction, all of it or nothing. One round trip instead of seven (BEGIN, SET
 * LOCAL, four statements, COMMIT), committed without waiting for the disk as the transaction was.
 */
async function viewInOneStatement(
  userId: string,
  caseId: string,
  at: Date,
  entry: Prisma.Sql,
): Promise<{ bucket: number; count: number } | null> {
  const { bucket, repeatSince } = caseViewWindow(at);
  const rate = await notDurableStatement<CaseViewRateRow>(Prisma.sql`
    WITH "previous" AS (
      SELECT "lastViewedAt" FROM "CaseView" WHERE "userId" = ${userId} AND "caseId" = ${caseId}
    ), "mark" AS (
      INSERT INTO "CaseView" ("userId", "caseId", "lastViewedAt") VALUES (${userId}, ${caseId}, ${at})
      ON CONFLICT ("userId", "caseId") DO UPDATE SET "lastViewedAt" = excluded."lastViewedAt"
    ), "entry" AS (
      ${entry}
    ), "rate" AS (
      INSERT INTO "CaseViewRate" ("userId", "bucket", "files", "previousFiles")
      SELECT CAST(${userId} AS TEXT), CAST(${bucket} AS INTEGER), 1, 0
      WHERE NOT EXISTS (SELECT 1 FROM "previous" WHERE "lastViewedAt" >= ${repeatSince})
      ${CASE_VIEW_RATE_UPSERT}
    )
    SELECT "bucket", "files", "previousFiles", "alertedBucket" FROM "rate"`);
  return caseViewAlert(rate);
}

/**
 * Who sees the addresses in "who viewed this file": coordinators and the
 * case's lead lawyer. Not the organizer or a supporting lawyer: the field
 * organizer is the one most likely to be coerced, and an address can place a
 * lawyer at home.
 */
export function seesViewerAddresses(
  caller: Caller,
  assignments: ReadonlyArray<{ userId: string; role: string }>,
): boolean {
  return (
    caller.role === "COORDINATOR" ||
    assignments.some((a) => a.userId === caller.id && a.role === "LEAD_LAWYER")
  );
}

/** One read of the file as the audit log holds it, with who read it (null: no actor). */
type ViewEntry = {
  seq: number;
  createdAt: Date;
  ipAddress: string | null;
  actorId: string | null;
  action: string;
  details: string;
  actor: { displayName: string; role: Role } | null;
};

/** Repeat reads by one person from one address within this span show as one line in the panel. */
const SAME_VISIT_MS = 10 * 60_000;

/**
 * The latest views of the file, newest first, from the audit log. One visit (the case file, its
 * edit form, the documents page, a minute apart) is one line: the log keeps every read, the panel
 * shows who came and when.
 */
export async function recentViews(
  reference: string,
  {
    withAddresses,
    opener,
    take = 25,
  }: {
    withAddresses: boolean;
    /** The case's, to open a reveal's words. */ opener: CaseOpener;
    take?: number;
  },
) {
  // Through the driver: the case file shows this panel on every view (docs/decisions/0053).
  const rows = await readRows(Prisma.sql`
    SELECT e."seq", e."createdAt", e."ipAddress", e."actorId", e."action", e."details",
      u."displayName", u."role"
    FROM "AuditEntry" e
    LEFT JOIN "User" u ON u."id" = e."actorId"
    WHERE e."action" IN (${Prisma.join([...VIEW_ACTIONS, REVEAL_ACTION])})
      AND e."targetType" = ${"case"} AND e."targetId" = ${reference}
    ORDER BY e."seq" DESC
    LIMIT ${take * 4}`);
  const views = rows.map((row): ViewEntry => ({
    seq: Number(row.seq),
    createdAt: instant(row.createdAt),
    ipAddress: textOrNull(row.ipAddress),
    actorId: textOrNull(row.actorId),
    action: String(row.action),
    details: String(row.details),
    // An entry without an actor (a job's) has no person to name.
    actor:
      row.displayName === null
        ? null
        : { displayName: String(row.displayName), role: row.role as Role },
  }));
  // Newest first: a visit's line keeps its latest read and stretches back while reads continue.
  const visits: ViewEntry[] = [];
  let earliestOfVisit = 0;
  for (const view of views) {
    const last = visits.at(-1);
    const at = view.createdAt.getTime();
    if (
      last &&
      view.action !== REVEAL_ACTION &&
      last.action !== REVEAL_ACTION &&
      last.actorId === view.actorId &&
      last.ipAddress === view.ipAddress &&
      earliestOfVisit - at <= SAME_VISIT_MS
    ) {
      earliestOfVisit = at;
      continue;
    }
    if (visits.length === take) break;
    visits.push(view);
    earliestOfVisit = at;
  }
  return visits.map(({ actor, ipAddress, actorId: _actorId, action, details, ...view }) => ({
    ...view,
    ipAddress: withAddresses ? ipAddress : null,
    name: actor?.displayName ?? null,
    role: actor?.role ?? null,
    /** A reveal of identities: the reason given (a code from REVEAL_REASONS and the person's words). */
    reveal: action === REVEAL_ACTION ? revealReason(details, opener) : null,
  }));
}

function revealReason(
  details: string,
  opener: CaseOpener,
): { reason: string; explanation: Readable | null } {
  const parsed = JSON.parse(details) as {
    reason?: unknown;
    wordsId?: unknown;
    explanation?: unknown;
  };
  const words = typeof parsed.explanation === "string" ? parsed.explanation : "";
  return {
    reason: typeof parsed.reason === "string" ? parsed.reason : "OTHER",
    // Entries from before the words were sealed hold them in clear: shown as they are.
    explanation: words
      ? opener.openOne(REVEAL_WORDS_TABLE, "explanation", String(parsed.wordsId ?? ""), words)
      : null,
  };
}

/** Remembers that the person opened the case file now: "changed since I last looked". */
export async function markCaseViewed(
  userId: string,
  caseId: string,
  at = new Date(),
  db: Pick<Tx, "caseView"> = prisma,
) {
  await db.caseView.upsert({
    where: { userId_caseId: { userId, caseId } },
    create: { userId, caseId, lastViewedAt: at },
    update: { lastViewedAt: at },
  });
}
