// Forms on the case file, shared by the browser and the actions.
import { CURRENCIES, LIMITS } from "~/modules/intake/categories";
import {
  checkbox,
  optionalAmount,
  optionalInt,
  optionalLongText,
  requiredChoice,
  requiredDate,
  requiredInt,
  requiredLongText,
} from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";
import { STATUSES } from "./status";

export const NOTE_MAX = 20_000;
const version = requiredInt(1, 2_000_000_000);

export const statusChangeSchema = z.object({
  to: requiredChoice(STATUSES),
  reason: optionalLongText(2000),
  version,
});

export const noteSchema = z.object({
  body: requiredLongText(NOTE_MAX),
  legal: checkbox(),
});

export const withdrawNoteSchema = z.object({
  noteId: z.string().check(z.regex(/^[a-z0-9]{20,32}$/, "validation.invalid")),
  reason: requiredLongText(2000),
});

export const OUTCOME_KINDS = [
  "WAGES_RECOVERED",
  "REINSTATED",
  "COMPENSATION_PAID",
  "RELEASED_FROM_DETENTION",
  "CHARGES_DROPPED",
  "SENTENCE_REDUCED",
  "FINE_ANNULLED",
  "SETTLED",
  "LOST",
  "WITHDRAWN_BY_WORKER",
  "REFERRED_ELSEWHERE",
] as const;

/** Outcomes that are about money: their amount is required. */
export const OUTCOMES_WITH_AMOUNT: readonly string[] = ["WAGES_RECOVERED", "COMPENSATION_PAID"];

export const outcomeSchema = z
  .object({
    kind: requiredChoice(OUTCOME_KINDS),
    amount: optionalAmount(LIMITS.amountMajorExclusive),
    currency: requiredChoice(CURRENCIES),
    people: optionalInt(1, LIMITS.unnamedWorkers),
    date: requiredDate(),
    note: optionalLongText(2000),
  })
  .check(
    z.superRefine((outcome, ctx) => {
      if (OUTCOMES_WITH_AMOUNT.includes(outcome.kind) && outcome.amount === undefined) {
        ctx.addIssue({ code: "custom", path: ["amount"], message: "validation.required" });
      }
    }),
  );
