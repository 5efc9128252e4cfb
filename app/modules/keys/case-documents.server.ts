// A case key applied to a document's bytes (docs/decisions/0012, 0028): the door the documents
// module uses for file contents, beside case-fields.server.ts for columns. Nothing else in
// app/modules touches case keys.
//
// Encrypting needs the case key: while the server is sealed (or the case's key is destroyed or
// cannot be opened) it is refused with a "sealed" DomainError before anything is written.
// Decrypting never throws for a missing key: it says why the bytes cannot be opened.
import { prisma, type Tx } from "~/db.server";
import { DomainError } from "~/utils/domain-error";
import {
  createDecryptStream,
  createEncryptStream,
  type DecryptingStream,
  type DocumentRef,
  type EncryptingStream,
} from "./document-stream.server";
import { keyring } from "./keyring.server";

export type DocumentEncryptor = {
  readonly caseId: string;
  /** A stream turning the bytes of the document `ref` names into its stored ciphertext. */
  encrypt(ref: DocumentRef): EncryptingStream;
};

export type DocumentDecryptor =
  | {
      ok: true;
      readonly caseId: string;
      /** A stream turning the stored ciphertext of `ref` back into its bytes (or failing). */
      decrypt(ref: DocumentRef): DecryptingStream;
    }
  | { ok: false; reason: "sealed" | "destroyed" | "unreadable" };

/** Encrypts new documents of a case with its current key, or refuses with "sealed". */
export async function documentEncryptorForCase(
  caseId: string,
  db: Pick<Tx, "caseKey"> = prisma,
): Promise<DocumentEncryptor> {
  const keys = await keyring.caseKeys(caseId, db);
  if (!keys.ok) throw DomainError.sealed();
  const current = keys.current;
  return { caseId, encrypt: (ref) => createEncryptStream(current, ref) };
}

/** Opens a case's documents with whichever of its keys each file names, or says why not. */
export async function documentDecryptorForCase(
  caseId: string,
  db: Pick<Tx, "caseKey"> = prisma,
): Promise<DocumentDecryptor> {
  const keys = await keyring.caseKeys(caseId, db);
  if (!keys.ok)
    // A case without a key cannot have encrypted documents: something was altered.
    return { ok: false, reason: keys.reason === "missing" ? "unreadable" : keys.reason };
  const all = keys.keys;
  return { ok: true, caseId, decrypt: (ref) => createDecryptStream(all, ref) };
}
