// Account administration (invitations, access, deactivation, forced resets,
// sessions) and a person's own settings (sessions, password). Domain rules
// only: routes parse and authorize the request, then call these.
//
// Set-password links carry a 160-bit random token; like session tokens, only
// its SHA-256 is stored, so a copy of the database opens no account.
import { DomainError } from "~/utils/domain-error";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { prisma, type Tx } from "~/db.server";
import type { PasswordTokenPurpose, Region, Role } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { normalizeEmail } from "~/modules/auth/login.server";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "~/modules/auth/password.server";
import { hashToken, type SessionUser } from "~/modules/auth/session.server";
import {
  ACCOUNT_POLICY,
  accountKey,
  clearFailures,
  recordFailure,
  retryAfterMs,
} from "~/modules/auth/throttle.server";
import { deactivateUser, passwordRefused } from "./people.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { isDuressPassword, refuseUnderDuress } from "~/modules/auth/duress.server";

export const PASSWORD_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Where a change comes from; `now` lets tests move the clock. */
export type ActionContext = RequestContext & { now?: Date };

export type PasswordLink = { path: string; expiresAt: Date };
type Access = { role: Role; regions: Region[] };

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export const setPasswordPath = (token: string) => `/set-password/${token}`;

function requireAdmin(actor: Caller): void {
  if (actor.role !== "ADMIN") throw DomainError.forbidden("admin.users.errors.adminOnly", "form");
  refuseUnderDuress(actor);
}

const auditContext = (actor: Caller | null, context: ActionContext) => ({
  actorId: actor?.id ?? null,
  ipAddress: context.ipAddress ?? null,
  userAgent: context.userAgent ?? null,
});

const sortedRegions = (regions: Region[]) => [...new Set(regions)].sort();

/**
 * A new single-use link for the user; their earlier unused links stop working.
 * Returns the path to hand over: the only place the token ever appears.
 */
async function issuePasswordLink(
  tx: Tx,
  userId: string,
  purpose: PasswordTokenPurpose,
  createdById: string,
  now: Date,
): Promise<PasswordLink> {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS);
  await tx.passwordToken.deleteMany({ where: { userId, usedAt: null } });
  await tx.passwordToken.create({
    data: { id: hashToken(token), userId, purpose, createdById, createdAt: now, expiresAt },
  });
  return { path: setPasswordPath(token), expiresAt };
}

async function findTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      role: true,
      active: true,
      regions: { select: { region: true } },
    },
  });
  if (!user) throw DomainError.notFound();
  return { ...user, regions: sortedRegions(user.regions.map((r) => r.region)) };
}

/** An account without a password, and the link through which its holder sets one. */
export async function inviteUser(
  admin: Caller,
  input: { email: string; displayName: string; role: Role; regions: Region[] },
  context: ActionContext = {},
): Promise<{ userId: string; link: PasswordLink }> {
  requireAdmin(admin);
  const now = context.now ?? new Date();
  const email = normalizeEmail(input.email);
  const regions = sortedRegions(input.regions);
  try {
    return await prisma.$transaction(async (tx) => {
      const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (taken) throw DomainError.invalidField("email", "admin.users.errors.emailTaken");
      const user = await tx.user.create({
        data: {
          email,
          displayName: input.displayName.trim().normalize("NFC"),
          role: input.role,
          regions: { create: regions.map((region) => ({ region })) },
        },
        select: { id: true },
      });
      const link = await issuePasswordLink(tx, user.id, "INVITE", admin.id, now);
      await appendAudit(tx, {
        action: "user.invited",
        ...auditContext(admin, context),
        targetType: "user",
        targetId: user.id,
        details: { role: input.role, regions, linkExpiresAt: link.expiresAt.toISOString() },
      });
      return { userId: user.id, link };
    });
  } catch (error) {
    // Two admins inviting the same address at once: the unique email decides.
    if ((error as { code?: string }).code === "P2002") {
      throw DomainError.invalidField("email", "admin.users.errors.emailTaken");
    }
    throw error;
  }
}

/** Role and regions. A new role ends the person's sessions, so every page is drawn for the new role. */
export async function updateAccess(
  admin: Caller,
  userId: string,
  access: Access,
  context: ActionContext = {},
): Promise<{ sessionsEnded: number }> {
  requireAdmin(admin);
  const regions = sortedRegions(access.regions);
  return prisma.$transaction(async (tx) => {
    const before = await findTarget(tx, userId);
    if (before.id === admin.id && access.role !== "ADMIN") {
      throw DomainError.invalidField("role", "admin.users.errors.cannotDemoteSelf");
    }
    const roleChanged = before.role !== access.role;
    const regionsChanged = before.regions.join(",") !== regions.join(",");
    if (!roleChanged && !regionsChanged) return { sessionsEnded: 0 };
    await tx.user.update({ where: { id: userId }, data: { role: access.role } });
    if (regionsChanged) {
      await tx.userRegion.deleteMany({ where: { userId } });
      await tx.userRegion.createMany({ data: regions.map((region) => ({ userId, region })) });
    }
    const { count: sessionsEnded } = roleChanged
      ? await tx.session.deleteMany({ where: { userId } })
      : { count: 0 };
    await appendAudit(tx, {
      action: "user.access_changed",
      ...auditContext(admin, context),
      targetType: "user",
      targetId: userId,
      details: {
        from: { role: before.role, regions: before.regions },
        to: { role: access.role, regions },
        sessionsEnded,
      },
    });
    return { sessionsEnded };
  });
}

/** Switches the account off and ends every session it has, at once. */
export async function deactivate(
  admin: Caller,
  userId: string,
  context: ActionContext = {},
): Promise<void> {
  requireAdmin(admin);
  if (userId === admin.id)
    throw DomainError.invalidField("form", "admin.users.errors.cannotDeactivateSelf");
  const target = await findTarget(prisma, userId);
  if (!target.active) return;
  await deactivateUser(userId, auditContext(admin, context));
}

export async function reactivate(
  admin: Caller,
  userId: string,
  context: ActionContext = {},
): Promise<void> {
  requireAdmin(admin);
  await prisma.$transaction(async (tx) => {
    const target = await findTarget(tx, userId);
    if (target.active) return;
    await tx.user.update({ where: { id: userId }, data: { active: true } });
    await appendAudit(tx, {
      action: "user.reactivated",
      ...auditContext(admin, context),
      targetType: "user",
      targetId: userId,
    });
  });
}

/**
 * The old password stops working, every session ends, and a single-use link
 * (shown to the admin to pass on) lets the person choose a new one.
 */
export async function forcePasswordReset(
  admin: Caller,
  userId: string,
  context: ActionContext = {},
): Promise<PasswordLink> {
  requireAdmin(admin);
  if (userId === admin.id) throw DomainError.invalidField("form", "admin.users.errors.resetSelf");
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const target = await findTarget(tx, userId);
    if (!target.active) throw DomainError.invalidField("form", "admin.users.errors.inactive");
    await tx.password.deleteMany({ where: { userId } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId } });
    const link = await issuePasswordLink(tx, userId, "RESET", admin.id, now);
    await appendAudit(tx, {
      action: "user.password_reset_forced",
      ...auditContext(admin, context),
      targetType: "user",
      targetId: userId,
      details: { sessionsEnded, linkExpiresAt: link.expiresAt.toISOString() },
    });
    return link;
  });
}

export type PasswordLinkState =
  | { ok: true; purpose: PasswordTokenPurpose; displayName: string; email: string }
  | { ok: false; reason: "invalid" | "used" | "expired" };

/** What a set-password link is worth right now, without using it. */
export async function checkPasswordLink(
  token: string,
  now = new Date(),
  db: Pick<Tx, "passwordToken"> = prisma,
): Promise<PasswordLinkState> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "invalid" };
  const row = await db.passwordToken.findUnique({
    where: { id: hashToken(token) },
    select: {
      purpose: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { active: true, displayName: true, email: true } },
    },
  });
  if (!row || !row.user.active) return { ok: false, reason: "invalid" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return {
    ok: true,
    purpose: row.purpose,
    displayName: row.user.displayName,
    email: row.user.email,
  };
}

const LINK_ERRORS = {
  invalid: "setPassword.errors.invalid",
  used: "setPassword.errors.used",
  expired: "setPassword.errors.expired",
} as const;

/** Sets the password through a link, once; every other link and session of the person ends. */
export async function redeemPasswordToken(
  token: string,
  password: string,
  context: ActionContext = {},
): Promise<{ email: string }> {
  const now = context.now ?? new Date();
  const state = await checkPasswordLink(token, now);
  if (!state.ok) throw DomainError.invalidField("form", LINK_ERRORS[state.reason]);
  const problem = checkPasswordPolicy(password);
  if (problem) throw passwordRefused(problem);
  const hash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    // Checked again inside the transaction: two submissions of one link, one wins.
    const again = await checkPasswordLink(token, now, tx);
    if (!again.ok) throw DomainError.invalidField("form", LINK_ERRORS[again.reason]);
    const id = hashToken(token);
    const { count } = await tx.passwordToken.updateMany({
      where: { id, usedAt: null },
      data: { usedAt: now },
    });
    if (count === 0) throw DomainError.invalidField("form", LINK_ERRORS.used);
    const { userId } = await tx.passwordToken.findUniqueOrThrow({
      where: { id },
      select: { userId: true },
    });
    await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } });
    await tx.passwordToken.deleteMany({ where: { userId, usedAt: null } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, {
      action: "user.password_set",
      actorId: userId,
      ipAddress: context.ipAddress ?? null,
      userAgent: context.userAgent ?? null,
      targetType: "user",
      targetId: userId,
      details: { via: again.purpose === "INVITE" ? "invitation" : "reset", sessionsEnded },
    });
    return { email: again.email };
  });
}

export type SessionListing = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  browser: string | null;
  current: boolean;
};

/** The person's sessions that can still be used, most recently active first. */
export async function listSessions(
  userId: string,
  currentSessionId: string | null = null,
  now = new Date(),
): Promise<SessionListing[]> {
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, ipAddress: true, userAgent: true },
  });
  return rows.map(({ userAgent, ...row }) => ({
    ...row,
    browser: describeUserAgent(userAgent),
    current: row.id === currentSessionId,
  }));
}

/** Admins may end anyone's session; everyone else only their own. Someone else's is "not found". */
export async function revokeSession(
  actor: Caller,
  sessionId: string,
  context: ActionContext = {},
): Promise<{ userId: string }> {
  return prisma.$transaction(async (tx) => {
    const session = await tx.session.findUnique({
      where: { id: sessionId },
      select: { userId: true, createdAt: true },
    });
    if (!session || (actor.role !== "ADMIN" && session.userId !== actor.id)) {
      throw DomainError.notFound();
    }
    const { count } = await tx.session.deleteMany({
      where: { id: sessionId, userId: session.userId },
    });
    if (count === 0) throw DomainError.notFound();
    await appendAudit(tx, {
      action: "session.revoked",
      ...auditContext(actor, context),
      targetType: "user",
      targetId: session.userId,
      details: { sessionCreatedAt: session.createdAt.toISOString() },
    });
    return { userId: session.userId };
  });
}

/** Checks the current password, sets the new one, and ends the person's other sessions. */
export async function changeOwnPassword(
  user: Pick<SessionUser, "id" | "email">,
  currentPassword: string,
  newPassword: string,
  currentSessionId: string,
  context: ActionContext = {},
): Promise<{ otherSessionsEnded: number }> {
  // A borrowed session must not become a way to guess the password: the
  // login throttle of the account applies here too.
  const throttleKey = accountKey(normalizeEmail(user.email));
  if ((await retryAfterMs([throttleKey])) > 0) {
    throw DomainError.tooMany("settings.errors.throttled", "currentPassword");
  }
  const stored = await prisma.password.findUnique({
    where: { userId: user.id },
    select: { hash: true },
  });
  if (!stored || !(await verifyPassword(stored.hash, currentPassword))) {
    await recordFailure(throttleKey, ACCOUNT_POLICY);
    throw DomainError.invalidField("currentPassword", "settings.errors.wrongPassword");
  }
  await clearFailures(throttleKey);
  const problem = checkPasswordPolicy(newPassword);
  if (problem) throw passwordRefused(problem, "newPassword");
  if (await isDuressPassword(user.id, newPassword)) {
    throw DomainError.invalidField("newPassword", "duress.sameAsDuress");
  }
  const hash = await hashPassword(newPassword);
  return prisma.$transaction(async (tx) => {
    await tx.password.update({ where: { userId: user.id }, data: { hash } });
    await tx.passwordToken.deleteMany({ where: { userId: user.id, usedAt: null } });
    const { count: otherSessionsEnded } = await tx.session.deleteMany({
      where: { userId: user.id, id: { not: currentSessionId } },
    });
    await appendAudit(tx, {
      action: "user.password_changed",
      actorId: user.id,
      ipAddress: context.ipAddress ?? null,
      userAgent: context.userAgent ?? null,
      targetType: "user",
      targetId: user.id,
      details: { otherSessionsEnded },
    });
    return { otherSessionsEnded };
  });
}

export type AccountSummary = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  regions: Region[];
  hasPassword: boolean;
  /** Expiry of the unused set-password link, while one is open. */
  linkExpiresAt: Date | null;
  /** The latest activity of any session, or the latest sign-in recorded. */
  lastSeenAt: Date | null;
};

const summarySelect = {
  id: true,
  email: true,
  displayName: true,
  role: true,
  active: true,
  createdAt: true,
  regions: { select: { region: true }, orderBy: { region: "asc" } },
  password: { select: { userId: true } },
} as const;

async function summarize(
  users: Array<{
    id: string;
    email: string;
    displayName: string;
    role: Role;
    active: boolean;
    createdAt: Date;
    regions: Array<{ region: Region }>;
    password: { userId: string } | null;
  }>,
  now: Date,
): Promise<AccountSummary[]> {
  const ids = users.map((u) => u.id);
  const [sessions, logins, links] = await Promise.all([
    prisma.session.groupBy({
      by: ["userId"],
      where: { userId: { in: ids } },
      _max: { lastSeenAt: true },
    }),
    prisma.auditEntry.groupBy({
      by: ["targetId"],
      where: { action: "auth.login", targetType: "user", targetId: { in: ids } },
      _max: { createdAt: true },
    }),
    prisma.passwordToken.groupBy({
      by: ["userId"],
      where: { userId: { in: ids }, usedAt: null, expiresAt: { gt: now } },
      _max: { expiresAt: true },
    }),
  ]);
  const latest = new Map<string, Date>();
  const seen = (id: string | null, at: Date | null | undefined) => {
    if (!id || !at) return;
    const known = latest.get(id);
    if (!known || known < at) latest.set(id, at);
  };
  for (const s of sessions) seen(s.userId, s._max.lastSeenAt);
  for (const l of logins) seen(l.targetId, l._max.createdAt);
  const openLinks = new Map(links.map((l) => [l.userId, l._max.expiresAt]));
  return users.map(({ regions, password, ...user }) => ({
    ...user,
    regions: regions.map((r) => r.region),
    hasPassword: password !== null,
    linkExpiresAt: openLinks.get(user.id) ?? null,
    lastSeenAt: latest.get(user.id) ?? null,
  }));
}

export async function listAccounts(now = new Date()): Promise<AccountSummary[]> {
  const users = await prisma.user.findMany({
    orderBy: [{ active: "desc" }, { role: "asc" }, { displayName: "asc" }],
    select: summarySelect,
  });
  return summarize(users, now);
}

/** One account for its admin page; unknown ids are "not found". */
export async function getAccount(userId: string, now = new Date()): Promise<AccountSummary> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: summarySelect });
  if (!user) throw DomainError.notFound();
  const [summary] = await summarize([user], now);
  return summary!;
}

const BROWSERS: Array<[RegExp, string]> = [
  [/YaBrowser\//, "Yandex Browser"],
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** "Firefox on Linux" from a user agent; what cannot be recognised stays the raw string, shortened. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}
