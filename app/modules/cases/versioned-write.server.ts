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

export async function versionedCaseWrite<T>(
  caller: Caller,
  target: {
    /** The case's id and reference (the audit entry names the reference). */
    case: { id: string; reference: string };
    /** The version the form was loaded at. */
    expectedVersion: number;
    /** What the case row itself takes, moved with the version. */
    data?: VersionedCaseData;
  },
  request: RequestContext,
  change: (tx: Tx) => Promise<CaseChangeRecord<T>>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await updateCaseAtVersion(tx, target.case.id, target.expectedVersion, target.data);
    const record = await change(tx);
    await recordCaseChange(tx, caller, target.case, request, record);
    return record.result;
  });
}

/**
 * The timeline entry and the audit entry of a change, inside a transaction that
 * already moved the case's version (versionedCaseWrite, or a write that holds
 * the case for several changes, like an assignment that also moves the status).
 */
export async function recordCaseChange(
  tx: Tx,
  caller: Caller,
  found: { id: string; reference: string },
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
