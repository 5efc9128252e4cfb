-- CreateIndex
CREATE INDEX "Case_createdAt_id_idx" ON "Case"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_urgency_createdAt_id_idx" ON "Case"("urgency", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_organizerId_lastActivityAt_id_idx" ON "Case"("organizerId", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Case_region_status_category_urgency_lastActivityAt_id_idx" ON "Case"("region", "status", "category", "urgency", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Case_year_number_id_idx" ON "Case"("year", "number", "id");

-- Case-list search, written by hand: Prisma cannot express a trigram index.
-- A GIN trigram index lets `"searchText" LIKE '%term%'` use an index for terms
-- of three or more characters (app/modules/cases/case-list.server.ts). The
-- text is folded before it is stored and before it is searched (utils/text.ts
-- foldForSearch), so a plain, case-sensitive LIKE is enough.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Partial (only cases with a search text), and so also invisible to Prisma's
-- schema engine, which ignores partial indexes (preview feature
-- "partialIndexes" off) instead of dropping an index the schema cannot
-- describe. Queries repeat the predicate (`"searchText" <> ''`) to use it.
CREATE INDEX "Case_searchText_trgm_idx" ON "Case" USING GIN ("searchText" gin_trgm_ops)
  WHERE "searchText" <> '';
