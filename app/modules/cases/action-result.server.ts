// The one place where the case domain's typed errors become answers to a form:
// 400/403 with the message by its field, 409 naming the change that came first.
// Anything else is not a refusal and goes on to the error boundary.
import { json, type TypedResponse } from "@remix-run/node";
import { formValues, type FieldErrors } from "~/utils/forms";
import { CaseActionError, CaseConflictError, type CaseActionResult } from "./errors";

/** A form the schema refused: 400 with the errors by field and what was typed. */
export function invalidForm(
  intent: string,
  form: FormData,
  fieldErrors: FieldErrors,
  values: Record<string, string> = formValues(form),
): TypedResponse<CaseActionResult> {
  return json({ intent, values, fieldErrors }, { status: 400 });
}

/** A refusal from the case domain as its answer; any other error is rethrown. */
export function caseActionFailure(
  error: unknown,
  intent: string,
  form: FormData,
  values: Record<string, string> = formValues(form),
): TypedResponse<CaseActionResult> {
  if (error instanceof CaseActionError)
    return json(
      { intent, values, fieldErrors: { [error.field]: error.messageKey } },
      { status: error.status },
    );
  if (error instanceof CaseConflictError)
    return json(
      {
        intent,
        values,
        conflict: error.lastChange && {
          ...error.lastChange,
          at: error.lastChange.at.toISOString(),
        },
      },
      { status: 409 },
    );
  throw error;
}
