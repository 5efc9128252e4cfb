// Moving a case through its statuses: the rules of status.ts, applied with
// optimistic locking, a timeline entry and an audit entry in one transaction.
import { DomainError } from "~/utils/domain-error";
import { prisma } from "~/db.server";
import type { AssignmentRole, CaseStatus } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { requireCaseAccess } from "./access.server";
import {
  availableTransitions,
  checkTransition,
  type CaseRelation,
  type TransitionContext,
} from "./status";
import { conflictOn, recordCaseEvent, updateCaseAtVersion } from "./timeline.server";
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

  await prisma.$transaction(async (tx) => {
    await updateCaseAtVersion(tx, found.id, change.version, {
      status: change.to,
      heldFrom: change.to === "ON_HOLD" ? found.status : null,
      ...closedAtChange(found.status, change.to),
    });
    await recordCaseEvent(tx, {
      caseId: found.id,
      actorId: caller.id,
      kind: "STATUS_CHANGED",
      details: { from: found.status, to: change.to, reason: change.reason ?? null },
    });
    // The audit log says what changed; the reason (case content) stays in the case's own timeline.
    await appendAudit(tx, {
      action: "case.status_changed",
      actorId: caller.id,
      targetType: "case",
      targetId: found.reference,
      details: { from: found.status, to: change.to },
      ...request,
    });
  });
}
