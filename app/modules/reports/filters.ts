// The monitoring reports' filters, read from the URL: a period of whole days,
// regions, categories, sectors and a verification level. Strict, unlike the
// dashboard's: a report that leaves the system must say exactly what it
// counts, so a value that does not parse is refused with a message by its field.
import type { CaseCategory, Region, Sector, Verification } from "~/generated/prisma/sqlite/enums";
import { CATEGORIES, SECTORS } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { isRealDate, todayInKazakhstan } from "~/utils/schema-primitives";

export const VERIFICATION_LEVELS = [
  "REPORTED",
  "CORROBORATED",
  "VERIFIED",
] as const satisfies readonly Verification[];

export type ReportFilters = {
  /** First day (YYYY-MM-DD), inclusive. */
  from: string;
  /** Last day (YYYY-MM-DD), inclusive. */
  to: string;
  /** Empty: every region in the caller's scope. */
  regions: Region[];
  /** Empty: every category. */
  categories: CaseCategory[];
  /** Empty: every sector (and cases with no employer's sector). */
  sectors: Sector[];
  level?: Verification;
};

/** Longest period a report covers: ten years of months. */
export const MAX_REPORT_MONTHS = 120;

export type FilterParse =
  | { ok: true; filters: ReportFilters }
  | { ok: false; errors: Record<string, string>; values: Record<string, unknown> };

/** The calendar year so far: what a coordinator most often sends. */
export function defaultReportPeriod(now = new Date()): { from: string; to: string } {
  const today = todayInKazakhstan(now);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export function parseReportFilters(params: URLSearchParams, now = new Date()): FilterParse {
  const errors: Record<string, string> = {};
  const fallback = defaultReportPeriod(now);
  const day = (name: "from" | "to") => {
    const raw = params.get(name)?.trim();
    if (!raw) return fallback[name];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || !isRealDate(raw)) {
      errors[name] = "validation.date";
      return fallback[name];
    }
    return raw;
  };
  const from = day("from");
  const to = day("to");
  if (!errors.from && !errors.to) {
    if (to < from) errors.to = "reports.errors.periodOrder";
    else if (monthsBetween(from, to) > MAX_REPORT_MONTHS)
      errors.from = "reports.errors.periodTooLong";
  }
  const list = <T extends string>(name: string, allowed: readonly T[]): T[] => {
    const values = [...new Set(params.getAll(name).filter((v) => v !== ""))];
    const known = new Set<string>(allowed);
    if (values.some((v) => !known.has(v))) errors[name] = `reports.errors.unknown.${name}`;
    return values.filter((v): v is T => known.has(v));
  };
  const regions = list("region", REGIONS);
  const categories = list("category", CATEGORIES);
  const sectors = list("sector", SECTORS);
  const levels = list("level", VERIFICATION_LEVELS);
  if (levels.length > 1) errors.level = "reports.errors.unknown.level";

  const values = {
    from: params.get("from") ?? from,
    to: params.get("to") ?? to,
    region: params.getAll("region"),
    category: params.getAll("category"),
    sector: params.getAll("sector"),
    level: params.get("level") ?? "",
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    filters: { from, to, regions, categories, sectors, ...(levels[0] ? { level: levels[0] } : {}) },
  };
}

/** The filters as URL parameters: links, exports and the form's defaults. */
export function reportSearch(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  for (const region of filters.regions) params.append("region", region);
  for (const category of filters.categories) params.append("category", category);
  for (const sector of filters.sectors) params.append("sector", sector);
  if (filters.level) params.set("level", filters.level);
  return params;
}
