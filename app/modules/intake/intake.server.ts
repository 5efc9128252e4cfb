// Recording an intake: the case, its employer chain, its workers (facts and
// identities apart) and the audit entry, all in one transaction.
import { newPseudonyms } from "~/modules/cases/pseudonym";
import { prisma } from "~/db.server";
import type { EmployerRole, Region } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { nextReference } from "~/modules/cases/reference.server";
import { refreshSearchText } from "~/modules/cases/search-text.server";
import { recordCaseEvent } from "~/modules/cases/timeline.server";
import { resolveEmployer } from "~/modules/employers/employers.server";
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
  sealerForNewCase,
} from "~/modules/keys/case-fields.server";
import { sealedIdentity, workerRow } from "./worker-row.server";

/** Who records the intake, and from where. */
export type Actor = RequestContext & { userId: string };

const dateOnly = (value: string) => new Date(`${value}T00:00:00.000Z`);

export async function createIntake(intake: IntakeInput, actor: Actor, now = new Date()) {
  const suggested = suggestUrgency(intake);
  // Chosen before the transaction: every ciphertext names its row (docs/decisions/0012).
  const caseId = newRowId();
  const pseudonyms = newPseudonyms(intake.workers.length);
  const workers = intake.workers.map((worker, index) => ({
    id: newRowId(),
    pseudonym: pseudonyms[index]!,
    ...workerRow(worker),
  }));
  const { structured, text } = splitFacts(intake.category, intake.facts as Record<string, unknown>);
  const indexKeys = blindIndexKeysIfUnsealed();
  return prisma.$transaction(async (tx) => {
    const links: Array<{ role: EmployerRole; employerId: string }> = [];
    const employerId = await resolveEmployer(tx, {
      ...intake.employer,
      region: intake.employer.region ?? intake.region,
    });
    if (employerId) links.push({ role: "EMPLOYER", employerId });
    const chain = [
      ["CONTRACTOR", intake.chain.contractor],
      ["PARENT_COMPANY", intake.chain.parentCompany],
      ["RECRUITMENT_AGENCY", intake.chain.recruitmentAgency],
    ] as const;
    for (const [role, link] of chain) {
      const id = await resolveEmployer(tx, { name: link.name, bin: link.bin }, "OTHER");
      if (id && !links.some((l) => l.employerId === id)) links.push({ role, employerId: id });
    }

    const { year, number, reference } = await nextReference(
      tx,
      // The year as it is in Kazakhstan: an intake at 02:00 on 1 January is the new year's.
      Number(todayInKazakhstan(now).slice(0, 4)),
    );
    // While sealed the key is wrapped to the intake public key: intakes go on (0012).
    const sealer = await sealerForNewCase(tx, caseId);
    const sealed = sealer.seal("Case", caseId, {
      place: intake.place,
      account: intake.account,
      factsText: text ? JSON.stringify(text) : null,
    });
    const created = await tx.case.create({
      data: {
        id: caseId,
        reference,
        year,
        number,
        category: intake.category,
        status: "NEW",
        urgency: effectiveUrgency(intake),
        suggestedUrgency: suggested,
        incidentStart: dateOnly(intake.incidentStart),
        incidentEnd: intake.incidentEnd ? dateOnly(intake.incidentEnd) : null,
        region: intake.region,
        place: sealed.place,
        channel: intake.channel,
        account: sealed.account,
        facts: JSON.stringify(structured),
        factsText: sealed.factsText,
        blindIndexPending: indexKeys === null,
        unnamedWorkerCount: intake.unnamedWorkerCount,
        organizerId: actor.userId,
        createdAt: now,
        employers: { create: links },
      },
      select: { id: true, reference: true },
    });
    // Created one by one: nested createMany cannot carry each worker's identity row.
    for (const { id, pseudonym, facts, identity } of workers) {
      await tx.affectedWorker.create({
        data: {
          id,
          caseId,
          pseudonym,
          ...facts,
          ...(identity
            ? { identity: { create: sealedIdentity(sealer, id, identity, indexKeys) } }
            : {}),
        },
      });
    }
    await refreshSearchText(tx, caseId, {
      words: {
        names: workers.flatMap((w) => (w.identity ? [w.identity.fullName] : [])),
        place: intake.place,
        account: intake.account,
      },
    });
    await recordCaseEvent(tx, {
      caseId,
      actorId: actor.userId,
      kind: "CREATED",
      at: now,
    });
    await appendAudit(tx, {
      action: "case.created",
      actorId: actor.userId,
      targetType: "case",
      targetId: created.reference,
      ipAddress: actor.ipAddress,
      userAgent: actor.userAgent,
      // What was recorded, never who: counts, not names.
      details: {
        category: intake.category,
        region: intake.region,
        urgency: effectiveUrgency(intake),
        suggestedUrgency: suggested,
        namedWorkers: intake.workers.filter((w) => !w.anonymous).length,
        anonymousWorkers: intake.workers.filter((w) => w.anonymous).length,
        unnamedWorkers: intake.unnamedWorkerCount,
        duplicatesAcknowledged: intake.confirmDuplicates,
        ...(indexKeys ? {} : { takenWhileSealed: true }),
      },
    });
    return created;
  });
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
