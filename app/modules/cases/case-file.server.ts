// Everything the case file page shows, gathered after one access check.
import type { TimelineKind } from "~/generated/prisma/sqlite/enums";
import type { SessionUser } from "~/modules/auth/session.server";
import { requireCaseAccess } from "./access.server";
import { caseSummaryById } from "./cases.server";
import { listNotes } from "./notes.server";
import { listOutcomes } from "./outcomes.server";
import { listTimeline, seesLegalMaterial } from "./timeline.server";
import { statusOptions } from "./workflow.server";

type Caller = Pick<SessionUser, "id" | "role">;

export async function loadCaseFile(
  caller: Caller,
  reference: string,
  timelineKinds?: TimelineKind[],
) {
  const { id } = await requireCaseAccess(caller, reference);
  const [summary, notes, timeline, outcomes] = await Promise.all([
    caseSummaryById(id),
    listNotes(id, caller),
    listTimeline(id, caller, timelineKinds),
    listOutcomes(id),
  ]);
  return {
    summary,
    status: statusOptions(caller, summary),
    notes: notes.map((note) => ({
      ...note,
      canWithdraw:
        !note.withdrawnAt && (note.author.id === caller.id || caller.role === "COORDINATOR"),
    })),
    timeline,
    outcomes,
    canWriteLegal: seesLegalMaterial(caller),
    canRecordOutcomes: seesLegalMaterial(caller),
  };
}
