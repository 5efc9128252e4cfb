// On a slow phone people start typing into the server-rendered form before
// JavaScript arrives. When react-hook-form then registers the inputs it writes
// its default values into them, wiping what was typed. During the hydration
// render (and only then) we read the form's current contents to use as defaults.
import { useState } from "react";
import { getPath, nestEntries } from "./nested";

let hydrated = false;

/** Call once the app has hydrated (after the first effect). */
export function markHydrated(): void {
  hydrated = true;
}

function readForm(formId: string): Record<string, unknown> | null {
  if (hydrated || typeof document === "undefined") return null;
  const form = document.getElementById(formId);
  if (!(form instanceof HTMLFormElement)) return null;
  const entries = [...new FormData(form)].filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "intent",
  );
  const values = nestEntries(entries);
  // A group of checkboxes is a list even with one box (or none) ticked: as a
  // lone string, react-hook-form would tick the group's first box.
  const boxes = new Map<string, number>();
  for (const element of form.elements)
    if (element instanceof HTMLInputElement && element.type === "checkbox" && element.name)
      boxes.set(element.name, (boxes.get(element.name) ?? 0) + 1);
  for (const [name, count] of boxes) {
    if (count < 2) continue;
    const value = getPath(values, name);
    if (!Array.isArray(value)) setPath(values, name, typeof value === "string" ? [value] : []);
  }
  return values;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== "object") node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** The form's values as the person left them before hydration, or the given defaults. */
export function useInitialFormValues<T extends Record<string, unknown>>(
  formId: string,
  defaults: T,
): T {
  const [values] = useState(() => ({ ...defaults, ...readForm(formId) }) as T);
  return values;
}
