import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  caseKeyFrom,
  deriveKey,
  fieldKeyVersion,
  openField,
  openOptionalField,
  sealField,
  sealOptionalField,
  unwrapCaseKey,
  wrapCaseKey,
  type FieldRef,
} from "./envelope.server";

const newCaseKey = (caseId = "case-1", version = 1) =>
  caseKeyFrom(caseId, version, randomBytes(32));
const nameOf = (rowId: string): FieldRef => ({
  table: "WorkerIdentity",
  column: "fullName",
  rowId,
});

describe("sealed fields", () => {
  it("open to the text that was sealed, in any script", () => {
    const key = newCaseKey();
    const text = "Әлия Серікқызы — «уволена» 12.03";
    const sealed = sealField(key, nameOf("w1"), text);
    expect(sealed).toMatch(/^enc:v1:1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("Әлия");
    expect(openField(key, nameOf("w1"), sealed)).toEqual({ ok: true, value: text });
    expect(fieldKeyVersion(sealed)).toBe(1);
  });

  it("keep null apart from an empty text", () => {
    const key = newCaseKey();
    expect(sealOptionalField(key, nameOf("w1"), null)).toBeNull();
    expect(openOptionalField(key, nameOf("w1"), null)).toBeNull();
    const empty = sealOptionalField(key, nameOf("w1"), "")!;
    expect(openField(key, nameOf("w1"), empty)).toEqual({ ok: true, value: "" });
  });

  it("cannot be read when swapped between rows, columns, tables or cases", () => {
    const key = newCaseKey("case-1");
    const sealed = sealField(key, nameOf("w1"), "Ivanova");
    const unreadable = { ok: false, reason: "unreadable" };
    expect(openField(key, nameOf("w2"), sealed)).toEqual(unreadable);
    expect(openField(key, { ...nameOf("w1"), column: "address" }, sealed)).toEqual(unreadable);
    expect(openField(key, { ...nameOf("w1"), table: "CaseNote" }, sealed)).toEqual(unreadable);
    // The same key bytes under another case's id: bound to the case too.
    const sameBytesOtherCase = { ...key, caseId: "case-2" };
    expect(openField(sameBytesOtherCase, nameOf("w1"), sealed)).toEqual(unreadable);
  });

  it("cannot be read with another case's key or a version it does not name", () => {
    const sealed = sealField(newCaseKey(), nameOf("w1"), "Ivanova");
    expect(openField(newCaseKey(), nameOf("w1"), sealed)).toEqual({
      ok: false,
      reason: "unreadable",
    });
    const version2 = newCaseKey("case-1", 2);
    expect(openField(version2, nameOf("w1"), sealed)).toEqual({ ok: false, reason: "unreadable" });
  });

  it("opens with the matching version among several keys", () => {
    const old = newCaseKey("case-1", 1);
    const current = newCaseKey("case-1", 2);
    const sealedOld = sealField(old, nameOf("w1"), "old");
    const sealedNew = sealField(current, nameOf("w1"), "new");
    expect(openField([old, current], nameOf("w1"), sealedOld)).toEqual({ ok: true, value: "old" });
    expect(openField([old, current], nameOf("w1"), sealedNew)).toEqual({ ok: true, value: "new" });
  });

  it("detects every flipped bit of the stored value", () => {
    const key = newCaseKey();
    const sealed = sealField(key, nameOf("w1"), "+77011234567");
    const [prefix, body] = [
      sealed.slice(0, sealed.lastIndexOf(":") + 1),
      sealed.slice(sealed.lastIndexOf(":") + 1),
    ];
    const bytes = Buffer.from(body, "base64url");
    for (let bit = 0; bit < bytes.byteLength * 8; bit++) {
      const tampered = Buffer.from(bytes);
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      expect(openField(key, nameOf("w1"), prefix + tampered.toString("base64url")).ok).toBe(false);
    }
    expect(openField(key, nameOf("w1"), sealed).ok).toBe(true);
  });

  it("says a plaintext value is not ciphertext instead of throwing", () => {
    const key = newCaseKey();
    expect(openField(key, nameOf("w1"), "Ivanova")).toEqual({ ok: false, reason: "notCiphertext" });
    expect(openField(key, nameOf("w1"), "enc:v1:1:")).toEqual({
      ok: false,
      reason: "notCiphertext",
    });
    expect(openField(key, nameOf("w1"), "enc:v1:1:AAAA")).toEqual({
      ok: false,
      reason: "unreadable",
    });
  });

  it("never reuses a nonce over many encryptions of the same text", () => {
    const key = newCaseKey();
    const nonces = new Set<string>();
    const count = 20_000;
    for (let i = 0; i < count; i++) {
      const sealed = sealField(key, nameOf("w1"), "same text");
      nonces.add(Buffer.from(sealed.split(":")[3]!, "base64url").subarray(0, 12).toString("hex"));
    }
    expect(nonces.size).toBe(count);
  });
});

describe("case keys wrapped by the master key", () => {
  const wrapping = () => caseKeyFrom("-", 0, randomBytes(32)).key;

  it("unwrap only for their case, version and master version, under the right wrapping key", () => {
    const wrap = wrapping();
    const secret = randomBytes(32);
    const caseKey = caseKeyFrom("case-1", 1, secret);
    const wrapped = wrapCaseKey(wrap, caseKey, secret, 3);
    const where = { caseId: "case-1", version: 1, masterVersion: 3 };
    const opened = unwrapCaseKey(wrap, wrapped, where)!;
    expect(opened.key.export().equals(secret)).toBe(true);
    expect(unwrapCaseKey(wrap, wrapped, { ...where, caseId: "case-2" })).toBeNull();
    expect(unwrapCaseKey(wrap, wrapped, { ...where, masterVersion: 4 })).toBeNull();
    expect(unwrapCaseKey(wrapping(), wrapped, where)).toBeNull();
  });
});

describe("derived keys", () => {
  it("differ by purpose and by installation", () => {
    const master = randomBytes(32);
    const a = deriveKey(master, "install-a", "wrap/case-key");
    expect(deriveKey(master, "install-a", "wrap/case-key").equals(a)).toBe(true);
    expect(deriveKey(master, "install-a", "blind-index/word").equals(a)).toBe(false);
    expect(deriveKey(master, "install-b", "wrap/case-key").equals(a)).toBe(false);
  });
});

describe("whole rows", () => {
  it("seal each column bound to itself, and open them or say why not, without throwing", async () => {
    const { sealColumns, openColumns, unreadableColumns } = await import("./envelope.server");
    const key = newCaseKey();
    const sealed = sealColumns(key, "WorkerIdentity", "w1", {
      fullName: "Ivanova",
      iin: null as string | null,
      phone: "+77011234567" as string | null,
    });
    expect(sealed.iin).toBeNull();
    expect(JSON.stringify(sealed)).not.toContain("Ivanova");
    expect(openColumns([key], "WorkerIdentity", "w1", sealed)).toEqual({
      fullName: { ok: true, value: "Ivanova" },
      iin: null,
      phone: { ok: true, value: "+77011234567" },
    });
    // The phone moved into the name: that one field cannot be read, the rest still can.
    const swapped = { ...sealed, fullName: sealed.phone! };
    const opened = openColumns([key], "WorkerIdentity", "w1", swapped);
    expect(opened.fullName).toEqual({ ok: false, reason: "unreadable" });
    expect(opened.phone).toEqual({ ok: true, value: "+77011234567" });
    expect(unreadableColumns(opened)).toEqual(["fullName"]);
    expect(openColumns({ ok: false, reason: "sealed" }, "WorkerIdentity", "w1", sealed)).toEqual({
      fullName: { ok: false, reason: "sealed" },
      iin: null,
      phone: { ok: false, reason: "sealed" },
    });
  });
});
