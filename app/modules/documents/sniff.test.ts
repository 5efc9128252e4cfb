// Type by content: every accepted format is recognised from its bytes, and
// anything else is refused whatever its name would say.
import { describe, expect, it } from "vitest";
import {
  docxFile,
  heicWithExif,
  jpegWithMetadata,
  odtFile,
  pdfFile,
  pngWithMetadata,
  zipFile,
} from "../../../tests/fixtures/documents";
import { sniff } from "./sniff";

const utf8 = (value: string) => new Uint8Array(Buffer.from(value, "utf8"));

describe("sniff", () => {
  it.each([
    ["a PDF", pdfFile(), "application/pdf"],
    ["a JPEG", jpegWithMetadata(), "image/jpeg"],
    ["a PNG", pngWithMetadata(), "image/png"],
    ["a HEIC", heicWithExif(), "image/heic"],
    [
      "a DOCX",
      docxFile(),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    ["an ODT", odtFile(), "application/vnd.oasis.opendocument.text"],
    [
      "UTF-8 text in Kazakh and Russian",
      utf8("Жалақы 3 ай төленбеді.\r\nЗарплата не выплачена.\tИтого: 540 000 ₸\n"),
      "text/plain; charset=utf-8",
    ],
  ])("recognises %s by its content", (_name, bytes, mediaType) => {
    const result = sniff(bytes);
    expect(result).toMatchObject({ ok: true, type: { mediaType } });
  });

  it.each([
    [
      "an HTML page (whatever it is called)",
      utf8("<!DOCTYPE html><html><script>alert(1)</script>"),
    ],
    ["HTML after blank lines", utf8("\n\n  <html><body>pay slip</body></html>")],
    ["HTML further into a text", utf8("Pay slip\n<script src=https://evil.example/x.js></script>")],
    [
      "an SVG",
      utf8('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    ],
    ["a shell script", utf8("#!/bin/sh\nrm -rf ~\n")],
    ["a Windows executable", new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])],
    ["an ELF executable", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00])],
    ["text with a NUL byte", utf8("pay\u0000slip")],
    ["invalid UTF-8", new Uint8Array([0x50, 0x61, 0x79, 0xc3, 0x28])],
    ["a ZIP that is neither DOCX nor ODT", zipFile([["evil.exe", "MZ"]])],
    [
      "a macro-enabled Word file renamed .docx",
      zipFile([
        ["[Content_Types].xml", "<Types/>"],
        ["word/document.xml", "<w:document/>"],
        ["word/vbaProject.bin", "macros"],
      ]),
    ],
    [
      "an OpenDocument spreadsheet",
      zipFile([["mimetype", "application/vnd.oasis.opendocument.spreadsheet"]]),
    ],
    ["an AVIF image", new Uint8Array(Buffer.from("\0\0\0\x18ftypavif\0\0\0\0mif1avif", "latin1"))],
  ])("refuses %s", (_name, bytes) => {
    expect(sniff(bytes)).toEqual({ ok: false, reason: "unsupported" });
  });

  it("refuses an empty file as empty", () => {
    expect(sniff(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
  });
});
