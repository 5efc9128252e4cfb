// Why someone asks to see the workers' identities (a reveal on the case file, an export "with
// identities"): a reason from a short list and a few words of their own. Shared by the browser
// and the actions (docs/decisions/0034).
import { requiredChoice, requiredLongText, checkbox } from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export const REVEAL_REASONS = [
  "CONTACT_WORKER",
  "LEGAL_FILING",
  "CHECK_DUPLICATE",
  "WORKER_REQUEST",
  "OTHER",
] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

export const REVEAL_EXPLANATION_MAX = 500;

export const revealSchema = z.object({
  reason: requiredChoice(REVEAL_REASONS),
  explanation: requiredLongText(REVEAL_EXPLANATION_MAX),
});
export type RevealInput = z.infer<typeof revealSchema>;

/** The case list's export: identities only when asked for, with a reason. */
export const exportIdentitiesSchema = z.object({
  identities: checkbox(),
});
