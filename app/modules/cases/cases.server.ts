// Reading cases: lists and the case summary, always within the caller's scope.
import { prisma } from "~/db.server";
import { openerForCase, openersForCases } from "~/modules/keys/case-fields.server";
import { caseScope } from "./access.server";
import { joinFacts } from "./facts-text";
import type { Caller } from "~/modules/auth/caller";

/** The intakes an organizer took, newest first. */
export async function listIntakesBy(user: Caller, { take = 50, skip = 0 } = {}) {
  const where = { AND: [{ organizerId: user.id }, caseScope(user)] };
  const [total, cases] = await Promise.all([
    prisma.case.count({ where }),
    prisma.case.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take,
      skip,
      select: {
        id: true,
        reference: true,
        category: true,
        status: true,
        urgency: true,
        region: true,
        place: true,
        createdAt: true,
        unnamedWorkerCount: true,
        _count: { select: { workers: true } },
        employers: {
          where: { role: "EMPLOYER" },
          select: { employer: { select: { name: true } } },
        },
      },
    }),
  ]);
  const openers = await openersForCases(cases.map((c) => c.id));
  return {
    total,
    cases: cases.map(({ id, employers, _count, place, ...rest }) => ({
      ...rest,
      place: openers.get(id)!.openOne("Case", "place", id, place),
      employerName: employers[0]?.employer.name ?? null,
      workerCount: _count.workers + rest.unnamedWorkerCount,
    })),
  };
}

/** Everything the intake recorded, for a case whose access was already checked. */
export async function uncheckedCaseSummaryById(id: string) {
  const found = await prisma.case.findUniqueOrThrow({
    where: { id },
    select: {
      reference: true,
      category: true,
      status: true,
      heldFrom: true,
      version: true,
      organizerId: true,
      urgency: true,
      suggestedUrgency: true,
      incidentStart: true,
      incidentEnd: true,
      region: true,
      place: true,
      channel: true,
      account: true,
      facts: true,
      factsText: true,
      unnamedWorkerCount: true,
      createdAt: true,
      organizer: { select: { displayName: true } },
      assignments: {
        orderBy: { assignedAt: "asc" },
        select: { userId: true, role: true, user: { select: { displayName: true } } },
      },
      closedAt: true,
      employers: {
        select: {
          role: true,
          employer: { select: { id: true, name: true, bin: true, sector: true, region: true } },
        },
      },
      workers: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          anonymous: true,
          yearOfBirth: true,
          gender: true,
          citizenship: true,
          occupation: true,
          unionMember: true,
          consentToStore: true,
          consentToContact: true,
          consentToShare: true,
          consentToCiteAnonymously: true,
          identityDestroyedAt: true,
          identity: {
            select: { fullName: true, iin: true, phone: true, address: true, contactNotes: true },
          },
        },
      },
    },
  });
  const opener = await openerForCase(id);
  const opened = opener.open("Case", id, {
    place: found.place,
    account: found.account,
    factsText: found.factsText,
  });
  const text = opened.factsText;
  const structured = JSON.parse(found.facts) as Record<string, unknown>;
  return {
    ...found,
    place: opened.place,
    account: opened.account,
    factsText: undefined,
    /** The facts, with the free text when it could be opened. */
    facts: joinFacts(
      structured,
      text?.ok ? (JSON.parse(text.value) as Record<string, string>) : null,
    ),
    /** Why the facts' free text is missing, when it is. */
    factsTextUnavailable: text && !text.ok ? text.reason : null,
    workers: found.workers.map(({ identity, ...worker }) => ({
      ...worker,
      identity: identity ? opener.open("WorkerIdentity", worker.id, identity) : null,
    })),
  };
}
