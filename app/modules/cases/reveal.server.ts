// Reveal: the workers' names, IIN, phones and addresses of one case, for 15 minutes, in one
// session, after a second factor checked within 10 minutes and a stated reason. On the record:
// an audit entry with the reason (never the names) that "who viewed this file" shows
// (docs/decisions/0034). The person's own words are sealed with the case key (0034's addendum).
import { prisma } from "~/db.server";
import { instant, readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { appendAudit } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { hasRecentSecondFactor } from "~/modules/auth/second-factor.server";
import type { ActiveSession } from "~/modules/auth/session.server";
import { newRowId, sealerForCase } from "~/modules/keys/case-fields.server";
import { DomainError } from "~/utils/domain-error";
import { requireCaseAccess } from "./access.server";
import type { RevealInput } from "./reveal.schema";
import { REVEAL_WORDS_TABLE } from "./views.server";

export const REVEAL_MS = 15 * 60_000;
export const REVEAL_ACTION = "case.identities_revealed";

type RevealSession = Pick<ActiveSession, "id" | "secondFactorAt">;

/** Opens the identities of a case the caller reaches, for this session, until 15 minutes from now. */
export async function revealIdentities(
  caller: Caller,
  session: RevealSession,
  reference: string,
  input: RevealInput,
  context: RequestContext = {},
  now = new Date(),
): Promise<{ expiresAt: Date }> {
  const found = await requireCaseAccess(caller, reference);
  // The route sends the person to /step-up first; this is the rule itself.
  if (!hasRecentSecondFactor(session, now.getTime()))
    throw DomainError.forbidden("secondFactor.stepUpNeeded");
  const expiresAt = new Date(now.getTime() + REVEAL_MS);
  await prisma.$transaction(async (tx) => {
    // The words can name a person or a place: sealed with the case key, bound to an id kept
    // beside them. A sealed server refuses here (423): it could not show the names either.
    const sealer = await sealerForCase(tx, found.id);
    const wordsId = newRowId();
    const { explanation } = sealer.seal(REVEAL_WORDS_TABLE, wordsId, {
      explanation: input.explanation,
    });
    const reveal = {
      userId: caller.id,
      reason: input.reason,
      expiresAt,
      createdAt: now,
    };
    await tx.identityReveal.upsert({
      where: { sessionId_caseId: { sessionId: session.id, caseId: found.id } },
      create: { sessionId: session.id, caseId: found.id, ...reveal },
      update: reveal,
    });
    await appendAudit(tx, {
      action: REVEAL_ACTION,
      actorId: caller.id,
      targetType: "case",
      targetId: found.reference,
      details: { reason: input.reason, wordsId, explanation },
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
    });
  });
  return { expiresAt };
}

/** Until when this session sees the case's identities; null when it does not (never, or expired). */
export async function revealedUntil(
  sessionId: string,
  caseId: string,
  now = new Date(),
): Promise<Date | null> {
  // Asked on every view of the case file: through the driver (docs/decisions/0053).
  const [reveal] = await readRows(Prisma.sql`
    SELECT "expiresAt" FROM "IdentityReveal"
    WHERE "sessionId" = ${sessionId} AND "caseId" = ${caseId}`);
  if (!reveal) return null;
  const expiresAt = instant(reveal.expiresAt);
  return expiresAt.getTime() > now.getTime() ? expiresAt : null;
}

/** Out of scope is a 404 before anything else (the step-up redirect included). */
export async function requireRevealableCase(caller: Caller, reference: string): Promise<void> {
  await requireCaseAccess(caller, reference);
}

/** Ends a reveal before its time ("hide names again"). */
export async function hideIdentities(caller: Caller, sessionId: string, reference: string) {
  const found = await requireCaseAccess(caller, reference);
  await prisma.identityReveal.deleteMany({ where: { sessionId, caseId: found.id } });
}

/**
 * Whether this session's reveal of the case is in force (the worker form needs one: it shows the
 * identity). A worker who is not on this case is a 404 first, reveal or not.
 */
export async function isRevealed(
  caller: Caller,
  sessionId: string | null | undefined,
  reference: string,
  workerId?: string,
): Promise<boolean> {
  const found = await requireCaseAccess(caller, reference);
  if (workerId !== undefined) {
    const worker = await prisma.affectedWorker.findFirst({
      where: { id: workerId, caseId: found.id },
      select: { id: true },
    });
    if (!worker) throw DomainError.notFound();
  }
  return sessionId ? (await revealedUntil(sessionId, found.id)) !== null : false;
}
