// What an edit of the case file changed, field by field, for the timeline and
// the audit log. Pure and browser-safe. Nested values (the category's facts)
// are compared by their dotted paths ("facts.monthsUnpaid"); lists (ILO
// indicators) as a whole. Fields listed as `withoutValues` (worker identity,
// the long account) are reported as changed, never with their values.

export type Scalar = string | number | boolean | null;
export type FactValue = Scalar | Scalar[];

export type FactChange =
  | { field: string; from: FactValue; to: FactValue }
  /** `replacedUnreadable`: the stored text could not be read and was deliberately replaced (0043). */
  | { field: string; changed: true; replacedUnreadable?: true };

/** `{ facts: { a: 1 } }` → `{ "facts.a": 1 }`; empty strings and undefined become null. */
export function flattenFacts(value: Record<string, unknown>, prefix = ""): Map<string, FactValue> {
  const flat = new Map<string, FactValue>();
  for (const [key, raw] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (raw && typeof raw === "object" && !Array.isArray(raw) && !(raw instanceof Date)) {
      for (const [inner, v] of flattenFacts(raw as Record<string, unknown>, path))
        flat.set(inner, v);
    } else {
      flat.set(path, normalize(raw));
    }
  }
  return flat;
}

function normalize(value: unknown): FactValue {
  if (value === undefined || value === null || value === "") return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) {
    // Order of a checkbox group is not a change.
    const list = value.map((v) => normalize(v) as Scalar).filter((v) => v !== null);
    return list.length === 0 ? null : [...list].sort();
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  return JSON.stringify(value);
}

const same = (a: FactValue, b: FactValue) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes from `before` to `after`, in the order of `after`'s fields (then
 * fields only `before` had). A field in `withoutValues` (by its last path
 * segment, or its full path) gives `{ field, changed: true }`.
 */
export function diffFacts(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  options: { prefix?: string; withoutValues?: Iterable<string> } = {},
): FactChange[] {
  const hidden = new Set(options.withoutValues ?? []);
  const from = flattenFacts(before);
  const to = flattenFacts(after);
  const fields = [...new Set([...to.keys(), ...from.keys()])];
  const changes: FactChange[] = [];
  for (const path of fields) {
    const a = from.get(path) ?? null;
    const b = to.get(path) ?? null;
    if (same(a, b)) continue;
    const field = options.prefix ? `${options.prefix}.${path}` : path;
    const last = path.split(".").pop()!;
    changes.push(
      hidden.has(path) || hidden.has(last) ? { field, changed: true } : { field, from: a, to: b },
    );
  }
  return changes;
}

/** The fields a list of changes touched: what the audit log records (never values). */
export const changedFields = (changes: FactChange[]) => changes.map((change) => change.field);
