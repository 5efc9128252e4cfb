// The second factor: enrolling an authenticator app (TOTP), checking its
// codes and the single-use recovery codes, the policy that makes every
// account enrol in production, step-up (a fresh check before exports and role
// changes) and an administrator's reset for a lost device.
// See docs/decisions/0016-second-factor-and-duress.md.
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { prisma } from "~/db.server";
import type { Role } from "~/generated/prisma/sqlite/enums";
import { appendAudit, recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/domain-error";
import { isDemoMode } from "~/utils/env.server";
import { logError } from "~/utils/log.server";
import type { RequestContext } from "./caller";
import { refuseUnderDuress } from "./duress.server";
import { markSecondFactorPassed, type ActiveSession } from "./session.server";
import { matchTotpCode, newTotpSecret, normalizeTotpCode, qrCodePath, totpUri } from "./totp";
import { openTotpSecret, sealTotpSecret } from "./totp-secret.server";

export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;
/** THREAT-MODEL: 5 tries per 30 minutes. */
export const CODE_TRIES = 5;
export const CODE_WINDOW_MS = 30 * 60 * 1000;

type Context = Partial<RequestContext>;
const where = (context: Context) => ({
  ipAddress: context.ipAddress ?? null,
  userAgent: context.userAgent ?? null,
});

// --- Policy -----------------------------------------------------------------

/**
 * ADAL_SECOND_FACTOR=required|optional. Required by default in production;
 * optional in development and in demo mode, where accounts that have enrolled
 * are still asked for their code.
 */
export function secondFactorPolicy(): "required" | "optional" {
  const configured = process.env.ADAL_SECOND_FACTOR;
  if (configured === "required" || configured === "optional") return configured;
  return process.env.NODE_ENV === "production" && !isDemoMode() ? "required" : "optional";
}

/** Whether an account of this role must enrol before it reaches anything. */
export async function mustEnrol(role: Role, policy = secondFactorPolicy()): Promise<boolean> {
  if (policy === "optional") return false;
  const exemption = await prisma.secondFactorExemption.findUnique({
    where: { role },
    select: { role: true },
  });
  return exemption === null;
}

export type Factors = {
  totp: boolean;
  keys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryCodesLeft: number;
};

export async function factorsOf(userId: string): Promise<Factors> {
  const [totp, keys, recoveryCodesLeft] = await Promise.all([
    prisma.totpCredential.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma.webAuthnCredential.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), keys, recoveryCodesLeft };
}

/** What an administrator sees of an account's sign-in security. */
export async function securityStatusOf(userId: string) {
  const [factors, user] = await Promise.all([
    factorsOf(userId),
    prisma.user.findUnique({ where: { id: userId }, select: { duressLockedAt: true } }),
  ]);
  return {
    totp: factors.totp,
    keys: factors.keys.length,
    recoveryCodesLeft: factors.recoveryCodesLeft,
    duressLockedAt: user?.duressLockedAt ?? null,
  };
}

export function hasFactor(factors: Factors): boolean {
  return factors.totp || factors.keys.length > 0;
}

/** What a new sign-in must do after the password: "pending" (verify or enrol) or "none". */
export async function secondFactorForSignIn(user: {
  id: string;
  role: Role;
}): Promise<"pending" | "none"> {
  if (hasFactor(await factorsOf(user.id))) return "pending";
  return (await mustEnrol(user.role)) ? "pending" : "none";
}

/** Whether this session may reach anything yet. */
export function secondFactorOutstanding(session: ActiveSession): boolean {
  return session.secondFactorRequired && session.secondFactorAt === null;
}

/** Step-up: a second factor checked in this session within the window. */
export function hasRecentSecondFactor(
  session: Pick<ActiveSession, "secondFactorAt">,
  now = Date.now(),
  windowMs = STEP_UP_WINDOW_MS,
): boolean {
  return session.secondFactorAt !== null && now - session.secondFactorAt.getTime() <= windowMs;
}

// --- Throttling: 5 tries per 30 minutes per account ---------------------------

const codeKey = (userId: string) => `second-factor:${userId}`;

async function codeTriesLeft(userId: string, now: Date): Promise<boolean> {
  const row = await prisma.loginThrottle.findUnique({ where: { key: codeKey(userId) } });
  return !row?.blockedUntil || row.blockedUntil.getTime() <= now.getTime();
}

async function recordCodeFailure(userId: string, now: Date): Promise<void> {
  const key = codeKey(userId);
  await prisma.$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { key } });
    const open = row && now.getTime() - row.windowStart.getTime() < CODE_WINDOW_MS;
    const windowStart = open ? row.windowStart : now;
    const failures = (open ? row.failures : 0) + 1;
    const blockedUntil =
      failures >= CODE_TRIES ? new Date(windowStart.getTime() + CODE_WINDOW_MS) : null;
    await tx.loginThrottle.upsert({
      where: { key },
      create: { key, failures, windowStart, blockedUntil },
      update: { failures, windowStart, blockedUntil },
    });
  });
}

// --- Recovery codes -----------------------------------------------------------

function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** "abcde-fghij" → "abcdefghij"; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toLowerCase();
  return /^[a-z2-7]{10}$/.test(code) ? code : null;
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(
      0,
      10,
    );
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, hash: hashRecoveryCode(normalizeRecoveryCode(code)!) })),
  });
  return codes;
}

/** New recovery codes (the old ones stop working), shown once. Needs step-up. */
export async function regenerateRecoveryCodes(
  session: ActiveSession,
  context: Context,
): Promise<string[]> {
  if (!hasRecentSecondFactor(session)) throw DomainError.forbidden("secondFactor.stepUpNeeded");
  if (!hasFactor(await factorsOf(session.user.id))) {
    throw DomainError.forbidden("secondFactor.enrolFirst");
  }
  return prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, session.user.id);
    await appendAudit(tx, {
      action: "second_factor.recovery_codes_renewed",
      actorId: session.user.id,
      targetType: "user",
      targetId: session.user.id,
      ...where(context),
    });
    return codes;
  });
}

// --- TOTP enrolment -------------------------------------------------------------

export type TotpEnrolment = { secret: string; uri: string; qr: { size: number; path: string } };

/**
 * The secret waiting for its first code: a new one unless one is already
 * waiting (reloading the page keeps what the app has scanned). Null once an
 * app is enrolled: it must be removed before another is added.
 */
export async function pendingTotpEnrolment(user: {
  id: string;
  email: string;
}): Promise<TotpEnrolment | null> {
  const existing = await prisma.totpCredential.findUnique({ where: { userId: user.id } });
  if (existing?.confirmedAt) return null;
  const waiting = existing ? await openTotpSecret(user.id, existing.secret) : null;
  let secret: string;
  if (waiting?.ok) {
    secret = waiting.secret;
  } else {
    // None waits yet, or the one waiting was sealed under another cluster secret: a new one.
    secret = newTotpSecret();
    const sealed = await sealTotpSecret(user.id, secret);
    await prisma.totpCredential.upsert({
      where: { userId: user.id },
      create: { userId: user.id, secret: sealed },
      update: existing ? { secret: sealed } : {},
    });
  }
  const uri = totpUri(secret, user.email);
  return { secret, uri, qr: qrCodePath(uri) };
}

/**
 * The first code from the app confirms the enrolment. The session counts as
 * having passed its second factor; returns the recovery codes, shown once.
 */
export async function confirmTotpEnrolment(
  session: ActiveSession,
  input: string,
  context: Context,
  now = new Date(),
): Promise<string[]> {
  const userId = session.user.id;
  if (!(await codeTriesLeft(userId, now)))
    throw DomainError.tooMany("secondFactor.throttled", "code");
  const pending = await prisma.totpCredential.findUnique({ where: { userId } });
  if (!pending || pending.confirmedAt)
    throw DomainError.invalidField("code", "secondFactor.noPending");
  const secret = await openTotpSecret(userId, pending.secret);
  if (!secret.ok) throw DomainError.invalidField("code", "secondFactor.noPending");
  const code = normalizeTotpCode(input);
  const step = code ? matchTotpCode(secret.secret, code, now, pending.lastUsedStep) : null;
  if (step === null) {
    await recordCodeFailure(userId, now);
    throw DomainError.invalidField(
      "code",
      code ? "secondFactor.wrongCode" : "secondFactor.malformed",
    );
  }
  const codes = await prisma.$transaction(async (tx) => {
    const { count } = await tx.totpCredential.updateMany({
      where: { userId, confirmedAt: null },
      data: { confirmedAt: now, lastUsedStep: step },
    });
    if (count === 0) throw DomainError.invalidField("code", "secondFactor.noPending");
    const hadCodes = (await tx.recoveryCode.count({ where: { userId, usedAt: null } })) > 0;
    const fresh = hadCodes ? [] : await replaceRecoveryCodes(tx, userId);
    await tx.session.updateMany({ where: { id: session.id }, data: { secondFactorAt: now } });
    await appendAudit(tx, {
      action: "second_factor.totp_enrolled",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      ...where(context),
    });
    return fresh;
  });
  await prisma.loginThrottle.deleteMany({ where: { key: codeKey(userId) } });
  return codes;
}

/** Removes the authenticator app (needs step-up; the last factor cannot go while the policy requires one). */
export async function removeTotp(session: ActiveSession, context: Context): Promise<void> {
  if (!hasRecentSecondFactor(session)) throw DomainError.forbidden("secondFactor.stepUpNeeded");
  const factors = await factorsOf(session.user.id);
  if (factors.keys.length === 0 && (await mustEnrol(session.user.role))) {
    throw DomainError.invalidField("form", "secondFactor.lastFactor");
  }
  await prisma.$transaction(async (tx) => {
    await tx.totpCredential.deleteMany({ where: { userId: session.user.id } });
    await appendAudit(tx, {
      action: "second_factor.totp_removed",
      actorId: session.user.id,
      targetType: "user",
      targetId: session.user.id,
      ...where(context),
    });
  });
}

// --- Checking a code --------------------------------------------------------------

/**
 * Checks a six-digit code from the app or a recovery code, for sign-in or
 * step-up. On success the session records the time; a wrong, replayed or
 * malformed code changes nothing but the throttle and the audit log.
 */
export async function verifySecondFactorCode(
  session: ActiveSession,
  input: string,
  context: Context,
  now = new Date(),
): Promise<{ method: "totp" | "recovery"; recoveryCodesLeft: number | null }> {
  const userId = session.user.id;
  const fail = async (reason: string, messageKey: string): Promise<never> => {
    await recordCodeFailure(userId, now);
    await recordAudit({
      action: "second_factor.failed",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      details: { reason },
      ...where(context),
    });
    throw DomainError.invalidField("code", messageKey);
  };
  // The app's secret cannot be opened on this server (another cluster secret, or damaged): no
  // code can pass, and it is not the person's guess, so it costs them no try.
  const unreadable = async (reason: string): Promise<never> => {
    logError(
      new Error(`second factor: the TOTP secret of user ${userId} is unreadable (${reason})`),
    );
    await recordAudit({
      action: "second_factor.failed",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      details: { reason: `unreadable_${reason}` },
      ...where(context),
    });
    throw DomainError.invalidField("code", "secondFactor.appUnreadable");
  };
  if (!(await codeTriesLeft(userId, now))) {
    throw DomainError.tooMany("secondFactor.throttled", "code");
  }

  const totpCode = normalizeTotpCode(input);
  const recoveryCode = totpCode ? null : normalizeRecoveryCode(input);
  if (!totpCode && !recoveryCode) return fail("malformed", "secondFactor.malformed");

  let method: "totp" | "recovery";
  let recoveryCodesLeft: number | null = null;
  if (totpCode) {
    const credential = await prisma.totpCredential.findUnique({ where: { userId } });
    if (!credential?.confirmedAt) return fail("no_totp", "secondFactor.wrongCode");
    const secret = await openTotpSecret(userId, credential.secret);
    if (!secret.ok) return unreadable(secret.reason);
    const step = matchTotpCode(secret.secret, totpCode, now, credential.lastUsedStep);
    if (step === null) {
      const anyStep = matchTotpCode(secret.secret, totpCode, now, null);
      return anyStep === null
        ? fail("wrong", "secondFactor.wrongCode")
        : fail("replayed", "secondFactor.replayed");
    }
    // Conditional on the step not having moved: two requests with one code, one wins.
    const { count } = await prisma.totpCredential.updateMany({
      where: {
        userId,
        OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }],
      },
      data: { lastUsedStep: step },
    });
    if (count === 0) return fail("replayed", "secondFactor.replayed");
    method = "totp";
  } else {
    const { count } = await prisma.recoveryCode.updateMany({
      where: { userId, hash: hashRecoveryCode(recoveryCode!), usedAt: null },
      data: { usedAt: now },
    });
    if (count === 0) return fail("wrong_recovery", "secondFactor.wrongRecovery");
    recoveryCodesLeft = await prisma.recoveryCode.count({ where: { userId, usedAt: null } });
    method = "recovery";
  }

  await markSecondFactorPassed(session.id, now);
  await prisma.loginThrottle.deleteMany({ where: { key: codeKey(userId) } });
  await recordAudit({
    action: "second_factor.passed",
    actorId: userId,
    targetType: "user",
    targetId: userId,
    details: { method, stepUp: session.secondFactorAt !== null || !session.secondFactorRequired },
    ...where(context),
  });
  return { method, recoveryCodesLeft };
}

// --- Administration -----------------------------------------------------------------

/**
 * A lost device: removes every factor and recovery code of the account and
 * ends all its sessions; the person enrols again at their next sign-in.
 */
export async function adminResetSecondFactor(
  admin: { id: string; role: Role; duress?: boolean },
  userId: string,
  context: Context,
): Promise<void> {
  if (admin.role !== "ADMIN") throw DomainError.forbidden();
  refuseUnderDuress(admin);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw DomainError.notFound();
    await tx.totpCredential.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    const { count: keysRemoved } = await tx.webAuthnCredential.deleteMany({ where: { userId } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, {
      action: "second_factor.reset_by_admin",
      actorId: admin.id,
      targetType: "user",
      targetId: userId,
      details: { keysRemoved, sessionsEnded },
      ...where(context),
    });
  });
  await prisma.loginThrottle.deleteMany({ where: { key: codeKey(userId) } });
}

export async function listExemptions() {
  return prisma.secondFactorExemption.findMany({
    orderBy: { role: "asc" },
    select: { role: true, reason: true, createdAt: true },
  });
}

/** Exempts a role from enrolling (production policy), with a reason in the audit log. */
export async function exemptRole(
  admin: { id: string; role: Role; duress?: boolean },
  role: Role,
  reason: string,
  context: Context,
): Promise<void> {
  if (admin.role !== "ADMIN") throw DomainError.forbidden();
  refuseUnderDuress(admin);
  const trimmed = reason.trim();
  if (trimmed.length < 10) throw DomainError.invalidField("reason", "secondFactor.reasonRequired");
  await prisma.$transaction(async (tx) => {
    await tx.secondFactorExemption.upsert({
      where: { role },
      create: { role, reason: trimmed, createdById: admin.id },
      update: { reason: trimmed, createdById: admin.id, createdAt: new Date() },
    });
    await appendAudit(tx, {
      action: "second_factor.role_exempted",
      actorId: admin.id,
      details: { role, reason: trimmed },
      ...where(context),
    });
  });
}

export async function endExemption(
  admin: { id: string; role: Role; duress?: boolean },
  role: Role,
  context: Context,
): Promise<void> {
  if (admin.role !== "ADMIN") throw DomainError.forbidden();
  refuseUnderDuress(admin);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.secondFactorExemption.deleteMany({ where: { role } });
    if (count === 0) return;
    await appendAudit(tx, {
      action: "second_factor.exemption_ended",
      actorId: admin.id,
      details: { role },
      ...where(context),
    });
  });
}
