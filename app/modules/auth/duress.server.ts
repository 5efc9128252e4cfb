// The duress password: a second password a coerced person can give. It opens
// what looks like an ordinary account with no cases, and meanwhile ends the
// person's other sessions, locks the account for real use until an
// administrator reviews it, and alerts the administrators. Nothing it writes
// is shown to the duress session. See docs/decisions/0016-second-factor-and-duress.md.
import { prisma } from "~/db.server";
import type { Role } from "~/generated/prisma/sqlite/enums";
import { raiseDuressAlert } from "~/modules/audit/alerts.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/domain-error";
import type { RequestContext } from "./caller";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./password.server";

type Context = Partial<RequestContext>;
const where = (context: Context) => ({
  ipAddress: context.ipAddress ?? null,
  userAgent: context.userAgent ?? null,
});

/**
 * An administrator signed in with the duress password changes no account:
 * they could be made to create one for whoever is watching, or lock out the
 * others. The refusal reads as the server being unavailable, nothing more.
 */
export function refuseUnderDuress(caller: { duress?: boolean }): void {
  if (caller.duress) throw DomainError.unavailable();
}

export async function hasDuressPassword(userId: string): Promise<boolean> {
  return (await prisma.duressPassword.count({ where: { userId } })) > 0;
}

/** Whether this is the person's duress password (a new real password must not be). */
export async function isDuressPassword(userId: string, password: string): Promise<boolean> {
  const stored = await prisma.duressPassword.findUnique({
    where: { userId },
    select: { hash: true },
  });
  return stored !== null && (await verifyPassword(stored.hash, password));
}

/**
 * Sets (or replaces) the duress password. The current password proves it is
 * the person; the duress password must pass the password rules and differ
 * from the real one. Refused: nothing changes.
 */
export async function setDuressPassword(
  user: { id: string },
  input: { currentPassword: string; duressPassword: string },
  context: Context,
): Promise<void> {
  const real = await prisma.password.findUnique({
    where: { userId: user.id },
    select: { hash: true },
  });
  if (!real || !(await verifyPassword(real.hash, input.currentPassword))) {
    throw DomainError.invalidField("currentPassword", "settings.errors.wrongPassword");
  }
  const problem = checkPasswordPolicy(input.duressPassword);
  if (problem) throw DomainError.invalidField("duressPassword", `setPassword.problems.${problem}`);
  if (await verifyPassword(real.hash, input.duressPassword)) {
    throw DomainError.invalidField("duressPassword", "duress.sameAsPassword");
  }
  const hash = await hashPassword(input.duressPassword);
  await prisma.$transaction(async (tx) => {
    await tx.duressPassword.upsert({
      where: { userId: user.id },
      create: { userId: user.id, hash },
      update: { hash },
    });
    await appendAudit(tx, {
      action: "auth.duress_password_set",
      actorId: user.id,
      targetType: "user",
      targetId: user.id,
      ...where(context),
    });
  });
}

export async function removeDuressPassword(user: { id: string }, context: Context): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.duressPassword.deleteMany({ where: { userId: user.id } });
    if (count === 0) return;
    await appendAudit(tx, {
      action: "auth.duress_password_removed",
      actorId: user.id,
      targetType: "user",
      targetId: user.id,
      ...where(context),
    });
  });
}

/**
 * Someone signed in with the duress password (the caller then starts a duress
 * session): one transaction locks the account, ends its other sessions,
 * records it and alerts every other administrator.
 */
export async function recordDuressSignIn(userId: string, context: Context): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: { duressLockedAt: now } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, {
      action: "auth.duress_sign_in",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      details: { sessionsEnded },
      ...where(context),
    });
    await raiseDuressAlert(tx, userId);
  });
}

/** An administrator has spoken with the person: the real password works again. */
export async function reviewDuressLock(
  admin: { id: string; role: Role; duress?: boolean },
  userId: string,
  context: Context,
): Promise<void> {
  if (admin.role !== "ADMIN") throw DomainError.forbidden();
  refuseUnderDuress(admin);
  if (admin.id === userId) throw DomainError.forbidden("duress.notYourOwn");
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { duressLockedAt: true },
    });
    if (!user) throw DomainError.notFound();
    if (!user.duressLockedAt) return;
    await tx.user.update({ where: { id: userId }, data: { duressLockedAt: null } });
    // The duress sessions end too: whoever holds that device should not keep it.
    await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, {
      action: "auth.duress_reviewed",
      actorId: admin.id,
      targetType: "user",
      targetId: userId,
      ...where(context),
    });
  });
}
