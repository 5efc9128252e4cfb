// Alerts for administrators, raised from what the audit log records: one
// account opening many case files in a short time, a large export, a sign-in
// from an address never seen for that account, repeated failed sign-ins.
// They become in-app notifications for every active administrator.
// Thresholds come from the environment (see README, "Security alerts").
import { prisma, type Tx } from "~/db.server";

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

type Db = Pick<Tx, "notification" | "user" | "auditEntry" | "caseView">;

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

/**
 * After a case view was recorded (in its transaction, the person's "last looked" mark already
 * moved to `now`): more different case files than the threshold within the window raises one
 * alert per window. The marks are the distinct files a person opened, each at its latest
 * opening, so the files opened within the window are one index range of at most threshold + 1
 * rows, whatever the person's history. A file already opened within the window
 * (`previousViewAt`) adds no file, so nothing is read at all.
 */
export async function checkCaseViewRate(
  tx: Db,
  userId: string,
  now = new Date(),
  previousViewAt: Date | null = null,
): Promise<void> {
  const { caseViews, caseViewsWindowMs } = alertThresholds();
  const since = new Date(now.getTime() - caseViewsWindowMs);
  if (previousViewAt && previousViewAt >= since) return;
  const viewed = await tx.caseView.findMany({
    where: { userId, lastViewedAt: { gte: since } },
    select: { caseId: true },
    take: caseViews + 1,
  });
  if (viewed.length <= caseViews) return;
  await raise(
    tx,
    {
      alert: "manyCaseViews",
      userId,
      name: await displayName(tx, userId),
      count: viewed.length,
      minutes: Math.round(caseViewsWindowMs / MINUTE),
    },
    `alert:views:${userId}:${Math.floor(now.getTime() / caseViewsWindowMs)}`,
  );
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
