import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { foldForSearch } from "~/utils/text";
import {
  blindIin,
  blindPhone,
  blindQuery,
  blindWords,
  isTokenLine,
  searchWords,
} from "./blind-index.server";
import { blindIndexKeysFrom } from "./keyring.server";

const keys = blindIndexKeysFrom(randomBytes(32), "install-a");
const otherInstallation = blindIndexKeysFrom(randomBytes(32), "install-b");

describe("blind indexes", () => {
  it("match the same IIN however it was typed, and differ between IINs", () => {
    expect(blindIin(keys, "900101 300123")).toBe(blindIin(keys, "900101300123"));
    expect(blindIin(keys, "900101300124")).not.toBe(blindIin(keys, "900101300123"));
    expect(blindIin(keys, "")).toBeNull();
  });

  it("match the same phone number in its local and international forms", () => {
    const a = blindPhone(keys, "8 (701) 123-45-67");
    expect(a).not.toBeNull();
    expect(blindPhone(keys, "+7 701 123 45 67")).toBe(a);
    expect(blindPhone(keys, "87011234568")).not.toBe(a);
    expect(blindPhone(keys, "not a phone")).toBeNull();
  });

  it("fold Russian and Kazakh words as the case-list search does (case, ё = е, NFC)", () => {
    expect(searchWords("ЁЛКИНА Алёна")).toEqual(["елкина", "алена"]);
    expect(blindWords(keys, "Фёдоров")).toEqual(blindWords(keys, "ФЕДОРОВ"));
    // Kazakh letters keep their identity: ә is not а, і is not и, ұ is not у.
    expect(blindWords(keys, "ӘЛИЯ Құрманғалиқызы")).toEqual(
      blindWords(keys, "әлия құрманғалиқызы"),
    );
    expect(blindWords(keys, "Әлия")).not.toEqual(blindWords(keys, "Алия"));
    expect(blindWords(keys, "Ірі")).toEqual(blindWords(keys, "ірі"));
    expect(blindWords(keys, "Ірі")).not.toEqual(blindWords(keys, "ири"));
    // "ә" typed as a + combining diaeresis-like sequence: normalised first (NFC).
    expect(blindWords(keys, "Ә".normalize("NFD"))).toEqual(blindWords(keys, "ә"));
    // Latin capitals fold to the ordinary i (no Turkish dotless ı).
    expect(blindWords(keys, "IVANOVA")).toEqual(blindWords(keys, "ivanova"));
  });

  it("index whole words once each: punctuation and hyphens split, order does not matter for a query", () => {
    expect(searchWords("Ким-Ли, Ким; ким!")).toEqual(["ким", "ли"]);
    const stored = new Set(blindWords(keys, "Серік Ахметов уволен без приказа"));
    expect(blindQuery(keys, "ахметов СЕРІК").every((t) => stored.has(t))).toBe(true);
    expect(blindQuery(keys, "ахмет").every((t) => stored.has(t))).toBe(false);
  });

  it("differ per purpose and per installation, and hold no plaintext", () => {
    const word = blindWords(keys, "900101300123")[0];
    expect(word).not.toBe(blindIin(keys, "900101300123"));
    expect(blindIin(otherInstallation, "900101300123")).not.toBe(blindIin(keys, "900101300123"));
    expect(blindWords(keys, "Ivanova").join(" ")).not.toMatch(/ivanova/i);
  });
});

describe("blind search text", () => {
  it("holds one token per distinct word of every part, and a query's tokens are all in it", async () => {
    const { blindSearchText } = await import("./blind-index.server");
    const text = blindSearchText(keys, ["Серік Ахметов", "Ахметова Әлия", "серік"]);
    const tokens = text.split(" ");
    expect(tokens).toHaveLength(4);
    expect(blindQuery(keys, "әлия АХМЕТОВА").every((t) => tokens.includes(t))).toBe(true);
    expect(text).not.toMatch(/ахмет/i);
  });
});

describe("token form", () => {
  it("identifiers are lower-case hex; words are 24 letters A–P that no folded term contains", () => {
    expect(blindIin(keys, "900101300123")).toMatch(/^[0-9a-f]{32}$/);
    const words = blindWords(keys, "Серік Ахметов Әлия");
    for (const t of words) expect(t).toMatch(/^[A-P]{24}$/);
    expect(isTokenLine(words.join(" "))).toBe(true);
    // Whatever a person types is folded to lower case first: it cannot match inside a token.
    for (const typed of ["abc", "ABC", "Ab", "deadbeef", "PANEL"])
      expect(words.some((t) => t.includes(foldForSearch(typed)))).toBe(false);
  });
});
