// Location metadata leaves photos before they are stored, and the pictures
// stay structurally intact: JPEG markers in order, PNG chunk CRCs valid,
// HEIC boxes and offsets unchanged.
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  GPS_MARKER,
  HEIC_PICTURE,
  JPEG_SCAN,
  heicWithExif,
  jpegMarkers,
  jpegWithMetadata,
  pngChunks,
  pngWithMetadata,
} from "../../../tests/fixtures/documents";
import { StripFailure, stripMetadata } from "./strip-metadata";

const contains = (bytes: Uint8Array, value: string) =>
  Buffer.from(bytes).includes(Buffer.from(value, "latin1"));

describe("JPEG", () => {
  it("drops Exif (with GPS), XMP, comments and trailing images, keeping JFIF, ICC and the picture", () => {
    const original = jpegWithMetadata();
    expect(contains(original, GPS_MARKER)).toBe(true);
    const { bytes, changed } = stripMetadata("jpeg", original);
    expect(changed).toBe(true);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(contains(bytes, "Exif")).toBe(false);
    expect(contains(bytes, "ICC_PROFILE")).toBe(true);
    expect(contains(bytes, "JFIF")).toBe(true);
    // SOI, APP0, APP2, DQT, SOF0, DHT, SOS … EOI, and nothing after it.
    expect(jpegMarkers(bytes)).toEqual([0xd8, 0xe0, 0xe2, 0xdb, 0xc0, 0xc4, 0xda, 0xd9]);
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(Buffer.from(bytes).includes(Buffer.from(JPEG_SCAN))).toBe(true);
  });

  it("leaves a JPEG without metadata byte for byte as it was", () => {
    const once = stripMetadata("jpeg", jpegWithMetadata()).bytes;
    const twice = stripMetadata("jpeg", once);
    expect(twice.changed).toBe(false);
    expect(Buffer.from(twice.bytes).equals(Buffer.from(once))).toBe(true);
  });

  it("refuses a truncated JPEG rather than storing it with its metadata", () => {
    const truncated = jpegWithMetadata().subarray(0, 30);
    expect(() => stripMetadata("jpeg", truncated)).toThrow(StripFailure);
  });
});

describe("PNG", () => {
  it("drops eXIf, tEXt, iTXt, zTXt and tIME, and every remaining chunk's CRC is valid", () => {
    const original = pngWithMetadata();
    const { bytes, changed } = stripMetadata("png", original);
    expect(changed).toBe(true);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    const chunks = pngChunks(bytes);
    expect(chunks.map((chunk) => chunk.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(chunks.every((chunk) => chunk.crcValid)).toBe(true);
    // The pixels still inflate to the same two rows.
    const idat = chunks.find((chunk) => chunk.type === "IDAT")!;
    expect([...inflateSync(idat.data)]).toEqual([
      0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255,
    ]);
  });

  it("refuses a PNG cut off before its end", () => {
    const original = pngWithMetadata();
    expect(() => stripMetadata("png", original.subarray(0, original.length - 20))).toThrow(
      StripFailure,
    );
  });
});

describe("HEIC", () => {
  it("blanks the Exif item in place: same length, same boxes, picture untouched, no GPS", () => {
    const original = heicWithExif();
    const { bytes, changed } = stripMetadata("heic", original);
    expect(changed).toBe(true);
    expect(bytes.length).toBe(original.length);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(contains(bytes, "hvc1-coded-picture-bytes")).toBe(true);
    // Everything before mdat's payload (ftyp, meta and its iloc offsets) is unchanged.
    const pictureAt = Buffer.from(original).indexOf(Buffer.from(HEIC_PICTURE));
    expect(
      Buffer.from(bytes.subarray(0, pictureAt)).equals(
        Buffer.from(original.subarray(0, pictureAt)),
      ),
    ).toBe(true);
    // The Exif item now holds an empty, valid Exif block: offset 0, "MM\0*", IFD at 8, no entries.
    const exifAt = pictureAt + HEIC_PICTURE.length;
    expect([...bytes.subarray(exifAt, exifAt + 18)]).toEqual([
      0, 0, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it("blanks an Exif item kept inside the meta box (iloc construction method 1, idat)", () => {
    const original = heicWithExif({ exifInIdat: true });
    expect(contains(original, GPS_MARKER)).toBe(true);
    const { bytes, changed } = stripMetadata("heic", original);
    expect(changed).toBe(true);
    expect(bytes.length).toBe(original.length);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(contains(bytes, "hvc1-coded-picture-bytes")).toBe(true);
    const idatAt = Buffer.from(bytes).indexOf(Buffer.from("idat", "latin1")) + 4;
    expect([...bytes.subarray(idatAt, idatAt + 8)]).toEqual([0, 0, 0, 0, 0x4d, 0x4d, 0, 0x2a]);
  });

  it("refuses a HEIC cut off before the end of its data", () => {
    const original = heicWithExif();
    expect(() => stripMetadata("heic", original.subarray(0, original.length - 10))).toThrow(
      StripFailure,
    );
  });
});
