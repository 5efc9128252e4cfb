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

-- Case-list search, written by hand: Prisma cannot express FTS5.
-- A contentless FTS5 index of "Case"."searchText" with the trigram tokenizer:
-- a term of three or more characters is found as a substring through the index
-- (app/modules/cases/case-list.server.ts). The text is folded before it is
-- stored and before it is searched (utils/text.ts foldForSearch), so the
-- tokenizer compares bytes as they are (case_sensitive 1).
-- Its rowid is the case's (year, number), which never changes and, unlike
-- SQLite's implicit rowid of "Case", survives VACUUM.
-- Triggers keep it in step with every insert, change and delete of a case.
-- The name: Prisma's schema engine treats FTS5's shadow tables (<name>_data,
-- _idx, _docsize, _config) as its own and would drop them in the next
-- migration; it leaves tables whose names match ^_cf_[A-Z]+ alone (it reserves
-- them for Cloudflare D1), so the index lives under that prefix.
CREATE VIRTUAL TABLE "_cf_ADAL_case_search" USING fts5(
  "searchText",
  tokenize = 'trigram case_sensitive 1',
  content = '',
  contentless_delete = 1
);

INSERT INTO "_cf_ADAL_case_search" (rowid, "searchText")
SELECT "year" * 100000000 + "number", "searchText" FROM "Case";

CREATE TRIGGER "Case_search_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "_cf_ADAL_case_search" (rowid, "searchText")
  VALUES (NEW."year" * 100000000 + NEW."number", NEW."searchText");
END;

CREATE TRIGGER "Case_search_update" AFTER UPDATE OF "searchText", "year", "number" ON "Case" BEGIN
  DELETE FROM "_cf_ADAL_case_search" WHERE rowid = OLD."year" * 100000000 + OLD."number";
  INSERT INTO "_cf_ADAL_case_search" (rowid, "searchText")
  VALUES (NEW."year" * 100000000 + NEW."number", NEW."searchText");
END;

CREATE TRIGGER "Case_search_delete" AFTER DELETE ON "Case" BEGIN
  DELETE FROM "_cf_ADAL_case_search" WHERE rowid = OLD."year" * 100000000 + OLD."number";
END;
