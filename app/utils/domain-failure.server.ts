// A DomainError from a second-factor or duress form as the form's answer.
// Stands in until app/utils/answer.server.ts (the shared mapper) lands; then
// these routes use that instead.
import { json } from "@remix-run/node";
import { isDomainError, type DomainErrorKind } from "./domain-error";

const STATUS: Record<DomainErrorKind, number> = {
  notFound: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
  tooLarge: 413,
  unsupported: 415,
  tooMany: 429,
  sealed: 423,
  unavailable: 503,
};

/** What typed values may come back: never a password or a code. */
function safeValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value !== "string") continue;
    values[key] = /password|confirm|code|response/i.test(key) ? "" : value;
  }
  return values;
}

export function formFailure(error: unknown, intent: string, form: FormData) {
  if (!isDomainError(error)) throw error;
  if (error.kind === "notFound") throw new Response("Not found", { status: 404 });
  if (error.kind === "forbidden" && Object.keys(error.fieldErrors).length === 0) {
    throw new Response("Forbidden", { status: 403 });
  }
  return json(
    { intent, values: safeValues(form), fieldErrors: error.fieldErrors },
    { status: STATUS[error.kind], headers: { "Cache-Control": "no-store" } },
  );
}

export function invalidForm(intent: string, form: FormData, fieldErrors: Record<string, string>) {
  return json(
    { intent, values: safeValues(form), fieldErrors },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}
