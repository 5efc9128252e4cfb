// The ILO's 2018 rule for counting forced labour (20th ICLS, Guidelines
// concerning the measurement of forced labour): work is forced labour only
// when it is involuntary AND imposed by a means of coercion. A case with some
// of the 11 indicators but not both dimensions shows "indicators of forced
// labour". The intake records the 11 indicators and whether the person can
// leave; this maps them onto the two dimensions.
import { ILO_INDICATORS } from "~/modules/intake/categories";

export type IloIndicator = (typeof ILO_INDICATORS)[number];

/** Indicators of involuntary work: unfree recruitment, or conditions the worker never agreed to. */
export const INVOLUNTARY_INDICATORS = [
  "DECEPTION",
  "ABUSIVE_WORKING_AND_LIVING_CONDITIONS",
  "EXCESSIVE_OVERTIME",
] as const satisfies readonly IloIndicator[];

/** Indicators of a means of coercion: what keeps the worker there. */
export const COERCION_INDICATORS = [
  "ABUSE_OF_VULNERABILITY",
  "RESTRICTION_OF_MOVEMENT",
  "ISOLATION",
  "PHYSICAL_AND_SEXUAL_VIOLENCE",
  "INTIMIDATION_AND_THREATS",
  "RETENTION_OF_IDENTITY_DOCUMENTS",
  "WITHHOLDING_OF_WAGES",
  "DEBT_BONDAGE",
] as const satisfies readonly IloIndicator[];

export type ForcedLabourFacts = { indicators?: unknown; canLeave?: unknown };

export type ForcedLabourVerdict = "FORCED_LABOUR" | "INDICATORS_ONLY";

/** The indicators a case's facts record, known ones only, each once. */
export function indicatorsOf(facts: ForcedLabourFacts): IloIndicator[] {
  const known = new Set<string>(ILO_INDICATORS);
  const list = Array.isArray(facts.indicators) ? facts.indicators : [];
  return [...new Set(list.filter((i): i is IloIndicator => typeof i === "string" && known.has(i)))];
}

/**
 * Forced labour when the work is involuntary (an involuntariness indicator, or
 * the person cannot leave) and a coercion indicator is present; otherwise
 * indicators only.
 */
export function classifyForcedLabour(facts: ForcedLabourFacts): ForcedLabourVerdict {
  const indicators = new Set<string>(indicatorsOf(facts));
  const involuntary =
    facts.canLeave === "NO" || INVOLUNTARY_INDICATORS.some((i) => indicators.has(i));
  const coercion = COERCION_INDICATORS.some((i) => indicators.has(i));
  return involuntary && coercion ? "FORCED_LABOUR" : "INDICATORS_ONLY";
}
