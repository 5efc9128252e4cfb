// Reading cases: lists and the case summary, always within the caller's scope.
import { prisma } from "~/db.server";
import { openerForCase, openersForCases, type CaseOpener } from "~/modules/keys/case-fields.server";
import { caseScope, requireCaseAccess } from "./access.server";
import { joinFacts } from "./facts-text";
import type { Caller, RequestContext } from "~/modules/auth/caller";

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

/**
 * Everything the intake recorded, for a case whose access was already checked. The workers'
 * identities are opened only when `withIdentities` (a reveal in force, or the organizer's own
 * intake just taken); otherwise each worker is its pseudonym and whether it has a name.
 */
export async function uncheckedCaseSummaryById(
  id: string,
  {
    withIdentities,
    opener: given,
  }: {
    withIdentities: boolean;
    /** The case's, when the caller has read its keys already. */ opener?: CaseOpener;
  },
) {
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
          pseudonym: true,
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
  const opener = given ?? (await openerForCase(id));
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
      /** There is a name to reveal. */
      named: identity !== null,
      identity:
        identity && withIdentities ? opener.open("WorkerIdentity", worker.id, identity) : null,
    })),
  };
}

/** How long after taking an intake its organizer still sees the names on its confirmation page. */
export const CONFIRMATION_NAMES_MS = 60 * 60_000;

/**
 * The intake's confirmation page: the workers by pseudonym and, for the organizer who took it
 * (within the hour after, while they are still with the worker), by name too: they have just
 * typed those names, so no reveal is asked (docs/decisions/0034). The page's read is on the record.
 */
export async function intakeConfirmation(
  caller: Caller,
  reference: string,
  context: RequestContext = {},
  now = new Date(),
) {
  // The workers by pseudonym (and, for its organizer, by name) are case content: a read on the record.
  const found = await requireCaseAccess(caller, reference, {
    page: "file",
    context,
    details: { confirmation: "1" },
  });
  const intake = await prisma.case.findUniqueOrThrow({
    where: { id: found.id },
    select: {
      organizerId: true,
      createdAt: true,
      workers: {
        orderBy: { createdAt: "asc" },
        select: { id: true, pseudonym: true, identity: { select: { fullName: true } } },
      },
    },
  });
  const ownFreshIntake =
    intake.organizerId === caller.id &&
    now.getTime() - intake.createdAt.getTime() <= CONFIRMATION_NAMES_MS;
  const named = intake.workers.some((w) => w.identity !== null);
  if (!ownFreshIntake || !named) {
    return {
      reference: found.reference,
      workers: intake.workers.map((w) => ({ pseudonym: w.pseudonym, fullName: null })),
    };
  }
  const opener = await openerForCase(found.id);
  return {
    reference: found.reference,
    workers: intake.workers.map((w) => ({
      pseudonym: w.pseudonym,
      fullName: w.identity
        ? opener.openOne("WorkerIdentity", "fullName", w.id, w.identity.fullName)
        : null,
    })),
  };
}
