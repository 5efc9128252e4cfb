// react-hook-form resolver for the intake: the shared schema plus its
// cross-field rules, so the browser shows exactly what the server would. The
// schema (and zod, the page's largest script) is loaded on first use, or
// earlier by preloadIntakeSchema once the page is idle.
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import { getPath } from "~/utils/nested";

let schema: Promise<typeof import("~/modules/intake/schema")> | undefined;
function loadSchema() {
  schema ??= import("~/modules/intake/schema");
  return schema;
}

/** Fetches the schema before the first validation needs it. */
export function preloadIntakeSchema(): void {
  void loadSchema().catch(() => {
    // Offline: the next validation tries again, and the server validates anyway.
    schema = undefined;
  });
}

function setPath(target: Record<string, unknown>, path: string, error: FieldError) {
  const parts = path.split(".");
  let node = target;
  parts.slice(0, -1).forEach((part) => {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]!] = error;
}

/**
 * Whether react-hook-form asked about this error. It asks about a field (its
 * blur or change), a group ("facts", a step's Next) or everything (submit); and,
 * after each added or removed worker, about the "workers" array, where only the
 * array's own errors are meant: answering with every worker's errors would show
 * a new worker's consent error before the Consent step is reached.
 */
function asked(path: string, names: string[] | undefined, values: Record<string, unknown>) {
  if (!names) return true;
  return names.some(
    (name) =>
      path === name || (path.startsWith(`${name}.`) && !Array.isArray(getPath(values, name))),
  );
}

export const intakeResolver: Resolver<Record<string, unknown>> = async (
  values,
  _context,
  options,
) => {
  const { validateIntake } = await loadSchema();
  const result = validateIntake(values);
  if (result.success) return { values: result.data as Record<string, unknown>, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(result.errors))
    if (asked(path, options?.names as string[] | undefined, values))
      setPath(errors, path, { type: "validation", message });
  return { values: {}, errors: errors as FieldErrors<Record<string, unknown>> };
};
