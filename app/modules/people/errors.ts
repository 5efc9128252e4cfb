// What can go wrong in account administration and a person's own settings,
// as typed errors that one place (action-result.server.ts) turns into answers.

/** A refused change: 400 (or 403) with a translated message by a field ("form" for the whole form). */
export class AccountError extends Error {
  constructor(
    readonly messageKey: string,
    readonly field: string = "form",
    readonly status: 400 | 403 | 429 = 400,
  ) {
    super(messageKey);
  }
}

/** The account or session named in the URL or form does not exist for this caller: 404. */
export class AccountNotFoundError extends Error {
  constructor(what: "user" | "session") {
    super(`${what} not found`);
  }
}

/** What a refused account form gets back: which form, its values (never passwords) and errors by field. */
export type AccountActionResult = {
  intent: string;
  values: Record<string, string | string[]>;
  fieldErrors: Record<string, string>;
};
