// Documents encrypted with the case key in 64 KiB chunks, as Node Transform
// streams, so an upload never sits whole in memory (docs/decisions/0012).
//
// Stored format (version 1):
//   header  "ADALDOC1" (8) ‖ case key version (u32 BE) ‖ random nonce prefix (8)
//   chunks  AES-256-GCM(plaintext chunk) ‖ tag (16), each chunk 64 KiB of plaintext but the last
// The nonce of chunk i is prefix ‖ i (u32 BE). Each chunk's associated data holds the document's
// reference, the header, i and a final-chunk flag: chunks cannot be reordered, dropped from the
// end, appended to or moved into another document. Only the last chunk (0..64 KiB) is final.
// The SHA-256 of the original bytes (what lawyers see for chain of custody) is computed while
// streaming, in both directions.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { associatedData, TAG_BYTES, type CaseKey } from "./envelope.server";

export const CHUNK_BYTES = 64 * 1024;
const MAGIC = Buffer.from("ADALDOC1", "ascii");
const PREFIX_BYTES = 8;
export const HEADER_BYTES = MAGIC.byteLength + 4 + PREFIX_BYTES;
const MAX_CHUNKS = 2 ** 32 - 1;

/** Whether stored bytes begin as an encrypted document does (the format's magic). */
export function startsEncrypted(head: Uint8Array): boolean {
  return Buffer.from(
    head.buffer,
    head.byteOffset,
    Math.min(head.byteLength, MAGIC.byteLength),
  ).equals(MAGIC);
}

/** What the ciphertext belongs to (the document row's id). */
export type DocumentRef = { table: string; rowId: string };

export type StreamDigest = { sha256: string; sizeBytes: number };

export class DocumentUnreadableError extends Error {
  constructor(readonly why: "header" | "chunk" | "truncated" | "keyVersion") {
    super(`document cannot be read (${why})`);
    this.name = "DocumentUnreadableError";
  }
}

function chunkAad(
  caseKey: CaseKey,
  ref: DocumentRef,
  header: Buffer,
  index: number,
  final: boolean,
): Buffer {
  return associatedData("adal/document/v1", [
    ref.table,
    ref.rowId,
    caseKey.caseId,
    header.toString("base64url"),
    index,
    final ? 1 : 0,
  ]);
}

function chunkNonce(prefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(PREFIX_BYTES + 4);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, PREFIX_BYTES);
  return nonce;
}

/** Collects bytes until `size` are there, without copying on every write. */
class Pending {
  private parts: Buffer[] = [];
  length = 0;
  push(part: Buffer) {
    this.parts.push(part);
    this.length += part.byteLength;
  }
  take(size: number): Buffer {
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length);
    const taken = all.subarray(0, size);
    const rest = all.subarray(size);
    this.parts = rest.byteLength > 0 ? [rest] : [];
    this.length = rest.byteLength;
    return taken;
  }
}

/** A stream that turns a document's bytes into its stored ciphertext. `digest` settles at the end. */
export type EncryptingStream = Transform & { digest: Promise<StreamDigest> };

export function createEncryptStream(caseKey: CaseKey, ref: DocumentRef): EncryptingStream {
  const prefix = randomBytes(PREFIX_BYTES);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(caseKey.version, MAGIC.byteLength);
  prefix.copy(header, MAGIC.byteLength + 4);

  const hash = createHash("sha256");
  const pending = new Pending();
  let index = 0;
  let size = 0;
  let headerSent = false;
  let settle!: (digest: StreamDigest) => void;
  let fail!: (error: Error) => void;
  const digest = new Promise<StreamDigest>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  digest.catch(() => {}); // the stream's own error event reports it
  const sendHeader = (stream: Transform) => {
    if (headerSent) return;
    headerSent = true;
    stream.push(header);
  };

  const sealChunk = (plain: Buffer, final: boolean): Buffer => {
    if (index >= MAX_CHUNKS) throw new Error("document too large for one stream");
    const cipher = createCipheriv("aes-256-gcm", caseKey.key, chunkNonce(prefix, index), {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(chunkAad(caseKey, ref, header, index, final));
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    index += 1;
    return body;
  };

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        sendHeader(this);
        hash.update(chunk);
        size += chunk.byteLength;
        pending.push(chunk);
        // Strictly more than a chunk: the chunk taken is known not to be the last.
        while (pending.length > CHUNK_BYTES) this.push(sealChunk(pending.take(CHUNK_BYTES), false));
        callback();
      } catch (error) {
        fail(error as Error);
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        sendHeader(this);
        this.push(sealChunk(pending.take(pending.length), true));
        settle({ sha256: hash.digest("hex"), sizeBytes: size });
        callback();
      } catch (error) {
        fail(error as Error);
        callback(error as Error);
      }
    },
  }) as EncryptingStream;
  stream.digest = digest;
  return stream;
}

/**
 * A stream that turns stored ciphertext back into the document's bytes. It fails with a
 * DocumentUnreadableError on a changed, reordered, truncated or extended file or a wrong key;
 * bytes of the chunks before the failure have already passed through, so a download ends in an
 * error (the browser discards it) rather than in a short file.
 */
export type DecryptingStream = Transform & { digest: Promise<StreamDigest> };

export function createDecryptStream(
  caseKeys: CaseKey | readonly CaseKey[],
  ref: DocumentRef,
): DecryptingStream {
  // The header names the case key version that encrypted the file.
  const keys: readonly CaseKey[] = Array.isArray(caseKeys) ? caseKeys : [caseKeys as CaseKey];
  let caseKey!: CaseKey;
  const hash = createHash("sha256");
  const pending = new Pending();
  let header: Buffer | null = null;
  let prefix: Buffer | null = null;
  let index = 0;
  let size = 0;
  let settle!: (digest: StreamDigest) => void;
  let fail!: (error: Error) => void;
  const digest = new Promise<StreamDigest>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  digest.catch(() => {});

  const readHeader = () => {
    header = Buffer.from(pending.take(HEADER_BYTES));
    if (!header.subarray(0, MAGIC.byteLength).equals(MAGIC))
      throw new DocumentUnreadableError("header");
    const version = header.readUInt32BE(MAGIC.byteLength);
    const found = keys.find((key) => key.version === version);
    if (!found) throw new DocumentUnreadableError("keyVersion");
    caseKey = found;
    prefix = header.subarray(MAGIC.byteLength + 4);
  };

  const openChunk = (sealed: Buffer, final: boolean): Buffer => {
    if (sealed.byteLength < TAG_BYTES) throw new DocumentUnreadableError("truncated");
    const body = sealed.subarray(0, sealed.byteLength - TAG_BYTES);
    const tag = sealed.subarray(sealed.byteLength - TAG_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", caseKey.key, chunkNonce(prefix!, index), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(chunkAad(caseKey, ref, header!, index, final));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(body), decipher.final()]);
      index += 1;
      hash.update(plain);
      size += plain.byteLength;
      return plain;
    } catch {
      throw new DocumentUnreadableError("chunk");
    }
  };

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        if (!header && pending.length >= HEADER_BYTES) readHeader();
        if (header) {
          while (pending.length > CHUNK_BYTES + TAG_BYTES)
            this.push(openChunk(pending.take(CHUNK_BYTES + TAG_BYTES), false));
        }
        callback();
      } catch (error) {
        fail(error as Error);
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!header) throw new DocumentUnreadableError("truncated");
        this.push(openChunk(pending.take(pending.length), true));
        settle({ sha256: hash.digest("hex"), sizeBytes: size });
        callback();
      } catch (error) {
        fail(error as Error);
        callback(error as Error);
      }
    },
  }) as DecryptingStream;
  stream.digest = digest;
  return stream;
}

/** Stored size of a document of `sizeBytes` original bytes. */
export function encryptedSize(sizeBytes: number): number {
  const chunks = Math.max(1, Math.ceil(sizeBytes / CHUNK_BYTES));
  return HEADER_BYTES + sizeBytes + chunks * TAG_BYTES;
}
