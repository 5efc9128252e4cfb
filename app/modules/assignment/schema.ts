// Forms of assignment: one person onto a case, one off it, and moving a
// person's open cases to others. Shared by the browser and the actions.
import type { AssignmentRole } from "~/generated/prisma/sqlite/enums";
import { requiredChoice, requiredInt, requiredLongText } from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";

export const ASSIGNMENT_ROLES = [
  "LEAD_LAWYER",
  "SUPPORTING_LAWYER",
  "FIELD_ORGANIZER",
] as const satisfies readonly AssignmentRole[];

const userId = z.string().check(z.regex(/^[a-z0-9]{20,32}$/, "validation.required"));
const version = requiredInt(1, 2_000_000_000);

export const assignSchema = z.object({
  userId,
  role: requiredChoice(ASSIGNMENT_ROLES),
  version,
});

export const unassignSchema = z.object({
  userId,
  reason: requiredLongText(2000),
  version,
});

export const reassignSchema = z.object({
  fromUserId: userId,
  toUserId: userId,
  reason: requiredLongText(2000),
  version,
});

export const bulkReassignSchema = z.object({
  fromUserId: userId,
  /** Empty: every open case of the person. */
  references: z
    .array(z.string().check(z.regex(/^KZ-\d{4}-\d{6}$/, "validation.invalid")))
    .check(z.maxLength(5000)),
  toUserIds: z
    .array(userId)
    .check(z.minLength(1, "assignment.errors.chooseTargets"), z.maxLength(50)),
  reason: requiredLongText(2000),
});
