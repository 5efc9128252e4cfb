// Reading cases: lists and the case summary, always within the caller's scope.
import { prisma } from "~/db.server";
import {
  flag,
  instant,
  instantOrNull,
  readRows,
  type ReadRow,
  textOrNull,
  numberOrNull,
} from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type {
  AssignmentRole,
  CaseCategory,
  CaseStatus,
  EmployerRole,
  Gender,
  IntakeChannel,
  Region,
  Sector,
  Urgency,
} from "~/generated/prisma/sqlite/enums";
import { joinedName } from "~/modules/people/display-names.server";
import { openerForCase, openersForCases, type CaseOpener } from "~/modules/keys/case-fields.server";
import { DomainError } from "~/utils/domain-error";
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

/** The columns of "Case" the summary shows, with its employers. */
type SummaryCase = {
  reference: string;
  category: CaseCategory;
  status: CaseStatus;
  heldFrom: CaseStatus | null;
  version: number;
  organizerId: string;
  urgency: Urgency;
  suggestedUrgency: Urgency;
  incidentStart: Date;
  incidentEnd: Date | null;
  region: Region;
  place: string;
  channel: IntakeChannel;
  account: string;
  facts: string;
  factsText: string | null;
  unnamedWorkerCount: number;
  createdAt: Date;
  closedAt: Date | null;
  employers: SummaryEmployer[];
};

type SummaryEmployer = {
  role: EmployerRole;
  employer: { id: string; name: string; bin: string | null; sector: Sector; region: Region | null };
};

/** A worker as stored: the identity's columns still sealed, null when there is none. */
type SummaryWorker = {
  id: string;
  pseudonym: string;
  anonymous: boolean;
  yearOfBirth: number | null;
  gender: Gender | null;
  citizenship: string | null;
  occupation: string | null;
  unionMember: boolean | null;
  consentToStore: boolean;
  consentToContact: boolean;
  consentToShare: boolean;
  consentToCiteAnonymously: boolean;
  identityDestroyedAt: Date | null;
  identity: {
    fullName: string;
    iin: string | null;
    phone: string | null;
    address: string | null;
    contactNotes: string | null;
  } | null;
};

function summaryWorker(row: ReadRow): SummaryWorker {
  return {
    id: String(row.id),
    pseudonym: String(row.pseudonym),
    anonymous: flag(row.anonymous),
    yearOfBirth: numberOrNull(row.yearOfBirth),
    gender: row.gender === null ? null : (row.gender as Gender),
    citizenship: textOrNull(row.citizenship),
    occupation: textOrNull(row.occupation),
    unionMember: row.unionMember === null ? null : flag(row.unionMember),
    consentToStore: flag(row.consentToStore),
    consentToContact: flag(row.consentToContact),
    consentToShare: flag(row.consentToShare),
    consentToCiteAnonymously: flag(row.consentToCiteAnonymously),
    identityDestroyedAt: instantOrNull(row.identityDestroyedAt),
    // LEFT JOINed: no identity row (anonymous, or forgotten) gives nulls.
    identity:
      row.identityOf === null
        ? null
        : {
            fullName: String(row.fullName),
            iin: textOrNull(row.iin),
            phone: textOrNull(row.phone),
            address: textOrNull(row.address),
            contactNotes: textOrNull(row.contactNotes),
          },
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
  // The case file shows it on every view: four statements through the driver, sent together,
  // each naming its people by a join (docs/decisions/0053). The workers in the order they were
  // added (createdAt, then id, as on the worker form and in the lists).
  const [[row], assignments, employers, workers, opener] = await Promise.all([
    readRows(Prisma.sql`
      SELECT c."reference", c."category", c."status", c."heldFrom", c."version", c."organizerId",
        c."urgency", c."suggestedUrgency", c."incidentStart", c."incidentEnd", c."region",
        c."place", c."channel", c."account", c."facts", c."factsText", c."unnamedWorkerCount",
        c."createdAt", c."closedAt", o."displayName" AS "organizerName"
      FROM "Case" c
      LEFT JOIN "User" o ON o."id" = c."organizerId"
      WHERE c."id" = ${id}`),
    readRows(Prisma.sql`
      SELECT a."userId", a."role", u."displayName"
      FROM "CaseAssignment" a
      LEFT JOIN "User" u ON u."id" = a."userId"
      WHERE a."caseId" = ${id}
      ORDER BY a."assignedAt", a."userId"`),
    readRows(Prisma.sql`
      SELECT ce."role", e."id", e."name", e."bin", e."sector", e."region"
      FROM "CaseEmployer" ce
      JOIN "Employer" e ON e."id" = ce."employerId"
      WHERE ce."caseId" = ${id}
      ORDER BY ce."role"`), // the key's order, as Prisma gave them (enum order differs by database)
    readRows(Prisma.sql`
      SELECT w."id", w."pseudonym", w."anonymous", w."yearOfBirth", w."gender", w."citizenship",
        w."occupation", w."unionMember", w."consentToStore", w."consentToContact",
        w."consentToShare", w."consentToCiteAnonymously", w."identityDestroyedAt",
        i."workerId" AS "identityOf", i."fullName", i."iin", i."phone", i."address",
        i."contactNotes"
      FROM "AffectedWorker" w
      LEFT JOIN "WorkerIdentity" i ON i."workerId" = w."id"
      WHERE w."caseId" = ${id}
      ORDER BY w."createdAt", w."id"`),
    given ?? openerForCase(id),
  ]);
  if (!row) throw DomainError.notFound();
  const organizerId = String(row.organizerId);
  const found: SummaryCase = {
    reference: String(row.reference),
    category: row.category as CaseCategory,
    status: row.status as CaseStatus,
    heldFrom: row.heldFrom === null ? null : (row.heldFrom as CaseStatus),
    version: Number(row.version),
    organizerId,
    urgency: row.urgency as Urgency,
    suggestedUrgency: row.suggestedUrgency as Urgency,
    incidentStart: instant(row.incidentStart),
    incidentEnd: instantOrNull(row.incidentEnd),
    region: row.region as Region,
    place: String(row.place),
    channel: row.channel as IntakeChannel,
    account: String(row.account),
    facts: String(row.facts),
    factsText: textOrNull(row.factsText),
    unnamedWorkerCount: Number(row.unnamedWorkerCount),
    createdAt: instant(row.createdAt),
    closedAt: instantOrNull(row.closedAt),
    employers: employers.map((link): SummaryEmployer => ({
      role: link.role as EmployerRole,
      employer: {
        id: String(link.id),
        name: String(link.name),
        bin: textOrNull(link.bin),
        sector: link.sector as Sector,
        region: link.region === null ? null : (link.region as Region),
      },
    })),
  };
  const opened = opener.open("Case", id, {
    place: found.place,
    account: found.account,
    factsText: found.factsText,
  });
  const text = opened.factsText;
  const structured = JSON.parse(found.facts) as Record<string, unknown>;
  return {
    ...found,
    organizer: { displayName: joinedName(organizerId, row.organizerName) },
    assignments: assignments.map((assignment) => {
      const userId = String(assignment.userId);
      return {
        userId,
        role: assignment.role as AssignmentRole,
        user: { displayName: joinedName(userId, assignment.displayName) },
      };
    }),
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
    workers: workers.map(summaryWorker).map(({ identity, ...worker }) => ({
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
