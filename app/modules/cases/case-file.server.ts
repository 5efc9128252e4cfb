// Everything the case file page shows, gathered after one access check. Every read is a statement
// of our own through the driver, none compiled by Prisma (docs/decisions/0053).
import type { TimelineKind } from "~/generated/prisma/sqlite/enums";
import { openerForCase } from "~/modules/keys/case-fields.server";
import {
  nextDueIn,
  uncheckedListProceedings,
  withProceedingDateTexts,
} from "~/modules/proceedings/proceedings.server";
import { uncheckedListDocuments, withDocumentTitles } from "~/modules/documents/documents.server";
import { retentionStatus } from "~/modules/retention/retention.server";
import { requireCaseAccess } from "./access.server";
import { uncheckedCaseSummaryById } from "./cases.server";
import { listNotes, withNoteReasons } from "./notes.server";
import { listOutcomes } from "./outcomes.server";
import { uncheckedListTimeline, seesLegalMaterial } from "./timeline.server";
import { recentViews, seesViewerAddresses } from "./views.server";
import { revealedUntil } from "./reveal.server";
import { statusOptions } from "./workflow.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

const DAY = 24 * 60 * 60 * 1000;

export async function loadCaseFile(
  caller: Caller,
  reference: string,
  timelineKinds?: TimelineKind[],
  request: RequestContext = {},
) {
  // The view is recorded before anything is read: an opening that fails halfway is still on the record.
  const { id } = await requireCaseAccess(caller, reference, { page: "file", context: request });
  const [revealUntil, opener] = await Promise.all([
    // Identities only while this session's reveal of this case is in force (docs/decisions/0034).
    request.sessionId ? revealedUntil(request.sessionId, id) : null,
    // One read of the case's keys opens every sealed text on the page: each read more is a
    // round trip on every view (docs/decisions/0044).
    openerForCase(id),
  ]);
  const now = new Date();
  const [summary, notes, timeline, outcomes, proceedings, documents, retention] = await Promise.all(
    [
      uncheckedCaseSummaryById(id, { withIdentities: revealUntil !== null, opener }),
      listNotes(id, caller, opener),
      uncheckedListTimeline(id, caller, opener, timelineKinds)
        .then((events) => withDocumentTitles(id, events, opener))
        .then((events) => withNoteReasons(id, events, opener))
        .then((events) => withProceedingDateTexts(id, events, opener)),
      listOutcomes(id, opener),
      uncheckedListProceedings(id, opener),
      uncheckedListDocuments(id, caller, opener),
      retentionStatus(id, opener),
    ],
  );
  // Anyone on the case sees who viewed it (THREAT-MODEL); addresses, fewer people.
  const viewers = await recentViews(reference, {
    withAddresses: seesViewerAddresses(caller, summary.assignments),
    opener,
  });
  return {
    summary,
    revealedUntil: revealUntil,
    /** Whole days from intake to now, or to when it was resolved or closed. */
    daysOpen: Math.floor(((summary.closedAt ?? now).getTime() - summary.createdAt.getTime()) / DAY),
    canAssign: caller.role === "COORDINATOR",
    viewers,
    status: statusOptions(caller, summary),
    notes: notes.map((note) => ({
      ...note,
      canWithdraw:
        !note.withdrawnAt && (note.author.id === caller.id || caller.role === "COORDINATOR"),
    })),
    timeline,
    outcomes,
    documents,
    /** The legal hold and forgetting panel. */
    retention,
    canWriteLegal: seesLegalMaterial(caller),
    canRecordOutcomes: seesLegalMaterial(caller),
    // Organizers see legal action read-only: it is procedure, not privileged notes.
    proceedings: {
      proceedings,
      // From the list above rather than a read of its own (two statements: docs/decisions/0044).
      nextDue: nextDueIn(proceedings, now),
      canRecord: seesLegalMaterial(caller),
      asOf: new Date(),
    },
  };
}
