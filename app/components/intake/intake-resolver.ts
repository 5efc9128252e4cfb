// react-hook-form resolver for the intake: the shared schema plus its
// cross-field rules, so the browser shows exactly what the server would.
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import { validateIntake } from "~/modules/intake/schema";
import { getPath } from "~/utils/nested";

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
  const result = validateIntake(values);
  if (result.success) return { values: result.data as Record<string, unknown>, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(result.errors))
    if (asked(path, options?.names as string[] | undefined, values))
      setPath(errors, path, { type: "validation", message });
  return { values: {}, errors: errors as FieldErrors<Record<string, unknown>> };
};
