// The ONE place where a failure becomes an HTTP answer (docs/decisions/0017).
// Domain modules throw a DomainError; routes wrap their action in `formAction`
// and their loader in `loaderWith`, so no route catches, and none can forget to.
//
//   export const loader = loaderWith(async ({ request, params }) => json(…));
//   export const action = formAction({ maxBytes: 64 * 1024 }, async ({ request, form, intent, parse }) => {
//     const user = await requireUser(request);
//     await changeStatus(user, reference, parse(statusChangeSchema), requestContext(request));
//     return redirect(…);
//   });
//
// `authorize` (e.g. `requireUser`) runs before the body is read.
//
// A DomainError the form can show (field errors, a conflict) answers the form
// with an ActionResult that keeps what was typed; one it cannot (not found, a
// bare forbidden, sealed, unavailable) is thrown as a Response for the
// GeneralErrorBoundary. Anything else is a bug and goes on as it is.
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type TypedResponse,
} from "@remix-run/node";
import type * as z from "zod/mini";
import { isDatabaseUnavailable } from "~/db/unavailable.server";
import type { ActionResult } from "./action-result";
import { DomainError, isDomainError, type DomainErrorKind } from "./domain-error";
import { nestFormData, readForm } from "./form-body.server";
import { flattenErrors, formValues } from "./forms";

/** The status of each kind of failure: the only table of it. */
export const STATUS: Record<DomainErrorKind, number> = {
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

const PAGE_TEXT: Record<DomainErrorKind, string> = {
  notFound: "Not found",
  forbidden: "Forbidden",
  invalid: "Bad request",
  conflict: "Conflict",
  tooLarge: "Payload too large",
  unsupported: "Unsupported media type",
  tooMany: "Too many requests",
  sealed: "Locked",
  unavailable: "Service unavailable",
};

/** Any thrown value as a DomainError when it is one (a database outage counts), else null. */
export function asDomainError(error: unknown): DomainError | null {
  if (isDomainError(error)) return error;
  if (isDatabaseUnavailable(error)) return DomainError.unavailable(error);
  return null;
}

/** The headers of every failure's answer: never cached; when to try again, when known. */
function failureHeaders(error: DomainError): Record<string, string> {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (error.kind === "unavailable") headers["Retry-After"] = "30";
  if (error.retryAfterSeconds !== null)
    headers["Retry-After"] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return headers;
}

/** The error page's answer: a Response the GeneralErrorBoundary shows by its status. */
export function errorPage(error: DomainError): Response {
  return new Response(PAGE_TEXT[error.kind], {
    status: STATUS[error.kind],
    headers: failureHeaders(error),
  });
}

/** Epic's `invariantResponse`, in domain words: `invariant(found, DomainError.notFound)`. */
export { ensure as invariant } from "./domain-error";

/** What the form showed, to show again: nested as it is named, passwords blanked, files dropped. */
export function safeValues(form: FormData): Record<string, unknown> {
  return blankSecrets(nestFormData(form)) as Record<string, unknown>;
}

/** Never shown again: passwords, their confirmation, one-time codes, secrets and key shares. */
const SECRET = /password|^confirm$|^(code|otp|totp|secret|share)$/i;

function blankSecrets(value: unknown, key = ""): unknown {
  if (SECRET.test(key)) return "";
  if (Array.isArray(value)) return value.map((item) => blankSecrets(item));
  if (value && typeof value === "object") {
    if ("file" in value) return "";
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [name, blankSecrets(inner, name)]),
    );
  }
  return value;
}

/**
 * A failure as the form's answer. Field errors, a form error or a conflict
 * answer the form (400/403/409/413/429 with what was typed); a failure the form
 * cannot show is thrown as an error page; anything not a DomainError is rethrown.
 */
export function answerFailure(
  error: unknown,
  { intent, values }: { intent: string; values: Record<string, unknown> },
): TypedResponse<ActionResult> {
  const failure = asDomainError(error);
  if (!failure) throw error;
  const { form: formError, ...fieldErrors } = failure.fieldErrors;
  const showable =
    failure.kind === "conflict" || formError !== undefined || Object.keys(fieldErrors).length > 0;
  if (!showable) throw errorPage(failure);
  const result: ActionResult = { intent, values, fieldErrors };
  if (formError !== undefined) result.formError = formError;
  if (failure.kind === "conflict") {
    result.conflict = failure.lastChange && {
      ...failure.lastChange,
      at: failure.lastChange.at.toISOString(),
      details: failure.conflictDetails,
    };
  }
  return json(result, { status: STATUS[failure.kind], headers: failureHeaders(failure) });
}

export type FormActionArgs = ActionFunctionArgs & {
  /** The body, read once within `maxBytes`. */
  form: FormData;
  /** Which form on the page posted ("" when it names none). */
  intent: string;
  /** The body nested by its dotted names ("workers.0.fullName"): what nested schemas parse. */
  body: Record<string, unknown>;
  /** What was typed, to show again: passwords blanked. */
  values: Record<string, unknown>;
  /**
   * The form through its schema, or a thrown DomainError.invalid (400 with
   * the values kept). Reads the flat fields (a repeated one keeps its last
   * value) unless given other input, e.g. `body` for nested forms.
   */
  parse: <S extends z.ZodMiniType>(schema: S, input?: unknown) => z.output<S>;
};

/**
 * A form route's action: reads the body within `maxBytes`, hands the handler
 * the form, its intent and a `parse`, and answers any DomainError through
 * `answerFailure`. `intent` names the form for a page with one form that posts
 * none; `values` shows the typed values in another shape (e.g. chosen boxes).
 */
export function formAction<R, A = undefined>(
  options: {
    maxBytes: number;
    intent?: string;
    values?: (form: FormData) => Record<string, unknown>;
    /**
     * Who may post, checked BEFORE the body is read: a stranger's POST gets the
     * guard's answer (the sign-in redirect), never a 413, and the server reads
     * nothing for them. Its result is the handler's `auth`.
     */
    authorize?: (request: Request) => Promise<A>;
  },
  handler: (args: FormActionArgs & { auth: A }) => Promise<R>,
): (args: ActionFunctionArgs) => Promise<R | TypedResponse<ActionResult>> {
  return async (args) => {
    let form: FormData;
    let auth: A;
    try {
      auth = (await options.authorize?.(args.request)) as A;
      form = await readForm(args.request, options.maxBytes);
    } catch (error) {
      throw asPage(error);
    }
    const intent = options.intent ?? String(form.get("intent") ?? "");
    const values = { ...safeValues(form), ...options.values?.(form) };
    try {
      return await handler({
        ...args,
        auth,
        form,
        intent,
        values,
        body: nestFormData(form),
        parse: (schema, input = formValues(form)) => {
          const parsed = schema.safeParse(input);
          if (!parsed.success) throw DomainError.invalid(flattenErrors(parsed.error));
          return parsed.data;
        },
      });
    } catch (error) {
      return answerFailure(error, { intent, values });
    }
  };
}

/**
 * For a body `formAction` cannot read (a multipart upload): runs `answer` and
 * answers its failure as `formAction` would, for the form `intent`.
 */
export async function answering<R>(
  context: { intent: string; values: Record<string, unknown> },
  answer: () => Promise<R>,
): Promise<R | TypedResponse<ActionResult>> {
  try {
    return await answer();
  } catch (error) {
    return answerFailure(error, context);
  }
}

/** A route's loader (or a non-form action) with every DomainError as its error page. */
export function loaderWith<A extends LoaderFunctionArgs | ActionFunctionArgs, R>(
  handler: (args: A) => Promise<R>,
): (args: A) => Promise<R> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      throw asPage(error);
    }
  };
}

/** A DomainError (or outage) as its error page; a Response or a bug as it is. */
function asPage(error: unknown): unknown {
  const failure = asDomainError(error);
  return failure ? errorPage(failure) : error;
}
