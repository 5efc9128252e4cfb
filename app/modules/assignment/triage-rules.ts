// How long a worker may wait for someone to take up their case. The triage
// queue flags breaches, the caseload dashboard counts them; both read these.
import type { CaseStatus, Urgency } from "~/generated/prisma/sqlite/enums";

const HOUR = 60 * 60 * 1000;

/** An urgent case must be assigned within 4 hours, any other new case within 48. */
export const SLA = {
  urgentUnassignedMs: 4 * HOUR,
  newUnassignedMs: 48 * HOUR,
} as const;

/** Cases waiting for triage or assignment. */
export const AWAITING_ASSIGNMENT: readonly CaseStatus[] = ["NEW", "TRIAGED"];

export type SlaBreach = "urgentWaiting" | "newWaiting";

/** Which waiting rule a case awaiting assignment breaks at `now`, if any. */
export function slaBreach(
  row: { urgency: Urgency; createdAt: Date },
  now: Date = new Date(),
): SlaBreach | null {
  const waited = now.getTime() - row.createdAt.getTime();
  if (row.urgency === "URGENT" && waited > SLA.urgentUnassignedMs) return "urgentWaiting";
  if (waited > SLA.newUnassignedMs) return "newWaiting";
  return null;
}

/** The creation times before which a waiting case breaks each rule: for counting in SQL. */
export function slaCutoffs(now: Date = new Date()) {
  return {
    urgent: new Date(now.getTime() - SLA.urgentUnassignedMs),
    any: new Date(now.getTime() - SLA.newUnassignedMs),
  };
}
