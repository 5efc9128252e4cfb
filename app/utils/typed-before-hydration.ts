// On a slow phone people start typing into the server-rendered form before
// JavaScript arrives. When react-hook-form then registers the inputs it writes
// its default values into them, wiping what was typed. During the hydration
// render (and only then) we read the form's current contents to use as defaults.
import { useState } from "react";
import { nestEntries } from "./nested";

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
  return nestEntries(entries);
}

/** The form's values as the person left them before hydration, or the given defaults. */
export function useInitialFormValues<T extends Record<string, unknown>>(
  formId: string,
  defaults: T,
): T {
  const [values] = useState(() => ({ ...defaults, ...readForm(formId) }) as T);
  return values;
}
