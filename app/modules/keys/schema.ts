// The /unseal forms, shared by browser and server (no server imports).
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export const unsealShareSchema = z.object({
  share: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "keys.unseal.shareRequired"),
      z.maxLength(200, "keys.unseal.refused.malformed"),
    ),
});
export type UnsealShareInput = z.infer<typeof unsealShareSchema>;
