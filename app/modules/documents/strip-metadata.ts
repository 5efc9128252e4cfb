// Removes what a photo says about where (and with what, and when) it was
// taken, before it is stored: a phone photo of a pay slip can carry the GPS
// position of a worker's home. Pure functions over bytes; the picture itself
// is never re-encoded, so what is kept is bit-for-bit what was received.
//
// What is stripped:
//   JPEG — APP1 (Exif, with its GPS IFD and thumbnail; XMP), APP3–APP13
//          (Photoshop/IPTC among them), APP15, the APP2 segments other than
//          the ICC colour profile (MPF, FlashPix), APP0 other than JFIF
//          (JFXX thumbnails), COM comments, and everything after the end of
//          image (the extra images of a multi-picture file carry Exif too).
//   PNG  — eXIf, tEXt, iTXt, zTXt and tIME chunks.
//   HEIC — the payload of every Exif item (overwritten in place with a valid,
//          empty Exif block, then zeros) and every XMP item (`mime`
//          application/rdf+xml; overwritten with spaces), so that every offset
//          in the file stays right and it still opens.
// What is kept, and why:
//   JPEG — JFIF (pixel density), the ICC profile and Adobe APP14 (needed to
//          decode colours right), the tables, frame and scans.
//   PNG  — every other chunk (pixels, palette, gamma, colour profile).
//   HEIC — the box structure and item properties (size, rotation, colour);
//          data in unknown `uuid` boxes is not examined.
// A file whose structure cannot be followed is refused rather than stored
// with its metadata (StripFailure).

import { readU32BE } from "./sniff";

export type StripResult = { bytes: Uint8Array; changed: boolean };

export class StripFailure extends Error {
  constructor(readonly format: string) {
    super(`cannot remove metadata from this ${format} file`);
  }
}

export function stripMetadata(format: "jpeg" | "png" | "heic", bytes: Uint8Array): StripResult {
  if (format === "jpeg") return stripJpeg(bytes);
  if (format === "png") return stripPng(bytes);
  return stripHeic(bytes);
}

const latin1 = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const readU16BE = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ——— JPEG ———

function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xe0) return latin1(payload, 0, 5) === "JFIF\0";
  if (marker === 0xe2) return latin1(payload, 0, 12) === "ICC_PROFILE\0";
  if (marker === 0xee) return latin1(payload, 0, 5) === "Adobe";
  if (marker >= 0xe1 && marker <= 0xef) return false;
  if (marker === 0xfe) return false;
  return true;
}

export function stripJpeg(bytes: Uint8Array): StripResult {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new StripFailure("JPEG");
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let total = 2;
  const keep = (from: number, to: number) => {
    parts.push(bytes.subarray(from, to));
    total += to - from;
  };
  let at = 2;
  let changed = false;
  for (;;) {
    if (at + 1 >= bytes.length || bytes[at] !== 0xff) throw new StripFailure("JPEG");
    // Fill bytes (0xFF repeated) may precede a marker.
    let markerAt = at;
    while (bytes[markerAt + 1] === 0xff) markerAt++;
    const marker = bytes[markerAt + 1];
    if (marker === undefined) throw new StripFailure("JPEG");
    if (marker === 0xd9) {
      keep(at, markerAt + 2);
      at = markerAt + 2;
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      keep(at, markerAt + 2);
      at = markerAt + 2;
      continue;
    }
    const length = readU16BE(bytes, markerAt + 2);
    const end = markerAt + 2 + length;
    if (length < 2 || end > bytes.length) throw new StripFailure("JPEG");
    if (keepJpegSegment(marker, bytes.subarray(markerAt + 4, end))) keep(at, end);
    else changed = true;
    at = end;
    if (marker === 0xda) {
      // Entropy-coded data: runs to the next marker that is not a stuffed
      // 0xFF00 or a restart marker (progressive files have several scans).
      let i = at;
      for (;;) {
        if (i + 1 >= bytes.length) throw new StripFailure("JPEG");
        if (bytes[i] !== 0xff) {
          i++;
          continue;
        }
        const next = bytes[i + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
        else if (next === 0xff) i++;
        else break;
      }
      keep(at, i);
      at = i;
    }
  }
  // Bytes after the end of image (a second, "multi-picture" image with its own
  // Exif, or anything appended) are not part of the picture: dropped.
  if (at < bytes.length) changed = true;
  return changed ? { bytes: concat(parts, total), changed } : { bytes, changed };
}

// ——— PNG ———

const PNG_DROPPED = new Set(["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]);

export function stripPng(bytes: Uint8Array): StripResult {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let total = 8;
  let at = 8;
  let changed = false;
  let ended = false;
  while (!ended) {
    if (at + 12 > bytes.length) throw new StripFailure("PNG");
    const length = readU32BE(bytes, at);
    const type = latin1(bytes, at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) throw new StripFailure("PNG");
    if (PNG_DROPPED.has(type)) {
      changed = true;
    } else {
      parts.push(bytes.subarray(at, end));
      total += end - at;
    }
    ended = type === "IEND";
    at = end;
  }
  // Anything after IEND is not part of the picture and could hide anything.
  if (at < bytes.length) changed = true;
  return changed ? { bytes: concat(parts, total), changed } : { bytes, changed };
}

// ——— HEIC / HEIF (ISO base media file format) ———

type Box = { type: string; start: number; payload: number; end: number };

function* boxes(bytes: Uint8Array, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = readU32BE(bytes, at);
    const type = latin1(bytes, at + 4, at + 8);
    let payload = at + 8;
    if (size === 1) {
      if (at + 16 > to) throw new StripFailure("HEIF");
      size = readU32BE(bytes, at + 8) * 0x100000000 + readU32BE(bytes, at + 12);
      payload = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    const end = at + size;
    if (size < payload - at || end > to) throw new StripFailure("HEIF");
    yield { type, start: at, payload, end };
    at = end;
  }
}

function readUInt(bytes: Uint8Array, at: number, size: number): number {
  if (size === 0) return 0;
  if (size === 2) return readU16BE(bytes, at);
  if (size === 4) return readU32BE(bytes, at);
  if (size === 8) return readU32BE(bytes, at) * 0x100000000 + readU32BE(bytes, at + 4);
  throw new StripFailure("HEIF");
}

/** The ids of the items that carry Exif or XMP, from `iinf`'s `infe` entries. */
function metadataItems(bytes: Uint8Array, iinf: Box): Map<number, "exif" | "xmp"> {
  const version = bytes[iinf.payload];
  const entries = iinf.payload + 4 + (version === 0 ? 2 : 4);
  const ids = new Map<number, "exif" | "xmp">();
  for (const infe of boxes(bytes, entries, iinf.end)) {
    if (infe.type !== "infe") continue;
    const infeVersion = bytes[infe.payload] ?? 0;
    if (infeVersion < 2) continue;
    let at = infe.payload + 4;
    const id = infeVersion === 2 ? readU16BE(bytes, at) : readU32BE(bytes, at);
    at += (infeVersion === 2 ? 2 : 4) + 2;
    const itemType = latin1(bytes, at, at + 4);
    if (itemType === "Exif") ids.set(id, "exif");
    if (itemType === "mime") {
      // item_name, then content_type, both NUL-terminated.
      const text = latin1(bytes, at + 4, infe.end).split("\0");
      if (text[1] === "application/rdf+xml") ids.set(id, "xmp");
    }
  }
  return ids;
}

type Extent = { method: number; offset: number; length: number };

/** Where each of `ids` lies, from `iloc`. */
function itemExtents(
  bytes: Uint8Array,
  iloc: Box,
  ids: Map<number, unknown>,
): Map<number, Extent[]> {
  const version = bytes[iloc.payload] ?? 0;
  if (version > 2) throw new StripFailure("HEIF");
  let at = iloc.payload + 4;
  const offsetSize = (bytes[at] ?? 0) >> 4;
  const lengthSize = (bytes[at] ?? 0) & 0x0f;
  const baseOffsetSize = (bytes[at + 1] ?? 0) >> 4;
  const indexSize = version === 1 || version === 2 ? (bytes[at + 1] ?? 0) & 0x0f : 0;
  at += 2;
  const count = version < 2 ? readU16BE(bytes, at) : readU32BE(bytes, at);
  at += version < 2 ? 2 : 4;
  const found = new Map<number, Extent[]>();
  for (let i = 0; i < count; i++) {
    if (at > iloc.end) throw new StripFailure("HEIF");
    const id = version < 2 ? readU16BE(bytes, at) : readU32BE(bytes, at);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version === 1 || version === 2) {
      method = readU16BE(bytes, at) & 0x0f;
      at += 2;
    }
    at += 2; // data_reference_index
    const base = readUInt(bytes, at, baseOffsetSize);
    at += baseOffsetSize;
    const extentCount = readU16BE(bytes, at);
    at += 2;
    const extents: Extent[] = [];
    for (let e = 0; e < extentCount; e++) {
      at += indexSize;
      const offset = readUInt(bytes, at, offsetSize);
      at += offsetSize;
      const length = readUInt(bytes, at, lengthSize);
      at += lengthSize;
      extents.push({ method, offset: base + offset, length });
    }
    if (at > iloc.end) throw new StripFailure("HEIF");
    if (ids.has(id)) found.set(id, extents);
  }
  return found;
}

/** A valid Exif payload that says nothing: offset 0, a big-endian TIFF header and an empty IFD. */
const EMPTY_EXIF = [0, 0, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0];

export function stripHeic(bytes: Uint8Array): StripResult {
  const meta = [...boxes(bytes, 0, bytes.length)].find((box) => box.type === "meta");
  if (!meta) return { bytes, changed: false };
  // `meta` is a full box: version and flags come before its children.
  const children = [...boxes(bytes, meta.payload + 4, meta.end)];
  const iinf = children.find((box) => box.type === "iinf");
  if (!iinf) return { bytes, changed: false };
  const ids = metadataItems(bytes, iinf);
  if (ids.size === 0) return { bytes, changed: false };
  const iloc = children.find((box) => box.type === "iloc");
  if (!iloc) throw new StripFailure("HEIF");
  const located = itemExtents(bytes, iloc, ids);
  const idat = children.find((box) => box.type === "idat");
  const out = new Uint8Array(bytes);
  let changed = false;
  for (const [id, kind] of ids) {
    const extents = located.get(id);
    if (!extents) throw new StripFailure("HEIF");
    let written = 0;
    for (const extent of extents) {
      // 0: offsets in the file; 1: offsets in `idat`; 2 (item references) is not followed.
      const origin = extent.method === 0 ? 0 : extent.method === 1 && idat ? idat.payload : -1;
      const limit = extent.method === 0 ? out.length : (idat?.end ?? 0);
      const start = origin + extent.offset;
      // A length of 0 means "to the end of the file" (or of `idat`).
      const end = extent.length === 0 ? limit : start + extent.length;
      if (origin < 0 || start < origin || end > limit) throw new StripFailure("HEIF");
      for (let i = start; i < end; i++) {
        // Exif: the first 18 bytes across the extents form an empty block; the rest is zeroed.
        if (kind === "xmp") out[i] = 0x20;
        else out[i] = written < EMPTY_EXIF.length ? EMPTY_EXIF[written]! : 0;
        written++;
      }
    }
    changed = true;
  }
  return { bytes: out, changed };
}
