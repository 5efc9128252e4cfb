// Password hashing (Argon2id, THREAT-MODEL parameters) and the password policy.
import { randomBytes } from "node:crypto";
import { lazyRequire } from "../../utils/lazy-require.server";
import { hash, verify } from "@node-rs/argon2";
import { isTriviallyRepeated } from "./schema";

/** OWASP's Argon2id minimum: m=19 MiB, t=2, p=1, 16-byte salt. */
const ARGON2ID = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot import)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// Passwords people here pick that the English-centric list misses.
const LOCAL_COMMON = [
  "demo-password",
  "йцукенгш",
  "йцукенгшщз",
  "пароль123",
  "парольпароль",
  "qwertyuiop",
  "kazakhstan",
  "казахстан",
  "қазақстан",
  "astana2024",
  "almaty2024",
  "12345678910",
];

/**
 * Built the first time a password is checked, not when the server starts: the dictionary is
 * most of what it would otherwise load before its first page, and few requests set a password.
 */
let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  if (!commonPasswords) {
    const { dictionary } = lazyRequire("@zxcvbn-ts/language-common") as {
      dictionary: Record<string, unknown>;
    };
    commonPasswords = new Set(
      [...(dictionary["passwords-common"] as string[]), ...LOCAL_COMMON]
        .filter((p) => p.length >= PASSWORD_MIN_LENGTH)
        .map((p) => p.toLowerCase()),
    );
  }
  return commonPasswords.has(password.toLowerCase());
}

export type PasswordProblem = "tooShort" | "tooLong" | "tooSimple" | "tooCommon";

/** Length 8–128, not whitespace or a repeated pattern, not a common password; no composition rules (ASVS 5.0). */
export function checkPasswordPolicy(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "tooLong";
  if (isTriviallyRepeated(password)) return "tooSimple";
  if (isCommonPassword(password)) return "tooCommon";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), { ...ARGON2ID, salt: randomBytes(16) });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so a missing account is not revealed by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
  return false;
}
