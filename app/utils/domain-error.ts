// The one way a domain module says no. Modules throw a DomainError (or return
// one inside a result); they never build an HTTP Response. One place,
// app/utils/answer.server.ts, turns it into a status and an answer.
// No server imports: the types are shared with the components that show them.
import type { FieldErrors } from "./forms";

/** Who changed the case first, when a form was loaded before their change. */
export type LastChange = { actorName: string | null; at: Date; kind: string };

export type DomainErrorKind =
  /** Not there, or not for this caller (the two are never told apart): 404. */
  | "notFound"
  /** There and known to the caller, but not theirs to do: 403. */
  | "forbidden"
  /** Input the rules refuse, with message keys by field ("form" for the whole form): 400. */
  | "invalid"
  /** Someone else changed the record since the form was loaded: 409. */
  | "conflict"
  /** A body or file over its limit: 413. */
  | "tooLarge"
  /** A body that is not a form (JSON, text, octets): 415. */
  | "unsupported"
  /** Too many tries (sign-in, codes, shares): 429. */
  | "tooMany"
  /** Needs the case keys, and the server is sealed: 423. */
  | "sealed"
  /** The database (or disk) cannot answer right now; nothing was written: 503. */
  | "unavailable";

type Details = {
  /** Message keys ("key" or "key|{json params}") by field; "form" for the whole form. */
  fieldErrors?: FieldErrors;
  lastChange?: LastChange | null;
  /** What the conflicting change did, for forms that show it (e.g. the facts it edited). */
  conflictDetails?: Record<string, unknown> | null;
  /** When to try again (tooMany), in seconds: the answer's Retry-After. */
  retryAfterSeconds?: number | null;
};

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly fieldErrors: FieldErrors;
  readonly lastChange: LastChange | null;
  readonly conflictDetails: Record<string, unknown> | null;
  readonly retryAfterSeconds: number | null;

  constructor(kind: DomainErrorKind, details: Details = {}, options?: { cause?: unknown }) {
    super(kind, options);
    this.name = "DomainError";
    this.kind = kind;
    this.fieldErrors = details.fieldErrors ?? {};
    this.lastChange = details.lastChange ?? null;
    this.conflictDetails = details.conflictDetails ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
  }

  /** The first refused field ("form" for the whole form), for logs and tests. */
  get field(): string | null {
    return Object.keys(this.fieldErrors)[0] ?? null;
  }

  /** The message key of the first refused field. */
  get messageKey(): string | null {
    const field = this.field;
    return field === null ? null : (this.fieldErrors[field] ?? null);
  }

  static notFound(): DomainError {
    return new DomainError("notFound");
  }

  /** `messageKey` by `field` when the form can say why; without one it is the error page's 403. */
  static forbidden(messageKey?: string, field = "form"): DomainError {
    return new DomainError("forbidden", messageKey ? { fieldErrors: { [field]: messageKey } } : {});
  }

  static invalid(fieldErrors: FieldErrors): DomainError {
    return new DomainError("invalid", { fieldErrors });
  }

  /** One refused field: `DomainError.invalidField("reason", "caseFile.status.reasonRequired")`. */
  static invalidField(field: string, messageKey: string): DomainError {
    return new DomainError("invalid", { fieldErrors: { [field]: messageKey } });
  }

  static conflict(
    lastChange: LastChange | null,
    conflictDetails: Record<string, unknown> | null = null,
  ): DomainError {
    return new DomainError("conflict", { lastChange, conflictDetails });
  }

  static tooLarge(messageKey = "validation.tooLarge", field = "form"): DomainError {
    return new DomainError("tooLarge", { fieldErrors: { [field]: messageKey } });
  }

  static unsupported(): DomainError {
    return new DomainError("unsupported");
  }

  /** Too many tries; `retryAfterSeconds`, when known, becomes the answer's Retry-After. */
  static tooMany(messageKey: string, field = "form", retryAfterSeconds?: number): DomainError {
    return new DomainError("tooMany", { fieldErrors: { [field]: messageKey }, retryAfterSeconds });
  }

  static sealed(): DomainError {
    return new DomainError("sealed");
  }

  static unavailable(cause?: unknown): DomainError {
    return new DomainError("unavailable", {}, { cause });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** A one-line guard inside a module: `ensure(found, DomainError.notFound)`. */
export function ensure<T>(value: T, failure: () => DomainError): asserts value {
  if (!value) throw failure();
}
