// The rules that suggest how urgent an intake is. The organizer may change
// the suggestion, except for a detained activist: always urgent.
import type { Urgency } from "~/generated/prisma/sqlite/enums";

/** Works on the parsed intake and on a half-filled browser form alike. */
type UrgencyFacts = { category: string; facts?: unknown };

const truthy = (v: unknown) => v === true || v === "on" || v === "true";

export function suggestUrgency({ category, facts: rawFacts }: UrgencyFacts): Urgency {
  const facts = (rawFacts ?? {}) as Record<string, unknown>;
  if (category === "DETAINED_ACTIVIST") return "URGENT";
  // Violence against unionists or strikers: a threat to life, urgent for the ILO CFA too.
  if (Array.isArray(facts.violence) ? facts.violence.length > 0 : Boolean(facts.violence))
    return "URGENT";
  if (category === "FORCED_LABOR" && (truthy(facts.ongoing) || facts.canLeave === "NO"))
    return "URGENT";
  if (
    category === "UNSAFE_CONDITIONS" &&
    (facts.severity === "FATAL" || facts.severity === "SERIOUS")
  )
    return "URGENT";
  if (category === "CHILD_LABOR" && truthy(facts.hazardous)) return "HIGH";
  return "NORMAL";
}

/** The organizer's choice, else the suggestion; a detained activist's case is always urgent. */
export function effectiveUrgency(input: UrgencyFacts & { urgency?: Urgency }): Urgency {
  if (input.category === "DETAINED_ACTIVIST") return "URGENT";
  return input.urgency ?? suggestUrgency(input);
}
