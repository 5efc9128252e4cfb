// Moving a case through its statuses: the rules of status.ts, applied with
// optimistic locking, a timeline entry and an audit entry in one transaction.
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import type { AssignmentRole, CaseStatus } from "~/generated/prisma/sqlite/enums";
import { requireCaseAccess } from "./access.server";
import {
  availableTransitions,
  checkTransition,
  type CaseRelation,
  type TransitionContext,
} from "./status";
import { conflictOn } from "./timeline.server";
import { recordCaseChange, versionedCaseWrite } from "./versioned-write.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** How the caller stands to a case: took its intake, or holds it as a lawyer or a field organizer. */
function relationTo(found: WorkflowRow, caller: Caller): CaseRelation {
  const mine = found.assignments.find((a) => a.userId === caller.id);
  return {
    tookIntake: found.organizerId === caller.id,
    assignedLawyer: mine?.role === "LEAD_LAWYER" || mine?.role === "SUPPORTING_LAWYER",
    assignedOrganizer: mine?.role === "FIELD_ORGANIZER",
  };
}

type WorkflowRow = {
  status: CaseStatus;
  heldFrom: CaseStatus | null;
  version: number;
  organizerId: string;
  assignments: Array<{ userId: string; role: AssignmentRole }>;
};

function transitionContext(found: WorkflowRow, caller: Caller): TransitionContext {
  return { role: caller.role, relation: relationTo(found, caller), heldFrom: found.heldFrom };
}

async function workflowState(caller: Caller, reference: string) {
  const { id } = await requireCaseAccess(caller, reference);
  const found = await prisma.case.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      reference: true,
      status: true,
      heldFrom: true,
      version: true,
      organizerId: true,
      assignments: { select: { userId: true, role: true } },
    },
  });
  return { found, context: transitionContext(found, caller) };
}

/** What the case file offers this person: the current status and the moves they may make. */
export function statusOptions(caller: Caller, found: WorkflowRow) {
  return {
    status: found.status,
    version: found.version,
    transitions: availableTransitions(found.status, transitionContext(found, caller)),
  };
}

/** "Days open" stops when a case is first resolved or closed, and runs again when it reopens. */
function closedAtChange(from: CaseStatus, to: CaseStatus): { closedAt?: Date | null } {
  const ended = (status: CaseStatus) => status === "RESOLVED" || status === "CLOSED";
  if (ended(to) && !ended(from)) return { closedAt: new Date() };
  if (!ended(to) && ended(from)) return { closedAt: null };
  return {};
}

export async function changeStatus(
  caller: Caller,
  reference: string,
  change: { to: CaseStatus; reason?: string; version: number },
  request: RequestContext = {},
): Promise<void> {
  const { found, context } = await workflowState(caller, reference);
  // A form from before someone else's change is answered with that change, not with rules about a status it never showed.
  if (found.version !== change.version) throw await conflictOn(prisma, found.id);
  const refusal = checkTransition(found.status, change.to, context, change.reason);
  if (refusal === "reasonRequired")
    throw DomainError.invalidField("reason", "caseFile.status.reasonRequired");
  if (refusal === "notAllowed") throw DomainError.forbidden("caseFile.status.notAllowed", "to");
  if (refusal) throw DomainError.invalidField("to", "caseFile.status.noSuchTransition");

  await versionedCaseWrite(
    caller,
    {
      case: found,
      expectedVersion: change.version,
      data: {
        status: change.to,
        heldFrom: change.to === "ON_HOLD" ? found.status : null,
        ...closedAtChange(found.status, change.to),
      },
    },
    request,
    async () => ({
      result: undefined,
      ...statusChangeRecord(found.status, change.to, change.reason),
    }),
  );
}

/** What the timeline and the audit log say of a status change. */
function statusChangeRecord(from: CaseStatus, to: CaseStatus, reason?: string | null) {
  return {
    timeline: { kind: "STATUS_CHANGED" as const, details: { from, to, reason: reason ?? null } },
    // The audit log says what changed; the reason (case content) stays in the case's own timeline.
    audit: { action: "case.status_changed" as const, details: { from, to } },
  };
}

/**
 * A case that gains its first lawyer moves from new or triaged to assigned, by
 * the same rules as any status change; a held one will resume as assigned.
 * Runs inside the assignment's transaction, which already moved the version.
 * Returns the case's status and heldFrom after.
 */
export async function moveOnFirstLawyer(
  tx: Tx,
  caller: Caller,
  found: { id: string; reference: string; status: CaseStatus; heldFrom: CaseStatus | null },
  request: RequestContext,
): Promise<{ status: CaseStatus; heldFrom: CaseStatus | null }> {
  if (found.status === "NEW" || found.status === "TRIAGED") {
    const row = await tx.case.findUniqueOrThrow({
      where: { id: found.id },
      select: {
        status: true,
        heldFrom: true,
        version: true,
        organizerId: true,
        assignments: { select: { userId: true, role: true } },
      },
    });
    if (checkTransition(found.status, "ASSIGNED", transitionContext(row, caller)) !== null)
      return found;
    await tx.case.update({ where: { id: found.id }, data: { status: "ASSIGNED" } });
    await recordCaseChange(
      tx,
      caller,
      found,
      request,
      statusChangeRecord(found.status, "ASSIGNED"),
    );
    return { status: "ASSIGNED", heldFrom: found.heldFrom };
  }
  if (found.status === "ON_HOLD" && (found.heldFrom === "NEW" || found.heldFrom === "TRIAGED")) {
    // A held case that gains its lawyer resumes as assigned, not back in triage.
    await tx.case.update({ where: { id: found.id }, data: { heldFrom: "ASSIGNED" } });
    return { status: found.status, heldFrom: "ASSIGNED" };
  }
  return found;
}
