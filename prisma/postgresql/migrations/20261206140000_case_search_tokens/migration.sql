-- Blind tokens as exact terms, written by hand (docs/decisions/0013, addendum).
-- A search word's blind tokens (24 letters A–P, the last line of
-- "Case"."searchText": app/modules/cases/search-text.server.ts) were found
-- with `LIKE '%TOKEN%'` through the trigram index of case_list_search: one
-- token meant intersecting ~22 trigram posting lists and rechecking the rows.
-- This GIN index holds the last line as an array, one entry per token, so
-- `<tokens> @> ARRAY[...]` is one posting list per token. The last line is
-- split without a regular expression (the planner may also evaluate the
-- expression as a filter on thousands of rows): when it is a clear line, its
-- folded lower-case words can never equal an upper-case token.
-- The expression is repeated word for word by the query
-- (app/modules/cases/case-list.server.ts, TOKENS): the planner matches them.
-- Partial, like Case_searchText_trgm_idx, so Prisma's schema engine leaves it alone.
CREATE INDEX "Case_searchText_tokens_idx" ON "Case"
  USING GIN ((string_to_array(split_part("searchText", E'\n', -1), ' ')))
  WHERE "searchText" <> '';

-- Statistics of the new expression (how common each token is), so that the
-- planner sizes a common place word's matches rightly before autovacuum's
-- next ANALYZE of "Case".
ANALYZE "Case";
