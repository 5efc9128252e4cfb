-- The case search's GIN indexes merge their pending list at 256 kB instead of PostgreSQL's
-- default 4 MB. New cases' trigrams and tokens wait in that list until a vacuum, or the limit,
-- merges it, and every search scans the whole list meanwhile: on the 100 000-case bench, 6 181
-- new cases (fewer than autovacuum's threshold for "Case") took a search from 3.7 to 18.2 ms of
-- database CPU. Without the list (`fastupdate = off`) each intake inserts its entries one by one:
-- intakes fell from 395 to ~170 a second. A short list is merged in bulk by the intake that fills
-- it (docs/decisions/0044, addendum "search after a busy day").
ALTER INDEX "Case_searchText_trgm_idx" SET (gin_pending_list_limit = 256);
ALTER INDEX "Case_searchText_tokens_idx" SET (gin_pending_list_limit = 256);
-- Entries already waiting are merged now rather than at the next vacuum.
SELECT gin_clean_pending_list('"Case_searchText_trgm_idx"'::regclass);
SELECT gin_clean_pending_list('"Case_searchText_tokens_idx"'::regclass);
