// The case list's filters as they live in the URL, so that a filtered list can
// be shared as a link. Parsing is lenient: a value that does not fit is
// dropped (the list shows everything it would have filtered), never a 400 or 500.
import type { CaseCategory, CaseStatus, Region, Urgency } from "~/generated/prisma/sqlite/enums";
import { CATEGORIES, URGENCIES } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { isRealDate, preprocess } from "~/utils/schema-primitives";
import { cleanLine, foldForSearch } from "~/utils/text";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";
import { STATUSES } from "./status";

export const CASE_LIST_SORTS = ["activity", "age", "urgency"] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

export const CASE_LIST_PAGE_SIZE = 50;
/** Deeper pages than this are not offered: narrow the filters instead. */
export const CASE_LIST_MAX_PAGE = 2_000;
export const SEARCH_MAX_LENGTH = 200;
/**
 * The most rows one export holds; the file says when it was cut short. Here,
 * not in case-list.server.ts, because the list page shows it: a value imported
 * from a .server module is undefined in the browser (NaN there, 50 000 in the
 * server's HTML, and the page failed to hydrate).
 */
export const EXPORT_MAX_ROWS = 50_000;
/** More words than this in one search add nothing but cost. */
export const SEARCH_MAX_TERMS = 8;
/** Terms this long or longer go through the trigram index; shorter ones are matched on the filtered rows. */
export const INDEXED_TERM_LENGTH = 3;

export type CaseListFilters = {
  status: CaseStatus[];
  category?: CaseCategory;
  region?: Region;
  urgency?: Urgency;
  /** A user id (any current assignment), or "none": no lead lawyer yet. */
  assignee?: string;
  employer?: string;
  /** YYYY-MM-DD, the day the case was recorded, in Kazakhstan. */
  from?: string;
  to?: string;
  q?: string;
  sort: CaseListSort;
  page: number;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const dropInvalid = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.refine(isRealDate));

export const caseListFilterSchema = z.object({
  status: z.pipe(
    z.catch(z.array(z.string()), []),
    z.transform((values): CaseStatus[] => STATUSES.filter((status) => values.includes(status))),
  ),
  category: dropInvalid(preprocess(blankIsAbsent, z.enum(CATEGORIES))),
  region: dropInvalid(preprocess(blankIsAbsent, z.enum(REGIONS))),
  urgency: dropInvalid(preprocess(blankIsAbsent, z.enum(URGENCIES))),
  assignee: dropInvalid(preprocess(blankIsAbsent, z.string().check(z.regex(ID)))),
  employer: dropInvalid(preprocess(blankIsAbsent, z.string().check(z.regex(ID)))),
  from: dropInvalid(preprocess(blankIsAbsent, day)),
  to: dropInvalid(preprocess(blankIsAbsent, day)),
  q: dropInvalid(
    preprocess(
      (value) =>
        typeof value === "string"
          ? cleanLine(value).slice(0, SEARCH_MAX_LENGTH) || undefined
          : undefined,
      z.string(),
    ),
  ),
  sort: z.catch(z.enum(CASE_LIST_SORTS), "activity"),
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(CASE_LIST_MAX_PAGE)), 1),
});

/** The filters a URL's query string asks for; anything malformed is left out. */
export function parseCaseListFilters(params: URLSearchParams): CaseListFilters {
  const single = (key: string) => params.get(key) ?? undefined;
  const parsed = caseListFilterSchema.parse({
    status: params.getAll("status"),
    category: single("category"),
    region: single("region"),
    urgency: single("urgency"),
    assignee: single("assignee"),
    employer: single("employer"),
    from: single("from"),
    to: single("to"),
    q: single("q"),
    sort: single("sort"),
    page: single("page"),
  });
  return parsed;
}

/**
 * The query string for these filters (defaults left out), with `changes`
 * applied: the links of the pager and of the CSV export.
 */
export function caseListQuery(
  filters: CaseListFilters,
  changes: Partial<CaseListFilters> = {},
): string {
  const merged = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const status of merged.status) params.append("status", status);
  for (const key of [
    "category",
    "region",
    "urgency",
    "assignee",
    "employer",
    "from",
    "to",
    "q",
  ] as const) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  if (merged.sort !== "activity") params.set("sort", merged.sort);
  if (merged.page > 1) params.set("page", String(merged.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The words of a search, folded the way Case.searchText is (case, ё/е,
 * Kazakh letters alike), without repeats: each must occur in a case's text.
 */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = foldForSearch(q).split(" ").filter(Boolean);
  return [...new Set(words)].slice(0, SEARCH_MAX_TERMS);
}

/** Whether any filter narrows the list (the page then offers to clear them). */
export function hasActiveFilters(filters: CaseListFilters): boolean {
  return (
    filters.status.length > 0 ||
    Boolean(
      filters.category ||
      filters.region ||
      filters.urgency ||
      filters.assignee ||
      filters.employer ||
      filters.from ||
      filters.to ||
      filters.q,
    )
  );
}
