-- Blind tokens as exact terms, written by hand (docs/decisions/0013, addendum).
-- A search word's blind tokens (24 letters A–P, the last line of
-- "Case"."searchText": app/modules/cases/search-text.server.ts) were found
-- through the trigram index of 20261129163850_case_list_search: one token
-- meant intersecting ~22 trigram posting lists. This second contentless FTS5
-- table holds only the tokens line, one term per token ("ascii" tokenizer,
-- detail = none: a token is looked up whole, never as a phrase or a prefix),
-- so a token is one posting list. The clear part keeps its trigram index.
-- Its rowid is the case's, as in "_cf_ADAL_case_search" (year * 100000000 +
-- number); the name keeps the ^_cf_[A-Z]+ prefix for the reason given there.
--
-- The tokens line is what follows the last line break when that line holds
-- only A–P and spaces: the clear part is folded to lower case, so rtrim over
-- 'A'–'P' and ' ' stops at the line break before the tokens line, or, when
-- there is none, inside the last clear line (then no line break ends what is left).
CREATE VIRTUAL TABLE "_cf_ADAL_case_tokens" USING fts5(
  "tokens",
  tokenize = 'ascii',
  content = '',
  contentless_delete = 1,
  detail = none
);

INSERT INTO "_cf_ADAL_case_tokens" (rowid, "tokens")
SELECT "year" * 100000000 + "number",
  substr("searchText", length(rtrim("searchText", 'ABCDEFGHIJKLMNOP ')) + 1)
FROM "Case"
WHERE substr(rtrim("searchText", 'ABCDEFGHIJKLMNOP '), -1) = char(10)
  AND length(rtrim("searchText", 'ABCDEFGHIJKLMNOP ')) < length("searchText");

CREATE TRIGGER "Case_tokens_insert" AFTER INSERT ON "Case"
WHEN substr(rtrim(NEW."searchText", 'ABCDEFGHIJKLMNOP '), -1) = char(10)
  AND length(rtrim(NEW."searchText", 'ABCDEFGHIJKLMNOP ')) < length(NEW."searchText")
BEGIN
  INSERT INTO "_cf_ADAL_case_tokens" (rowid, "tokens")
  VALUES (NEW."year" * 100000000 + NEW."number",
    substr(NEW."searchText", length(rtrim(NEW."searchText", 'ABCDEFGHIJKLMNOP ')) + 1));
END;

-- Only a change of the tokens line (or of the rowid) touches the index: most
-- updates of "searchText" change the clear part (an employer) or nothing.
CREATE TRIGGER "Case_tokens_update" AFTER UPDATE OF "searchText", "year", "number" ON "Case"
WHEN OLD."year" <> NEW."year" OR OLD."number" <> NEW."number"
  OR substr(OLD."searchText", length(rtrim(OLD."searchText", 'ABCDEFGHIJKLMNOP ')) + 1)
    <> substr(NEW."searchText", length(rtrim(NEW."searchText", 'ABCDEFGHIJKLMNOP ')) + 1)
BEGIN
  DELETE FROM "_cf_ADAL_case_tokens" WHERE rowid = OLD."year" * 100000000 + OLD."number";
  INSERT INTO "_cf_ADAL_case_tokens" (rowid, "tokens")
  SELECT NEW."year" * 100000000 + NEW."number",
    substr(NEW."searchText", length(rtrim(NEW."searchText", 'ABCDEFGHIJKLMNOP ')) + 1)
  WHERE substr(rtrim(NEW."searchText", 'ABCDEFGHIJKLMNOP '), -1) = char(10)
    AND length(rtrim(NEW."searchText", 'ABCDEFGHIJKLMNOP ')) < length(NEW."searchText");
END;

CREATE TRIGGER "Case_tokens_delete" AFTER DELETE ON "Case" BEGIN
  DELETE FROM "_cf_ADAL_case_tokens" WHERE rowid = OLD."year" * 100000000 + OLD."number";
END;
