// Key shares: the master key split with Shamir's secret sharing (the audited
// `shamir-secret-sharing` library, GF(256)), each share wrapped in a small
// envelope that names its installation and share set and carries a checksum,
// then written in Crockford base32 for people to type from paper:
//
//   version (1) ‖ keyring tag (8) ‖ master key version (u16) ‖ threshold (1) ‖ share count (1)
//   ‖ Shamir share (33: 32 bytes of y values, then x) ‖ checksum (4: SHA-256 of the rest)
//   → 50 bytes → "ADAL1-XXXXX-XXXXX-…" (16 groups of 5)
//
// The envelope lets /unseal refuse a mistyped share, a share of another installation or of a
// share set replaced by a rotation before any combining; the key-check value then proves the
// rebuilt key (docs/decisions/0014).
import { createHash, timingSafeEqual } from "node:crypto";
import { combine, split } from "shamir-secret-sharing";
import { KEY_BYTES } from "./envelope.server";

const FORMAT = 1;
const TAG_BYTES = 8;
const SHAMIR_BYTES = KEY_BYTES + 1;
const BODY_BYTES = 1 + TAG_BYTES + 2 + 1 + 1 + SHAMIR_BYTES;
const CHECK_BYTES = 4;
const SHARE_BYTES = BODY_BYTES + CHECK_BYTES;
const TEXT_PREFIX = "ADAL1";
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export type KeyShare = {
  keyringTag: string;
  masterVersion: number;
  threshold: number;
  shareCount: number;
  /** The share's x coordinate, 1..255: two shares with the same x are the same share. */
  x: number;
  shamir: Uint8Array;
  /** SHA-256 of the share (hex), as KeyringState.shareDigests stores it. */
  digest: string;
};

/** 8 bytes naming an installation inside its shares (not secret). */
export function keyringTag(keyringId: string): string {
  return createHash("sha256")
    .update(`adal/keyring-tag/${keyringId}`)
    .digest()
    .subarray(0, TAG_BYTES)
    .toString("hex");
}

function checksum(body: Buffer): Buffer {
  return createHash("sha256").update(body).digest().subarray(0, CHECK_BYTES);
}

function shareDigest(body: Buffer): string {
  return createHash("sha256").update("adal/share/v1").update(body).digest("hex");
}

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const raw of text) {
    // Crockford: O reads as 0, I and L as 1.
    const char = raw === "O" ? "0" : raw === "I" || raw === "L" ? "1" : raw;
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

function encodeShare(parts: Omit<KeyShare, "x" | "digest">): string {
  const body = Buffer.alloc(BODY_BYTES);
  let at = 0;
  body.writeUInt8(FORMAT, at++);
  Buffer.from(parts.keyringTag, "hex").copy(body, at);
  at += TAG_BYTES;
  body.writeUInt16BE(parts.masterVersion, at);
  at += 2;
  body.writeUInt8(parts.threshold, at++);
  body.writeUInt8(parts.shareCount, at++);
  Buffer.from(parts.shamir).copy(body, at);
  const groups = toBase32(Buffer.concat([body, checksum(body)])).match(/.{1,5}/g) ?? [];
  return [TEXT_PREFIX, ...groups].join("-");
}

/** A share as typed (any case, spaces or dashes anywhere), or null when it is not a well-formed share. */
export function parseShare(text: string): KeyShare | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, "");
  if (!compact.startsWith(TEXT_PREFIX)) return null;
  const bytes = fromBase32(compact.slice(TEXT_PREFIX.length));
  if (!bytes || bytes.byteLength !== SHARE_BYTES) return null;
  const body = bytes.subarray(0, BODY_BYTES);
  if (!timingSafeEqual(checksum(body), bytes.subarray(BODY_BYTES))) return null;
  if (body.readUInt8(0) !== FORMAT) return null;
  const shamir = Uint8Array.from(body.subarray(BODY_BYTES - SHAMIR_BYTES));
  const x = shamir[SHAMIR_BYTES - 1]!;
  if (x === 0) return null;
  return {
    keyringTag: body.subarray(1, 1 + TAG_BYTES).toString("hex"),
    masterVersion: body.readUInt16BE(1 + TAG_BYTES),
    threshold: body.readUInt8(1 + TAG_BYTES + 2),
    shareCount: body.readUInt8(1 + TAG_BYTES + 3),
    x,
    shamir,
    digest: shareDigest(body),
  };
}

export const SHARE_LIMITS = { minShares: 2, maxShares: 16, minThreshold: 2 } as const;

/** Splits a master key into `shareCount` shares, any `threshold` of which rebuild it. */
export async function splitMasterKey(
  masterKey: Uint8Array,
  options: { keyringId: string; masterVersion: number; shareCount: number; threshold: number },
): Promise<{ shares: string[]; digests: string[] }> {
  const { shareCount, threshold } = options;
  if (
    !Number.isInteger(shareCount) ||
    !Number.isInteger(threshold) ||
    shareCount < SHARE_LIMITS.minShares ||
    shareCount > SHARE_LIMITS.maxShares ||
    threshold < SHARE_LIMITS.minThreshold ||
    threshold > shareCount
  )
    throw new RangeError(
      `shares must be 2..16 and the threshold 2..shares (got ${threshold} of ${shareCount})`,
    );
  // The library accepts exactly Uint8Array (not a Buffer): a copy, wiped after.
  const secret = new Uint8Array(masterKey);
  const raw = await split(secret, shareCount, threshold);
  secret.fill(0);
  const shares = raw.map((shamir) =>
    encodeShare({
      keyringTag: keyringTag(options.keyringId),
      masterVersion: options.masterVersion,
      threshold,
      shareCount,
      shamir,
    }),
  );
  return { shares, digests: shares.map((text) => parseShare(text)!.digest) };
}

/** Interpolates the shares. Fewer than the threshold gives a wrong key: check it with the key-check value. */
export async function combineShares(shares: readonly KeyShare[]): Promise<Buffer> {
  return Buffer.from(await combine(shares.map((s) => new Uint8Array(s.shamir))));
}
