// Recording an intake: the case, its employer chain, its workers (facts and
// identities apart), its timeline event and the audit entry, all in one
// transaction — straight through the driver, durable, with everything that
// needs no database done before it (docs/decisions/0039-the-intake-write-path.md), committed
// together with the intakes that arrive while the previous ones commit, each in its own
// savepoint (docs/decisions/0040-group-commit-for-intakes.md).
import { newPseudonyms } from "~/modules/cases/pseudonym";
import { prisma } from "~/db.server";
import { groupCommit } from "~/db/group-commit.server";
import type { EmployerRole, Region } from "~/generated/prisma/sqlite/enums";
import { Prisma } from "~/generated/prisma/sqlite/client";
import {
  appendAuditDirect,
  pendingAuditInsert,
  type AuditEvent,
} from "~/modules/audit/audit.server";
import {
  counterIncrement,
  issuedReference,
  nextReference,
  type IssuedReference,
} from "~/modules/cases/reference.server";
import { composeSearchText, searchTokens } from "~/modules/cases/search-text.server";
import {
  employerLookup,
  resolveEmployer,
  type LinkedEmployer,
} from "~/modules/employers/employers.server";
import type { FieldErrors } from "~/utils/forms";
import { todayInKazakhstan } from "~/utils/time";
import { LIMITS } from "./categories";
import { findPossibleDuplicates, type PossibleDuplicate } from "./duplicates.server";
import { validateIntake, type IntakeInput } from "./schema";
import { effectiveUrgency, suggestUrgency } from "./urgency";
import type { RequestContext } from "~/modules/auth/caller";
import { splitFacts } from "~/modules/cases/facts-text";
import {
  blindIndexKeysIfUnsealed,
  newRowId,
  sealerForIntake,
} from "~/modules/keys/case-fields.server";
import { keyringStateForShare, type KeyringStateRow } from "~/modules/keys/keyring.server";
import { sealedIdentity, workerRow } from "./worker-row.server";

/** Who records the intake, and from where. */
export type Actor = RequestContext & { userId: string };

const dateOnly = (value: string) => new Date(`${value}T00:00:00.000Z`);

/** The employer chain's roles, in the order they are resolved (the employer first). */
const CHAIN = [
  ["CONTRACTOR", "contractor"],
  ["PARENT_COMPANY", "parentCompany"],
  ["RECRUITMENT_AGENCY", "recruitmentAgency"],
] as const;

export async function createIntake(intake: IntakeInput, actor: Actor, now = new Date()) {
  // Before the transaction: ids, pseudonyms, the case key, every sealed value and blind token,
  // the employers' normalized names. Every ciphertext names its row (docs/decisions/0012).
  const caseId = newRowId();
  const suggested = suggestUrgency(intake);
  const urgency = effectiveUrgency(intake);
  // The year as it is in Kazakhstan: an intake at 02:00 on 1 January is the new year's.
  const year = Number(todayInKazakhstan(now).slice(0, 4));
  const indexKeys = blindIndexKeysIfUnsealed();
  // While sealed the key is wrapped to the intake public key: intakes go on (0012).
  const sealer = sealerForIntake(caseId);
  const { structured, text } = splitFacts(intake.category, intake.facts as Record<string, unknown>);
  const sealed = sealer.seal("Case", caseId, {
    place: intake.place,
    account: intake.account,
    factsText: text ? JSON.stringify(text) : null,
  });
  const pseudonyms = newPseudonyms(intake.workers.length);
  const workers = intake.workers.map((worker, index) => {
    const id = newRowId();
    const { facts, identity } = workerRow(worker);
    return {
      id,
      // A millisecond after the one typed before it: everything lists a case's workers by
      // createdAt, so they keep the order the organizer typed them in (the ids are random).
      createdAt: new Date(now.getTime() + index),
      pseudonym: pseudonyms[index]!,
      facts,
      name: identity?.fullName,
      identity: identity ? sealedIdentity(sealer, id, identity, indexKeys) : null,
    };
  });
  const tokens = searchTokens({
    names: workers.flatMap((w) => (w.name ? [w.name] : [])),
    place: intake.place,
    account: intake.account,
  });
  const lookups: Array<[EmployerRole, ReturnType<typeof employerLookup>]> = [
    [
      "EMPLOYER",
      employerLookup({ ...intake.employer, region: intake.employer.region ?? intake.region }),
    ],
    ...CHAIN.map(
      ([role, field]) =>
        [
          role,
          employerLookup({ name: intake.chain[field].name, bin: intake.chain[field].bin }),
        ] as [EmployerRole, ReturnType<typeof employerLookup>],
    ),
  ];
  const auditDetails = {
    // What was recorded, never who: counts, not names.
    category: intake.category,
    region: intake.region,
    urgency,
    suggestedUrgency: suggested,
    namedWorkers: intake.workers.filter((w) => !w.anonymous).length,
    anonymousWorkers: intake.workers.filter((w) => w.anonymous).length,
    unnamedWorkers: intake.unnamedWorkerCount,
    duplicatesAcknowledged: intake.confirmDuplicates,
    ...(indexKeys ? {} : { takenWhileSealed: true }),
  };
  const timelineId = newRowId();

  try {
    // Durable: an intake is acknowledged only once it is on the disk (never relaxed, see 0039);
    // its batch's other intakes share the flush, never the outcome (0040).
    return await groupCommit(async (tx) => {
      const links: Array<{ role: EmployerRole; employer: LinkedEmployer }> = [];
      for (const [role, lookup] of lookups) {
        const employer = await resolveEmployer(tx, lookup, now);
        if (employer && !links.some((l) => l.employer.id === employer.id))
          links.push({ role, employer });
      }
      // PostgreSQL: the counter's increment and the keyring row (locked against a rotation) in one
      // statement, and the case key's INSERT goes into the case's; elsewhere one statement each
      // (0040, addendum 3: fewer round trips while the batch holds the counter).
      let issued: IssuedReference;
      let keyInsert: Prisma.Sql | null = null;
      if (tx.provider === "postgresql") {
        const row = await tx.get<{ last: number } & Partial<KeyringStateRow>>(Prisma.sql`
          WITH "counter" AS (${counterIncrement(year)}), "state" AS (${keyringStateForShare})
          SELECT "counter"."last", "state"."version", "state"."intakePublicKey"
          FROM "counter" LEFT JOIN "state" ON true`);
        issued = issuedReference(year, row!.last);
        keyInsert = sealer.keyInsert(
          row?.version == null || row.intakePublicKey == null
            ? undefined
            : { version: row.version, intakePublicKey: row.intakePublicKey },
        );
      } else {
        issued = await nextReference(tx, year);
        await sealer.writeKey(tx);
      }
      const { number, reference } = issued;
      const searchText = composeSearchText(
        { reference, employers: links.map((l) => l.employer) },
        tokens ?? "",
      );
      const caseRow = Prisma.sql`
          INSERT INTO "Case" ("id", "reference", "year", "number", "category", "status", "urgency",
            "suggestedUrgency", "incidentStart", "incidentEnd", "region", "place", "channel", "account",
            "facts", "factsText", "blindIndexPending", "unnamedWorkerCount", "organizerId",
            "lastActivityAt", "searchText", "createdAt", "updatedAt")
          VALUES (${caseId}, ${reference}, ${year}, ${number}, ${intake.category}, ${"NEW"}, ${urgency},
            ${suggested}, ${dateOnly(intake.incidentStart)},
            ${intake.incidentEnd ? dateOnly(intake.incidentEnd) : null}, ${intake.region},
            ${sealed.place}, ${intake.channel}, ${sealed.account}, ${JSON.stringify(structured)},
            ${sealed.factsText}, ${indexKeys === null}, ${intake.unnamedWorkerCount}, ${actor.userId},
            ${now}, ${searchText}, ${now}, ${now})`;
      const createdEvent = Prisma.sql`
          INSERT INTO "TimelineEvent" ("id", "caseId", "actorId", "kind", "createdAt", "details", "legal")
          VALUES (${timelineId}, ${caseId}, ${actor.userId}, ${"CREATED"}, ${now}, ${"{}"}, ${false})`;
      const auditEvent: AuditEvent = {
        action: "case.created",
        actorId: actor.userId,
        targetType: "case",
        targetId: reference,
        ipAddress: actor.ipAddress,
        userAgent: actor.userAgent,
        details: auditDetails,
      };
      // PostgreSQL with the audit chainer: the case, its timeline's first event (recordCaseEvent's
      // row; a creation notifies no one) and its pending audit entry are one statement, one round
      // trip instead of three while the batch holds the counter (0040, addendum 2). The event's
      // foreign key is checked at the statement's end, once the case is there.
      const pendingEntry = pendingAuditInsert(auditEvent);
      const withKey = keyInsert ? Prisma.sql`"caseKey" AS (${keyInsert}), ` : Prisma.empty;
      if (pendingEntry)
        await tx.run(
          Prisma.sql`WITH ${withKey}"newCase" AS (${caseRow}), "created" AS (${createdEvent}) ${pendingEntry}`,
        );
      else if (keyInsert) await tx.run(Prisma.sql`WITH "caseKey" AS (${keyInsert}) ${caseRow}`);
      else await tx.run(caseRow);
      for (const { role, employer } of links)
        await tx.run(Prisma.sql`
            INSERT INTO "CaseEmployer" ("caseId", "employerId", "role") VALUES (${caseId}, ${employer.id}, ${role})`);
      for (const { id, createdAt, pseudonym, facts, identity } of workers) {
        await tx.run(Prisma.sql`
            INSERT INTO "AffectedWorker" ("id", "caseId", "pseudonym", "anonymous", "yearOfBirth",
              "gender", "citizenship", "occupation", "unionMember", "consentToStore", "consentToContact",
              "consentToShare", "consentToCiteAnonymously", "consentToBeNamed", "createdAt")
            VALUES (${id}, ${caseId}, ${pseudonym}, ${facts.anonymous}, ${facts.yearOfBirth},
              ${facts.gender}, ${facts.citizenship}, ${facts.occupation}, ${facts.unionMember},
              ${facts.consentToStore}, ${facts.consentToContact}, ${facts.consentToShare},
              ${facts.consentToCiteAnonymously}, ${facts.consentToBeNamed}, ${createdAt})`);
        if (identity)
          await tx.run(Prisma.sql`
              INSERT INTO "WorkerIdentity" ("workerId", "fullName", "iin", "phone", "address",
                "contactNotes", "iinIndex", "phoneIndex")
              VALUES (${id}, ${identity.fullName}, ${identity.iin}, ${identity.phone},
                ${identity.address}, ${identity.contactNotes}, ${identity.iinIndex},
                ${identity.phoneIndex})`);
      }
      if (!pendingEntry) {
        await tx.run(createdEvent);
        await appendAuditDirect(tx, auditEvent);
      }
      return { id: caseId, reference };
    });
  } finally {
    sealer.forget(); // the key was wrapped in the transaction, or is not needed any more
  }
}

// ---- The intake form's submission ---------------------------------------

/** Answers a new form starts with; KZT unless the organizer picks another currency. */
const BLANK_FACTS = { currency: "KZT" };

export function blankIntake(region?: Region): Record<string, unknown> {
  return { workers: [], unnamedWorkerCount: "", facts: BLANK_FACTS, ...(region ? { region } : {}) };
}

export const MAX_INTAKE_BYTES = 2 * 1024 * 1024;

export type IntakeSubmission =
  | { kind: "edited"; values: Record<string, unknown> }
  | { kind: "invalid"; values: Record<string, unknown>; fieldErrors: FieldErrors }
  | { kind: "duplicates"; values: Record<string, unknown>; duplicates: PossibleDuplicate[] }
  | { kind: "created"; reference: string };

/**
 * One submission of the intake form: a no-JavaScript edit (add or remove a
 * worker, show the chosen category's questions), a refusal with field
 * errors, a pause to show possible duplicates, or a saved case.
 */
export async function submitIntake(
  form: Record<string, unknown>,
  actor: Actor,
): Promise<IntakeSubmission> {
  const { intent, ...values } = form;
  if (typeof intent === "string" && intent !== "save")
    return { kind: "edited", values: applyEdit(values, intent) };

  const parsed = validateIntake(values);
  if (!parsed.success)
    return { kind: "invalid", values: withDefaults(values), fieldErrors: parsed.errors };
  // A chosen employer must still exist (the form may be old, or the id forged).
  const chosen = parsed.data.employer.id;
  if (
    chosen &&
    !(await prisma.employer.findUnique({ where: { id: chosen }, select: { id: true } }))
  ) {
    const fieldErrors = { "employer.name": "intake.errors.employerGone" };
    return {
      kind: "invalid",
      values: withDefaults({ ...values, employer: { ...parsed.data.employer, id: "" } }),
      fieldErrors,
    };
  }
  if (!parsed.data.confirmDuplicates) {
    const duplicates = await findPossibleDuplicates(parsed.data);
    if (duplicates.length > 0) return { kind: "duplicates", values, duplicates };
  }
  const created = await createIntake(parsed.data, actor);
  return { kind: "created", reference: created.reference };
}

/** The form's own buttons without JavaScript: "addWorker", "removeWorker:<index>", "refresh". */
function applyEdit(values: Record<string, unknown>, intent: string): Record<string, unknown> {
  const workers = Array.isArray(values.workers) ? [...values.workers] : [];
  if (intent === "addWorker" && workers.length < LIMITS.namedWorkers) workers.push({});
  const remove = /^removeWorker:(\d+)$/.exec(intent);
  if (remove) workers.splice(Number(remove[1]), 1);
  return { ...withDefaults(values), workers };
}

/**
 * Without JavaScript a category's questions are not in the page until they are
 * shown, so their defaults (the currency, as the new form's loader sets it)
 * were never posted: put them back, keeping any answer that was posted.
 */
function withDefaults(values: Record<string, unknown>): Record<string, unknown> {
  const facts = values.facts && typeof values.facts === "object" ? values.facts : {};
  return { ...values, facts: { ...BLANK_FACTS, ...facts } };
}
