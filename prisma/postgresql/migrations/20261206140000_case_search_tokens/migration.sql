-- Blind tokens as exact terms, written by hand (docs/decisions/0013, addendum).
-- A search word's blind tokens (24 letters A–P, the last line of
-- "Case"."searchText": app/modules/cases/search-text.server.ts) were found
-- with `LIKE '%TOKEN%'` through the trigram index of case_list_search: one
-- token meant intersecting ~22 trigram posting lists and rechecking the rows.
-- This GIN index holds the tokens line as an array, one entry per token, so
-- `<tokens> @> ARRAY[...]` is one posting list per token and needs no recheck.
-- The expression is repeated word for word by the query
-- (app/modules/cases/case-list.server.ts, TOKENS): the planner matches them.
-- Partial, like Case_searchText_trgm_idx, so Prisma's schema engine leaves it alone.
CREATE INDEX "Case_searchText_tokens_idx" ON "Case"
  USING GIN ((string_to_array(substring("searchText" from '\n([A-P]{24}(?: [A-P]{24})*)$'), ' ')))
  WHERE "searchText" <> '';

-- Statistics of the new expression (how common each token is), so that the
-- planner sizes a common place word's matches rightly before autovacuum's
-- next ANALYZE of "Case".
ANALYZE "Case";
