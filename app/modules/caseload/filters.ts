// The caseload dashboard's filters, read from the URL: a period of whole days
// in Kazakhstan, a region and a category. Lenient: a value that does not parse
// is dropped (the default applies), never an error page.
import type { CaseCategory, Region } from "~/generated/prisma/sqlite/enums";
import { CATEGORIES } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { isRealDate } from "~/utils/schema-primitives";
import { todayInKazakhstan } from "~/utils/time";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export type CaseloadFilters = {
  /** First day of the period (YYYY-MM-DD, Kazakhstan), inclusive. */
  from: string;
  /** Last day of the period (YYYY-MM-DD, Kazakhstan), inclusive. */
  to: string;
  region?: Region;
  category?: CaseCategory;
};

/** Longest period the monthly charts cover; a longer one starts this many months before `to`. */
export const MAX_PERIOD_MONTHS = 60;

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.refine(isRealDate));

const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

const paramsSchema = z.object({
  from: lenient(day),
  to: lenient(day),
  region: lenient(z.enum(REGIONS)),
  category: lenient(z.enum(CATEGORIES)),
});

function addMonths(date: string, months: number): string {
  const [y, m] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y!, m! - 1 + months, 1));
  return first.toISOString().slice(0, 10);
}

/** Default period: the current month and the eleven before it, up to today. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const today = todayInKazakhstan(now);
  return { from: addMonths(today, -11), to: today };
}

export function parseCaseloadFilters(params: URLSearchParams, now = new Date()): CaseloadFilters {
  const first = (name: string) => params.get(name) ?? undefined;
  const parsed = paramsSchema.parse({
    from: first("from"),
    to: first("to"),
    region: first("region"),
    category: first("category"),
  });
  const fallback = defaultPeriod(now);
  const to = parsed.to ?? fallback.to;
  let from = parsed.from ?? (parsed.to ? addMonths(to, -11) : fallback.from);
  // A reversed period is a typing slip, not a request for nothing: drop the start.
  if (from > to) from = addMonths(to, -11);
  const earliest = addMonths(to, -(MAX_PERIOD_MONTHS - 1));
  if (from < earliest) from = earliest;
  return {
    from,
    to,
    ...(parsed.region ? { region: parsed.region } : {}),
    ...(parsed.category ? { category: parsed.category } : {}),
  };
}

/** The filters as URL parameters, for links and the form's defaults. */
export function caseloadSearch(filters: CaseloadFilters): URLSearchParams {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.region) params.set("region", filters.region);
  if (filters.category) params.set("category", filters.category);
  return params;
}
