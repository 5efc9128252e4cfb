// The second-factor and duress forms, one zod schema each, shared by the
// browser and the server. No server imports.
import { ROLES } from "~/modules/people/schema";
import { tooLong } from "~/utils/forms";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

/** Six digits from the app, or a recovery code ("abcde-fghij"); the module says which. */
export const codeSchema = z.object({
  code: z
    .string({ error: "validation.required" })
    .check(
      z.trim(),
      z.minLength(1, "validation.required"),
      z.maxLength(32, "secondFactor.malformed"),
    ),
  redirectTo: z.optional(z.string().check(z.maxLength(2000))),
});

const password = z
  .string({ error: "validation.required" })
  .check(z.minLength(1, "validation.required"), z.maxLength(1024, tooLong(1024)));

export const duressSchema = z
  .object({
    currentPassword: password,
    duressPassword: password,
    confirm: z.string({ error: "validation.required" }),
  })
  .check(
    z.refine((v) => v.duressPassword === v.confirm, {
      message: "setPassword.problems.mismatch",
      path: ["confirm"],
    }),
    z.refine((v) => v.duressPassword !== v.currentPassword, {
      message: "duress.sameAsPassword",
      path: ["duressPassword"],
    }),
  );

export const keyNameSchema = z.object({
  name: z
    .string({ error: "validation.required" })
    .check(z.trim(), z.minLength(1, "validation.required"), z.maxLength(60, tooLong(60))),
  response: z
    .string()
    .check(z.minLength(1, "secondFactor.keyFailed"), z.maxLength(20_000, "secondFactor.keyFailed")),
});

export const exemptionSchema = z.object({
  role: z.enum(ROLES, { error: "validation.required" }),
  reason: z
    .string({ error: "validation.required" })
    .check(
      z.trim(),
      z.minLength(10, "secondFactor.reasonRequired"),
      z.maxLength(500, tooLong(500)),
    ),
});
