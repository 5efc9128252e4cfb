// react-hook-form resolver for the intake: the shared schema plus its
// cross-field rules, so the browser shows exactly what the server would.
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import { validateIntake } from "~/modules/intake/schema";

function setPath(target: Record<string, unknown>, path: string, error: FieldError) {
  const parts = path.split(".");
  let node = target;
  parts.slice(0, -1).forEach((part) => {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]!] = error;
}

export const intakeResolver: Resolver<Record<string, unknown>> = async (values) => {
  const result = validateIntake(values);
  if (result.success) return { values: result.data as Record<string, unknown>, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(result.errors))
    setPath(errors, path, { type: "validation", message });
  return { values: {}, errors: errors as FieldErrors<Record<string, unknown>> };
};
