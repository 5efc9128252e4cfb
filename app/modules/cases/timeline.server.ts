// The case timeline: every change, in order, written in the change's own
// transaction. Worker identity values are never copied into it, and the one
// free text it keeps — the reason a person gave for a status change, an
// assignment, a legal hold or forgetting a worker — is sealed with the case key
// (docs/decisions/0027).
import type { Tx } from "~/db.server";
import { instant, readRows } from "~/db/reads.server";
import {
  newRowId,
  sealerForCase,
  type CaseOpener,
  type Readable,
} from "~/modules/keys/case-fields.server";
import { isSealedField } from "~/modules/keys/envelope.server";
import type { CaseStatus, TimelineKind } from "~/generated/prisma/sqlite/enums";
import { Prisma, type Case } from "~/generated/prisma/sqlite/client";
import { notifyCaseHolders } from "~/modules/notifications/notifications.server";
import { DomainError } from "~/utils/domain-error";
import type { Caller } from "~/modules/auth/caller";
import { enumValue } from "./scope-sql.server";

export const TIMELINE_KINDS = [
  "CREATED",
  "FACT_EDITED",
  "STATUS_CHANGED",
  "NOTE_ADDED",
  "NOTE_WITHDRAWN",
  "DOCUMENT_ADDED",
  "DOCUMENT_WITHDRAWN",
  "PROCEEDING_ADDED",
  "PROCEEDING_UPDATED",
  "OUTCOME_RECORDED",
  "ASSIGNMENT_CHANGED",
] as const satisfies readonly TimelineKind[];

/** The table name a sealed reason's ciphertext is bound to (with the event's id and "reason"). */
export const TIMELINE_TABLE = "TimelineEvent";

/** Lawyer–client privileged material is for lawyers and coordinators only. */
export function seesLegalMaterial(viewer: Caller): boolean {
  return viewer.role === "LAWYER" || viewer.role === "COORDINATOR";
}

export async function recordCaseEvent(
  tx: Tx,
  event: {
    caseId: string;
    actorId: string;
    kind: TimelineKind;
    details?: Record<string, unknown>;
    legal?: boolean;
    at?: Date;
  },
): Promise<void> {
  const at = event.at ?? new Date();
  const id = newRowId();
  let details = event.details ?? {};
  // A reason can name a person: sealed, so a write while the server is sealed is refused (423).
  if (typeof details.reason === "string" && details.reason !== "") {
    const sealer = await sealerForCase(tx, event.caseId);
    details = {
      ...details,
      reason: sealer.seal(TIMELINE_TABLE, id, { reason: details.reason }).reason,
    };
  }
  await tx.timelineEvent.create({
    data: {
      id,
      createdAt: at,
      caseId: event.caseId,
      actorId: event.actorId,
      kind: event.kind,
      details: JSON.stringify(details),
      legal: event.legal ?? false,
    },
  });
  // "Changed since I last looked" and the list's sort by last change read this.
  const { reference } = await tx.case.update({
    where: { id: event.caseId },
    data: { lastActivityAt: at },
    select: { reference: true },
  });
  // Assignment changes notify the people concerned themselves (assignment module).
  if (event.kind !== "ASSIGNMENT_CHANGED" && event.kind !== "CREATED")
    await notifyCaseHolders(tx, {
      caseId: event.caseId,
      actorId: event.actorId,
      kind: event.kind,
      reference,
      legal: event.legal ?? false,
    });
}

/** What a versioned write may change on the case row (its workflow and its facts). */
export type VersionedCaseData = Partial<
  Pick<
    Case,
    | "incidentStart"
    | "incidentEnd"
    | "region"
    | "place"
    | "channel"
    | "account"
    | "urgency"
    | "facts"
    | "unnamedWorkerCount"
  >
> & { status?: CaseStatus; heldFrom?: CaseStatus | null; closedAt?: Date | null };

/**
 * Optimistic locking: applies `data` only if the case is still at `expectedVersion`,
 * and moves it to the next version; otherwise names the change that came first.
 */
export async function updateCaseAtVersion(
  tx: Tx,
  caseId: string,
  expectedVersion: number,
  data: VersionedCaseData = {},
): Promise<void> {
  const { count } = await tx.case.updateMany({
    where: { id: caseId, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 1) return;
  throw await conflictOn(tx, caseId);
}

/** The error for a stale form: who made the latest change to the case, and when. */
export async function conflictOn(db: Tx, caseId: string): Promise<DomainError> {
  const last = await db.timelineEvent.findFirst({
    where: { caseId, kind: { notIn: ["NOTE_ADDED", "NOTE_WITHDRAWN"] } },
    orderBy: { createdAt: "desc" },
    select: { kind: true, createdAt: true, actor: { select: { displayName: true } } },
  });
  return DomainError.conflict(
    last
      ? { actorName: last.actor?.displayName ?? null, at: last.createdAt, kind: last.kind }
      : null,
  );
}

/** A timeline entry as the case file shows it (before the other modules add their titles). */
type TimelineEntry = {
  id: string;
  kind: TimelineKind;
  createdAt: Date;
  /** Null for the entries no person made. */
  actor: { displayName: string } | null;
  details: Record<string, unknown>;
};

/**
 * The case's events, newest first, as this viewer may see them. Unchecked: the caller already
 * passed requireCaseAccess. One statement through the driver with the actors' names, where
 * Prisma sent two (docs/decisions/0053).
 */
export async function uncheckedListTimeline(
  caseId: string,
  viewer: Caller,
  opener: CaseOpener,
  kinds?: TimelineKind[],
): Promise<TimelineEntry[]> {
  const ofKinds =
    kinds && kinds.length > 0
      ? Prisma.sql`AND e."kind" IN (${Prisma.join(kinds.map((k) => enumValue(k, "TimelineKind")))})`
      : Prisma.empty;
  const rows = await readRows(Prisma.sql`
    SELECT e."id", e."kind", e."createdAt", e."details", u."displayName" AS "actorName"
    FROM "TimelineEvent" e
    LEFT JOIN "User" u ON u."id" = e."actorId"
    WHERE e."caseId" = ${caseId} ${ofKinds}
      ${seesLegalMaterial(viewer) ? Prisma.empty : Prisma.sql`AND e."legal" = ${false}`}
    ORDER BY e."createdAt" DESC, e."id" DESC
    LIMIT 500`);
  return rows.map((row) => {
    const id = String(row.id);
    return {
      id,
      kind: row.kind as TimelineKind,
      createdAt: instant(row.createdAt),
      actor: row.actorName === null ? null : { displayName: String(row.actorName) },
      details: withOpenedReason(
        id,
        JSON.parse(String(row.details)) as Record<string, unknown>,
        opener,
      ),
    };
  });
}

/** The event's reason opened (a `Readable`), or as stored when it predates sealing. */
function withOpenedReason(
  eventId: string,
  details: Record<string, unknown>,
  opener: CaseOpener,
): Record<string, unknown> {
  const { reason } = details;
  if (typeof reason !== "string" || !isSealedField(reason)) return details;
  const opened: Readable = opener.openOne(TIMELINE_TABLE, "reason", eventId, reason);
  return { ...details, reason: opened };
}
