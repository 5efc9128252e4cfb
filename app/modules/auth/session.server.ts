// Adal's session module. Routes and other modules use only what this file
// exports; lucia (v3, no longer developed) stays behind it so that it can be
// replaced without touching a route. See docs/decisions/0003-lucia-behind-our-module.md.
//
// The cookie carries a 160-bit random token; the database stores only its
// SHA-256, so a stolen database cannot be replayed as sessions.
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { Lucia, TimeSpan } from "lucia";
import type { Region, Role } from "~/generated/prisma/sqlite/enums";
import { prisma } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { PrismaSessionAdapter } from "./lucia-adapter.server";
import type { RequestContext } from "./caller";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Idle expiry is pushed forward at most once a minute, not on every request. */
const EXTEND_EVERY_MS = 60 * 1000;

/**
 * Browsers accept `Secure` cookies on http://localhost. For another plain-http
 * host in development only, ADAL_INSECURE_COOKIES=1 drops `Secure` (and with
 * it the `__Host-` prefix, which requires it). Never in production.
 */
const insecureCookies =
  process.env.ADAL_INSECURE_COOKIES === "1" && process.env.NODE_ENV !== "production";
export const SESSION_COOKIE_NAME = insecureCookies ? "adal_session" : "__Host-adal_session";

const adapter = new PrismaSessionAdapter(prisma);

const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_MS / 1000, "s"),
  sessionCookie: {
    name: SESSION_COOKIE_NAME,
    attributes: { secure: !insecureCookies, sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => attributes,
  getUserAttributes: (attributes) => attributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: {
      absoluteExpiresAt: Date;
      createdAt: Date;
      lastSeenAt: Date;
      ipAddress: string | null;
      userAgent: string | null;
      secondFactorRequired: boolean;
      secondFactorAt: Date | null;
      duress: boolean;
      webAuthnChallenge?: string | null;
    };
    DatabaseUserAttributes: {
      email: string;
      displayName: string;
      role: Role;
      locale: string;
      active: boolean;
      regions: Region[];
    };
  }
}

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: string;
  regions: Region[];
  /**
   * Signed in with the duress password: every case scope is empty for this
   * session (cases/access.server.ts) and the duress record is hidden from it.
   */
  duress: boolean;
};

export type ActiveSession = {
  id: string;
  user: SessionUser;
  /** This sign-in must pass a second factor before it opens anything. */
  secondFactorRequired: boolean;
  /** When a second factor was last checked in this session (sign-in or step-up). */
  secondFactorAt: Date | null;
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export type NewSessionOptions = {
  /**
   * "pending": the person must still pass (or enrol) a second factor;
   * "passed": it was checked as the session began; "none": not asked for
   * (demo mode, or a role exempted by an administrator).
   */
  secondFactor?: "pending" | "passed" | "none";
  /** Opened with the duress password. */
  duress?: boolean;
};

/** Starts a session with a new token; returns the token for the cookie. */
export async function createSession(
  userId: string,
  context: RequestContext = {},
  options: NewSessionOptions = {},
): Promise<string> {
  const token = generateToken();
  const now = Date.now();
  const secondFactor = options.secondFactor ?? "none";
  await lucia.createSession(
    userId,
    {
      absoluteExpiresAt: new Date(now + ABSOLUTE_LIFETIME_MS),
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      ipAddress: context.ipAddress?.slice(0, 64) ?? null,
      userAgent: context.userAgent?.slice(0, 400) ?? null,
      secondFactorRequired: secondFactor !== "none",
      secondFactorAt: secondFactor === "passed" ? new Date(now) : null,
      duress: options.duress ?? false,
    },
    { sessionId: hashToken(token) },
  );
  return token;
}

/**
 * Deletes a session that ran out and records that it expired (who, and why:
 * idle or too old; never the token). When two requests find it at once, only
 * the one that deletes it records it.
 */
async function endExpiredSession(
  sessionId: string,
  userId: string,
  reason: "idle" | "absolute",
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId } });
    if (count === 0) return;
    await appendAudit(tx, {
      action: "session.expired",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      details: { reason },
    });
  });
}

/** The session behind a cookie token, or null when it is unknown, idle, too old or its user inactive. */
export async function validateSessionToken(token: string): Promise<ActiveSession | null> {
  const now = Date.now();
  const sessionId = hashToken(token);
  // Read through the adapter rather than lucia.validateSession, which deletes
  // an expired session without saying so: an expiry is recorded in the audit log.
  const [session, user] = await adapter.getSessionAndUser(sessionId);
  if (!session || !user) return null;
  const expired =
    session.attributes.absoluteExpiresAt.getTime() <= now
      ? "absolute"
      : session.expiresAt.getTime() <= now
        ? "idle"
        : null;
  if (expired) {
    await endExpiredSession(sessionId, user.id, expired);
    return null;
  }
  if (!user.attributes.active) {
    await lucia.invalidateSession(sessionId);
    return null;
  }
  const idleExpiry = Math.min(
    now + IDLE_TIMEOUT_MS,
    session.attributes.absoluteExpiresAt.getTime(),
  );
  if (idleExpiry - session.expiresAt.getTime() >= EXTEND_EVERY_MS) {
    await adapter.updateSessionExpiration(sessionId, new Date(idleExpiry), new Date(now));
  }
  const { active: _active, ...profile } = user.attributes;
  const { secondFactorRequired, secondFactorAt, duress } = session.attributes;
  return {
    id: sessionId,
    user: { id: user.id, ...profile, duress },
    secondFactorRequired,
    secondFactorAt,
  };
}

/** Records that this session has just passed a second factor (sign-in or step-up). */
export async function markSecondFactorPassed(sessionId: string, at = new Date()): Promise<void> {
  await prisma.session.updateMany({
    where: { id: sessionId },
    data: { secondFactorAt: at, webAuthnChallenge: null },
  });
}

/** Keeps the WebAuthn challenge this session was given, until it is answered. */
export async function setWebAuthnChallenge(sessionId: string, challenge: string): Promise<void> {
  await prisma.session.updateMany({
    where: { id: sessionId },
    data: { webAuthnChallenge: challenge },
  });
}

/** The session's WebAuthn challenge, removed as it is read: each one is answered once. */
export async function takeWebAuthnChallenge(sessionId: string): Promise<string | null> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.session.findUnique({
      where: { id: sessionId },
      select: { webAuthnChallenge: true },
    });
    if (!row?.webAuthnChallenge) return null;
    await tx.session.update({ where: { id: sessionId }, data: { webAuthnChallenge: null } });
    return row.webAuthnChallenge;
  });
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await lucia.invalidateSession(sessionId);
}

export async function invalidateUserSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export function readSessionToken(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

// Serialised here rather than by lucia, whose cookie either lives 400 days or
// must be re-sent on every idle extension. Ours lives at most as long as the
// session can (12 h); the server enforces the idle timeout.
function cookieHeader(value: string, maxAgeSeconds: number): string {
  const secure = insecureCookies ? "" : "; Secure";
  return `${SESSION_COOKIE_NAME}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function sessionCookie(token: string): string {
  return cookieHeader(token, ABSOLUTE_LIFETIME_MS / 1000);
}

export function blankSessionCookie(): string {
  return cookieHeader("", 0);
}
