import { describe, expect, it } from "vitest";
import {
  checkPasswordPolicy,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from "./password.server";

const PASSPHRASE = "orange tractor sings at the Caspian dawn";

describe("password policy", () => {
  it("refuses a password shorter than 8 characters", () => {
    expect(checkPasswordPolicy("")).toBe("tooShort");
    expect(checkPasswordPolicy("x7#kQ2!")).toBe("tooShort");
    expect(checkPasswordPolicy("x7#kQ2!m")).toBeNull();
  });

  it("counts characters, not UTF-16 units, so seven emoji are still too short", () => {
    // Each emoji is two UTF-16 code units: 14 units, 7 characters.
    expect(checkPasswordPolicy("🔒".repeat(7))).toBe("tooShort");
  });

  it("refuses a password longer than 128 characters", () => {
    expect(checkPasswordPolicy("Kx7#mQ2!".repeat(16))).toBeNull();
    expect(checkPasswordPolicy("Kx7#mQ2!".repeat(16) + "z")).toBe("tooLong");
  });

  it("accepts 128 characters that take more than 128 UTF-16 units", () => {
    const emoji = (n: number) =>
      Array.from({ length: n }, (_, i) => String.fromCodePoint(0x1f600 + i)).join("");
    expect(checkPasswordPolicy(emoji(128))).toBeNull();
    expect(checkPasswordPolicy(emoji(129))).toBe("tooLong");
  });

  it("refuses whitespace-only and trivially repeated passwords", () => {
    for (const password of [
      "        ",
      " \t \u00a0    ",
      "aaaaaaaa",
      "AAAAaaaa",
      "abababab",
      "12121212",
      "abcabcab",
      "abcdabcdabcd",
      "zzzzzzzzzzzzzzzzzzzzzzzzzzzz",
      "ааааааааа",
      "aaaaaaab",
    ]) {
      expect(checkPasswordPolicy(password), JSON.stringify(password)).toBe("tooSimple");
    }
    expect(checkPasswordPolicy("correct horse battery")).toBeNull();
    expect(checkPasswordPolicy("abcdeabcde")).toBeNull(); // a 5-character unit is no longer trivial
  });

  it("refuses a password from the common-password list", () => {
    expect(checkPasswordPolicy("password")).toBe("tooCommon");
    expect(checkPasswordPolicy("12345678")).toBe("tooCommon");
    expect(checkPasswordPolicy("trustno1")).toBe("tooCommon");
  });

  it("refuses a common password whatever its capitalisation", () => {
    expect(checkPasswordPolicy("PassWord")).toBe("tooCommon");
    expect(checkPasswordPolicy("QWERTYUIOP")).toBe("tooCommon");
  });

  it("refuses the passwords people here pick that the English list misses, in Cyrillic too", () => {
    expect(checkPasswordPolicy("йцукенгш")).toBe("tooCommon");
    expect(checkPasswordPolicy("Пароль123")).toBe("tooCommon");
    expect(checkPasswordPolicy("ҚАЗАҚСТАН")).toBe("tooCommon");
    expect(checkPasswordPolicy("Astana2024")).toBe("tooCommon");
  });

  it("accepts a long passphrase without any composition rules", () => {
    expect(checkPasswordPolicy(PASSPHRASE)).toBeNull();
    expect(checkPasswordPolicy("все рабочие имеют право на защиту")).toBeNull();
  });
});

describe("password hashing", () => {
  it("stores passwords as Argon2id with m=19456, t=2, p=1 and a 16-byte salt", async () => {
    const stored = await hashPassword(PASSPHRASE);
    const [, algorithm, version, params, salt, digest] = stored.split("$");
    expect(algorithm).toBe("argon2id");
    expect(version).toBe("v=19");
    expect(params).toBe("m=19456,t=2,p=1");
    expect(Buffer.from(salt!, "base64").length).toBe(16);
    expect(Buffer.from(digest!, "base64").length).toBe(32);
    expect(stored).not.toContain(PASSPHRASE);
  });

  it("gives the same password a different hash each time (random salt)", async () => {
    const [first, second] = await Promise.all([hashPassword(PASSPHRASE), hashPassword(PASSPHRASE)]);
    expect(first).not.toBe(second);
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword(PASSPHRASE);
    expect(await verifyPassword(stored, PASSPHRASE)).toBe(true);
    expect(await verifyPassword(stored, PASSPHRASE + " ")).toBe(false);
    expect(await verifyPassword(stored, PASSPHRASE.toUpperCase())).toBe(false);
  });

  it("accepts the same password typed with a different Unicode composition", async () => {
    const composed = "Қайрат café 2024".normalize("NFC");
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const stored = await hashPassword(decomposed);
    expect(await verifyPassword(stored, composed)).toBe(true);
  });

  it("treats a damaged stored hash as a wrong password instead of crashing the login", async () => {
    const stored = await hashPassword(PASSPHRASE);
    for (const damaged of [
      "",
      "not-a-hash",
      "$argon2id$v=19$m=19456,t=2,p=1$short",
      stored.slice(0, -10),
      `$bcrypt${stored}`,
    ]) {
      await expect(verifyPassword(damaged, PASSPHRASE)).resolves.toBe(false);
    }
  });

  it("answers a login for a missing account with a refusal, after a real hash check", async () => {
    await expect(verifyAgainstDummy(PASSPHRASE)).resolves.toBe(false);
  });
});
