// A case's facts in two parts (docs/decisions/0027): the structured answers
// (numbers, dates, choices, ticks) stay in clear in Case.facts, where the
// monitoring reports count them; the free text a person typed (charges, the
// detaining authority, who holds the passports, …), which can name a person,
// is sealed with the case key in Case.factsText. Pure: no server imports.
import type { CaseCategory } from "~/generated/prisma/sqlite/enums";

/** The free-text facts of each category: every field that can hold a name. */
export const FREE_TEXT_FACTS: Record<CaseCategory, readonly string[]> = {
  UNPAID_WAGES: [],
  FORCED_LABOR: ["documentsHeldBy"],
  UNSAFE_CONDITIONS: ["employerResponse"],
  DETAINED_ACTIVIST: ["personRole", "detainedWhere", "authority", "charges", "court"],
  UNION_BUSTING: ["unionName"],
  STRIKE_PENALTIES: ["declaredIllegalBy"],
  CHILD_LABOR: ["work"],
  MIGRANT_ABUSE: [],
  OTHER: ["summary"],
};

type Facts = Record<string, unknown>;

/** `facts` → what stays in clear, and the free text (null when there is none). */
export function splitFacts(
  category: CaseCategory,
  facts: Facts,
): { structured: Facts; text: Record<string, string> | null } {
  const free = new Set(FREE_TEXT_FACTS[category]);
  const structured: Facts = {};
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (free.has(key)) {
      if (typeof value === "string" && value !== "") text[key] = value;
    } else structured[key] = value;
  }
  return { structured, text: Object.keys(text).length > 0 ? text : null };
}

/** The two parts together again; the free text of a sealed case is simply absent. */
export function joinFacts(structured: Facts, text: Record<string, string> | null): Facts {
  return text ? { ...structured, ...text } : structured;
}

/** The free-text fields a category has, for pages that say "sealed" in their place. */
export function freeTextFactsOf(category: CaseCategory): readonly string[] {
  return FREE_TEXT_FACTS[category];
}
