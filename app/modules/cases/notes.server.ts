// Notes on a case: plain text, some marked legal (lawyers and coordinators
// only). Never deleted: a withdrawn note leaves the default view but stays in
// the timeline for coordinators.
import { DomainError } from "~/utils/domain-error";
import { prisma } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { requireCaseAccess } from "./access.server";
import { recordCaseEvent, seesLegalMaterial } from "./timeline.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

export async function addNote(
  caller: Caller,
  reference: string,
  note: { body: string; legal: boolean },
  request: RequestContext = {},
): Promise<{ id: string }> {
  const { id: caseId } = await requireCaseAccess(caller, reference);
  if (note.legal && !seesLegalMaterial(caller))
    throw DomainError.forbidden("caseFile.notes.legalNotAllowed", "legal");
  return prisma.$transaction(async (tx) => {
    const created = await tx.caseNote.create({
      data: { caseId, authorId: caller.id, body: note.body, legal: note.legal },
      select: { id: true },
    });
    await recordCaseEvent(tx, {
      caseId,
      actorId: caller.id,
      kind: "NOTE_ADDED",
      details: { noteId: created.id },
      legal: note.legal,
    });
    await appendAudit(tx, {
      action: "case.note_added",
      actorId: caller.id,
      targetType: "case",
      targetId: reference,
      details: { noteId: created.id, legal: note.legal },
      ...request,
    });
    return created;
  });
}

export async function withdrawNote(
  caller: Caller,
  reference: string,
  withdrawal: { noteId: string; reason: string },
  request: RequestContext = {},
): Promise<void> {
  const { id: caseId } = await requireCaseAccess(caller, reference);
  // The note must belong to this case and be visible to the caller: otherwise it does not exist for them.
  const note = await prisma.caseNote.findFirst({
    where: {
      id: withdrawal.noteId,
      caseId,
      withdrawnAt: null,
      ...(seesLegalMaterial(caller) ? {} : { legal: false }),
    },
    select: { id: true, authorId: true, legal: true },
  });
  if (!note) throw DomainError.notFound();
  if (note.authorId !== caller.id && caller.role !== "COORDINATOR") {
    throw DomainError.forbidden("caseFile.notes.withdrawNotAllowed", "form");
  }
  await prisma.$transaction(async (tx) => {
    await tx.caseNote.update({
      where: { id: note.id },
      data: {
        withdrawnAt: new Date(),
        withdrawnById: caller.id,
        withdrawnReason: withdrawal.reason,
      },
    });
    await recordCaseEvent(tx, {
      caseId,
      actorId: caller.id,
      kind: "NOTE_WITHDRAWN",
      details: { noteId: note.id, reason: withdrawal.reason },
      legal: note.legal,
    });
    await appendAudit(tx, {
      action: "case.note_withdrawn",
      actorId: caller.id,
      targetType: "case",
      targetId: reference,
      details: { noteId: note.id },
      ...request,
    });
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
