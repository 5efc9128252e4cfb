// The audit log page's filters, read leniently from the URL: a value that does
// not parse is dropped, never an error.
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

const id = z.string().check(z.regex(/^[a-z0-9]{20,32}$/));
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const fields = {
  actor: id,
  /** A case reference or a user id. */
  target: z.string().check(z.regex(/^(KZ-\d{4}-\d{6}|[a-z0-9]{20,32})$/)),
  action: z.string().check(z.regex(/^[a-z_]+\.[a-z_]+$/)),
  from: day,
  to: day,
  page: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100_000)),
} as const;

export type AuditFilters = Partial<{
  actor: string;
  target: string;
  action: string;
  from: string;
  to: string;
  page: number;
}>;

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(fields)) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
  }
  return filters as AuditFilters;
}

/** The filters as a query string (without the page), for links and the export. */
export function auditFilterQuery(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "target", "action", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}
