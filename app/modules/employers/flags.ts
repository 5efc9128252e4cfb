// The repeat-offender rules, as the register shows them to coordinators.
// No server imports: the pages list them.

/** The rules a coordinator can read on the page, in this order. */
export const FLAG_RULES = ["REPEAT", "FORCED_LABOUR", "DEATH", "DETAINED_ACTIVIST"] as const;
export type EmployerFlag = (typeof FLAG_RULES)[number];
/** REPEAT: this many cases or more whose incident began in the last 12 months. */
export const REPEAT_CASES = 3;
