// Shared by browser and server: parse a submitted form with its zod schema.
// Messages in schemas are translation keys (optionally "key|{json params}").
import type * as z from "zod/mini";

export type FieldErrors = Record<string, string>;

export type Parsed<T> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Repeated fields keep their last value unless the schema reads them with getAll. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

export function flattenErrors(error: z.core.$ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "form";
    fieldErrors[path] ??= issue.message;
  }
  return fieldErrors;
}

export function parseForm<S extends z.ZodMiniType>(
  formData: FormData,
  schema: S,
): Parsed<z.output<S>> {
  const values = formValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  // Never echo passwords back into the page.
  for (const key of Object.keys(values)) if (/password/i.test(key)) values[key] = "";
  return { ok: false, fieldErrors: flattenErrors(result.error), values };
}

/** Splits "validation.tooLong|{\"max\":200}" into a key and its interpolation values. */
export function messageParts(message: string): [string, Record<string, unknown>] {
  const bar = message.indexOf("|");
  if (bar < 0) return [message, {}];
  try {
    return [message.slice(0, bar), JSON.parse(message.slice(bar + 1)) as Record<string, unknown>];
  } catch {
    return [message.slice(0, bar), {}];
  }
}

export const tooLong = (max: number) => `validation.tooLong|${JSON.stringify({ max })}`;
