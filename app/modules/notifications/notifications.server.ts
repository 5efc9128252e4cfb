// In-app notifications: written in the transaction of what caused them, read
// from the header's unread count and the notifications page. They carry a
// case reference and dates, never worker identities.
import { prisma, type Tx } from "~/db.server";
import { readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { NotificationKind } from "~/generated/prisma/sqlite/enums";
import { caseScope } from "~/modules/cases/access.server";
import { caseScopeSql, enumValue } from "~/modules/cases/scope-sql.server";
import type { Caller } from "~/modules/auth/caller";

type Details = Record<string, string | number | boolean | null>;

export async function notify(
  tx: Tx,
  notification: { userId: string; kind: NotificationKind; caseId?: string; details?: Details },
): Promise<void> {
  await tx.notification.create({
    data: {
      userId: notification.userId,
      kind: notification.kind,
      caseId: notification.caseId ?? null,
      details: JSON.stringify(notification.details ?? {}),
    },
  });
}

/**
 * A notification a job may try to create more than once (a reminder): the
 * first attempt creates it, later ones change nothing, whether they run one
 * after another or at the same time. Returns whether it was created.
 */
export async function notifyOnce(
  notification: {
    userId: string;
    kind: NotificationKind;
    caseId?: string;
    details?: Details;
    dedupeKey: string;
  },
  db: Pick<Tx, "notification"> = prisma,
): Promise<boolean> {
  const { userId, dedupeKey } = notification;
  const existing = await db.notification.findUnique({
    where: { userId_dedupeKey: { userId, dedupeKey } },
    select: { id: true },
  });
  if (existing) return false;
  try {
    await db.notification.create({
      data: {
        userId,
        dedupeKey,
        kind: notification.kind,
        caseId: notification.caseId ?? null,
        details: JSON.stringify(notification.details ?? {}),
      },
    });
    return true;
  } catch (error) {
    // Another run created it between the look and the write: the unique key held.
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/**
 * "A change on a case you hold": one unread notice per person and case,
 * refreshed by each further change rather than piling up.
 */
export async function notifyCaseHolders(
  tx: Tx,
  change: { caseId: string; actorId: string; kind: string; reference: string; legal: boolean },
): Promise<void> {
  const holders = await tx.caseAssignment.findMany({
    where: {
      caseId: change.caseId,
      userId: { not: change.actorId },
      // Privileged material is not even announced to those who may not read it.
      user: change.legal
        ? { active: true, role: { in: ["LAWYER", "COORDINATOR"] } }
        : { active: true },
    },
    select: { userId: true },
  });
  if (holders.length === 0) return;
  const now = new Date();
  const details = JSON.stringify({ reference: change.reference, change: change.kind });
  const unread = await tx.notification.findMany({
    where: {
      caseId: change.caseId,
      kind: "CASE_CHANGED",
      readAt: null,
      userId: { in: holders.map((h) => h.userId) },
    },
    select: { id: true, userId: true },
  });
  const refreshed = new Set(unread.map((n) => n.userId));
  if (unread.length > 0)
    await tx.notification.updateMany({
      where: { id: { in: unread.map((n) => n.id) } },
      data: { createdAt: now, details },
    });
  const fresh = holders.filter((h) => !refreshed.has(h.userId));
  if (fresh.length > 0)
    await tx.notification.createMany({
      data: fresh.map(({ userId }) => ({
        userId,
        kind: "CASE_CHANGED" as const,
        caseId: change.caseId,
        details,
        createdAt: now,
      })),
    });
}

/**
 * A person's notifications that they may still read: those about no case,
 * those about a case within their scope, and the notice that they were taken
 * off a case. Once off it, they see nothing else that was said about it.
 * `unreadCount` says the same in SQL: change both.
 */
function visibleTo(reader: Caller): Prisma.NotificationWhereInput {
  // A duress session has no notifications at all: even "taken off" names a case.
  if (reader.duress) return { id: { in: [] } };
  return {
    userId: reader.id,
    OR: [{ caseId: null }, { kind: "UNASSIGNED" }, { case: caseScope(reader) }],
  };
}

/**
 * The header's badge, on every signed-in page: one statement through the driver
 * (docs/decisions/0053). What `visibleTo` says, with `caseScopeSql` for the case.
 */
export async function unreadCount(reader: Caller): Promise<number> {
  if (reader.duress) return 0;
  const [row] = await readRows(Prisma.sql`
    SELECT COUNT(*) AS "count"
    FROM "Notification" n
    LEFT JOIN "Case" c ON c."id" = n."caseId"
    WHERE n."userId" = ${reader.id} AND n."readAt" IS NULL
      AND (n."caseId" IS NULL OR n."kind" = ${enumValue("UNASSIGNED", "NotificationKind")}
        OR ${caseScopeSql(reader, "c")})`);
  return Number(row?.count ?? 0);
}

export async function listNotifications(reader: Caller, { take = 50, skip = 0 } = {}) {
  const where = visibleTo(reader);
  const [total, items] = await Promise.all([
    prisma.notification.count({ where }),
    prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      skip,
      select: { id: true, kind: true, details: true, createdAt: true, readAt: true },
    }),
  ]);
  return {
    total,
    items: items.map(({ details, ...item }) => ({
      ...item,
      details: JSON.parse(details) as Details,
    })),
  };
}

/** Marks one of the person's own notifications (or all of them) read; another person's id changes nothing. */
export async function markRead(userId: string, notificationId: string | "all"): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: {
      userId,
      readAt: null,
      ...(notificationId === "all" ? {} : { id: notificationId }),
    },
    data: { readAt: new Date() },
  });
  return count;
}
