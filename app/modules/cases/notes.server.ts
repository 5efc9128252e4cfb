// Notes on a case: plain text, some marked legal (lawyers and coordinators
// only). Never deleted: a withdrawn note leaves the default view but stays in
// the timeline for coordinators. A note is added beside the case, not an edit
// of it: it takes no version (unversionedCaseWrite). The body and a withdrawal's
// reason are sealed with the case key (docs/decisions/0027): writing them needs
// the key, and neither is copied into the timeline or the audit log.
import { DomainError } from "~/utils/domain-error";
import { prisma } from "~/db.server";
import { flag, instant, instantOrNull, readRows, textOrNull } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { joinedName } from "~/modules/people/display-names.server";
import {
  newRowId,
  openerForCase,
  sealerForCase,
  type CaseOpener,
  type Readable,
} from "~/modules/keys/case-fields.server";
import { requireCaseAccess } from "./access.server";
import { seesLegalMaterial } from "./timeline.server";
import { unversionedCaseWrite } from "./versioned-write.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** The table the sealed columns name in their associated data. */
const TABLE = "CaseNote";

export async function addNote(
  caller: Caller,
  reference: string,
  note: { body: string; legal: boolean },
  request: RequestContext = {},
): Promise<{ id: string }> {
  const found = await requireCaseAccess(caller, reference);
  if (note.legal && !seesLegalMaterial(caller))
    throw DomainError.forbidden("caseFile.notes.legalNotAllowed", "legal");
  return unversionedCaseWrite(caller, found, request, async (tx) => {
    // Refused ("sealed") while the server is sealed: nothing is written.
    const sealer = await sealerForCase(tx, found.id);
    const id = newRowId();
    const { body } = sealer.seal(TABLE, id, { body: note.body });
    const created = await tx.caseNote.create({
      data: { id, caseId: found.id, authorId: caller.id, body, legal: note.legal },
      select: { id: true },
    });
    return {
      result: created,
      timeline: { kind: "NOTE_ADDED", details: { noteId: created.id }, legal: note.legal },
      audit: { action: "case.note_added", details: { noteId: created.id, legal: note.legal } },
    };
  });
}

export async function withdrawNote(
  caller: Caller,
  reference: string,
  withdrawal: { noteId: string; reason: string },
  request: RequestContext = {},
): Promise<void> {
  const found = await requireCaseAccess(caller, reference);
  // The note must belong to this case and be visible to the caller: otherwise it does not exist for them.
  const note = await prisma.caseNote.findFirst({
    where: {
      id: withdrawal.noteId,
      caseId: found.id,
      withdrawnAt: null,
      ...(seesLegalMaterial(caller) ? {} : { legal: false }),
    },
    select: { id: true, authorId: true, legal: true },
  });
  if (!note) throw DomainError.notFound();
  if (note.authorId !== caller.id && caller.role !== "COORDINATOR") {
    throw DomainError.forbidden("caseFile.notes.withdrawNotAllowed", "form");
  }
  await unversionedCaseWrite(caller, found, request, async (tx) => {
    const sealer = await sealerForCase(tx, found.id);
    const { withdrawnReason } = sealer.seal(TABLE, note.id, { withdrawnReason: withdrawal.reason });
    // Only if still current: two people withdrawing at once write one entry.
    const { count } = await tx.caseNote.updateMany({
      where: { id: note.id, withdrawnAt: null },
      data: { withdrawnAt: new Date(), withdrawnById: caller.id, withdrawnReason },
    });
    if (count !== 1) throw DomainError.notFound();
    return {
      result: undefined,
      // The reason stays on the note (sealed); the case file opens it from there (withNoteReasons).
      timeline: {
        kind: "NOTE_WITHDRAWN",
        details: { noteId: note.id },
        legal: note.legal,
      },
      audit: { action: "case.note_withdrawn", details: { noteId: note.id } },
    };
  });
}

/** A note's own columns as the case file shows them, before its sealed ones are opened. */
type StoredNote = {
  id: string;
  body: string;
  legal: boolean;
  createdAt: Date;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
};

/**
 * The notes this viewer sees: current ones by default; coordinators also get
 * withdrawn ones, which the timeline shows them. One statement through the driver with the
 * authors' names, where Prisma sent two (docs/decisions/0053).
 */
export async function listNotes(caseId: string, viewer: Caller, opener?: CaseOpener) {
  const [rows, caseOpener] = await Promise.all([
    readRows(Prisma.sql`
      SELECT n."id", n."body", n."legal", n."createdAt", n."withdrawnAt", n."withdrawnReason",
        n."authorId", u."displayName" AS "authorName"
      FROM "CaseNote" n
      LEFT JOIN "User" u ON u."id" = n."authorId"
      WHERE n."caseId" = ${caseId}
        ${seesLegalMaterial(viewer) ? Prisma.empty : Prisma.sql`AND n."legal" = ${false}`}
        ${viewer.role === "COORDINATOR" ? Prisma.empty : Prisma.sql`AND n."withdrawnAt" IS NULL`}
      ORDER BY n."createdAt" DESC, n."id" DESC`),
    opener ?? openerForCase(caseId),
  ]);
  return rows.map((row) => {
    const note: StoredNote = {
      id: String(row.id),
      body: String(row.body),
      legal: flag(row.legal),
      createdAt: instant(row.createdAt),
      withdrawnAt: instantOrNull(row.withdrawnAt),
      withdrawnReason: textOrNull(row.withdrawnReason),
    };
    const authorId = String(row.authorId);
    return {
      ...note,
      author: { id: authorId, displayName: joinedName(authorId, row.authorName) },
      ...caseOpener.open(TABLE, note.id, {
        body: note.body,
        withdrawnReason: note.withdrawnReason,
      }),
    };
  });
}

/**
 * The timeline's withdrawals with their note's reason, opened: the entries hold only the note's
 * id, so that no reason is stored outside its sealed column. Entries written before that keep
 * the reason they hold.
 */
export async function withNoteReasons<E extends { kind: string; details: Record<string, unknown> }>(
  caseId: string,
  events: E[],
  opener?: CaseOpener,
): Promise<E[]> {
  const ids = new Set<string>();
  for (const event of events)
    if (
      event.kind === "NOTE_WITHDRAWN" &&
      typeof event.details.noteId === "string" &&
      event.details.reason === undefined
    )
      ids.add(event.details.noteId);
  if (ids.size === 0) return events;
  const [notes, caseOpener] = await Promise.all([
    readRows(Prisma.sql`
      SELECT "id", "withdrawnReason" FROM "CaseNote"
      WHERE "caseId" = ${caseId} AND "id" IN (${Prisma.join([...ids])})`),
    opener ?? openerForCase(caseId),
  ]);
  const reasons = new Map<string, Readable | null>(
    notes.map(({ id, withdrawnReason }) => [
      String(id),
      caseOpener.openOne(TABLE, "withdrawnReason", String(id), textOrNull(withdrawnReason)),
    ]),
  );
  return events.map((event) => {
    const reason =
      event.kind === "NOTE_WITHDRAWN" ? reasons.get(event.details.noteId as string) : null;
    return reason ? { ...event, details: { ...event.details, reason } } : event;
  });
}
