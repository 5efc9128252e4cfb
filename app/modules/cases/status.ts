// The case status workflow: which transitions exist, who may take them, and
// which need a reason. The one place these rules live; pages offer exactly
// what `availableTransitions` returns, and the server re-checks with `checkTransition`.
//
//   NEW → TRIAGED → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED
//   NEW → ASSIGNED (assigning an untriaged case)
//   ON_HOLD from any open state, and back to the state it was held from
//   REOPENED from RESOLVED or CLOSED, then on to IN_PROGRESS or RESOLVED
import type { CaseStatus, Role } from "~/generated/prisma/sqlite/enums";

export const STATUSES = [
  "NEW",
  "TRIAGED",
  "ASSIGNED",
  "IN_PROGRESS",
  "ON_HOLD",
  "RESOLVED",
  "CLOSED",
  "REOPENED",
] as const satisfies readonly CaseStatus[];

export const OPEN_STATUSES: readonly CaseStatus[] = [
  "NEW",
  "TRIAGED",
  "ASSIGNED",
  "IN_PROGRESS",
  "REOPENED",
];

const FORWARD: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  NEW: ["TRIAGED", "ASSIGNED"],
  TRIAGED: ["ASSIGNED"],
  ASSIGNED: ["IN_PROGRESS"],
  IN_PROGRESS: ["RESOLVED"],
  RESOLVED: ["CLOSED", "REOPENED"],
  CLOSED: ["REOPENED"],
  REOPENED: ["IN_PROGRESS", "RESOLVED"],
};

/** Moves that must say why: they stop, end or revive a worker's case. */
export const REASON_REQUIRED: readonly CaseStatus[] = ["ON_HOLD", "CLOSED", "REOPENED"];

/** How the person stands to the case. */
export type CaseRelation = {
  tookIntake: boolean;
  assignedLawyer: boolean;
  assignedOrganizer: boolean;
};

export type TransitionContext = {
  role: Role;
  relation: CaseRelation;
  /** For a case on hold: the status it was held from. */
  heldFrom?: CaseStatus | null;
};

/** Whether the workflow has this move at all, regardless of who asks. */
export function transitionExists(
  from: CaseStatus,
  to: CaseStatus,
  heldFrom?: CaseStatus | null,
): boolean {
  if (from === to) return false;
  if (to === "ON_HOLD") return OPEN_STATUSES.includes(from);
  if (from === "ON_HOLD")
    return heldFrom != null && to === heldFrom && OPEN_STATUSES.includes(heldFrom);
  return FORWARD[from]?.includes(to) ?? false;
}

function roleMay(from: CaseStatus, to: CaseStatus, { role, relation }: TransitionContext): boolean {
  switch (role) {
    case "COORDINATOR":
      return true;
    case "LAWYER":
      // Lawyers move their own cases, past triage and assignment (a coordinator's work).
      return relation.assignedLawyer && to !== "TRIAGED" && to !== "ASSIGNED";
    case "ORGANIZER":
      // Organizers may pause and resume the cases they brought in or work on, nothing more.
      return (
        (relation.tookIntake || relation.assignedOrganizer) &&
        (to === "ON_HOLD" || from === "ON_HOLD")
      );
    case "ADMIN":
      return false;
  }
}

export type TransitionRefusal = "noSuchTransition" | "notAllowed" | "reasonRequired";

export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  context: TransitionContext,
  reason?: string | null,
): TransitionRefusal | null {
  if (!transitionExists(from, to, context.heldFrom)) return "noSuchTransition";
  if (!roleMay(from, to, context)) return "notAllowed";
  if (REASON_REQUIRED.includes(to) && !reason?.trim()) return "reasonRequired";
  return null;
}

/** The moves to offer this person on this case. */
export function availableTransitions(from: CaseStatus, context: TransitionContext): CaseStatus[] {
  return STATUSES.filter((to) => {
    const refusal = checkTransition(from, to, context, "offered");
    return refusal === null;
  });
}
