// Forms of the retention rule, legal holds and a worker's request to be
// forgotten, shared by the browser and the actions.
import { requiredInt, requiredLongText } from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export const RETENTION_CATEGORIES = ["IDENTITIES", "TEXTS", "DOCUMENTS"] as const;
export type RetentionCategoryName = (typeof RETENTION_CATEGORIES)[number];

export const DEFAULT_RETENTION_MONTHS = 24;
/** The lead lawyer and the region's coordinators hear this many days before. */
export const RETENTION_NOTICE_DAYS = 30;
export const RETENTION_MONTHS_MIN = 1;
export const RETENTION_MONTHS_MAX = 600;

const months = requiredInt(RETENTION_MONTHS_MIN, RETENTION_MONTHS_MAX);

/** Months after closing, per category: a whole number from 1 to 600 (50 years). */
export const retentionRulesSchema = z.object({
  IDENTITIES: months,
  TEXTS: months,
  DOCUMENTS: months,
});

export const REASON_MAX = 2000;

export const legalHoldSchema = z.object({ reason: requiredLongText(REASON_MAX) });

export const releaseHoldSchema = z.object({
  holdId: z.string().check(z.regex(/^[a-z0-9]{20,32}$/, "validation.invalid")),
  reason: requiredLongText(REASON_MAX),
});

export const forgetWorkerSchema = z.object({ reason: requiredLongText(REASON_MAX) });
