// What can go wrong when someone acts on a case, as typed errors the route maps to answers.

/** Refused input or a move the rules do not allow: 400 (or 403), with a message by a field. */
export class CaseActionError extends Error {
  constructor(
    readonly messageKey: string,
    readonly field: string = "form",
    readonly status: 400 | 403 = 400,
  ) {
    super(messageKey);
  }
}

/** Someone else changed the case since the form was loaded: 409, naming who and when. */
export class CaseConflictError extends Error {
  constructor(readonly lastChange: { actorName: string | null; at: Date; kind: string } | null) {
    super("case changed since it was loaded");
  }
}

/** What a refused case form gets back: its values, errors by field, or the conflicting change. */
export type CaseActionResult = {
  intent: string;
  values: Record<string, string>;
  fieldErrors?: Record<string, string>;
  conflict?: { actorName: string | null; at: string; kind: string } | null;
};
