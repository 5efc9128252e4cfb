// How the case file's edit routes answer: the edit module's results and the
// case domain's typed errors mapped to responses in one place.
import { json, redirect } from "@remix-run/node";
import type { FieldErrors } from "~/utils/forms";
import { FactsConflictError, type EditResult } from "./edit-facts.server";
import { CaseActionError, CaseConflictError } from "./errors";

/** What an edit action answers when it does not redirect: the typed values kept. */
export type EditActionData = {
  intent: string;
  values: Record<string, unknown>;
  fieldErrors?: FieldErrors;
  conflict?: { actorName: string | null; at: string; kind: string } | null;
  /** The timeline details of the edit that came first, to show what it changed. */
  conflictingEdit?: Record<string, unknown> | null;
};

/** Post/redirect/get to the case file with a message; 400 with the typed values otherwise. */
export function answerEdit(
  result: EditResult,
  { reference, intent, values, done }: AnswerContext & { done: string },
) {
  switch (result.kind) {
    case "saved":
      return redirect(`/cases/${reference}?done=${done}`);
    case "unchanged":
      return redirect(`/cases/${reference}?done=unchanged`);
    case "invalid":
      return json<EditActionData>(
        { intent, values, fieldErrors: result.fieldErrors },
        { status: 400 },
      );
  }
}

type AnswerContext = { reference: string; intent: string; values: Record<string, unknown> };

/** A refused edit or a stale form as an answer that keeps what was typed; anything else is rethrown. */
export function answerEditError(error: unknown, { intent, values }: AnswerContext) {
  if (error instanceof CaseActionError) {
    return json<EditActionData>(
      { intent, values, fieldErrors: { [error.field]: error.messageKey } },
      { status: error.status },
    );
  }
  if (error instanceof CaseConflictError) {
    return json<EditActionData>(
      {
        intent,
        values,
        conflict: error.lastChange && {
          ...error.lastChange,
          at: error.lastChange.at.toISOString(),
        },
        conflictingEdit: error instanceof FactsConflictError ? error.change : null,
      },
      { status: 409 },
    );
  }
  throw error;
}
