// Dotted field names ("workers.0.fullName") ⇄ nested values, for forms that
// post flat fields and schemas that expect structure. Browser-safe.

// Also every name objects inherit, and arrays' length: a posted "x.toString" or "x.length"
// would otherwise shadow them and make String(x), Number(x) or the array itself throw.
const FORBIDDEN_KEYS = new Set([
  "prototype",
  "length",
  ...Object.getOwnPropertyNames(Object.prototype), // __proto__, constructor, toString, valueOf…
]);
const MAX_INDEX = 10_000;

/**
 * Repeated keys become arrays; numbered children become arrays in index order
 * (gaps closed up); odd keys are dropped. Numbered children are collected in
 * plain objects and ordered at the end, so a hostile "x.9999" allocates
 * nothing; repeated values are appended in place. Linear in the body's size.
 */
export function nestEntries(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const indexed = new WeakSet<object>();
  const repeated = new WeakSet<unknown[]>();
  for (const [key, value] of entries) {
    const path = key.split(".");
    if (key.length > 200 || path.length > 6) continue;
    if (path.some((part) => part === "" || FORBIDDEN_KEYS.has(part))) continue;
    if (path.some((part) => /^\d+$/.test(part) && Number(part) > MAX_INDEX)) continue;
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      const slot = node[part];
      if (i === path.length - 1) {
        if (slot === undefined) node[part] = value;
        else if (Array.isArray(slot) && repeated.has(slot)) slot.push(value);
        else {
          const values = [slot, value];
          repeated.add(values);
          node[part] = values;
        }
        return;
      }
      if (slot === null || typeof slot !== "object" || Array.isArray(slot)) {
        const child: Record<string, unknown> = {};
        if (/^\d+$/.test(path[i + 1]!)) indexed.add(child);
        // A value already there (a repeated or scalar key) is kept beside the child, so the schema refuses it.
        node[part] = slot === undefined ? child : [slot, child];
        if (slot !== undefined) repeated.add(node[part] as unknown[]);
      }
      const next = node[part];
      node = (Array.isArray(next) ? next[next.length - 1] : next) as Record<string, unknown>;
    });
  }

  const compact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(compact);
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value);
    if (indexed.has(value) && entries.every(([k]) => /^\d+$/.test(k))) {
      return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => compact(v));
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, compact(v)]));
  };
  return compact(root) as Record<string, unknown>;
}

export function getPath(value: unknown, path: string): unknown {
  let node = value;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The inverse of nestEntries for plain values: `{ a: [{ b: "x" }] }` → `[["a.0.b", "x"]]`. */
export function flattenEntries(value: unknown, prefix = ""): Array<[string, string]> {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return value.map((v) => [prefix, v as string]);
  }
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, v]) =>
      flattenEntries(v, prefix ? `${prefix}.${key}` : key),
    );
  }
  if (typeof value === "string") return [[prefix, value]];
  if (typeof value === "number" || typeof value === "boolean") return [[prefix, String(value)]];
  return [];
}
