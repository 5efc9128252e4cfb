// What every form action answers when it does not redirect: the one shape the
// forms read with useActionData. Built only by app/utils/answer.server.ts.
import type { FieldErrors } from "./forms";

export type ActionResult<Values = Record<string, unknown>> = {
  /** Which form on the page answered (pages with several forms tell them apart by it). */
  intent: string;
  /** What was typed, nested as the form names it ("workers.0.fullName"), never a password. */
  values: Values;
  /** Message keys by field. */
  fieldErrors?: FieldErrors;
  /** A message key for the whole form. */
  formError?: string;
  /** The change that came first, when the form was stale (409). */
  conflict?: {
    actorName: string | null;
    /** ISO time. */
    at: string;
    kind: string;
    details?: Record<string, unknown> | null;
  } | null;
};
