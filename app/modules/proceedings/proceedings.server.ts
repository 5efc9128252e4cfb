// Legal action on a case: proceedings (claims, complaints, defenses,
// negotiations) and their hearings and deadlines. Recorded by lawyers and
// coordinators only; every write moves the case's version (optimistic locking)
// and writes its timeline and audit entries in the same transaction.
// Organizers see proceedings read-only: they are the case's public procedure,
// not privileged notes, so the timeline entries are not marked legal.
//
// Sealed with the case key (docs/decisions/0027): a proceeding's summary and
// external (court) number, and a date's place, description and outcome — any of
// them can name a worker, a witness or a manager. The timeline names these
// fields when they change, never their values. The authority stays clear: it
// is the body the action is brought before (a court, an inspectorate), which
// the monitoring reports group by.
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import { instant, instantOrNull, readRows, type ReadRow, textOrNull } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import {
  keepOrReplace,
  newRowId,
  openerForCase,
  unreadableOf,
  sealerForCase,
  valueOf,
  type CaseOpener,
  type Readable,
} from "~/modules/keys/case-fields.server";
import type {
  ProceedingDateKind,
  ProceedingKind,
  ProceedingStatus,
} from "~/generated/prisma/sqlite/enums";
import type { AuditAction } from "~/modules/audit/audit.server";
import { requireCaseAccess } from "~/modules/cases/access.server";
import { seesLegalMaterial } from "~/modules/cases/timeline.server";
import { versionedCaseWrite, type CaseChangeRecord } from "~/modules/cases/versioned-write.server";
import { joinedName } from "~/modules/people/display-names.server";
import { kazakhstanInstant } from "~/utils/time";
import type { ProceedingDateInput, ProceedingDateUpdate, ProceedingInput } from "./schema";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/**
 * One field that changed, as the timeline shows it. Sealed texts are named, not copied;
 * `replacedUnreadable`: text that could not be read was deliberately replaced (decision 0043).
 */
type Change = { field: string; from: string | null; to: string | null; replacedUnreadable?: true };

/** The sealed columns of each table: never copied into the timeline or the audit log. */
const SEALED_PROCEEDING = ["externalNumber", "summary"] as const;
const SEALED_DATE = ["place", "description", "outcome"] as const;

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
  sealedFields: readonly string[],
  unreadable: { kept: readonly string[]; replaced: readonly string[] } = { kept: [], replaced: [] },
): Change[] {
  return Object.keys(after)
    .filter((field) => !unreadable.kept.includes(field))
    .filter((field) => unreadable.replaced.includes(field) || before[field] !== after[field])
    .map((field) =>
      unreadable.replaced.includes(field)
        ? { field, from: null, to: null, replacedUnreadable: true as const }
        : sealedFields.includes(field)
          ? { field, from: null, to: null }
          : { field, from: before[field] ?? null, to: after[field] ?? null },
    );
}

/** The sealed values an edit writes: a column kept as stored (decision 0043) is left out. */
function withoutKept<T extends Record<string, string | null>>(values: T, kept: readonly string[]) {
  return Object.fromEntries(
    Object.entries(values).filter(([column]) => !kept.includes(column)),
  ) as Partial<T>;
}

/** The audit details of an edit, naming replaced unreadable columns on their own (0043). */
function editDetails(changes: Change[], replaced: readonly string[]) {
  const fields = changes.map((c) => c.field);
  return replaced.length > 0 ? { fields, replacedUnreadable: replaced } : { fields };
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

/** A proceeding's sealed columns, opened (null where never filled in). */
function openProceeding(
  opener: CaseOpener,
  row: { id: string; externalNumber: string | null; summary: string | null },
) {
  return opener.open("Proceeding", row.id, {
    externalNumber: row.externalNumber,
    summary: row.summary,
  });
}

/** A date's sealed columns, opened. */
function openDate(
  opener: CaseOpener,
  row: { id: string; place: string | null; description: string; outcome: string | null },
) {
  return opener.open("ProceedingDate", row.id, {
    place: row.place,
    description: row.description,
    outcome: row.outcome,
  });
}

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
    const sealer = await sealerForCase(tx, caseId);
    const id = newRowId();
    const sealed = sealer.seal("Proceeding", id, {
      externalNumber: row.externalNumber,
      summary: row.summary,
    });
    const created = await tx.proceeding.create({
      data: {
        ...row,
        ...sealed,
        id,
        caseId,
        filedOn: filedOnDate(input.filedOn),
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
          kind: row.kind,
          authority: row.authority,
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
  await legalActionWrite(caller, reference, input.version, request, within, async (tx, caseId) => {
    const sealer = await sealerForCase(tx, caseId);
    // Read after taking the version: no other proceeding write can come between.
    const [stored, opener] = await Promise.all([
      tx.proceeding.findUniqueOrThrow({
        where: { id: proceedingId },
        select: { id: true, ...proceedingSelect },
      }),
      openerForCase(caseId, tx),
    ]);
    const opened = openProceeding(opener, stored);
    const before = {
      ...stored,
      externalNumber: valueOf(opened.externalNumber),
      summary: valueOf(opened.summary),
      filedOn: day(stored.filedOn),
    };
    const after = proceedingRow(input);
    // Text that cannot be read stays as stored unless replaced (decision 0043).
    const unreadable = keepOrReplace(
      unreadableOf(opened, SEALED_PROCEEDING),
      after,
      input.replace ?? {},
    );
    const changes = changesBetween(before, after, SEALED_PROCEEDING, unreadable);
    const { externalNumber, summary, ...clear } = after;
    await tx.proceeding.update({
      where: { id: proceedingId },
      data: {
        ...clear,
        ...sealer.seal(
          "Proceeding",
          proceedingId,
          withoutKept({ externalNumber, summary }, unreadable.kept),
        ),
        filedOn: filedOnDate(input.filedOn),
      },
    });
    return proceedingUpdated(
      undefined,
      { id: proceedingId, ...after },
      { changes },
      { action: "proceeding.updated", details: editDetails(changes, unreadable.replaced) },
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
    const sealer = await sealerForCase(tx, caseId);
    const id = newRowId();
    const sealed = sealer.seal("ProceedingDate", id, {
      place: row.place,
      description: row.description,
      outcome: row.outcome,
    });
    const created = await tx.proceedingDate.create({
      data: {
        ...row,
        ...sealed,
        id,
        dueAt: new Date(row.dueAt),
        proceedingId,
        caseId,
        createdById: caller.id,
      },
      select: { id: true },
    });
    return proceedingUpdated(
      created,
      proceeding,
      // The description stays on the date (sealed); the case file opens it from there.
      { dateAdded: { dateId: created.id, kind: row.kind, dueAt: row.dueAt } },
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
  input: ProceedingDateUpdate,
  request: RequestContext = {},
): Promise<void> {
  const within = async (caseId: string) => {
    const found = await prisma.proceedingDate.findFirst({
      where: { id: dateId, proceedingId, caseId },
      select: { id: true },
    });
    if (!found) throw DomainError.notFound();
  };
  await legalActionWrite(caller, reference, input.version, request, within, async (tx, caseId) => {
    const sealer = await sealerForCase(tx, caseId);
    const [{ proceeding, dueAt, ...stored }, opener] = await Promise.all([
      tx.proceedingDate.findUniqueOrThrow({
        where: { id: dateId },
        select: {
          id: true,
          kind: true,
          dueAt: true,
          place: true,
          description: true,
          outcome: true,
          proceeding: { select: { id: true, kind: true, authority: true } },
        },
      }),
      openerForCase(caseId, tx),
    ]);
    const opened = openDate(opener, stored);
    const before = {
      kind: stored.kind,
      dueAt: dueAt.toISOString(),
      place: valueOf(opened.place),
      description: valueOf(opened.description),
      outcome: valueOf(opened.outcome),
    };
    const after = dateRow({ ...input, description: input.description ?? "" });
    // Text that cannot be read stays as stored unless replaced (decision 0043).
    const unreadable = keepOrReplace(unreadableOf(opened, SEALED_DATE), after, input.replace ?? {});
    // An empty description means "keep it" only for one that cannot be read.
    if (!after.description && !unreadable.kept.includes("description"))
      throw DomainError.invalidField("description", "validation.required");
    const changes = changesBetween(before, after, SEALED_DATE, unreadable);
    const { place, description, outcome, ...clear } = after;
    await tx.proceedingDate.update({
      where: { id: dateId },
      data: {
        ...clear,
        ...(sealer.seal(
          "ProceedingDate",
          dateId,
          withoutKept({ place, description, outcome }, unreadable.kept),
        ) as { place?: string | null; description?: string; outcome?: string | null }),
        dueAt: new Date(after.dueAt),
      },
    });
    return proceedingUpdated(
      undefined,
      proceeding,
      {
        dateUpdated: {
          dateId,
          kind: after.kind,
          dueAt: after.dueAt,
          outcomeRecorded: stored.outcome === null && after.outcome !== null,
          changes,
        },
      },
      {
        action: "proceeding_date.updated",
        details: { dateId, ...editDetails(changes, unreadable.replaced) },
      },
    );
  });
}

/**
 * The case's proceedings, oldest first, with their dates, their sealed texts opened (or why they
 * cannot be). Unchecked: the caller already passed requireCaseAccess.
 */
export async function uncheckedListProceedings(caseId: string, opener?: CaseOpener) {
  const [proceedings, caseOpener] = await Promise.all([
    queryProceedings({ caseId }),
    opener ?? openerForCase(caseId),
  ]);
  return proceedings.map((proceeding) => openedProceeding(caseOpener, proceeding));
}

function openedProceeding(opener: CaseOpener, { dates, ...proceeding }: ListedProceeding) {
  return {
    ...proceeding,
    ...openProceeding(opener, proceeding),
    dates: dates.map((date) => ({ ...date, ...openDate(opener, date) })),
  };
}

/** A hearing or deadline as stored, its sealed columns not yet opened. */
type ListedDate = {
  id: string;
  kind: ProceedingDateKind;
  dueAt: Date;
  place: string | null;
  description: string;
  outcome: string | null;
};

/** A proceeding as stored, with who recorded it and its dates. */
type ListedProceeding = {
  id: string;
  kind: ProceedingKind;
  authority: string;
  externalNumber: string | null;
  filedOn: Date | null;
  status: ProceedingStatus;
  summary: string | null;
  createdBy: { displayName: string };
  dates: ListedDate[];
};

function listedDate(row: ReadRow): ListedDate {
  return {
    id: String(row.dateId),
    kind: row.dateKind as ProceedingDateKind,
    dueAt: instant(row.dueAt),
    place: textOrNull(row.place),
    description: String(row.description),
    outcome: textOrNull(row.outcome),
  };
}

/**
 * The proceedings with who recorded each and their dates (each proceeding's in order), through
 * the driver: the proceedings, who recorded them and their dates are one statement (a proceeding's
 * columns repeat on each of its dates, a handful), where Prisma sent three (docs/decisions/0053).
 */
async function queryProceedings(where: { caseId: string; id?: string }) {
  const rows = await readRows(Prisma.sql`
    SELECT p."id" AS "id", p."kind" AS "kind", p."authority" AS "authority",
      p."externalNumber" AS "externalNumber", p."filedOn" AS "filedOn", p."status" AS "status",
      p."summary" AS "summary", p."createdById" AS "createdById", u."displayName" AS "createdByName",
      d."id" AS "dateId", d."kind" AS "dateKind", d."dueAt" AS "dueAt", d."place" AS "place",
      d."description" AS "description", d."outcome" AS "outcome"
    FROM "Proceeding" p
    LEFT JOIN "User" u ON u."id" = p."createdById"
    LEFT JOIN "ProceedingDate" d ON d."proceedingId" = p."id"
    WHERE p."caseId" = ${where.caseId}
      ${where.id === undefined ? Prisma.empty : Prisma.sql`AND p."id" = ${where.id}`}
    ORDER BY p."createdAt" ASC, p."id" ASC, d."dueAt" ASC, d."id" ASC`);
  if (rows.length === 0) return [];
  // A proceeding's rows come together (ordered by it first); one without dates is one row of nulls.
  const proceedings: ListedProceeding[] = [];
  for (const row of rows) {
    let proceeding = proceedings.at(-1);
    if (!proceeding || proceeding.id !== row.id) {
      proceeding = {
        id: String(row.id),
        kind: row.kind as ProceedingKind,
        authority: String(row.authority),
        externalNumber: textOrNull(row.externalNumber),
        filedOn: instantOrNull(row.filedOn),
        status: row.status as ProceedingStatus,
        summary: textOrNull(row.summary),
        createdBy: { displayName: joinedName(String(row.createdById), row.createdByName) },
        dates: [],
      };
      proceedings.push(proceeding);
    }
    if (row.dateId !== null) proceeding.dates.push(listedDate(row));
  }
  return proceedings;
}

export type ProceedingListItem = Awaited<ReturnType<typeof uncheckedListProceedings>>[number];

/** A hearing or deadline to come, with its proceeding: the case file's "next date". */
type NextDueDate = {
  id: string;
  kind: ProceedingDateKind;
  dueAt: Date;
  place: Readable | null;
  description: Readable;
  proceeding: { id: string; kind: ProceedingInput["kind"]; authority: string };
};

/**
 * The next hearing or deadline from `now` on any of the case's proceedings, or null, taken from
 * the proceedings as the case file has listed them already (every proceeding with every date,
 * opened): no statement of its own. Its test holds it to a query of the dates.
 */
export function nextDueIn(
  proceedings: Pick<ProceedingListItem, "id" | "kind" | "authority" | "dates">[],
  now: Date,
): NextDueDate | null {
  let next: NextDueDate | null = null;
  for (const proceeding of proceedings)
    for (const date of proceeding.dates) {
      if (date.dueAt < now) continue;
      // By when it is due, then by id: the first of those at the same instant.
      if (
        next &&
        (date.dueAt.getTime() > next.dueAt.getTime() ||
          (date.dueAt.getTime() === next.dueAt.getTime() && date.id > next.id))
      )
        continue;
      next = {
        id: date.id,
        kind: date.kind,
        dueAt: date.dueAt,
        place: date.place,
        description: date.description,
        proceeding: { id: proceeding.id, kind: proceeding.kind, authority: proceeding.authority },
      };
    }
  return next;
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
  const [[proceeding], opener] = await Promise.all([
    queryProceedings({ caseId, id: proceedingId }),
    openerForCase(caseId),
  ]);
  if (!proceeding) throw DomainError.notFound();
  // The page is the proceeding's forms: filled with "Sealed" they would overwrite the texts
  // when saved, so while the server is sealed the page is refused, as other sealed edits are.
  if (!opener.readable) throw DomainError.sealed();
  return { caseFile: found, proceeding: openedProceeding(opener, proceeding) };
}

/**
 * The timeline's added hearings and deadlines with their description, opened: the entries hold
 * only the date's id, kind and time, so that no description is stored outside its sealed
 * column. Entries written before that keep the description they hold.
 */
export async function withProceedingDateTexts<
  E extends { kind: string; details: Record<string, unknown> },
>(caseId: string, events: E[], opener?: CaseOpener): Promise<E[]> {
  const added = (event: E) => {
    const dateAdded = event.details.dateAdded as Record<string, unknown> | undefined;
    return event.kind === "PROCEEDING_UPDATED" &&
      dateAdded &&
      typeof dateAdded.dateId === "string" &&
      dateAdded.description === undefined
      ? dateAdded
      : null;
  };
  const ids = new Set<string>();
  for (const event of events) {
    const dateAdded = added(event);
    if (dateAdded) ids.add(dateAdded.dateId as string);
  }
  if (ids.size === 0) return events;
  // Through the driver, as the list of proceedings (docs/decisions/0053).
  const [dates, caseOpener] = await Promise.all([
    readRows(Prisma.sql`
      SELECT "id", "description" FROM "ProceedingDate"
      WHERE "caseId" = ${caseId} AND "id" IN (${Prisma.join([...ids])})`),
    opener ?? openerForCase(caseId),
  ]);
  const descriptions = new Map(
    dates.map((d) => [
      String(d.id),
      caseOpener.openOne("ProceedingDate", "description", String(d.id), String(d.description)),
    ]),
  );
  return events.map((event) => {
    const dateAdded = added(event);
    const description = dateAdded && descriptions.get(dateAdded.dateId as string);
    return description
      ? { ...event, details: { ...event.details, dateAdded: { ...dateAdded, description } } }
      : event;
  });
}
