// Signing in and out: the password check, throttling and the audit trail.
// The outcome never reveals whether an email has an account.
import type { Role } from "~/generated/prisma/sqlite/enums";
import { checkFailedLogins, checkLoginAddress } from "~/modules/audit/alerts.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { logError } from "~/utils/log.server";
import { prisma } from "~/db.server";
import { recordDuressSignIn } from "./duress.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { secondFactorForSignIn } from "./second-factor.server";
import { createSession, invalidateSession, type ActiveSession } from "./session.server";
import { loginWaitMs, recordLoginFailure, recordLoginSuccess } from "./throttle.server";
import type { RequestContext } from "./caller";

export type LoginResult =
  | {
      ok: true;
      token: string;
      userId: string;
      role: Role;
      /** Their language, kept in a cookie so that a page the database cannot serve still speaks it. */
      locale: string;
      /** "pending": the session opens nothing until a second factor is checked (or enrolled). */
      secondFactor: "pending" | "none";
    }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export const normalizeEmail = (email: string) => email.trim().normalize("NFC").toLowerCase();

export async function login(
  input: { email: string; password: string },
  context: RequestContext,
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const address = context.ipAddress ?? "unknown";

  const waitMs = await loginWaitMs(email, address);
  if (waitMs > 0) {
    await recordAudit({
      action: "auth.login_failed",
      details: { email, reason: "throttled" },
      ...context,
    });
    await checkFailedLogins(email).catch((error: unknown) => logError(error));
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }

  const user = await prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      active: true,
      role: true,
      locale: true,
      duressLockedAt: true,
      password: { select: { hash: true } },
      duressPassword: { select: { hash: true } },
    },
  });
  const passwordOk = user?.password
    ? await verifyPassword(user.password.hash, input.password)
    : await verifyAgainstDummy(input.password);
  // Every failed password costs two checks, so timing does not tell who has a duress password.
  const duress =
    !passwordOk && user?.active
      ? user.duressPassword
        ? await verifyPassword(user.duressPassword.hash, input.password)
        : await verifyAgainstDummy(input.password)
      : false;

  if (user && duress) {
    await recordLoginSuccess(email, address);
    await recordDuressSignIn(user.id, context);
    const secondFactor = await secondFactorForSignIn(user);
    const token = await createSession(user.id, context, { secondFactor, duress: true });
    return { ok: true, token, userId: user.id, role: user.role, locale: user.locale, secondFactor };
  }

  // After a duress sign-in the real password opens nothing until an administrator has reviewed it.
  const locked = Boolean(user?.duressLockedAt);
  if (!user || !passwordOk || !user.active || locked) {
    await recordLoginFailure(email, address);
    await recordAudit({
      action: "auth.login_failed",
      targetType: user ? "user" : null,
      targetId: user?.id ?? null,
      details: {
        email,
        reason: user && passwordOk ? (locked ? "locked" : "inactive") : "credentials",
      },
      ...context,
    });
    await checkFailedLogins(email).catch((error: unknown) => logError(error));
    return { ok: false, reason: "invalid" };
  }

  await recordLoginSuccess(email, address);
  const secondFactor = await secondFactorForSignIn(user);
  const token = await createSession(user.id, context, { secondFactor });
  await recordAudit({
    action: "auth.login",
    actorId: user.id,
    targetType: "user",
    targetId: user.id,
    ...context,
  });
  await checkLoginAddress(user.id, context.ipAddress ?? null).catch((error: unknown) =>
    logError(error),
  );
  return { ok: true, token, userId: user.id, role: user.role, locale: user.locale, secondFactor };
}

export async function logout(session: ActiveSession, context: RequestContext): Promise<void> {
  await invalidateSession(session.id);
  await recordAudit({
    action: "auth.logout",
    actorId: session.user.id,
    targetType: "user",
    targetId: session.user.id,
    ...context,
  });
}
