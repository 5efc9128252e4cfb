// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";
import { tooLong } from "~/utils/forms";

export const loginSchema = z.object({
  email: z.pipe(
    z
      .string({ error: "validation.required" })
      .check(z.trim(), z.minLength(1, "validation.required"), z.maxLength(254, tooLong(254))),
    z.email("validation.email"),
  ),
  password: z
    .string({ error: "validation.required" })
    .check(z.minLength(1, "validation.required"), z.maxLength(1024, tooLong(1024))),
  redirectTo: z.optional(z.string().check(z.maxLength(2000))),
});

export type LoginForm = z.infer<typeof loginSchema>;

/**
 * A password that is only whitespace, one or two characters over and over, or
 * a short pattern repeated ("aaaaaaaa", "abababab", "12121212", "abcabcab"):
 * long enough to pass the length rule, and among the first things guessed.
 * Shared by the browser's forms and the server's policy.
 */
export function isTriviallyRepeated(password: string): boolean {
  const chars = [...password.normalize("NFC").toLowerCase()];
  if (chars.every((c) => /\s/.test(c))) return true;
  if (new Set(chars).size < 3) return true;
  for (let period = 1; period <= 4 && period < chars.length; period += 1) {
    if (chars.every((c, i) => c === chars[i % period])) return true;
  }
  return false;
}
