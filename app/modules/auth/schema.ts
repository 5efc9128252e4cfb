// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import { z } from "zod";
import { tooLong } from "~/utils/forms";

export const loginSchema = z.object({
  email: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(254, tooLong(254))
    .pipe(z.email("validation.email")),
  password: z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(1024, tooLong(1024)),
  redirectTo: z.string().max(2000).optional(),
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
