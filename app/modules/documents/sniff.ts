// What a file really is, decided from its bytes alone: the name and the type
// the browser sends are never trusted. Only the formats evidence comes in are
// accepted; anything else — HTML, SVG, scripts, executables, archives — is
// refused whatever it is called, because a stored file must never be able to
// run in a browser or on a colleague's computer.

export type DetectedType = {
  mediaType: string;
  /** The extension a download gets, so the file opens with the right program. */
  extension: string;
  /** Which metadata stripper applies (strip-metadata.ts). */
  image: "jpeg" | "png" | "heic" | null;
};

export type SniffResult =
  { ok: true; type: DetectedType } | { ok: false; reason: "empty" | "unsupported" };

const PDF: DetectedType = { mediaType: "application/pdf", extension: "pdf", image: null };
const JPEG: DetectedType = { mediaType: "image/jpeg", extension: "jpg", image: "jpeg" };
const PNG: DetectedType = { mediaType: "image/png", extension: "png", image: "png" };
const HEIC: DetectedType = { mediaType: "image/heic", extension: "heic", image: "heic" };
const HEIF: DetectedType = { mediaType: "image/heif", extension: "heif", image: "heic" };
const DOCX: DetectedType = {
  mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  extension: "docx",
  image: null,
};
const ODT_MEDIA_TYPE = "application/vnd.oasis.opendocument.text";
const ODT: DetectedType = { mediaType: ODT_MEDIA_TYPE, extension: "odt", image: null };
const TXT: DetectedType = { mediaType: "text/plain; charset=utf-8", extension: "txt", image: null };

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

export function sniff(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (ascii(bytes, 0, 5) === "%PDF-") return { ok: true, type: PDF };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: JPEG };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ok: true, type: PNG };
  const heif = heifType(bytes);
  if (heif) return { ok: true, type: heif };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const office = officeType(bytes);
    return office ? { ok: true, type: office } : { ok: false, reason: "unsupported" };
  }
  if (isPlainText(bytes)) return { ok: true, type: TXT };
  return { ok: false, reason: "unsupported" };
}

// ISO base media file format: a leading `ftyp` box whose major or compatible
// brands name HEVC-coded HEIF. `mif1`/`msf1` alone is generic HEIF, but AVIF
// files say `mif1` too, and AVIF is not accepted.
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"]);
const HEIF_BRANDS = new Set(["mif1", "msf1"]);

function heifType(bytes: Uint8Array): DetectedType | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return null;
  const size = readU32BE(bytes, 0);
  if (size < 16 || size > bytes.length || size > 4096 || size % 4 !== 0) return null;
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((brand) => brand === "avif" || brand === "avis")) return null;
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return HEIC;
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return HEIF;
  return null;
}

/**
 * DOCX: a ZIP with `[Content_Types].xml` and the `word/` part (and no macros:
 * a `.docm` renamed to `.docx` carries `word/vbaProject.bin`).
 * ODT: a ZIP whose first entry is an uncompressed `mimetype` saying so.
 */
function officeType(bytes: Uint8Array): DetectedType | null {
  const first = firstLocalEntry(bytes);
  if (first?.name === "mimetype" && first.method === 0) {
    return first.content === ODT_MEDIA_TYPE ? ODT : null;
  }
  const names = zipEntryNames(bytes);
  if (!names) return null;
  if (
    names.includes("[Content_Types].xml") &&
    names.some((name) => name.startsWith("word/")) &&
    !names.some((name) => name.toLowerCase() === "word/vbaproject.bin")
  ) {
    return DOCX;
  }
  return null;
}

function firstLocalEntry(bytes: Uint8Array) {
  if (bytes.length < 30) return null;
  const method = readU16(bytes, 8);
  const compressedSize = readU32(bytes, 18);
  const nameLength = readU16(bytes, 26);
  const extraLength = readU16(bytes, 28);
  const dataStart = 30 + nameLength + extraLength;
  if (dataStart + compressedSize > bytes.length) return null;
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
  const content = ascii(bytes, dataStart, dataStart + Math.min(compressedSize, 100));
  return { name, method, content };
}

/** Names from the ZIP's central directory, or null when it cannot be read. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const minEnd = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= minEnd; at--) {
    if (readU32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = readU16(bytes, end + 10);
  let at = readU32(bytes, end + 16);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || readU32(bytes, at) !== 0x02014b50) return null;
    const nameLength = readU16(bytes, at + 28);
    const extraLength = readU16(bytes, at + 30);
    const commentLength = readU16(bytes, at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// Markup and script openings that a browser or a shell would act on: such a
// "text" file is refused, because it is only plain text by its name.
const ACTIVE_CONTENT =
  /<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|form|img|a\s|\?xml|xsl)|^\s*#!/i;

/**
 * Plain text: valid UTF-8 (a leading BOM allowed), no NUL or control bytes
 * other than tab, CR and LF, and nothing that opens as markup or a script.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  const body = text.trimStart();
  if (body.startsWith("<")) return false;
  return !ACTIVE_CONTENT.test(text);
}

/** Little-endian, as in ZIP. */
export function readU16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)) >>> 0;
}

export function readU32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) +
    (bytes[at + 3] ?? 0) * 0x1000000
  );
}

/** Big-endian, as in ISO-BMFF, PNG and JPEG. */
export function readU32BE(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] ?? 0) * 0x1000000 +
    (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))
  );
}
