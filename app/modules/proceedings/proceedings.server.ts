// Legal action on a case: proceedings (claims, complaints, defenses,
// negotiations) and their hearings and deadlines. Recorded by lawyers and
// coordinators only; every write moves the case's version (optimistic locking)
// and writes its timeline and audit entries in the same transaction.
// Organizers see proceedings read-only: they are the case's public procedure,
// not privileged notes, so the timeline entries are not marked legal.
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import type { ProceedingDateKind } from "~/generated/prisma/sqlite/enums";
import type { AuditAction } from "~/modules/audit/audit.server";
import { requireCaseAccess } from "~/modules/cases/access.server";
import { seesLegalMaterial } from "~/modules/cases/timeline.server";
import { versionedCaseWrite, type CaseChangeRecord } from "~/modules/cases/versioned-write.server";
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

/**
 * Every write of legal action: the caller's right to it, then what it names
 * (`within`: a proceeding or date of this case, else 404), then one versioned
 * change of the case with its timeline and audit entries.
 */
async function legalActionWrite<T>(
  caller: Caller,
  reference: string,
  version: number,
  request: RequestContext,
  within: ((caseId: string) => Promise<unknown>) | null,
  change: (tx: Tx, caseId: string) => Promise<CaseChangeRecord<T>>,
): Promise<T> {
  const target = await requireLegalWriter(caller, reference);
  if (within) await within(target.id);
  return versionedCaseWrite(caller, { case: target, expectedVersion: version }, request, (tx) =>
    change(tx, target.id),
  );
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

/** A change recorded as PROCEEDING_UPDATED about `proceeding`, with its audit entry. */
function proceedingUpdated<T>(
  result: T,
  proceeding: { id: string; kind: string; authority: string },
  details: Record<string, unknown>,
  audit: { action: AuditAction; details: Record<string, unknown> },
): CaseChangeRecord<T> {
  return {
    result,
    timeline: {
      kind: "PROCEEDING_UPDATED",
      details: {
        proceedingId: proceeding.id,
        kind: proceeding.kind,
        authority: proceeding.authority,
        ...details,
      },
    },
    audit: { action: audit.action, details: { proceedingId: proceeding.id, ...audit.details } },
  };
}

/** A proceeding's own columns, as the form edits them. */
const proceedingSelect = {
  kind: true,
  authority: true,
  externalNumber: true,
  filedOn: true,
  status: true,
  summary: true,
} as const;

/** The proceeding's columns as the form gives them. */
function proceedingRow(input: ProceedingInput) {
  return {
    kind: input.kind,
    authority: input.authority,
    externalNumber: input.externalNumber ?? null,
    filedOn: input.filedOn ?? null,
    status: input.status,
    summary: input.summary ?? null,
  };
}

/** The date's columns as the form gives them (its time as an ISO instant). */
function dateRow(input: ProceedingDateInput) {
  return {
    kind: input.kind,
    dueAt: kazakhstanInstant(input.date, input.time).toISOString(),
    place: input.place ?? null,
    description: input.description,
    outcome: input.outcome ?? null,
  };
}

export async function addProceeding(
  caller: Caller,
  reference: string,
  input: ProceedingInput,
  request: RequestContext = {},
): Promise<{ id: string }> {
  return legalActionWrite(caller, reference, input.version, request, null, async (tx, caseId) => {
    const row = proceedingRow(input);
    const created = await tx.proceeding.create({
      data: { ...row, caseId, filedOn: filedOnDate(input.filedOn), createdById: caller.id },
      select: { id: true },
    });
    return {
      result: created,
      timeline: {
        kind: "PROCEEDING_ADDED",
        details: {
          proceedingId: created.id,
          kind: row.kind,
          authority: row.authority,
          externalNumber: row.externalNumber,
          status: row.status,
          filedOn: row.filedOn,
        },
      },
      audit: {
        action: "proceeding.added",
        details: { proceedingId: created.id, kind: row.kind, status: row.status },
      },
    };
  });
}

export async function updateProceeding(
  caller: Caller,
  reference: string,
  proceedingId: string,
  input: ProceedingInput,
  request: RequestContext = {},
): Promise<void> {
  const within = (caseId: string) => requireProceeding(caseId, proceedingId);
  await legalActionWrite(caller, reference, input.version, request, within, async (tx) => {
    // Read after taking the version: no other proceeding write can come between.
    const before = await tx.proceeding.findUniqueOrThrow({
      where: { id: proceedingId },
      select: proceedingSelect,
    });
    const after = proceedingRow(input);
    const changes = changesBetween({ ...before, filedOn: day(before.filedOn) }, after, ["summary"]);
    await tx.proceeding.update({
      where: { id: proceedingId },
      data: { ...after, filedOn: filedOnDate(input.filedOn) },
    });
    return proceedingUpdated(
      undefined,
      { id: proceedingId, ...after },
      { changes },
      { action: "proceeding.updated", details: { fields: changes.map((c) => c.field) } },
    );
  });
}

export async function addProceedingDate(
  caller: Caller,
  reference: string,
  proceedingId: string,
  input: ProceedingDateInput,
  request: RequestContext = {},
): Promise<{ id: string }> {
  const within = (caseId: string) => requireProceeding(caseId, proceedingId);
  return legalActionWrite(caller, reference, input.version, request, within, async (tx, caseId) => {
    const proceeding = await tx.proceeding.findUniqueOrThrow({
      where: { id: proceedingId },
      select: { id: true, kind: true, authority: true },
    });
    const row = dateRow(input);
    const created = await tx.proceedingDate.create({
      data: { ...row, dueAt: new Date(row.dueAt), proceedingId, caseId, createdById: caller.id },
      select: { id: true },
    });
    return proceedingUpdated(
      created,
      proceeding,
      {
        dateAdded: {
          dateId: created.id,
          kind: row.kind,
          dueAt: row.dueAt,
          description: row.description,
        },
      },
      { action: "proceeding_date.added", details: { dateId: created.id, kind: row.kind } },
    );
  });
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
  const within = async (caseId: string) => {
    const found = await prisma.proceedingDate.findFirst({
      where: { id: dateId, proceedingId, caseId },
      select: { id: true },
    });
    if (!found) throw DomainError.notFound();
  };
  await legalActionWrite(caller, reference, input.version, request, within, async (tx) => {
    const { proceeding, dueAt, ...before } = await tx.proceedingDate.findUniqueOrThrow({
      where: { id: dateId },
      select: {
        kind: true,
        dueAt: true,
        place: true,
        description: true,
        outcome: true,
        proceeding: { select: { id: true, kind: true, authority: true } },
      },
    });
    const after = dateRow(input);
    const changes = changesBetween({ ...before, dueAt: dueAt.toISOString() }, after, ["outcome"]);
    await tx.proceedingDate.update({
      where: { id: dateId },
      data: { ...after, dueAt: new Date(after.dueAt) },
    });
    return proceedingUpdated(
      undefined,
      proceeding,
      {
        dateUpdated: {
          dateId,
          kind: after.kind,
          dueAt: after.dueAt,
          outcomeRecorded: before.outcome === null && after.outcome !== null,
          changes,
        },
      },
      {
        action: "proceeding_date.updated",
        details: { dateId, fields: changes.map((c) => c.field) },
      },
    );
  });
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
      ...proceedingSelect,
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
