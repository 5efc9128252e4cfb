// Legal action on a case: proceedings (claims, complaints, defenses,
// negotiations) and their hearings and deadlines. Recorded by lawyers and
// coordinators only; every write moves the case's version (optimistic locking)
// and writes its timeline and audit entries in the same transaction.
// Organizers see proceedings read-only: they are the case's public procedure,
// not privileged notes, so the timeline entries are not marked legal.
import { DomainError } from "~/utils/domain-error";
import { prisma } from "~/db.server";
import type { ProceedingDateKind } from "~/generated/prisma/sqlite/enums";
import { requireCaseAccess } from "~/modules/cases/access.server";
import { seesLegalMaterial } from "~/modules/cases/timeline.server";
import { versionedCaseWrite } from "~/modules/cases/versioned-write.server";
import { kazakhstanInstant } from "~/utils/time";
import type { ProceedingDateInput, ProceedingInput } from "./schema";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** One field that changed, as the timeline shows it. Long texts are named, not copied. */
type Change = { field: string; from: string | null; to: string | null };

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);
const filedOnDate = (value: string | undefined) =>
  value ? new Date(`${value}T00:00:00.000Z`) : null;

/** The case and the caller's right to record legal action on it: 404 out of scope, then 403. */
async function requireLegalWriter(
  caller: Caller,
  reference: string,
): Promise<{ id: string; reference: string }> {
  const found = await requireCaseAccess(caller, reference);
  if (!seesLegalMaterial(caller))
    throw DomainError.forbidden("caseFile.proceedings.errors.notAllowed", "form");
  return { id: found.id, reference };
}

/** The proceeding, if it belongs to this case; otherwise a 404 that does not confirm it exists. */
async function requireProceeding(caseId: string, proceedingId: string) {
  const found = await prisma.proceeding.findFirst({
    where: { id: proceedingId, caseId },
    select: { id: true },
  });
  if (!found) throw DomainError.notFound();
  return found;
}

function changesBetween(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
  longFields: readonly string[],
): Change[] {
  return Object.keys(after)
    .filter((field) => before[field] !== after[field])
    .map((field) =>
      longFields.includes(field)
        ? { field, from: null, to: null }
        : { field, from: before[field] ?? null, to: after[field] ?? null },
    );
}

export async function addProceeding(
  caller: Caller,
  reference: string,
  input: ProceedingInput,
  request: RequestContext = {},
): Promise<{ id: string }> {
  const target = await requireLegalWriter(caller, reference);
  const caseId = target.id;
  return versionedCaseWrite(
    caller,
    { case: target, expectedVersion: input.version },
    request,
    async (tx) => {
      const created = await tx.proceeding.create({
        data: {
          caseId,
          kind: input.kind,
          authority: input.authority,
          externalNumber: input.externalNumber ?? null,
          filedOn: filedOnDate(input.filedOn),
          status: input.status,
          summary: input.summary ?? null,
          createdById: caller.id,
        },
        select: { id: true },
      });
      return {
        result: created,
        timeline: {
          kind: "PROCEEDING_ADDED",
          details: {
            proceedingId: created.id,
            kind: input.kind,
            authority: input.authority,
            externalNumber: input.externalNumber ?? null,
            status: input.status,
            filedOn: input.filedOn ?? null,
          },
        },
        audit: {
          action: "proceeding.added",
          details: { proceedingId: created.id, kind: input.kind, status: input.status },
        },
      };
    },
  );
}

export async function updateProceeding(
  caller: Caller,
  reference: string,
  proceedingId: string,
  input: ProceedingInput,
  request: RequestContext = {},
): Promise<void> {
  const target = await requireLegalWriter(caller, reference);
  const caseId = target.id;
  await requireProceeding(caseId, proceedingId);
  await versionedCaseWrite(
    caller,
    { case: target, expectedVersion: input.version },
    request,
    async (tx) => {
      // Read after taking the version: no other proceeding write can come between.
      const before = await tx.proceeding.findUniqueOrThrow({
        where: { id: proceedingId },
        select: {
          kind: true,
          authority: true,
          externalNumber: true,
          filedOn: true,
          status: true,
          summary: true,
        },
      });
      const after = {
        kind: input.kind,
        authority: input.authority,
        externalNumber: input.externalNumber ?? null,
        filedOn: input.filedOn ?? null,
        status: input.status,
        summary: input.summary ?? null,
      };
      const changes = changesBetween({ ...before, filedOn: day(before.filedOn) }, after, [
        "summary",
      ]);
      await tx.proceeding.update({
        where: { id: proceedingId },
        data: { ...after, filedOn: filedOnDate(input.filedOn) },
      });
      return {
        result: undefined,
        timeline: {
          kind: "PROCEEDING_UPDATED",
          details: {
            proceedingId,
            kind: input.kind,
            authority: input.authority,
            changes,
          },
        },
        audit: {
          action: "proceeding.updated",
          details: { proceedingId, fields: changes.map((c) => c.field) },
        },
      };
    },
  );
}

export async function addProceedingDate(
  caller: Caller,
  reference: string,
  proceedingId: string,
  input: ProceedingDateInput,
  request: RequestContext = {},
): Promise<{ id: string }> {
  const target = await requireLegalWriter(caller, reference);
  const caseId = target.id;
  await requireProceeding(caseId, proceedingId);
  const dueAt = kazakhstanInstant(input.date, input.time);
  return versionedCaseWrite(
    caller,
    { case: target, expectedVersion: input.version },
    request,
    async (tx) => {
      const proceeding = await tx.proceeding.findUniqueOrThrow({
        where: { id: proceedingId },
        select: { kind: true, authority: true },
      });
      const created = await tx.proceedingDate.create({
        data: {
          proceedingId,
          caseId,
          kind: input.kind,
          dueAt,
          place: input.place ?? null,
          description: input.description,
          outcome: input.outcome ?? null,
          createdById: caller.id,
        },
        select: { id: true },
      });
      return {
        result: created,
        timeline: {
          kind: "PROCEEDING_UPDATED",
          details: {
            proceedingId,
            kind: proceeding.kind,
            authority: proceeding.authority,
            dateAdded: {
              dateId: created.id,
              kind: input.kind,
              dueAt: dueAt.toISOString(),
              description: input.description,
            },
          },
        },
        audit: {
          action: "proceeding_date.added",
          details: { proceedingId, dateId: created.id, kind: input.kind },
        },
      };
    },
  );
}

/** Corrects a hearing or deadline, or records what came of it. */
export async function updateProceedingDate(
  caller: Caller,
  reference: string,
  proceedingId: string,
  dateId: string,
  input: ProceedingDateInput,
  request: RequestContext = {},
): Promise<void> {
  const target = await requireLegalWriter(caller, reference);
  const caseId = target.id;
  const found = await prisma.proceedingDate.findFirst({
    where: { id: dateId, proceedingId, caseId },
    select: { id: true },
  });
  if (!found) throw DomainError.notFound();
  const dueAt = kazakhstanInstant(input.date, input.time);
  await versionedCaseWrite(
    caller,
    { case: target, expectedVersion: input.version },
    request,
    async (tx) => {
      const before = await tx.proceedingDate.findUniqueOrThrow({
        where: { id: dateId },
        select: {
          kind: true,
          dueAt: true,
          place: true,
          description: true,
          outcome: true,
          proceeding: { select: { kind: true, authority: true } },
        },
      });
      const after = {
        kind: input.kind,
        dueAt: dueAt.toISOString(),
        place: input.place ?? null,
        description: input.description,
        outcome: input.outcome ?? null,
      };
      const changes = changesBetween(
        {
          kind: before.kind,
          dueAt: before.dueAt.toISOString(),
          place: before.place,
          description: before.description,
          outcome: before.outcome,
        },
        after,
        ["outcome"],
      );
      await tx.proceedingDate.update({
        where: { id: dateId },
        data: { ...after, dueAt },
      });
      return {
        result: undefined,
        timeline: {
          kind: "PROCEEDING_UPDATED",
          details: {
            proceedingId,
            kind: before.proceeding.kind,
            authority: before.proceeding.authority,
            dateUpdated: {
              dateId,
              kind: input.kind,
              dueAt: after.dueAt,
              outcomeRecorded: before.outcome === null && after.outcome !== null,
              changes,
            },
          },
        },
        audit: {
          action: "proceeding_date.updated",
          details: { proceedingId, dateId, fields: changes.map((c) => c.field) },
        },
      };
    },
  );
}

const dateSelect = {
  id: true,
  kind: true,
  dueAt: true,
  place: true,
  description: true,
  outcome: true,
} as const;

/** The case's proceedings, oldest first, with their dates. Unchecked: the caller already passed requireCaseAccess. */
export async function uncheckedListProceedings(caseId: string) {
  return queryProceedings({ caseId });
}

function queryProceedings(where: { caseId: string; id?: string }) {
  return prisma.proceeding.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      authority: true,
      externalNumber: true,
      filedOn: true,
      status: true,
      summary: true,
      createdBy: { select: { displayName: true } },
      dates: { orderBy: [{ dueAt: "asc" }, { id: "asc" }], select: dateSelect },
    },
  });
}

export type ProceedingListItem = Awaited<ReturnType<typeof uncheckedListProceedings>>[number];

/** The next hearing or deadline from `now` on any of the case's proceedings, or null. */
export async function nextDueDate(
  caseId: string,
  now: Date = new Date(),
): Promise<{
  id: string;
  kind: ProceedingDateKind;
  dueAt: Date;
  place: string | null;
  description: string;
  proceeding: { id: string; kind: ProceedingInput["kind"]; authority: string };
} | null> {
  return prisma.proceedingDate.findFirst({
    where: { caseId, dueAt: { gte: now } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      dueAt: true,
      place: true,
      description: true,
      proceeding: { select: { id: true, kind: true, authority: true } },
    },
  });
}

/**
 * What the proceeding pages need: the case (its version for the forms) after
 * the same checks as the writes, and the proceeding when one is named.
 */
export async function loadProceedingPage(
  caller: Caller,
  reference: string,
  proceedingId?: string,
  request: RequestContext = {},
) {
  // Only a named proceeding is case content; the new-proceeding form shows the reference alone.
  // A page, not a form answer: a plain 403, before anything is recorded.
  const read =
    proceedingId === undefined
      ? undefined
      : {
          page: "proceeding" as const,
          context: request,
          details: { proceedingId },
          within: (caseId: string) => requireProceeding(caseId, proceedingId),
        };
  const { id: caseId } = await requireCaseAccess(
    caller,
    reference,
    read && { ...read, only: seesLegalMaterial },
  );
  if (!seesLegalMaterial(caller)) throw DomainError.forbidden();
  const found = await prisma.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { reference: true, category: true, version: true },
  });
  if (proceedingId === undefined) return { caseFile: found, proceeding: null };
  const [proceeding] = await queryProceedings({ caseId, id: proceedingId });
  if (!proceeding) throw DomainError.notFound();
  return { caseFile: found, proceeding };
}
