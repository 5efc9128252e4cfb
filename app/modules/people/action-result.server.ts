// The one place where the account module's typed errors become answers to a
// form. Anything else is not a refusal and goes on to the error boundary.
import { json, type TypedResponse } from "@remix-run/node";
import type { z } from "zod";
import { nestFormData } from "~/utils/form-body.server";
import { flattenErrors, type FieldErrors } from "~/utils/forms";
import { AccountError, AccountNotFoundError, type AccountActionResult } from "./errors";
import { PasswordPolicyError } from "./people.server";

/** Submitted values to show again (checkbox groups as lists): never a password. */
function safeValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = /password|confirm/i.test(key) ? "" : all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** The form through its schema; repeated keys (checkbox groups) arrive as lists. */
export function parseAccountForm<S extends z.ZodType>(
  form: FormData,
  schema: S,
): { ok: true; data: z.output<S> } | { ok: false; fieldErrors: FieldErrors } {
  const result = schema.safeParse(nestFormData(form));
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, fieldErrors: flattenErrors(result.error) };
}

export function invalidAccountForm(
  intent: string,
  form: FormData,
  fieldErrors: FieldErrors,
): TypedResponse<AccountActionResult> {
  return json({ intent, values: safeValues(form), fieldErrors }, { status: 400 });
}

/**
 * A refusal as its answer. `passwordField` names the field a password-policy
 * refusal belongs to on this form.
 */
export function accountActionFailure(
  error: unknown,
  intent: string,
  form: FormData,
  passwordField = "password",
): TypedResponse<AccountActionResult> {
  const values = safeValues(form);
  if (error instanceof AccountError) {
    return json(
      { intent, values, fieldErrors: { [error.field]: error.messageKey } },
      { status: error.status },
    );
  }
  if (error instanceof PasswordPolicyError) {
    return json(
      { intent, values, fieldErrors: { [passwordField]: `setPassword.problems.${error.problem}` } },
      { status: 400 },
    );
  }
  if (error instanceof AccountNotFoundError) throw new Response("Not found", { status: 404 });
  throw error;
}
