// Notes on a case: plain text, some marked legal (lawyers and coordinators
// only). Never deleted: a withdrawn note leaves the default view but stays in
// the timeline for coordinators. A note is added beside the case, not an edit
// of it: it takes no version (unversionedCaseWrite).
import { DomainError } from "~/utils/domain-error";
import { prisma } from "~/db.server";
import { requireCaseAccess } from "./access.server";
import { seesLegalMaterial } from "./timeline.server";
import { unversionedCaseWrite } from "./versioned-write.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

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
    const created = await tx.caseNote.create({
      data: { caseId: found.id, authorId: caller.id, body: note.body, legal: note.legal },
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
    await tx.caseNote.update({
      where: { id: note.id },
      data: {
        withdrawnAt: new Date(),
        withdrawnById: caller.id,
        withdrawnReason: withdrawal.reason,
      },
    });
    return {
      result: undefined,
      timeline: {
        kind: "NOTE_WITHDRAWN",
        details: { noteId: note.id, reason: withdrawal.reason },
        legal: note.legal,
      },
      audit: { action: "case.note_withdrawn", details: { noteId: note.id } },
    };
  });
}

/**
 * The notes this viewer sees: current ones by default; coordinators also get
 * withdrawn ones, which the timeline shows them.
 */
export async function listNotes(caseId: string, viewer: Caller) {
  return prisma.caseNote.findMany({
    where: {
      caseId,
      ...(seesLegalMaterial(viewer) ? {} : { legal: false }),
      ...(viewer.role === "COORDINATOR" ? {} : { withdrawnAt: null }),
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      body: true,
      legal: true,
      createdAt: true,
      withdrawnAt: true,
      withdrawnReason: true,
      author: { select: { id: true, displayName: true } },
    },
  });
}
