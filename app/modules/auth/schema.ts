import { z } from "~/utils/zod-config";
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
