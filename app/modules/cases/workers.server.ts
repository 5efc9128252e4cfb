// Editing a case's workers: adding, correcting and removing them. Every save
// goes through versionedCaseWrite (version, timeline entry, audit entry in one
// transaction); a stale form is answered with the facts edit that came first.
// Worker identity values never leave the identity table: the timeline and the
// audit log name the fields only.
import { newPseudonym } from "./pseudonym";
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import type { AuditAction } from "~/modules/audit/audit.server";
import { LIMITS } from "~/modules/intake/categories";
import type { WorkerInput } from "~/modules/intake/schema";
import { sealedIdentity, workerRow } from "~/modules/intake/worker-row.server";
import {
  blindIndexKeysIfUnsealed,
  identityIndexes,
  newRowId,
  openerForCase,
  sealerForCase,
  valueOf,
} from "~/modules/keys/case-fields.server";
import { flattenErrors } from "~/utils/forms";
import {
  IDENTITY_FIELDS,
  workerEditSchema,
  workerEditSchemaFor,
  workerRemoveSchema,
  type IdentityField,
} from "./edit.schema";
import { changedFields, diffFacts, type FactChange } from "./fact-diff";
import { editableCase, staleForm, type EditResult } from "./facts.server";
import { refreshSearchText } from "./search-text.server";
import { versionedCaseWrite } from "./versioned-write.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

const workerSelect = {
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
  consentToBeNamed: true,
  identity: {
    select: { fullName: true, iin: true, phone: true, address: true, contactNotes: true },
  },
} as const;

type StoredWorker = Awaited<ReturnType<typeof caseWorkers>>[number];

/**
 * The case's workers, their identities opened with the case key. Editing workers needs the key:
 * while the server is sealed this refuses with a "sealed" DomainError (a form filled with
 * "sealed" would overwrite the names when saved). A field that fails its integrity check is
 * listed in `unreadable` (its text left empty): a save keeps it unless replaced (decision 0043).
 */
async function caseWorkers(caseId: string) {
  const [workers, opener] = await Promise.all([
    prisma.affectedWorker.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: workerSelect,
    }),
    openerForCase(caseId),
  ]);
  if (!opener.readable) throw DomainError.sealed();
  return workers.map(({ identity, ...worker }) => {
    if (!identity) return { ...worker, identity: null, unreadable: [] as IdentityField[] };
    const opened = opener.open("WorkerIdentity", worker.id, identity);
    return {
      ...worker,
      unreadable: IDENTITY_FIELDS.filter((field) => opened[field] && !opened[field].ok),
      identity: {
        fullName: valueOf(opened.fullName) ?? "",
        iin: valueOf(opened.iin),
        phone: valueOf(opened.phone),
        address: valueOf(opened.address),
        contactNotes: valueOf(opened.contactNotes),
      },
    };
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

const diffWorker = (before: ComparableWorker, after: ComparableWorker, number: number) =>
  diffFacts(before, after, { prefix: `workers.${number}`, withoutValues: IDENTITY_FIELDS });

/** The worker, if on this case; otherwise a 404 that does not confirm it exists. */
async function requireWorker(caseId: string, workerId: string) {
  const found = await prisma.affectedWorker.findFirst({
    where: { id: workerId, caseId },
    select: { id: true },
  });
  if (!found) throw DomainError.notFound();
}

/** The worker form, filled in as it stands, and the worker's number on the case file. */
export async function workerEditForm(
  caller: Caller,
  reference: string,
  workerId: string,
  request: RequestContext = {},
) {
  // Opening one worker's details (name, IIN, phone, address) is on the record, with the worker's id.
  const { id } = await editableCase(caller, reference, {
    page: "worker",
    context: request,
    details: { workerId },
    within: (caseId) => requireWorker(caseId, workerId),
  });
  const [{ version }, { worker, number, count }] = await Promise.all([
    prisma.case.findUniqueOrThrow({ where: { id }, select: { version: true } }),
    workerOnCase(id, workerId),
  ]);
  const stored = comparableWorker(worker);
  const values = Object.fromEntries(
    Object.entries(stored).map(([key, value]) => [
      key,
      value === null ? "" : typeof value === "number" ? String(value) : value,
    ]),
  );
  return {
    version,
    number,
    count,
    /** Identity fields whose stored text cannot be read (decision 0043). */
    unreadable: worker.unreadable,
    values: { worker: values, version },
  };
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
  action: AuditAction;
  event: "added" | "updated" | "removed";
  number: number;
  /** The worker's pseudonym: the timeline names the worker by it, never by name. */
  pseudonym: string;
  changes: FactChange[];
  reason?: string;
  /** Identity fields whose unreadable text was deliberately replaced (decision 0043). */
  replacedUnreadable?: readonly IdentityField[];
  searchTextChanged: boolean;
};

/** What the timeline and the audit log say of a worker change (search text refreshed first when a name changed). */
async function workerChangeRecord(tx: Tx, caseId: string, write: WorkerWrite) {
  if (write.searchTextChanged) await refreshSearchText(tx, caseId);
  return {
    result: { kind: "saved" as const, changes: write.changes },
    timeline: {
      kind: "FACT_EDITED" as const,
      details: {
        worker: { number: write.number, pseudonym: write.pseudonym, event: write.event },
        changes: write.changes,
        ...(write.reason ? { reason: write.reason } : {}),
      },
    },
    // Field names only: never who the worker is, nor the reason typed.
    audit: {
      action: write.action,
      details: {
        worker: write.number,
        fields: changedFields(write.changes),
        ...(write.replacedUnreadable?.length
          ? { replacedUnreadable: write.replacedUnreadable }
          : {}),
      },
    },
  };
}

function parseWorker(input: Record<string, unknown>, unreadable: readonly IdentityField[] = []) {
  const parsed = (unreadable.length ? workerEditSchemaFor(unreadable) : workerEditSchema).safeParse(
    input,
  );
  if (!parsed.success) return { ok: false as const, fieldErrors: flattenErrors(parsed.error) };
  return { ok: true as const, data: parsed.data };
}

/** The case the worker form changes, at the form's version (the caller already passed editableCase). */
async function caseForWorkers(id: string, version: number) {
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
  const { id } = await editableCase(caller, reference);
  const parsed = parseWorker(input);
  if (!parsed.ok) return { kind: "invalid", fieldErrors: parsed.fieldErrors };
  const found = await caseForWorkers(id, parsed.data.version);
  if (found._count.workers >= LIMITS.namedWorkers)
    throw DomainError.invalidField("form", "caseFile.edit.tooManyWorkers");
  const after = comparableInput(parsed.data.worker);
  const number = found._count.workers + 1;
  const changes = diffWorker(comparableWorker(null), after, number);
  return versionedCaseWrite(
    caller,
    { case: found, expectedVersion: parsed.data.version },
    request,
    async (tx) => {
      const { facts, identity } = workerRow(parsed.data.worker);
      const workerId = newRowId();
      const sealer = await sealerForCase(tx, found.id);
      const taken = await tx.affectedWorker.findMany({
        where: { caseId: found.id },
        select: { pseudonym: true },
      });
      const pseudonym = newPseudonym(taken.map((w) => w.pseudonym));
      await tx.affectedWorker.create({
        data: {
          id: workerId,
          caseId: found.id,
          pseudonym,
          ...facts,
          ...(identity
            ? {
                identity: {
                  create: sealedIdentity(sealer, workerId, identity, blindIndexKeysIfUnsealed()),
                },
              }
            : {}),
        },
      });
      return workerChangeRecord(tx, found.id, {
        action: "case.worker_added",
        event: "added",
        number,
        pseudonym,
        changes,
        searchTextChanged: !after.anonymous,
      });
    },
  );
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
  const parsed = parseWorker(input, worker.unreadable);
  if (!parsed.ok) return { kind: "invalid", fieldErrors: parsed.fieldErrors };
  const found = await caseForWorkers(id, parsed.data.version);
  // An identity field that cannot be read stays byte for byte as stored unless the person
  // ticked "replace" for it, or made the worker anonymous (decision 0043).
  const anonymous = parsed.data.worker.anonymous;
  const replaced = anonymous ? [] : worker.unreadable.filter((f) => parsed.data.replace[f]);
  const kept = anonymous ? [] : worker.unreadable.filter((f) => !parsed.data.replace[f]);
  const before = comparableWorker(worker);
  const after = comparableInput(parsed.data.worker);
  for (const field of kept) after[field] = before[field];
  const replacedFields = replaced.map((field) => `workers.${number}.${field}`);
  const changes: FactChange[] = [
    ...diffWorker(before, after, number).filter((c) => !replacedFields.includes(c.field)),
    ...replacedFields.map((field) => ({
      field,
      changed: true as const,
      replacedUnreadable: true as const,
    })),
  ];
  if (changes.length === 0) return { kind: "unchanged" };
  return versionedCaseWrite(
    caller,
    { case: found, expectedVersion: parsed.data.version },
    request,
    async (tx) => {
      const { facts, identity } = workerRow(parsed.data.worker);
      await tx.affectedWorker.update({ where: { id: worker.id }, data: facts });
      if (anonymous) await tx.workerIdentity.deleteMany({ where: { workerId: worker.id } });
      else if (kept.length > 0) {
        // The row exists (its text is what cannot be read): only the other columns are written,
        // with the blind index of a kept IIN or phone left as it is too.
        const sealer = await sealerForCase(tx, found.id);
        const typed = {
          fullName: after.fullName,
          iin: after.iin,
          phone: after.phone,
          address: after.address,
          contactNotes: after.contactNotes,
        };
        const written = Object.fromEntries(
          Object.entries(typed).filter(([field]) => !kept.includes(field as IdentityField)),
        );
        const indexes = identityIndexes(blindIndexKeysIfUnsealed(), {
          iin: typed.iin,
          phone: typed.phone,
        });
        await tx.workerIdentity.update({
          where: { workerId: worker.id },
          data: {
            ...sealer.seal("WorkerIdentity", worker.id, written),
            ...(kept.includes("iin") ? {} : { iinIndex: indexes.iinIndex }),
            ...(kept.includes("phone") ? {} : { phoneIndex: indexes.phoneIndex }),
          },
        });
      } else if (!identity) await tx.workerIdentity.deleteMany({ where: { workerId: worker.id } });
      else {
        const sealer = await sealerForCase(tx, found.id);
        const stored = sealedIdentity(sealer, worker.id, identity, blindIndexKeysIfUnsealed());
        await tx.workerIdentity.upsert({
          where: { workerId: worker.id },
          create: { workerId: worker.id, ...stored },
          update: stored,
        });
      }
      return workerChangeRecord(tx, found.id, {
        action: "case.worker_updated",
        event: "updated",
        number,
        pseudonym: worker.pseudonym,
        changes,
        replacedUnreadable: replaced,
        searchTextChanged: before.fullName !== after.fullName || replaced.includes("fullName"),
      });
    },
  );
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
  const found = await caseForWorkers(id, parsed.data.version);
  if (found._count.workers === 1 && found.unnamedWorkerCount === 0)
    return { kind: "invalid", fieldErrors: { reason: "caseFile.edit.lastWorker" } };
  const changes: FactChange[] = worker.identity
    ? IDENTITY_FIELDS.filter((field) => worker.identity?.[field]).map((field) => ({
        field: `workers.${number}.${field}`,
        changed: true as const,
      }))
    : [];
  return versionedCaseWrite(
    caller,
    { case: found, expectedVersion: parsed.data.version },
    request,
    async (tx) => {
      // The identity row goes with it (cascade).
      await tx.affectedWorker.delete({ where: { id: worker.id } });
      return workerChangeRecord(tx, found.id, {
        action: "case.worker_removed",
        event: "removed",
        number,
        pseudonym: worker.pseudonym,
        changes,
        reason: parsed.data.reason,
        searchTextChanged: Boolean(worker.identity),
      });
    },
  );
}
