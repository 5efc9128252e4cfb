// Where document bytes live: behind a small interface, so that a multi-server
// installation can add an S3-compatible store without touching the rest.
//
// A store implementation must:
//   - accept only keys the server generated (`newStorageKey()`), never a name
//     a person typed, and refuse any other key (`InvalidStorageKey`);
//   - make `put` atomic: after a crash either the whole object exists or
//     nothing does (S3's PutObject is; the local store writes a temporary file,
//     syncs it and renames it);
//   - answer `get` for a missing key with `DocumentMissing`;
//   - make `remove` of a missing key a no-op (it cleans up after failed writes).
// An S3 store would map a key to `<prefix>/<key>`, send the bytes with
// PutObject, stream GetObject's body, and be chosen with DOCUMENT_STORE=s3.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { database } from "~/db.server";

export interface DocumentStore {
  put(key: string, bytes: Uint8Array | Readable): Promise<void>;
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

/** 192 random bits, URL-safe: the store's only name for a document. */
export function newStorageKey(): string {
  return randomBytes(24).toString("base64url");
}

/** Documents in a directory of this server's disk, one file per key. */
export class LocalDocumentStore implements DocumentStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file for a key; the key's form and the resolved path are both checked. */
  pathFor(key: string): string {
    if (!KEY.test(key)) throw new InvalidStorageKey();
    const file = path.resolve(this.root, key);
    if (path.dirname(file) !== this.root) throw new InvalidStorageKey();
    return file;
  }

  async put(key: string, bytes: Uint8Array | Readable): Promise<void> {
    const file = this.pathFor(key);
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const temporary = path.join(this.root, `.tmp-${randomBytes(12).toString("hex")}`);
    const handle = await open(temporary, "wx", 0o600);
    try {
      if (bytes instanceof Uint8Array) {
        await handle.writeFile(bytes);
      } else {
        for await (const chunk of bytes) await handle.write(chunk as Uint8Array);
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
    return createReadStream(file);
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

/** The configured store (DOCUMENT_STORE; "local", the default, is the only one so far). */
export function documentStore(): DocumentStore {
  const kind = process.env.DOCUMENT_STORE || "local";
  if (kind === "local") return new LocalDocumentStore(path.join(dataDirectory(), "documents"));
  throw new Error(`DOCUMENT_STORE=${kind} is not a known document store (known: local)`);
}
