// Adapters for routes that read their form themselves: they answer through the
// one mapper in answer.server.ts. New routes use formAction instead.
import { answerFailure, safeValues } from "./answer.server";
import { DomainError } from "./domain-error";

export function formFailure(error: unknown, intent: string, form: FormData) {
  return answerFailure(error, { intent, values: safeValues(form) });
}

export function invalidForm(intent: string, form: FormData, fieldErrors: Record<string, string>) {
  return answerFailure(DomainError.invalid(fieldErrors), { intent, values: safeValues(form) });
}
