// One versioned change to a case (docs/decisions/0017), the way every write to
// a case goes: in ONE transaction the case moves from the version its form was
// loaded at to the next (or the change that came first is thrown as
// DomainError.conflict, with who and when), the change runs, and its timeline
// entry and its audit entry are written. Access is checked before, by the caller.
import { prisma, type Tx } from "~/db.server";
import type { TimelineKind } from "~/generated/prisma/sqlite/enums";
import { appendAudit, type AuditAction } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { recordCaseEvent, updateCaseAtVersion, type VersionedCaseData } from "./timeline.server";

/** What a change did: its result, and what the timeline and the audit log say of it. */
export type CaseChangeRecord<T> = {
  result: T;
  timeline: { kind: TimelineKind; details?: Record<string, unknown>; legal?: boolean };
  /** Ids, kinds and the names of changed fields only: no case content in the audit log. */
  audit: { action: AuditAction; details?: Record<string, unknown> };
};

/** The case a change is about: its id, and its reference (the audit entry names the reference). */
type CaseTarget = { id: string; reference: string };

export async function versionedCaseWrite<T>(
  caller: Caller,
  target: {
    case: CaseTarget;
    /** The version the form was loaded at. */
    expectedVersion: number;
    /** What the case row itself takes, moved with the version. */
    data?: VersionedCaseData;
  },
  request: RequestContext,
  change: (tx: Tx) => Promise<CaseChangeRecord<T>>,
): Promise<T> {
  return atCaseVersion(target, async (tx) => {
    const record = await change(tx);
    await recordCaseChange(tx, caller, target.case, request, record);
    return record.result;
  });
}

/**
 * A change beside the case rather than to it: a note or an outcome is added,
 * not edited, so it takes no version and a form loaded before someone else's
 * change still adds it (conflictOn does not even name notes as the change that
 * came first). Otherwise as versionedCaseWrite: the change, its timeline entry
 * and its audit entry in one transaction.
 */
export async function unversionedCaseWrite<T>(
  caller: Caller,
  target: CaseTarget,
  request: RequestContext,
  change: (tx: Tx) => Promise<CaseChangeRecord<T>>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const record = await change(tx);
    await recordCaseChange(tx, caller, target, request, record);
    return record.result;
  });
}

/**
 * The transaction of a versioned change that writes several entries along the
 * way with recordCaseChange (an assignment that also moves the status and
 * demotes the previous lead): the case moves to the next version first.
 */
export async function atCaseVersion<T>(
  target: { case: CaseTarget; expectedVersion: number; data?: VersionedCaseData },
  run: (tx: Tx) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await updateCaseAtVersion(tx, target.case.id, target.expectedVersion, target.data);
    return run(tx);
  });
}

/**
 * The timeline entry and the audit entry of a change, inside a transaction that
 * already moved the case's version (versionedCaseWrite, atCaseVersion) or that
 * takes none (unversionedCaseWrite).
 */
export async function recordCaseChange(
  tx: Tx,
  caller: Caller,
  found: CaseTarget,
  request: RequestContext,
  { timeline, audit }: Omit<CaseChangeRecord<unknown>, "result">,
): Promise<void> {
  await recordCaseEvent(tx, { caseId: found.id, actorId: caller.id, ...timeline });
  await appendAudit(tx, {
    action: audit.action,
    actorId: caller.id,
    targetType: "case",
    targetId: found.reference,
    details: audit.details,
    ...request,
  });
}
