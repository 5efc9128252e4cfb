// Alerts for administrators, raised from what the audit log records: one
// account opening many case files in a short time, a large export, a sign-in
// from an address never seen for that account, repeated failed sign-ins.
// They become in-app notifications for every active administrator.
// Thresholds come from the environment (see README, "Security alerts").
import { prisma, type Tx } from "~/db.server";
import type { DirectTx } from "~/db/direct-writes.server";
import { Prisma } from "~/generated/prisma/sqlite/client";

const MINUTE = 60_000;

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function alertThresholds() {
  return {
    caseViews: setting("ADAL_ALERT_CASE_VIEWS", 30),
    caseViewsWindowMs: setting("ADAL_ALERT_CASE_VIEWS_MINUTES", 10) * MINUTE,
    exportRows: setting("ADAL_ALERT_EXPORT_ROWS", 500),
    failedLogins: setting("ADAL_ALERT_FAILED_LOGINS", 5),
    failedLoginsWindowMs: setting("ADAL_ALERT_FAILED_LOGINS_MINUTES", 15) * MINUTE,
  };
}

export type SecurityAlert =
  | { alert: "manyCaseViews"; userId: string; name: string; count: number; minutes: number }
  | { alert: "largeExport"; userId: string; name: string; rows: number }
  | { alert: "newAddress"; userId: string; name: string; ip: string }
  | { alert: "failedLogins"; email: string; count: number; minutes: number }
  | { alert: "duressSignIn"; userId: string; name: string }
  | { alert: "unreadableField"; reference: string; table: string; columns: string[] };

type Db = Pick<Tx, "notification" | "user" | "auditEntry">;

/** Tells every active administrator; with a key, at most once per key and administrator. */
async function raise(
  db: Db,
  details: SecurityAlert,
  dedupeKey?: string,
  exceptUserId?: string,
): Promise<void> {
  const admins = await db.user.findMany({
    where: { role: "ADMIN", active: true, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) },
    select: { id: true },
  });
  for (const admin of admins) {
    if (
      dedupeKey &&
      (await db.notification.findUnique({
        where: { userId_dedupeKey: { userId: admin.id, dedupeKey } },
        select: { id: true },
      }))
    )
      continue;
    await db.notification.create({
      data: {
        userId: admin.id,
        kind: "SECURITY_ALERT",
        details: JSON.stringify(details),
        dedupeKey: dedupeKey ?? null,
      },
    });
  }
}

async function displayName(db: Db, userId: string): Promise<string> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { displayName: true } });
  return user?.displayName ?? "?";
}

/** The view-rate counter's row as the upsert returns it. */
export type CaseViewRateRow = {
  bucket: number;
  files: number;
  previousFiles: number;
  alertedBucket: number | null;
};

/**
 * The view-rate counter's update when a view counts, after its `INSERT INTO "CaseViewRate" …`
 * head (a VALUES row, or on PostgreSQL a SELECT that yields the row only when the view counts).
 * A stored window later than this view's (another process's clock) keeps counting there.
 */
export const CASE_VIEW_RATE_UPSERT = Prisma.sql`
    ON CONFLICT ("userId") DO UPDATE SET
      "files" = CASE WHEN "CaseViewRate"."bucket" >= excluded."bucket"
        THEN "CaseViewRate"."files" + 1 ELSE 1 END,
      "previousFiles" = CASE WHEN "CaseViewRate"."bucket" >= excluded."bucket"
        THEN "CaseViewRate"."previousFiles"
        WHEN "CaseViewRate"."bucket" = excluded."bucket" - 1 THEN "CaseViewRate"."files"
        ELSE 0 END,
      "bucket" = CASE WHEN "CaseViewRate"."bucket" >= excluded."bucket"
        THEN "CaseViewRate"."bucket" ELSE excluded."bucket" END
    RETURNING "bucket", "files", "previousFiles", "alertedBucket"`;

/**
 * The window a view at `now` counts in (time ÷ the window), and since when an earlier opening of
 * the same file makes it a repeat that counts nothing.
 */
export function caseViewWindow(now: Date): { bucket: number; repeatSince: Date } {
  const { caseViewsWindowMs } = alertThresholds();
  return {
    bucket: Math.floor(now.getTime() / caseViewsWindowMs),
    repeatSince: new Date(now.getTime() - caseViewsWindowMs),
  };
}

/** What to raise after a counted view (once per window), or null. */
export function caseViewAlert(
  rate: CaseViewRateRow | undefined,
): { bucket: number; count: number } | null {
  if (!rate) return null;
  const count = Number(rate.files) + Number(rate.previousFiles);
  if (count <= alertThresholds().caseViews) return null;
  if (rate.alertedBucket !== null && Number(rate.alertedBucket) === Number(rate.bucket))
    return null;
  return { bucket: Number(rate.bucket), count };
}

/**
 * Counts a case view for the view-rate alert, inside the view's transaction. One row per person
 * is read and written, whatever their history: O(1) per view. A view counts when the person had
 * not opened that file within the window before (`previousViewAt`), so the files they keep
 * working on count once, when first opened; the count is kept per window (time ÷ the window)
 * together with the window before, and the alert compares their sum with the threshold, so a
 * burst across the boundary of two windows is caught. Returns what to raise (once per window),
 * or null. (On PostgreSQL the view's single statement does the same: cases/views.server.ts.)
 */
export async function countCaseView(
  tx: DirectTx,
  userId: string,
  now: Date,
  previousViewAt: Date | null,
): Promise<{ bucket: number; count: number } | null> {
  const { bucket, repeatSince } = caseViewWindow(now);
  if (previousViewAt && previousViewAt.getTime() >= repeatSince.getTime()) return null;
  return caseViewAlert(
    await tx.get<CaseViewRateRow>(Prisma.sql`
    INSERT INTO "CaseViewRate" ("userId", "bucket", "files", "previousFiles")
    VALUES (${userId}, ${bucket}, 1, 0) ${CASE_VIEW_RATE_UPSERT}`),
  );
}

/**
 * Raises the view-rate alert that countCaseView returned, and notes its window so the views
 * after it in that window raise nothing. In a transaction of its own after the view's: if it
 * never ran, the person's next new file raises it.
 */
export async function raiseCaseViewAlert(
  userId: string,
  { bucket, count }: { bucket: number; count: number },
): Promise<void> {
  const { caseViewsWindowMs } = alertThresholds();
  await prisma.$transaction(async (tx) => {
    await raise(
      tx,
      {
        alert: "manyCaseViews",
        userId,
        name: await displayName(tx, userId),
        count,
        minutes: Math.round(caseViewsWindowMs / MINUTE),
      },
      `alert:views:${userId}:${bucket}`,
    );
    await tx.caseViewRate.updateMany({ where: { userId }, data: { alertedBucket: bucket } });
  });
}

export async function checkExportSize(tx: Db, userId: string, rows: number): Promise<void> {
  if (rows <= alertThresholds().exportRows) return;
  await raise(tx, { alert: "largeExport", userId, name: await displayName(tx, userId), rows });
}

/** After a successful sign-in was recorded: an address this account never signed in from before. */
export async function checkLoginAddress(userId: string, ip: string | null): Promise<void> {
  if (!ip || ip === "unknown") return;
  // Chained entries and those still waiting for the chainer (PostgreSQL): the one just recorded may be either.
  const here = { actorId: userId, action: "auth.login", ipAddress: ip };
  const any = { actorId: userId, action: "auth.login" };
  const counts = await Promise.all([
    prisma.auditEntry.count({ where: here }),
    prisma.auditPending.count({ where: here }),
    prisma.auditEntry.count({ where: any }),
    prisma.auditPending.count({ where: any }),
  ]);
  const fromHere = counts[0] + counts[1];
  const before = counts[2] + counts[3];
  // The first sign-in ever sets the baseline; the one just recorded is counted in both.
  if (fromHere > 1 || before <= 1) return;
  await raise(prisma, { alert: "newAddress", userId, name: await displayName(prisma, userId), ip });
}

/** After a failed sign-in was recorded: the threshold crossed for one email raises one alert per window. */
export async function checkFailedLogins(email: string, now = new Date()): Promise<void> {
  const { failedLogins, failedLoginsWindowMs } = alertThresholds();
  const since = new Date(now.getTime() - failedLoginsWindowMs);
  const where = { action: "auth.login_failed", createdAt: { gte: since } };
  const recent = (
    await Promise.all([
      prisma.auditEntry.findMany({
        where,
        orderBy: { seq: "desc" },
        take: 2000,
        select: { details: true },
      }),
      prisma.auditPending.findMany({
        where,
        orderBy: { id: "desc" },
        take: 2000,
        select: { details: true },
      }),
    ])
  ).flat();
  const count = recent.filter((entry) => {
    try {
      return (JSON.parse(entry.details) as { email?: string }).email === email;
    } catch {
      return false;
    }
  }).length;
  if (count < failedLogins) return;
  await raise(
    prisma,
    { alert: "failedLogins", email, count, minutes: Math.round(failedLoginsWindowMs / MINUTE) },
    `alert:failed:${email}:${Math.floor(now.getTime() / failedLoginsWindowMs)}`,
  );
}

/**
 * Someone signed in with their duress password (inside its transaction). Every
 * other administrator is told; an administrator under duress is not, since the
 * notice would show on the very screen being watched.
 */
export async function raiseDuressAlert(tx: Db, userId: string): Promise<void> {
  await raise(
    tx,
    { alert: "duressSignIn", userId, name: await displayName(tx, userId) },
    undefined,
    userId,
  );
}

/**
 * A protected field of a case failed authentication (tampered with, moved, damaged): every
 * administrator hears of it once per case, table and day. Names the columns, never a value.
 */
export async function raiseUnreadableFieldAlert(
  caseId: string,
  table: string,
  columns: readonly string[],
  now = new Date(),
): Promise<void> {
  const found = await prisma.case.findUnique({
    where: { id: caseId },
    select: { reference: true },
  });
  if (!found) return;
  const day = now.toISOString().slice(0, 10);
  await raise(
    prisma,
    { alert: "unreadableField", reference: found.reference, table, columns: [...columns] },
    `unreadable:${caseId}:${table}:${day}`,
  );
}
