// The words a person gives for an export "with identities" (docs/decisions/0034's addenda). An
// export covers many cases, so there is no case key to seal them with: they are sealed with a
// key for this purpose only (HKDF from the index root, docs/decisions/0012's addendum), bound to
// their audit entry — its action, its actor and an id kept beside them in its details — so a
// ciphertext copied into another entry does not open. Sealing needs the keyring unsealed.
import { associatedData, decrypt, encrypt } from "./envelope.server";
import type { Readable } from "./case-fields.server";
import { keyring } from "./keyring.server";

/** `words:v1:<base64url(nonce ‖ ciphertext ‖ tag)>`: the format, apart from a case field's `enc:v1:`. */
export const WORDS_PREFIX = "words:v1:";
const WORDS_PATTERN = /^words:v1:([A-Za-z0-9_-]+)$/;
/** What the words are bound to besides their entry: the table and column a case field names. */
export const EXPORT_WORDS_TABLE = "AuditEntry.export";

/** The entry the words belong to: `wordsId` is chosen before it is written and kept in it. */
export type WordsRef = { action: string; actorId: string; wordsId: string };

function wordsAad(ref: WordsRef): Buffer {
  return associatedData("adal/audit-words/v1", [
    EXPORT_WORDS_TABLE,
    "explanation",
    ref.action,
    ref.actorId,
    ref.wordsId,
  ]);
}

/** The words sealed for their entry; a sealed server refuses with a "sealed" DomainError (423). */
export function sealExportWords(ref: WordsRef, words: string): string {
  const sealed = encrypt(keyring.exportWordsKey(), Buffer.from(words, "utf8"), wordsAad(ref));
  return `${WORDS_PREFIX}${sealed.toString("base64url")}`;
}

/**
 * The words of an entry, or why they cannot be shown. Words written before they were sealed are
 * clear text and shown as they are; anything in a sealed format that does not open here (another
 * entry's words, a case field's ciphertext, altered bytes) is "unreadable". Never throws.
 */
export function openExportWords(ref: WordsRef, stored: string): Readable {
  if (!stored.startsWith(WORDS_PREFIX) && !stored.startsWith("enc:"))
    return { ok: true, value: stored };
  const match = WORDS_PATTERN.exec(stored);
  if (!match) return { ok: false, reason: "unreadable" };
  if (!keyring.isUnsealed()) return { ok: false, reason: "sealed" };
  const plain = decrypt(
    keyring.exportWordsKey(),
    Buffer.from(match[1]!, "base64url"),
    wordsAad(ref),
  );
  return plain ? { ok: true, value: plain.toString("utf8") } : { ok: false, reason: "unreadable" };
}
