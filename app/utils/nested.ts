// Dotted field names ("workers.0.fullName") ⇄ nested values, for forms that
// post flat fields and schemas that expect structure. Browser-safe.

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);
const MAX_INDEX = 10_000;

type Node = Record<string, unknown> | unknown[];

/** Repeated keys become arrays; sparse arrays are compacted in order; odd keys are dropped. */
export function nestEntries(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const path = key.split(".");
    if (
      key.length > 200 ||
      path.length > 6 ||
      path.some((part) => part === "" || FORBIDDEN_KEYS.has(part))
    )
      continue;
    if (path.some((part) => /^\d+$/.test(part) && Number(part) > MAX_INDEX)) continue;
    let node: Node = root;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      const slots = node as Record<string, unknown>;
      const slot = slots[part];
      if (i === path.length - 1) {
        slots[part] =
          slot === undefined
            ? value
            : Array.isArray(slot) && slot.every((s) => typeof s === "string")
              ? [...slot, value]
              : [slot, value];
      } else {
        if (slot === undefined || slot === null || typeof slot !== "object") {
          slots[part] = /^\d+$/.test(path[i + 1]!) ? [] : {};
        }
        node = slots[part] as Node;
      }
    }
  }
  return compact(root) as Record<string, unknown>;
}

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
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
