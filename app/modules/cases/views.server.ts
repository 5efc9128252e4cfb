// Every opening of a case file is on the record: an audit entry (who, when,
// from where) and the person's "last looked" mark, written together. Everyone
// who reaches the file sees who viewed it and when (THREAT-MODEL); the
// addresses they came from only the coordinators and the lead lawyer
// (docs/decisions/0022-who-viewed-this-file.md).
import { prisma, type Tx } from "~/db.server";
import { checkCaseViewRate } from "~/modules/audit/alerts.server";
import { appendAudit } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

export async function recordCaseView(
  caller: Caller,
  found: { id: string; reference: string },
  request: RequestContext = {},
): Promise<void> {
  const at = new Date();
  await prisma.$transaction(async (tx) => {
    const previous = await tx.caseView.findUnique({
      where: { userId_caseId: { userId: caller.id, caseId: found.id } },
      select: { lastViewedAt: true },
    });
    await markCaseViewed(caller.id, found.id, at, tx);
    await appendAudit(tx, {
      action: "case.viewed",
      actorId: caller.id,
      targetType: "case",
      targetId: found.reference,
      ...request,
    });
    await checkCaseViewRate(tx, caller.id, at, previous?.lastViewedAt ?? null);
  });
}

/**
 * Who sees the addresses in "who viewed this file": coordinators and the
 * case's lead lawyer. Not the organizer or a supporting lawyer: the field
 * organizer is the one most likely to be coerced, and an address can place a
 * lawyer at home.
 */
export function seesViewerAddresses(
  caller: Caller,
  assignments: ReadonlyArray<{ userId: string; role: string }>,
): boolean {
  return (
    caller.role === "COORDINATOR" ||
    assignments.some((a) => a.userId === caller.id && a.role === "LEAD_LAWYER")
  );
}

/** The latest views of the file, newest first, from the audit log. */
export async function recentViews(
  reference: string,
  { withAddresses, take = 25 }: { withAddresses: boolean; take?: number },
) {
  const views = await prisma.auditEntry.findMany({
    where: { action: "case.viewed", targetType: "case", targetId: reference },
    orderBy: { seq: "desc" },
    take,
    select: {
      seq: true,
      createdAt: true,
      ipAddress: true,
      actor: { select: { displayName: true, role: true } },
    },
  });
  return views.map(({ actor, ipAddress, ...view }) => ({
    ...view,
    ipAddress: withAddresses ? ipAddress : null,
    name: actor?.displayName ?? null,
    role: actor?.role ?? null,
  }));
}

/** Remembers that the person opened the case file now: "changed since I last looked". */
export async function markCaseViewed(
  userId: string,
  caseId: string,
  at = new Date(),
  db: Pick<Tx, "caseView"> = prisma,
) {
  await db.caseView.upsert({
    where: { userId_caseId: { userId, caseId } },
    create: { userId, caseId, lastViewedAt: at },
    update: { lastViewedAt: at },
  });
}
