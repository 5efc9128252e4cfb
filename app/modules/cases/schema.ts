// Forms on the case file, shared by the browser and the actions.
import { checkbox, requiredChoice, requiredInt, requiredLongText } from "~/utils/schema-primitives";
import { optionalLongText } from "~/utils/schema-primitives";
import { z } from "~/utils/zod-config";
import { STATUSES } from "./status";

export const NOTE_MAX = 20_000;
const version = requiredInt(1, 2_000_000_000);

export const statusChangeSchema = z.object({
  to: requiredChoice(STATUSES),
  reason: optionalLongText(2000),
  version,
});

export const noteSchema = z.object({
  body: requiredLongText(NOTE_MAX),
  legal: checkbox(),
});

export const withdrawNoteSchema = z.object({
  noteId: z.string().regex(/^[a-z0-9]{20,32}$/, "validation.invalid"),
  reason: requiredLongText(2000),
});
