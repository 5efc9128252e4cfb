// Editing what the intake recorded: the case's facts and its workers. Every
// save is checked against the case's version (a stale form is refused, naming
// who came first), writes one FACT_EDITED timeline entry listing what changed
// and one audit entry with the field names only, in one transaction. Worker
// identity values never leave the identity table.
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import { appendAudit, recordAudit, type AuditAction } from "~/modules/audit/audit.server";
import { LIMITS } from "~/modules/intake/categories";
import type { WorkerInput } from "~/modules/intake/schema";
import { flattenErrors, type FieldErrors } from "~/utils/forms";
import { requireCaseAccess } from "./access.server";
import {
  AMOUNT_FACTS,
  IDENTITY_FIELDS,
  validateFactsEdit,
  workerEditSchema,
  workerRemoveSchema,
  type EditableCategory,
} from "./edit.schema";
import { changedFields, diffFacts, type FactChange } from "./fact-diff";
import { refreshSearchText } from "./search-text.server";
import { conflictOn, recordCaseEvent, updateCaseAtVersion } from "./timeline.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** A stale form, with what the latest edit of the facts changed when that is what came first. */
async function staleForm(caseId: string): Promise<DomainError> {
  const { lastChange } = await conflictOn(prisma, caseId);
  if (lastChange?.kind !== "FACT_EDITED") return DomainError.conflict(lastChange, null);
  const latest = await prisma.timelineEvent.findFirst({
    where: { caseId, kind: "FACT_EDITED" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { details: true },
  });
  return DomainError.conflict(
    lastChange,
    latest ? (JSON.parse(latest.details) as Record<string, unknown>) : null,
  );
}

export type EditResult =
  | { kind: "invalid"; fieldErrors: FieldErrors }
  | { kind: "unchanged" }
  | { kind: "saved"; changes: FactChange[] };

/** Everyone who reaches a case may correct it: the organizer who took it, lawyers and coordinators. */
export function mayEditFacts(caller: Caller): boolean {
  return caller.role !== "ADMIN";
}

async function editableCase(caller: Caller, reference: string): Promise<{ id: string }> {
  // Administrators reach no case content: requireCaseAccess already answers them 404.
  const found = await requireCaseAccess(caller, reference);
  if (!mayEditFacts(caller)) throw DomainError.notFound();
  return found;
}

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const dateOnly = (value: string) => new Date(`${value}T00:00:00.000Z`);
const minorToMajor = (minor: number) =>
  minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);

const caseFactsSelect = {
  id: true,
  reference: true,
  category: true,
  version: true,
  urgency: true,
  incidentStart: true,
  incidentEnd: true,
  region: true,
  place: true,
  channel: true,
  account: true,
  facts: true,
  unnamedWorkerCount: true,
  _count: { select: { workers: true } },
} as const;

type StoredFacts = Awaited<ReturnType<typeof loadFacts>>;

function loadFacts(db: Tx, id: string) {
  return db.case.findUniqueOrThrow({ where: { id }, select: caseFactsSelect });
}

/** The case's facts as the diff compares them (amounts in minor units, dates as YYYY-MM-DD). */
function comparableFacts(found: StoredFacts) {
  return {
    incidentStart: isoDate(found.incidentStart),
    incidentEnd: isoDate(found.incidentEnd),
    region: found.region,
    place: found.place,
    channel: found.channel,
    urgency: found.urgency,
    unnamedWorkerCount: found.unnamedWorkerCount,
    account: found.account,
    facts: JSON.parse(found.facts) as Record<string, unknown>,
  };
}

/** The facts form of a case, filled in as it stands. */
export async function factsEditForm(caller: Caller, reference: string) {
  const { id } = await editableCase(caller, reference);
  const found = await loadFacts(prisma, id);
  const stored = comparableFacts(found);
  const facts = Object.fromEntries(
    Object.entries(stored.facts).map(([key, value]) => [
      key,
      AMOUNT_FACTS.includes(key) && typeof value === "number"
        ? minorToMajor(value)
        : typeof value === "number"
          ? String(value)
          : value,
    ]),
  );
  return {
    reference: found.reference,
    category: found.category as EditableCategory,
    version: found.version,
    values: {
      ...stored,
      incidentEnd: stored.incidentEnd ?? "",
      unnamedWorkerCount: String(stored.unnamedWorkerCount),
      facts,
      version: found.version,
    } as Record<string, unknown>,
  };
}

/**
 * Saves the facts form (raw posted values, validated here with the category's
 * own schema): nothing is written when nothing changed.
 */
export async function updateCaseFacts(
  caller: Caller,
  reference: string,
  input: Record<string, unknown>,
  request: RequestContext = {},
): Promise<EditResult> {
  const { id } = await editableCase(caller, reference);
  const found = await loadFacts(prisma, id);
  const category = found.category as EditableCategory;
  const parsed = validateFactsEdit(category, input);
  if (!parsed.success) return { kind: "invalid", fieldErrors: parsed.errors };
  const edit = parsed.data;
  // A form from before someone else's change is answered with that change.
  if (found.version !== edit.version) throw await staleForm(id);
  if (found._count.workers === 0 && edit.unnamedWorkerCount === 0)
    return { kind: "invalid", fieldErrors: { unnamedWorkerCount: "intake.errors.noWorkers" } };

  const urgency = category === "DETAINED_ACTIVIST" ? "URGENT" : (edit.urgency ?? found.urgency);
  const after = {
    incidentStart: edit.incidentStart,
    incidentEnd: edit.incidentEnd ?? null,
    region: edit.region,
    place: edit.place,
    channel: edit.channel,
    urgency,
    unnamedWorkerCount: edit.unnamedWorkerCount,
    account: edit.account,
    facts: edit.facts as Record<string, unknown>,
  };
  // The account can be pages long: the timeline says it changed, the case keeps the text.
  const changes = diffFacts(comparableFacts(found), after, { withoutValues: ["account"] });
  if (changes.length === 0) return { kind: "unchanged" };

  const fields = changedFields(changes);
  await prisma.$transaction(async (tx) => {
    await updateCaseAtVersion(tx, id, edit.version, {
      incidentStart: dateOnly(after.incidentStart),
      incidentEnd: after.incidentEnd ? dateOnly(after.incidentEnd) : null,
      region: after.region,
      place: after.place,
      channel: after.channel,
      urgency: after.urgency,
      unnamedWorkerCount: after.unnamedWorkerCount,
      account: after.account,
      facts: JSON.stringify(after.facts),
    });
    if (fields.includes("account") || fields.includes("place")) await refreshSearchText(tx, id);
    await recordCaseEvent(tx, {
      caseId: id,
      actorId: caller.id,
      kind: "FACT_EDITED",
      details: { changes, currency: after.facts.currency ?? null },
    });
    await appendAudit(tx, {
      action: "case.facts_edited",
      actorId: caller.id,
      targetType: "case",
      targetId: found.reference,
      details: { fields },
      ...request,
    });
  });
  return { kind: "saved", changes };
}

// ---- Workers ------------------------------------------------------------

const workerSelect = {
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
  consentToBeNamed: true,
  identity: {
    select: { fullName: true, iin: true, phone: true, address: true, contactNotes: true },
  },
} as const;

type StoredWorker = Awaited<ReturnType<typeof caseWorkers>>[number];

function caseWorkers(caseId: string) {
  return prisma.affectedWorker.findMany({
    where: { caseId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: workerSelect,
  });
}

/** The worker and their number on the case file (1, 2, …); 404 if the id is not this case's. */
async function workerOnCase(caseId: string, workerId: string) {
  const workers = await caseWorkers(caseId);
  const index = workers.findIndex((worker) => worker.id === workerId);
  if (index < 0) throw DomainError.notFound();
  return { worker: workers[index]!, number: index + 1, count: workers.length };
}

const triState = (value: boolean | null) => (value === null ? null : value ? "YES" : "NO");

/** A worker as the diff compares them and as the form shows them. */
function comparableWorker(worker: StoredWorker | null) {
  return {
    anonymous: worker?.anonymous ?? false,
    fullName: worker?.identity?.fullName ?? null,
    iin: worker?.identity?.iin ?? null,
    phone: worker?.identity?.phone ?? null,
    address: worker?.identity?.address ?? null,
    contactNotes: worker?.identity?.contactNotes ?? null,
    yearOfBirth: worker?.yearOfBirth ?? null,
    gender: worker?.gender ?? null,
    citizenship: worker?.citizenship ?? null,
    occupation: worker?.occupation ?? null,
    unionMember: worker ? triState(worker.unionMember) : null,
    consentToStore: worker?.consentToStore ?? false,
    consentToContact: worker?.consentToContact ?? false,
    consentToShare: worker?.consentToShare ?? false,
    consentToCiteAnonymously: worker?.consentToCiteAnonymously ?? false,
    consentToBeNamed: worker?.consentToBeNamed ?? false,
  };
}

function comparableInput(worker: WorkerInput): ComparableWorker {
  const named = !worker.anonymous;
  return {
    anonymous: worker.anonymous,
    fullName: named ? (worker.fullName ?? null) : null,
    iin: named ? (worker.iin ?? null) : null,
    phone: named ? (worker.phone ?? null) : null,
    address: named ? (worker.address ?? null) : null,
    contactNotes: named ? (worker.contactNotes ?? null) : null,
    yearOfBirth: worker.yearOfBirth ?? null,
    gender: worker.gender ?? null,
    citizenship: worker.citizenship ?? null,
    occupation: worker.occupation ?? null,
    unionMember:
      worker.unionMember === undefined || worker.unionMember === "UNKNOWN"
        ? null
        : worker.unionMember,
    consentToStore: worker.consentToStore,
    consentToContact: worker.consentToContact,
    consentToShare: worker.consentToShare,
    consentToCiteAnonymously: worker.consentToCiteAnonymously,
    consentToBeNamed: !worker.anonymous && worker.consentToBeNamed,
  };
}

type ComparableWorker = ReturnType<typeof comparableWorker>;

function workerFactsData(worker: ComparableWorker) {
  return {
    anonymous: worker.anonymous,
    yearOfBirth: worker.yearOfBirth,
    gender: worker.gender,
    citizenship: worker.citizenship,
    occupation: worker.occupation,
    unionMember: worker.unionMember === null ? null : worker.unionMember === "YES",
    consentToStore: worker.consentToStore,
    consentToContact: worker.consentToContact,
    consentToShare: worker.consentToShare,
    consentToCiteAnonymously: worker.consentToCiteAnonymously,
    consentToBeNamed: worker.consentToBeNamed,
  };
}

function identityData(worker: ComparableWorker) {
  return {
    fullName: worker.fullName!,
    iin: worker.iin,
    phone: worker.phone,
    address: worker.address,
    contactNotes: worker.contactNotes,
  };
}

const diffWorker = (before: ComparableWorker, after: ComparableWorker, number: number) =>
  diffFacts(before, after, { prefix: `workers.${number}`, withoutValues: IDENTITY_FIELDS });

/** The worker form, filled in as it stands, and the worker's number on the case file. */
export async function workerEditForm(
  caller: Caller,
  reference: string,
  workerId: string,
  request: RequestContext = {},
) {
  const { id } = await editableCase(caller, reference);
  const [{ version }, { worker, number, count }] = await Promise.all([
    prisma.case.findUniqueOrThrow({ where: { id }, select: { version: true } }),
    workerOnCase(id, workerId),
  ]);
  // Opening one worker's details (name, IIN, phone, address) is on the record.
  await recordAudit({
    action: "worker.viewed",
    actorId: caller.id,
    targetType: "case",
    targetId: reference,
    details: { workerId },
    ...request,
  });
  const stored = comparableWorker(worker);
  const values = Object.fromEntries(
    Object.entries(stored).map(([key, value]) => [
      key,
      value === null ? "" : typeof value === "number" ? String(value) : value,
    ]),
  );
  return { version, number, count, values: { worker: values, version } };
}

export async function newWorkerForm(caller: Caller, reference: string) {
  const { id } = await editableCase(caller, reference);
  const found = await prisma.case.findUniqueOrThrow({
    where: { id },
    select: { version: true, _count: { select: { workers: true } } },
  });
  return {
    version: found.version,
    number: found._count.workers + 1,
    values: { worker: { anonymous: false }, version: found.version },
  };
}

type WorkerWrite = {
  caseId: string;
  reference: string;
  action: AuditAction;
  event: "added" | "updated" | "removed";
  number: number;
  changes: FactChange[];
  reason?: string;
  searchTextChanged: boolean;
};

/** The common end of every worker change: version, search text, timeline, audit. */
async function recordWorkerChange(
  tx: Tx,
  caller: Caller,
  write: WorkerWrite,
  request: RequestContext,
) {
  if (write.searchTextChanged) await refreshSearchText(tx, write.caseId);
  await recordCaseEvent(tx, {
    caseId: write.caseId,
    actorId: caller.id,
    kind: "FACT_EDITED",
    details: {
      worker: { number: write.number, event: write.event },
      changes: write.changes,
      ...(write.reason ? { reason: write.reason } : {}),
    },
  });
  await appendAudit(tx, {
    action: write.action,
    actorId: caller.id,
    targetType: "case",
    targetId: write.reference,
    // Field names only: never who the worker is, nor the reason typed.
    details: { worker: write.number, fields: changedFields(write.changes) },
    ...request,
  });
}

function parseWorker(input: Record<string, unknown>) {
  const parsed = workerEditSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, fieldErrors: flattenErrors(parsed.error) };
  return { ok: true as const, data: parsed.data };
}

async function caseForWorkers(caller: Caller, reference: string, version: number) {
  const { id } = await editableCase(caller, reference);
  const found = await prisma.case.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      reference: true,
      version: true,
      unnamedWorkerCount: true,
      _count: { select: { workers: true } },
    },
  });
  if (found.version !== version) throw await staleForm(id);
  return found;
}

export async function addWorker(
  caller: Caller,
  reference: string,
  input: Record<string, unknown>,
  request: RequestContext = {},
): Promise<EditResult> {
  const parsed = parseWorker(input);
  if (!parsed.ok) {
    await editableCase(caller, reference);
    return { kind: "invalid", fieldErrors: parsed.fieldErrors };
  }
  const found = await caseForWorkers(caller, reference, parsed.data.version);
  if (found._count.workers >= LIMITS.namedWorkers)
    throw DomainError.invalidField("form", "caseFile.edit.tooManyWorkers");
  const after = comparableInput(parsed.data.worker);
  const number = found._count.workers + 1;
  const changes = diffWorker(comparableWorker(null), after, number);
  await prisma.$transaction(async (tx) => {
    await updateCaseAtVersion(tx, found.id, parsed.data.version);
    await tx.affectedWorker.create({
      data: {
        caseId: found.id,
        ...workerFactsData(after),
        // An anonymous worker has no identity row at all.
        ...(after.anonymous ? {} : { identity: { create: identityData(after) } }),
      },
    });
    await recordWorkerChange(
      tx,
      caller,
      {
        caseId: found.id,
        reference: found.reference,
        action: "case.worker_added",
        event: "added",
        number,
        changes,
        searchTextChanged: !after.anonymous,
      },
      request,
    );
  });
  return { kind: "saved", changes };
}

export async function updateWorker(
  caller: Caller,
  reference: string,
  workerId: string,
  input: Record<string, unknown>,
  request: RequestContext = {},
): Promise<EditResult> {
  const { id } = await editableCase(caller, reference);
  const { worker, number } = await workerOnCase(id, workerId);
  const parsed = parseWorker(input);
  if (!parsed.ok) return { kind: "invalid", fieldErrors: parsed.fieldErrors };
  const found = await caseForWorkers(caller, reference, parsed.data.version);
  const before = comparableWorker(worker);
  const after = comparableInput(parsed.data.worker);
  const changes = diffWorker(before, after, number);
  if (changes.length === 0) return { kind: "unchanged" };
  await prisma.$transaction(async (tx) => {
    await updateCaseAtVersion(tx, found.id, parsed.data.version);
    await tx.affectedWorker.update({ where: { id: worker.id }, data: workerFactsData(after) });
    if (after.anonymous) await tx.workerIdentity.deleteMany({ where: { workerId: worker.id } });
    else
      await tx.workerIdentity.upsert({
        where: { workerId: worker.id },
        create: { workerId: worker.id, ...identityData(after) },
        update: identityData(after),
      });
    await recordWorkerChange(
      tx,
      caller,
      {
        caseId: found.id,
        reference: found.reference,
        action: "case.worker_updated",
        event: "updated",
        number,
        changes,
        searchTextChanged: before.fullName !== after.fullName,
      },
      request,
    );
  });
  return { kind: "saved", changes };
}

/** Removing deletes the worker and their identity; the timeline keeps that it happened, and why. */
export async function removeWorker(
  caller: Caller,
  reference: string,
  workerId: string,
  input: Record<string, unknown>,
  request: RequestContext = {},
): Promise<EditResult> {
  const { id } = await editableCase(caller, reference);
  const { worker, number } = await workerOnCase(id, workerId);
  const parsed = workerRemoveSchema.safeParse(input);
  if (!parsed.success) return { kind: "invalid", fieldErrors: flattenErrors(parsed.error) };
  const found = await caseForWorkers(caller, reference, parsed.data.version);
  if (found._count.workers === 1 && found.unnamedWorkerCount === 0)
    return { kind: "invalid", fieldErrors: { reason: "caseFile.edit.lastWorker" } };
  const changes: FactChange[] = worker.identity
    ? IDENTITY_FIELDS.filter((field) => worker.identity?.[field]).map((field) => ({
        field: `workers.${number}.${field}`,
        changed: true as const,
      }))
    : [];
  await prisma.$transaction(async (tx) => {
    await updateCaseAtVersion(tx, found.id, parsed.data.version);
    // The identity row goes with it (cascade).
    await tx.affectedWorker.delete({ where: { id: worker.id } });
    await recordWorkerChange(
      tx,
      caller,
      {
        caseId: found.id,
        reference: found.reference,
        action: "case.worker_removed",
        event: "removed",
        number,
        changes,
        reason: parsed.data.reason,
        searchTextChanged: Boolean(worker.identity),
      },
      request,
    );
  });
  return { kind: "saved", changes };
}
