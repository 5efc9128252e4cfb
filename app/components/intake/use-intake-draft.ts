// Keeps what the organizer typed if the connection drops: the form's values
// go to sessionStorage as they change (and at once when they press save, before
// the request leaves) and come back after a reload. Session
// storage, not local storage: the draft survives a reload or a lost signal but
// not the closing of the tab, so a lost phone does not keep worker names.
import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

export const INTAKE_DRAFT_PREFIX = "adal:intake-draft:";

export function clearIntakeDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith(INTAKE_DRAFT_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Storage can be unavailable (private mode); there is nothing to clear then.
  }
}

/** The draft kept in this tab, if any. */
export function readIntakeDraft(key: string): Record<string, unknown> | null {
  try {
    const saved = sessionStorage.getItem(key);
    const draft: unknown = saved ? JSON.parse(saved) : null;
    return draft && typeof draft === "object" && !Array.isArray(draft)
      ? (draft as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function writeIntakeDraft(key: string, values: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(values));
  } catch {
    // Full or unavailable storage: the form itself still works.
  }
}

export function discardIntakeDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Unavailable storage holds no draft.
  }
}

/**
 * Saves the form's values as they change (after a pause in typing), and tells
 * whether the device is offline. `saveNow` writes them at once: the form calls
 * it when the organizer presses save, so a request that fails (or a page that
 * is replaced by the server's answer) cannot take the last keystrokes with it.
 */
export function useIntakeDraft<V extends FieldValues>(
  key: string,
  form: UseFormReturn<V>,
  enabled: boolean,
) {
  const [offline, setOffline] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (!enabled) return;
    const subscription = form.watch((values) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => writeIntakeDraft(key, values), 300);
    });
    const update = () => setOffline(!navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      // Not flushed: a form unmounts when its draft is discarded, and must not write it back.
      clearTimeout(timer.current);
      subscription.unsubscribe();
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, [enabled, key, form]);

  const saveNow = useCallback(() => {
    if (!enabled) return;
    clearTimeout(timer.current);
    writeIntakeDraft(key, form.getValues());
  }, [enabled, key, form]);

  return { offline, saveNow };
}
