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

function mac(key: KeyObject, value: string, bytes: number): Buffer {
  return createHmac("sha256", key).update(value, "utf8").digest().subarray(0, bytes);
}

/** Identifier tokens (their own indexed columns): lower-case hex. */
function token(key: KeyObject, value: string, bytes: number): string {
  return mac(key, value, bytes).toString("hex");
}

/**
 * Word tokens live in Case.searchText beside folded clear text, so they are written in an
 * alphabet no folded search term contains: one upper-case letter A–P per 4 bits. A typed term
 * (always lower case once folded) can never match inside a token, and a token (24 letters, no
 * space) can only match a whole token. Case-sensitive comparison is required: SQLite's FTS5
 * index is `case_sensitive 1`, PostgreSQL's LIKE is, and short terms use `instr`.
 */
export const WORD_TOKEN_LENGTH = WORD_BYTES * 2;
function wordToken(key: KeyObject, word: string): string {
  const bytes = mac(key, word, WORD_BYTES);
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(65 + (byte >> 4), 65 + (byte & 15));
  return out;
}

/** Whether a line of the search text is the tokens line (see search-text.server.ts). */
export function isTokenLine(line: string): boolean {
  return /^[A-P]{24}( [A-P]{24})*$/.test(line);
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
  return searchWords(text).map((word) => wordToken(keys.word, word));
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
