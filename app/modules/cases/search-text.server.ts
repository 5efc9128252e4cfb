// What the case list searches, kept on the case row as one string so a search
// is one indexed pass instead of joins over four tables (docs/decisions/0008,
// 0013, 0027). Two parts, one per line:
//   - in clear, folded (utils/text.ts): the reference, the employers and their
//     BINs — organizations, not people;
//   - last, the tokens line: one keyed blind token per distinct word of the
//     worker names, the place and the account (blind-index.server.ts), never
//     the words themselves.
// Every write that changes one of those calls `refreshSearchText` in its
// transaction. While the server is sealed the tokens cannot be made: an
// intake taken then is marked `blindIndexPending` and indexed on unsealing,
// and a refresh of the clear part keeps the tokens it had.
import type { Tx } from "~/db.server";
import { isTokenLine } from "~/modules/keys/blind-index.server";
import {
  blindIndexKeysIfUnsealed,
  blindSearchText,
  openerForCase,
  valueOf,
} from "~/modules/keys/case-fields.server";
import { foldForSearch } from "~/utils/text";

const SEPARATOR = "\n";

/** The words the tokens line is made of: worker names, the place and the account, in clear. */
export type SearchWords = { names: readonly string[]; place: string; account: string };

type ClearParts = {
  reference: string;
  employers: ReadonlyArray<{ name: string; bin: string | null }>;
};

function clearPart({ reference, employers }: ClearParts): string {
  return [reference, ...employers.flatMap(({ name, bin }) => [name, bin ?? ""])]
    .filter(Boolean)
    .map((part) => foldForSearch(part))
    .join(SEPARATOR);
}

/** The tokens line of a stored search text ("" when it has none). */
export function tokensOf(searchText: string): string {
  const last = searchText.slice(searchText.lastIndexOf(SEPARATOR) + 1);
  return isTokenLine(last) ? last : "";
}

/** The whole search text from its clear part and its tokens ("" tokens: no tokens line). */
export function composeSearchText(clear: ClearParts, tokens: string): string {
  const text = clearPart(clear);
  return tokens ? `${text}${SEPARATOR}${tokens}` : text;
}

/** The tokens of `words`, or null while sealed. */
export function searchTokens(words: SearchWords): string | null {
  const keys = blindIndexKeysIfUnsealed();
  if (!keys) return null;
  return blindSearchText(keys, [...words.names, words.place, words.account]);
}

export type RefreshOptions = {
  /** The names, place and account in clear, when the caller has them (a write that just sealed them). */
  words?: SearchWords;
  /**
   * Content was just destroyed: when the rest cannot be opened (sealed), the old tokens go
   * rather than stay (they would still find the destroyed names).
   */
  afterDestruction?: boolean;
};

/**
 * Rebuilds the case's search text in `tx`. Without `words` the names, place and account are
 * opened with the case key; while that cannot be done the tokens the case had are kept (or
 * dropped, after a destruction).
 */
export async function refreshSearchText(
  tx: Tx,
  caseId: string,
  { words, afterDestruction = false }: RefreshOptions = {},
): Promise<void> {
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      reference: true,
      account: true,
      place: true,
      searchText: true,
      employers: { select: { employer: { select: { name: true, bin: true } } } },
      workers: { select: { id: true, identity: { select: { fullName: true } } } },
    },
  });
  let tokens = words ? searchTokens(words) : null;
  if (!words) {
    const opener = await openerForCase(caseId, tx);
    if (opener.readable && blindIndexKeysIfUnsealed()) {
      const names = found.workers.flatMap((w) =>
        w.identity
          ? [valueOf(opener.openOne("WorkerIdentity", "fullName", w.id, w.identity.fullName))]
          : [],
      );
      const opened = opener.open("Case", caseId, { place: found.place, account: found.account });
      tokens = searchTokens({
        names: names.filter((n): n is string => n != null),
        place: valueOf(opened.place) ?? "",
        account: valueOf(opened.account) ?? "",
      });
    }
  }
  const searchText = composeSearchText(
    { reference: found.reference, employers: found.employers.map((e) => e.employer) },
    tokens ?? (afterDestruction ? "" : tokensOf(found.searchText)),
  );
  if (searchText !== found.searchText)
    await tx.case.update({ where: { id: caseId }, data: { searchText } });
}
