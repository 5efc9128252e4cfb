// A case's verification level, which lawyers and coordinators set and the
// monitoring reports count by: reported by the worker, corroborated by
// documents or witnesses, or verified by a lawyer. One transaction with its
// audit entry; a case outside the caller's reach is not found.
import { prisma } from "~/db.server";
import type { Verification } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { caseScope } from "~/modules/cases/access.server";
import { DomainError } from "~/utils/domain-error";
import { VERIFICATION_LEVELS } from "./filters";

export async function verificationOf(caller: Caller, reference: string) {
  if (caller.role !== "LAWYER" && caller.role !== "COORDINATOR") throw DomainError.forbidden();
  const found = await prisma.case.findFirst({
    where: { AND: [{ reference }, caseScope(caller)] },
    select: { id: true, reference: true, verificationLevel: true },
  });
  if (!found) throw DomainError.notFound();
  return found;
}

export async function setVerificationLevel(
  caller: Caller,
  reference: string,
  level: unknown,
  context: RequestContext,
): Promise<void> {
  const found = await verificationOf(caller, reference);
  if (typeof level !== "string" || !(VERIFICATION_LEVELS as readonly string[]).includes(level)) {
    throw DomainError.invalidField("level", "reports.errors.unknown.level");
  }
  if (found.verificationLevel === level) return;
  await prisma.$transaction(async (tx) => {
    await tx.case.update({
      where: { id: found.id },
      data: { verificationLevel: level as Verification },
    });
    await appendAudit(tx, {
      action: "case.verification_set",
      actorId: caller.id,
      targetType: "case",
      targetId: found.id,
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
      details: { from: found.verificationLevel, to: level },
    });
  });
}
