// Where document bytes live: behind a small interface, so that the rest of the
// app never knows which store holds a file. Every store holds ciphertext only:
// the documents module encrypts with the case key before `put` and decrypts
// after `get` (docs/decisions/0028). Two stores, chosen with
// ADAL_DOCUMENT_STORE: `local` (a directory of this server's disk, the
// default) and `database` (DocumentChunk rows, so that several app servers on
// one PostgreSQL need no shared disk). A document's row records which store
// holds it, so switching the setting leaves older documents readable.
//
// A store implementation must:
//   - accept only keys the server generated (`newStorageKey()`), never a name
//     a person typed, and refuse any other key (`InvalidStorageKey`);
//   - make `put` atomic: after a crash either the whole object exists or
//     nothing does (the local store writes a temporary file, syncs it and
//     renames it; the database store writes its rows in one transaction);
//   - never hold a whole document in memory: `put` consumes a stream, `get`
//     returns one;
//   - answer `get` for a missing key with `DocumentMissing`;
//   - make `remove` of a missing key a no-op (it cleans up after failed writes).
// An S3 store would map a key to `<prefix>/<key>`, send the bytes with a
// multipart upload, stream GetObject's body, and be chosen with
// ADAL_DOCUMENT_STORE=s3.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { database, prisma, type Db } from "~/db.server";
import { insertAll, readIndexedBytes } from "~/db/bytes.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { DocumentStoreKind } from "~/generated/prisma/sqlite/enums";

export type { DocumentStoreKind };

export interface DocumentStore {
  /** What CaseDocument.storedIn records for the documents put here. */
  readonly kind: DocumentStoreKind;
  put(key: string, bytes: Uint8Array | AsyncIterable<Uint8Array>): Promise<void>;
  get(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** Destroys the bytes for good (retention): overwritten, then removed. Missing: a no-op. */
  destroy(key: string): Promise<void>;
}

export class InvalidStorageKey extends Error {
  constructor() {
    super("invalid document storage key");
  }
}

export class DocumentMissing extends Error {
  constructor() {
    super("document bytes missing from the store");
  }
}

const KEY = /^[A-Za-z0-9_-]{32}$/;

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new InvalidStorageKey();
  return key;
}

/** Writes and reads the disk in pieces of this size: fewer system calls than one per encrypted chunk. */
const WRITE_BYTES = 1024 * 1024;

/** The bytes in pieces of up to `size` (the last one shorter), each in its own buffer. */
export async function* piecesOf(
  bytes: Uint8Array | AsyncIterable<Uint8Array>,
  size: number,
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const source = bytes instanceof Uint8Array ? [bytes] : bytes;
  let piece = new Uint8Array(size);
  let filled = 0;
  for await (const chunk of source) {
    let at = 0;
    while (at < chunk.byteLength) {
      const taken = Math.min(size - filled, chunk.byteLength - at);
      piece.set(chunk.subarray(at, at + taken), filled);
      filled += taken;
      at += taken;
      if (filled === size) {
        yield piece;
        piece = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield piece.slice(0, filled);
}

/** 192 random bits, URL-safe: the store's only name for a document. */
export function newStorageKey(): string {
  return randomBytes(24).toString("base64url");
}

/** Documents in a directory of this server's disk, one file per key. */
export class LocalDocumentStore implements DocumentStore {
  readonly kind = "LOCAL" as const;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file for a key; the key's form and the resolved path are both checked. */
  pathFor(key: string): string {
    const file = path.resolve(this.root, checkedKey(key));
    if (path.dirname(file) !== this.root) throw new InvalidStorageKey();
    return file;
  }

  async put(key: string, bytes: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    const file = this.pathFor(key);
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const temporary = path.join(this.root, `.tmp-${randomBytes(12).toString("hex")}`);
    const handle = await open(temporary, "wx", 0o600);
    try {
      if (bytes instanceof Uint8Array) {
        await handle.writeFile(bytes);
      } else {
        for await (const piece of piecesOf(bytes, WRITE_BYTES)) await handle.write(piece);
      }
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // The rename itself must reach the disk before the upload is acknowledged.
    const directory = await open(this.root, "r");
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathFor(key);
    try {
      const found = await stat(file);
      if (!found.isFile()) throw new DocumentMissing();
    } catch (error) {
      if (error instanceof DocumentMissing) throw error;
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new DocumentMissing();
      throw error;
    }
    // Large reads: the decrypting stream takes 64 KiB chunks from them without copying.
    return createReadStream(file, { highWaterMark: WRITE_BYTES });
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  /**
   * Zeros over the file's bytes, synced, then unlinked. On a copy-on-write or
   * journaling file system or an SSD the old blocks may survive the overwrite:
   * crypto-shredding (per-case keys) is what makes them unreadable.
   */
  async destroy(key: string): Promise<void> {
    const file = this.pathFor(key);
    let handle;
    try {
      handle = await open(file, "r+");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const zeros = new Uint8Array(Math.min(size, 1 << 20));
      for (let written = 0; written < size; written += zeros.length)
        await handle.write(zeros, 0, Math.min(zeros.length, size - written), written);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rm(file, { force: true });
  }
}

/**
 * ADAL_DATA_DIR, or else the folder of the SQLite database, or else ./data:
 * the same place the database's own files are kept and backed up.
 */
export function dataDirectory(): string {
  if (process.env.ADAL_DATA_DIR) return path.resolve(process.env.ADAL_DATA_DIR);
  if (database.provider === "sqlite" && database.filePath !== ":memory:")
    return path.dirname(database.filePath);
  return path.resolve("data");
}

/** The database store's row size: few rows per document, each well within either database's limits. */
export const ROW_BYTES = 256 * 1024;
/** Rows read per query on download: 1 MiB in memory at most. */
const READ_ROWS = 4;

/**
 * The database store: the stored bytes in DocumentChunk rows of ROW_BYTES, in order. The bytes
 * go through the database driver, not Prisma's engine (db/bytes.server.ts: the engine would carry
 * each row as base64 and as an array of numbers). A download reads a few
 * rows at a time. Destroying deletes the rows: on SQLite `secure_delete`
 * (db/driver-adapter.server.ts) zeroes the freed pages and retention then empties the WAL; on
 * PostgreSQL the old row versions stay in the table's files until VACUUM reuses their space
 * (docs/decisions/0023, 0028). Either way only ciphertext was ever written.
 */
export class DatabaseDocumentStore implements DocumentStore {
  readonly kind = "DATABASE" as const;

  constructor(private readonly db: Db = prisma) {}

  /**
   * Rows as the bytes come, none of them referred to until the document's row is written.
   * PostgreSQL writes them in one transaction; SQLite commits each row (a crash part-way leaves
   * rows no document names: ciphertext, never served), and removes them again when the put fails.
   */
  async put(key: string, bytes: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    checkedKey(key);
    async function* inserts(): AsyncGenerator<Prisma.Sql> {
      let index = 0;
      for await (const row of piecesOf(bytes, ROW_BYTES)) {
        yield Prisma.sql`INSERT INTO "DocumentChunk" ("storageKey", "index", "bytes") VALUES (${key}, ${index}, ${row})`;
        index += 1;
      }
      // An empty object is still an object: one empty row says it exists.
      if (index === 0)
        yield Prisma.sql`INSERT INTO "DocumentChunk" ("storageKey", "index", "bytes") VALUES (${key}, ${0}, ${new Uint8Array(0)})`;
    }
    try {
      await insertAll(inserts());
    } catch (error) {
      await this.remove(key);
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    checkedKey(key);
    const rowsFrom = (from: number) =>
      readIndexedBytes(
        Prisma.sql`SELECT "index", "bytes" FROM "DocumentChunk"
          WHERE "storageKey" = ${key} AND "index" >= ${from} AND "index" < ${from + READ_ROWS}
          ORDER BY "index"`,
      );
    const first = await rowsFrom(0);
    if (first.length === 0 || first[0]![0] !== 0) throw new DocumentMissing();
    async function* rows(): AsyncGenerator<Buffer> {
      let next = 0;
      let batch = first;
      for (;;) {
        for (const [index, bytes] of batch) {
          // A row missing in the middle: the bytes would not line up.
          if (index !== next) throw new DocumentMissing();
          yield bytes;
          next += 1;
        }
        if (batch.length < READ_ROWS) return;
        batch = await rowsFrom(next);
      }
    }
    return Readable.from(rows(), { objectMode: false });
  }

  async remove(key: string): Promise<void> {
    await this.db.documentChunk.deleteMany({ where: { storageKey: checkedKey(key) } });
  }

  async destroy(key: string): Promise<void> {
    await this.remove(key);
  }
}

/** ADAL_DOCUMENT_STORE: `local` (the default) or `database`. */
export function configuredStoreKind(): DocumentStoreKind {
  const setting = (process.env.ADAL_DOCUMENT_STORE || "local").toLowerCase();
  if (setting === "local") return "LOCAL";
  if (setting === "database") return "DATABASE";
  throw new Error(
    `ADAL_DOCUMENT_STORE=${setting} is not a known document store (known: local, database)`,
  );
}

/** The store new documents go to (ADAL_DOCUMENT_STORE), or the one a document's row names. */
export function documentStore(kind: DocumentStoreKind = configuredStoreKind()): DocumentStore {
  if (kind === "DATABASE") return new DatabaseDocumentStore();
  return new LocalDocumentStore(path.join(dataDirectory(), "documents"));
}
