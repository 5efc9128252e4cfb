// Keyed blind indexes (docs/decisions/0013): HMAC-SHA-256 of a normalised
// value under a key for that one purpose, so duplicates and the case-list
// search work on ciphertext. They reveal equality — two rows with the same IIN,
// phone or word have the same token — and nothing else without the key.
// A token of one purpose never equals a token of another (separate keys).
import { createHmac, type KeyObject } from "node:crypto";
import { normalizePhone } from "~/modules/intake/identifiers";
import { foldForSearch } from "~/utils/text";

/** The three index keys, derived with HKDF from the index root (see keyring.server.ts). */
export type BlindIndexKeys = {
  readonly iin: KeyObject;
  readonly phone: KeyObject;
  readonly word: KeyObject;
};

// 128 bits for identifiers (a collision would be a false duplicate warning), 96 bits for
// words (shorter search text; a collision would be one extra search hit in 2^48 words).
const IDENTIFIER_BYTES = 16;
const WORD_BYTES = 12;

/**
 * Lower-case hex: one "word" to every tokenizer (SQLite FTS5's unicode61 would split
 * base64url's "-" and "_"; trigram indexes and LIKE have no special characters to trip on).
 */
function token(key: KeyObject, value: string, bytes: number): string {
  return createHmac("sha256", key)
    .update(value, "utf8")
    .digest()
    .subarray(0, bytes)
    .toString("hex");
}

/** Digits only: "9001 0130 0123" and "900101300123" are one IIN. Null when no digits. */
export function blindIin(keys: BlindIndexKeys, iin: string): string | null {
  const digits = iin.replace(/\D/g, "");
  return digits ? token(keys.iin, digits, IDENTIFIER_BYTES) : null;
}

/** E.164 as the intake stores it ("8 701 …" = "+7 701 …"). Null when it is not a phone number. */
export function blindPhone(keys: BlindIndexKeys, phone: string): string | null {
  const normalized = normalizePhone(phone);
  return normalized ? token(keys.phone, normalized, IDENTIFIER_BYTES) : null;
}

/**
 * The whole words of a text, folded as the case-list search folds them today
 * (`foldForSearch`: NFC, Kazakh-aware lower case, ё = е), one time each, in first-seen order.
 * A word is a run of letters, digits and combining marks; "Ким-Ли" is two words.
 */
export function searchWords(text: string): string[] {
  const words = foldForSearch(text).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words)];
}

/** One token per distinct word: stored space-separated in the case's search text. */
export function blindWords(keys: BlindIndexKeys, text: string): string[] {
  return searchWords(text).map((word) => token(keys.word, word, WORD_BYTES));
}

/** The tokens a search query must all match (whole words only: no prefix or infix search). */
export function blindQuery(keys: BlindIndexKeys, query: string): string[] {
  return blindWords(keys, query);
}

/**
 * The blind part of a case's search text: one token per distinct word of all `parts`
 * (worker names, …), space-separated, for `Case.searchText` beside the plain metadata.
 */
export function blindSearchText(keys: BlindIndexKeys, parts: readonly string[]): string {
  return [...new Set(parts.flatMap((part) => blindWords(keys, part)))].join(" ");
}
