import { createHash, randomBytes } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import {
  CHUNK_BYTES,
  createDecryptStream,
  createEncryptStream,
  DocumentUnreadableError,
  encryptedSize,
  HEADER_BYTES,
} from "./document-stream.server";
import { caseKeyFrom, TAG_BYTES } from "./envelope.server";

const caseKey = caseKeyFrom("case-1", 1, randomBytes(32));
const doc = { table: "CaseDocument", rowId: "doc-1" };

async function collect(readable: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of readable) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function encryptBytes(plain: Buffer, key = caseKey, ref = doc) {
  const stream = createEncryptStream(key, ref);
  const sealed = await collect(Readable.from([plain]).pipe(stream));
  return { sealed, digest: await stream.digest };
}

async function decryptBytes(sealed: Buffer, key = caseKey, ref = doc) {
  // Fed in uneven pieces, as a file or socket would.
  const pieces: Buffer[] = [];
  for (let at = 0; at < sealed.byteLength; at += 10_007)
    pieces.push(sealed.subarray(at, at + 10_007));
  const stream = createDecryptStream(key, ref);
  const plain = await collect(Readable.from(pieces).pipe(stream));
  return { plain, digest: await stream.digest };
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const chunkAt = (i: number) => HEADER_BYTES + i * (CHUNK_BYTES + TAG_BYTES);

describe("document streams", () => {
  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES, 200_001])(
    "round-trip %i bytes with the SHA-256 of the original",
    async (size) => {
      const plain = randomBytes(size);
      const { sealed, digest } = await encryptBytes(plain);
      expect(sealed.byteLength).toBe(encryptedSize(size));
      expect(digest).toEqual({ sha256: sha256(plain), sizeBytes: size });
      const opened = await decryptBytes(sealed);
      expect(opened.plain.equals(plain)).toBe(true);
      expect(opened.digest.sha256).toBe(sha256(plain));
    },
  );

  it("stores no run of the original bytes", async () => {
    const plain = Buffer.from("Sentinel-Worker-Name ".repeat(5000));
    const { sealed } = await encryptBytes(plain);
    expect(sealed.includes(Buffer.from("Sentinel-Worker-Name"))).toBe(false);
  });

  const refuses = async (sealed: Buffer, key = caseKey, ref = doc) => {
    await expect(decryptBytes(sealed, key, ref)).rejects.toBeInstanceOf(DocumentUnreadableError);
  };

  it("refuses a file cut at a chunk boundary or inside a chunk", async () => {
    const { sealed } = await encryptBytes(randomBytes(3 * CHUNK_BYTES + 100));
    await refuses(sealed.subarray(0, chunkAt(3))); // the final chunk dropped
    await refuses(sealed.subarray(0, chunkAt(2))); // two dropped
    await refuses(sealed.subarray(0, sealed.byteLength - 1));
    await refuses(sealed.subarray(0, HEADER_BYTES));
    await refuses(sealed.subarray(0, 5));
  });

  it("refuses reordered chunks", async () => {
    const { sealed } = await encryptBytes(randomBytes(3 * CHUNK_BYTES + 100));
    const first = sealed.subarray(chunkAt(0), chunkAt(1));
    const second = sealed.subarray(chunkAt(1), chunkAt(2));
    await refuses(
      Buffer.concat([sealed.subarray(0, chunkAt(0)), second, first, sealed.subarray(chunkAt(2))]),
    );
  });

  it("refuses a chunk appended after the final one", async () => {
    const { sealed } = await encryptBytes(randomBytes(CHUNK_BYTES + 100));
    await refuses(Buffer.concat([sealed, sealed.subarray(chunkAt(0), chunkAt(1))]));
  });

  it("refuses a flipped bit anywhere: header, chunk or tag", async () => {
    const { sealed } = await encryptBytes(randomBytes(2 * CHUNK_BYTES + 10));
    for (const at of [
      0,
      9,
      HEADER_BYTES - 1,
      HEADER_BYTES,
      chunkAt(1) - 1,
      chunkAt(1) + 500,
      sealed.byteLength - 1,
    ]) {
      const tampered = Buffer.from(sealed);
      tampered[at]! ^= 0x01;
      await refuses(tampered);
    }
  });

  it("refuses a wrong key, another case's key and another document's ciphertext", async () => {
    const { sealed } = await encryptBytes(randomBytes(1000));
    await refuses(sealed, caseKeyFrom("case-1", 1, randomBytes(32)));
    await refuses(sealed, { ...caseKey, caseId: "case-2" });
    await refuses(sealed, caseKey, { table: "CaseDocument", rowId: "doc-2" });
    await refuses(sealed, caseKeyFrom("case-1", 2, randomBytes(32)));
  });

  it("opens with the case key version its header names, among the case's keys", async () => {
    const newer = caseKeyFrom("case-1", 2, randomBytes(32));
    const plain = randomBytes(CHUNK_BYTES + 7);
    const { sealed } = await encryptBytes(plain, caseKey);
    const stream = createDecryptStream([caseKey, newer], doc);
    expect((await collect(Readable.from([sealed]).pipe(stream))).equals(plain)).toBe(true);
    await expect(
      collect(Readable.from([sealed]).pipe(createDecryptStream([newer], doc))),
    ).rejects.toMatchObject({ why: "keyVersion" });
  });

  it("streams 10 MiB through encryption and back with bounded buffering", async () => {
    const total = 10 * 1024 * 1024;
    const piece = 16 * 1024;
    const hash = createHash("sha256");
    let produced = 0;
    let consumed = 0;
    let maxInFlight = 0;
    const source = new Readable({
      read() {
        if (produced >= total) return void this.push(null);
        const bytes = randomBytes(piece);
        hash.update(bytes);
        produced += piece;
        maxInFlight = Math.max(maxInFlight, produced - consumed);
        this.push(bytes);
      },
    });
    const encrypt = createEncryptStream(caseKey, doc);
    const decrypt = createDecryptStream(caseKey, doc);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        consumed += chunk.byteLength;
        setImmediate(callback); // a slow reader: back-pressure must hold the source back
      },
    });
    await pipeline(source, encrypt, decrypt, sink);
    expect(consumed).toBe(total);
    const expected = hash.digest("hex");
    expect((await encrypt.digest).sha256).toBe(expected);
    expect((await decrypt.digest).sha256).toBe(expected);
    // A stream that held the whole file would have 10 MiB in flight; ours holds a few chunks.
    expect(maxInFlight).toBeLessThan(1024 * 1024);
  });
});
