// Forms of account administration and of a person's own settings. Shared by
// the browser (react-hook-form) and the actions; the server also checks the
// common-password list, which is too large to send to the browser.
import type { Role } from "~/generated/prisma/sqlite/enums";
import { isTriviallyRepeated } from "~/modules/auth/schema";
import { REGIONS } from "~/modules/regions/regions";
import { tooLong } from "~/utils/forms";
import { choices, requiredChoice, requiredText } from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export const ROLES = [
  "ORGANIZER",
  "LAWYER",
  "COORDINATOR",
  "ADMIN",
] as const satisfies readonly Role[];

// Mirrors PASSWORD_MIN_LENGTH / PASSWORD_MAX_LENGTH in auth/password.server.ts,
// which this browser-side file cannot import.
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 128;

const codePoints = (value: string) => [...value].length;

const newPassword = z.string({ error: "validation.required" }).check(
  z.minLength(1, "validation.required"),
  z.refine((v) => codePoints(v) >= PASSWORD_MIN, "setPassword.problems.tooShort"),
  z.refine((v) => codePoints(v) <= PASSWORD_MAX, "setPassword.problems.tooLong"),
  z.refine(
    (v) => codePoints(v) < PASSWORD_MIN || !isTriviallyRepeated(v),
    "setPassword.problems.tooSimple",
  ),
);

const accessFields = {
  role: requiredChoice(ROLES),
  regions: choices(REGIONS),
};

/** An admin's new account: the person sets their own password through a link. */
export const inviteSchema = z.object({
  email: z.pipe(
    z
      .string({ error: "validation.required" })
      .check(z.trim(), z.minLength(1, "validation.required"), z.maxLength(254, tooLong(254))),
    z.email("validation.email"),
  ),
  displayName: requiredText(120),
  ...accessFields,
});
export type InviteForm = z.infer<typeof inviteSchema>;

export const accessSchema = z.object(accessFields);
export type AccessForm = z.infer<typeof accessSchema>;

/** A new password typed twice (the set-password link). */
export const setPasswordSchema = z
  .object({ password: newPassword, confirm: z.string({ error: "validation.required" }) })
  .check(
    z.refine((v) => v.password === v.confirm, {
      message: "setPassword.problems.mismatch",
      path: ["confirm"],
    }),
  );

/** Changing one's own password: the current one, then the new one twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "validation.required" })
      .check(z.minLength(1, "validation.required"), z.maxLength(1024, tooLong(1024))),
    newPassword,
    confirm: z.string({ error: "validation.required" }),
  })
  .check(
    z.refine((v) => v.newPassword === v.confirm, {
      message: "setPassword.problems.mismatch",
      path: ["confirm"],
    }),
  );

/** Which session to end: the id as listed (the SHA-256 of its token, never the token). */
export const revokeSessionSchema = z.object({
  sessionId: z.string().check(z.regex(/^[0-9a-f]{64}$/, "validation.invalid")),
});
