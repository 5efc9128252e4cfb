// How a case ended: recorded by lawyers and coordinators, possibly several
// outcomes per case, with exact amounts. Totals feed the caseload dashboard.
import { DomainError } from "~/utils/domain-error";
import { prisma } from "~/db.server";
import type { OutcomeKind } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { requireCaseAccess } from "./access.server";
import { recordCaseEvent, seesLegalMaterial } from "./timeline.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

export type OutcomeInput = {
  kind: OutcomeKind;
  amountMinor?: number;
  currency: string;
  people?: number;
  date: string;
  note?: string;
};

export async function recordOutcome(
  caller: Caller,
  reference: string,
  outcome: OutcomeInput,
  request: RequestContext = {},
) {
  const { id: caseId } = await requireCaseAccess(caller, reference);
  // Legal action and its results are the lawyers' and coordinators' to record.
  if (!seesLegalMaterial(caller))
    throw DomainError.forbidden("caseFile.outcomes.notAllowed", "form");
  const amount = outcome.amountMinor === undefined ? null : BigInt(outcome.amountMinor);
  return prisma.$transaction(async (tx) => {
    const created = await tx.caseOutcome.create({
      data: {
        caseId,
        kind: outcome.kind,
        amountMinor: amount,
        currency: amount === null ? null : outcome.currency,
        people: outcome.people ?? null,
        date: new Date(`${outcome.date}T00:00:00.000Z`),
        note: outcome.note ?? null,
        recordedById: caller.id,
      },
      select: { id: true },
    });
    const summary = {
      kind: outcome.kind,
      amountMinor: outcome.amountMinor ?? null,
      currency: amount === null ? null : outcome.currency,
      people: outcome.people ?? null,
      date: outcome.date,
    };
    await recordCaseEvent(tx, {
      caseId,
      actorId: caller.id,
      kind: "OUTCOME_RECORDED",
      details: summary,
    });
    await appendAudit(tx, {
      action: "case.outcome_recorded",
      actorId: caller.id,
      targetType: "case",
      targetId: reference,
      details: { outcomeId: created.id, kind: outcome.kind },
      ...request,
    });
    return created;
  });
}

export async function listOutcomes(caseId: string) {
  const outcomes = await prisma.caseOutcome.findMany({
    where: { caseId },
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      kind: true,
      amountMinor: true,
      currency: true,
      people: true,
      date: true,
      note: true,
      recordedBy: { select: { displayName: true } },
    },
  });
  // Minor units stay exact as numbers up to 2^53 (90 trillion tenge); amounts are capped far below.
  return outcomes.map(({ amountMinor, ...outcome }) => ({
    ...outcome,
    amountMinor: amountMinor === null ? null : Number(amountMinor),
  }));
}
