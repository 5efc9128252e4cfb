// Envelope encryption (docs/decisions/0012): a master key that never leaves
// memory, per-purpose keys derived from it with HKDF-SHA-256, and one random
// AES-256-GCM data key per case that is stored only wrapped. Field values are
// sealed with the case key; the associated data binds each ciphertext to its
// table, column, row and key version, so a ciphertext copied to another row or
// field does not open. Node's crypto only.
import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

/** What a key derived from a master key (or from the index root) is for: one key per purpose. */
export type KeyPurpose =
  | "key-check"
  | "wrap/case-key"
  | "wrap/index-root"
  | "wrap/intake-private-key"
  | "wrap/process-master-key"
  | "blind-index/iin"
  | "blind-index/phone"
  | "blind-index/word"
  | "audit/export-words";

/** HKDF-SHA-256 with the installation's keyring id as salt and "adal/v1/<purpose>" as info. */
export function deriveKey(ikm: Uint8Array, keyringId: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(
    hkdfSync("sha256", ikm, Buffer.from(keyringId, "utf8"), `adal/v1/${purpose}`, KEY_BYTES),
  );
}

export function newSecret(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A case's data key, unwrapped, in memory only. `version` is the key id every ciphertext names. */
export type CaseKey = {
  readonly caseId: string;
  readonly version: number;
  readonly key: KeyObject;
};

export function caseKeyFrom(caseId: string, version: number, secret: Uint8Array): CaseKey {
  if (secret.byteLength !== KEY_BYTES) throw new Error("a case key is 32 bytes");
  return { caseId, version, key: createSecretKey(secret) };
}

/** Associated data: length-prefixed parts, so no two different lists encode alike. */
export function associatedData(label: string, parts: readonly (string | number)[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of [label, ...parts.map(String)]) {
    const bytes = Buffer.from(part, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.byteLength);
    chunks.push(length, bytes);
  }
  return Buffer.concat(chunks);
}

/** AES-256-GCM with a fresh random 96-bit nonce: nonce ‖ ciphertext ‖ tag. */
export function encrypt(key: KeyObject | Uint8Array, plaintext: Uint8Array, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The plaintext, or null when the key, the associated data or a single bit is wrong. */
export function decrypt(
  key: KeyObject | Uint8Array,
  sealed: Uint8Array,
  aad: Buffer,
): Buffer | null {
  if (sealed.byteLength < NONCE_BYTES + TAG_BYTES) return null;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.byteLength - TAG_BYTES);
  const body = bytes.subarray(NONCE_BYTES, bytes.byteLength - TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

// ---- Case keys wrapped by the master key's wrapping key ---------------------

function caseKeyAad(caseId: string, caseKeyVersion: number, masterVersion: number): Buffer {
  return associatedData("adal/case-key/v1", [caseId, caseKeyVersion, masterVersion]);
}

/** The case key sealed under the wrapping key of master version `masterVersion`. */
export function wrapCaseKey(
  wrappingKey: KeyObject,
  caseKey: CaseKey,
  secret: Uint8Array,
  masterVersion: number,
): Buffer {
  return encrypt(wrappingKey, secret, caseKeyAad(caseKey.caseId, caseKey.version, masterVersion));
}

export function unwrapCaseKey(
  wrappingKey: KeyObject,
  wrapped: Uint8Array,
  where: { caseId: string; version: number; masterVersion: number },
): CaseKey | null {
  const secret = decrypt(
    wrappingKey,
    wrapped,
    caseKeyAad(where.caseId, where.version, where.masterVersion),
  );
  return secret ? caseKeyFrom(where.caseId, where.version, secret) : null;
}

// ---- Fields ---------------------------------------------------------------

/** Which value a ciphertext belongs to. The row id is the row's primary key. */
export type FieldRef = { table: string; column: string; rowId: string };

/**
 * Text form of a sealed field: `enc:v1:<case key version>:<base64url(nonce ‖ ciphertext ‖ tag)>`.
 * "enc:v1:" tells ciphertext from legacy plaintext during the migration and names the format,
 * so a later v2 can sit beside it.
 */
export const FIELD_PREFIX = "enc:v1:";
const FIELD_PATTERN = /^enc:v1:(\d{1,9}):([A-Za-z0-9_-]+)$/;

function fieldAad(caseKey: Pick<CaseKey, "caseId">, ref: FieldRef, version: number): Buffer {
  return associatedData("adal/field/v1", [
    ref.table,
    ref.column,
    ref.rowId,
    caseKey.caseId,
    version,
  ]);
}

export function sealField(caseKey: CaseKey, ref: FieldRef, plaintext: string): string {
  const sealed = encrypt(
    caseKey.key,
    Buffer.from(plaintext, "utf8"),
    fieldAad(caseKey, ref, caseKey.version),
  );
  return `${FIELD_PREFIX}${caseKey.version}:${sealed.toString("base64url")}`;
}

/** Null stays null: optional columns keep "not given" apart from "given". */
export function sealOptionalField(
  caseKey: CaseKey,
  ref: FieldRef,
  plaintext: string | null,
): string | null {
  return plaintext == null ? null : sealField(caseKey, ref, plaintext);
}

/**
 * Why a field cannot be shown. "unreadable": it failed authentication (tampered, moved from
 * another row or field, or a wrong key) — show "cannot be read" on that field and alert
 * administrators. "sealed": the server is sealed. "destroyed": the case key was shredded.
 * "notCiphertext": the stored value is not in the sealed format (plaintext before the migration).
 */
export type FieldFailure = "unreadable" | "sealed" | "destroyed" | "notCiphertext";
export type OpenedField = { ok: true; value: string } | { ok: false; reason: FieldFailure };

export function isSealedField(stored: string): boolean {
  return stored.startsWith(FIELD_PREFIX);
}

/** The case key version a sealed field names, or null if it is not a sealed field. */
export function fieldKeyVersion(stored: string): number | null {
  const match = FIELD_PATTERN.exec(stored);
  return match ? Number(match[1]) : null;
}

/**
 * Opens a sealed field with one of the case's keys. Never throws for bad data: a bad tag,
 * a value moved from elsewhere or an unknown key version is `{ ok: false, reason: "unreadable" }`.
 */
export function openField(
  caseKeys: CaseKey | readonly CaseKey[],
  ref: FieldRef,
  stored: string,
): OpenedField {
  const match = FIELD_PATTERN.exec(stored);
  if (!match) return { ok: false, reason: "notCiphertext" };
  const version = Number(match[1]);
  const keys = Array.isArray(caseKeys) ? caseKeys : [caseKeys as CaseKey];
  const caseKey = keys.find((k) => k.version === version);
  if (!caseKey) return { ok: false, reason: "unreadable" };
  const plain = decrypt(
    caseKey.key,
    Buffer.from(match[2]!, "base64url"),
    fieldAad(caseKey, ref, version),
  );
  if (!plain) return { ok: false, reason: "unreadable" };
  return { ok: true, value: plain.toString("utf8") };
}

export function openOptionalField(
  caseKeys: CaseKey | readonly CaseKey[],
  ref: FieldRef,
  stored: string | null,
): OpenedField | null {
  return stored == null ? null : openField(caseKeys, ref, stored);
}

/** A copy Prisma accepts for a Bytes column (it wants a plain ArrayBuffer behind the view). */
export function toBytes(buffer: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}

// ---- Whole rows: what the data paths call ------------------------------------------------

type Stored = Record<string, string | null>;
/** Each column sealed (null stays null). */
export type SealedColumns<T extends Stored> = {
  [K in keyof T]: T[K] extends string ? string : string | null;
};
/** Each column opened, or why not (null stays null). */
export type OpenedColumns<T extends Stored> = {
  [K in keyof T]: OpenedField | (T[K] extends string ? never : null);
};

/**
 * Seals several columns of one row: `sealColumns(caseKey, "WorkerIdentity", workerId,
 * { fullName, iin, phone })` gives the values to write, each bound to its own column.
 */
export function sealColumns<T extends Stored>(
  caseKey: CaseKey,
  table: string,
  rowId: string,
  values: T,
): SealedColumns<T> {
  const sealed: Record<string, string | null> = {};
  for (const [column, value] of Object.entries(values))
    sealed[column] = sealOptionalField(caseKey, { table, column, rowId }, value);
  return sealed as SealedColumns<T>;
}

/**
 * Opens several columns of one row with the case's keys — or, when the keys could not be had
 * (`keyring.caseKeys` said sealed, destroyed, missing or unreadable), gives each non-null column
 * that reason. Never throws: a page shows each field or why it cannot.
 */
export function openColumns<T extends Stored>(
  caseKeys:
    readonly CaseKey[] | { ok: false; reason: "sealed" | "destroyed" | "missing" | "unreadable" },
  table: string,
  rowId: string,
  stored: T,
): OpenedColumns<T> {
  const opened: Record<string, OpenedField | null> = {};
  for (const [column, value] of Object.entries(stored)) {
    if (value == null) opened[column] = null;
    else if (!Array.isArray(caseKeys)) {
      const reason = (caseKeys as { reason: string }).reason;
      opened[column] = {
        ok: false,
        reason: reason === "missing" ? "unreadable" : (reason as FieldFailure),
      };
    } else
      opened[column] = openField(caseKeys as readonly CaseKey[], { table, column, rowId }, value);
  }
  return opened as OpenedColumns<T>;
}

/** The columns that failed authentication: what to alert administrators about (no values). */
export function unreadableColumns(opened: Record<string, OpenedField | null>): string[] {
  return Object.entries(opened)
    .filter(([, field]) => field && !field.ok && field.reason === "unreadable")
    .map(([column]) => column);
}
