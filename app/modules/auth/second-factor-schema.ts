// The second-factor and duress forms, one zod schema each, shared by the
// browser and the server. No server imports.
import { ROLES } from "~/modules/people/schema";
import { tooLong } from "~/utils/forms";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import { z } from "zod";

/** Six digits from the app, or a recovery code ("abcde-fghij"); the module says which. */
export const codeSchema = z.object({
  code: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(32, "secondFactor.malformed"),
  redirectTo: z.string().max(2000).optional(),
});

export const duressSchema = z
  .object({
    currentPassword: z
      .string({ error: "validation.required" })
      .min(1, "validation.required")
      .max(1024, tooLong(1024)),
    duressPassword: z
      .string({ error: "validation.required" })
      .min(1, "validation.required")
      .max(1024, tooLong(1024)),
    confirm: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.duressPassword === v.confirm, {
    message: "setPassword.problems.mismatch",
    path: ["confirm"],
  })
  .refine((v) => v.duressPassword !== v.currentPassword, {
    message: "duress.sameAsPassword",
    path: ["duressPassword"],
  });

export const keyNameSchema = z.object({
  name: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(60, tooLong(60)),
  response: z.string().min(1, "secondFactor.keyFailed").max(20_000, "secondFactor.keyFailed"),
});

export const exemptionSchema = z.object({
  role: z.enum(ROLES, { error: "validation.required" }),
  reason: z
    .string({ error: "validation.required" })
    .trim()
    .min(10, "secondFactor.reasonRequired")
    .max(500, tooLong(500)),
});
