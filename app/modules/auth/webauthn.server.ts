// Security keys and passkeys (WebAuthn) as a second factor: several per
// account, named, removable. The challenge lives on the session row and is
// answered once. The relying party is ADAL_RP_ID / ADAL_ORIGIN when set,
// otherwise the host the request came to.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { prisma } from "~/db.server";
import { appendAudit, recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/domain-error";
import { lazyRequire } from "~/utils/lazy-require.server";
import type { RequestContext } from "./caller";
import { hasRecentSecondFactor, mustEnrol, factorsOf } from "./second-factor.server";
import {
  markSecondFactorPassed,
  setWebAuthnChallenge,
  takeWebAuthnChallenge,
  type ActiveSession,
} from "./session.server";

type Context = Partial<RequestContext>;
const where = (context: Context) => ({
  ipAddress: context.ipAddress ?? null,
  userAgent: context.userAgent ?? null,
});

export const MAX_KEYS = 10;

/**
 * The WebAuthn library, loaded the first time a key is used: loading it costs a third of the
 * server's start (its ASN.1 and COSE parsers), and most requests never touch a security key.
 * Required, not imported: the server build has no import() (lazy-require.server.ts).
 */
const webauthn = async () =>
  lazyRequire("@simplewebauthn/server") as typeof import("@simplewebauthn/server");

/** The relying party: configured, or the host this request came to. */
export function relyingParty(request: Request): { rpID: string; origin: string } {
  const url = new URL(request.url);
  const origin = process.env.ADAL_ORIGIN?.replace(/\/$/, "") || `${url.protocol}//${url.host}`;
  const rpID = process.env.ADAL_RP_ID || new URL(origin).hostname;
  return { rpID, origin };
}

function parseJson<T>(text: string): T {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") throw new Error("not an object");
    return value as T;
  } catch {
    throw DomainError.invalidField("form", "secondFactor.keyFailed");
  }
}

/** Options for adding a key; the challenge is kept on the session. */
export async function registrationOptions(session: ActiveSession, request: Request) {
  const { rpID } = relyingParty(request);
  const existing = await prisma.webAuthnCredential.findMany({
    where: { userId: session.user.id },
    select: { id: true, transports: true },
  });
  const options = await (
    await webauthn()
  ).generateRegistrationOptions({
    rpName: "Adal",
    rpID,
    userName: session.user.email,
    userDisplayName: session.user.displayName,
    userID: new TextEncoder().encode(session.user.id),
    attestationType: "none",
    excludeCredentials: existing.map((key) => ({
      id: key.id,
      transports: key.transports?.split(",").filter(Boolean),
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await setWebAuthnChallenge(session.id, options.challenge);
  return options;
}

/**
 * Adds a key from the browser's answer. Needs step-up once the account has
 * a factor; enrolling a first key (the policy's enrolment) passes the session.
 */
export async function addSecurityKey(
  session: ActiveSession,
  input: { name: string; response: string },
  request: Request,
  context: Context,
): Promise<void> {
  const userId = session.user.id;
  const factors = await factorsOf(userId);
  const first = !factors.totp && factors.keys.length === 0;
  if (!first && !hasRecentSecondFactor(session)) {
    throw DomainError.forbidden("secondFactor.stepUpNeeded");
  }
  if (factors.keys.length >= MAX_KEYS)
    throw DomainError.invalidField("name", "secondFactor.tooManyKeys");
  const response = parseJson<RegistrationResponseJSON>(input.response);
  const expectedChallenge = await takeWebAuthnChallenge(session.id);
  if (!expectedChallenge) throw DomainError.invalidField("form", "secondFactor.keyFailed");
  const { rpID, origin } = relyingParty(request);
  let verified;
  try {
    verified = await (
      await webauthn()
    ).verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
  } catch {
    throw DomainError.invalidField("form", "secondFactor.keyFailed");
  }
  if (!verified.verified) throw DomainError.invalidField("form", "secondFactor.keyFailed");
  const { credential } = verified.registrationInfo;
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    if (await tx.webAuthnCredential.findUnique({ where: { id: credential.id } })) {
      throw DomainError.invalidField("form", "secondFactor.keyKnown");
    }
    await tx.webAuthnCredential.create({
      data: {
        id: credential.id,
        userId,
        name: input.name.trim(),
        publicKey: encodeBase64urlNoPadding(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports?.join(",") ?? null,
      },
    });
    if (first) {
      await tx.session.updateMany({ where: { id: session.id }, data: { secondFactorAt: now } });
    }
    await appendAudit(tx, {
      action: "second_factor.key_added",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      details: { name: input.name.trim() },
      ...where(context),
    });
  });
}

export async function removeSecurityKey(
  session: ActiveSession,
  keyId: string,
  context: Context,
): Promise<void> {
  if (!hasRecentSecondFactor(session)) throw DomainError.forbidden("secondFactor.stepUpNeeded");
  const userId = session.user.id;
  const factors = await factorsOf(userId);
  if (!factors.keys.some((key) => key.id === keyId)) throw DomainError.notFound();
  if (!factors.totp && factors.keys.length === 1 && (await mustEnrol(session.user.role))) {
    throw DomainError.invalidField("form", "secondFactor.lastFactor");
  }
  await prisma.$transaction(async (tx) => {
    await tx.webAuthnCredential.deleteMany({ where: { id: keyId, userId } });
    await appendAudit(tx, {
      action: "second_factor.key_removed",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      ...where(context),
    });
  });
}

/** Options for signing in (or stepping up) with one of the account's keys. */
export async function authenticationOptions(session: ActiveSession, request: Request) {
  const keys = await prisma.webAuthnCredential.findMany({
    where: { userId: session.user.id },
    select: { id: true, transports: true },
  });
  if (keys.length === 0) return null;
  const options = await (
    await webauthn()
  ).generateAuthenticationOptions({
    rpID: relyingParty(request).rpID,
    allowCredentials: keys.map((key) => ({
      id: key.id,
      transports: key.transports?.split(",").filter(Boolean),
    })),
    userVerification: "preferred",
  });
  await setWebAuthnChallenge(session.id, options.challenge);
  return options;
}

/** Checks the browser's answer from one of the account's keys; passes the session's second factor. */
export async function verifyAuthentication(
  session: ActiveSession,
  responseText: string,
  request: Request,
  context: Context,
): Promise<void> {
  const userId = session.user.id;
  const refuse = async (reason: string, messageKey: string): Promise<never> => {
    await recordAudit({
      action: "second_factor.failed",
      actorId: userId,
      targetType: "user",
      targetId: userId,
      details: { reason },
      ...where(context),
    });
    throw DomainError.invalidField("form", messageKey);
  };
  const response = parseJson<AuthenticationResponseJSON>(responseText);
  const expectedChallenge = await takeWebAuthnChallenge(session.id);
  if (!expectedChallenge) return refuse("no_challenge", "secondFactor.keyFailed");
  // Only this account's keys: another account's credential is as unknown as a made-up one.
  const key =
    typeof response.id === "string"
      ? await prisma.webAuthnCredential.findFirst({ where: { id: response.id, userId } })
      : null;
  if (!key) return refuse("unknown_key", "secondFactor.keyUnknown");
  const { rpID, origin } = relyingParty(request);
  let verified;
  try {
    verified = await (
      await webauthn()
    ).verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: key.id,
        publicKey: new Uint8Array(decodeBase64urlIgnorePadding(key.publicKey)),
        counter: key.counter,
      },
      requireUserVerification: false,
    });
  } catch {
    return refuse("key_rejected", "secondFactor.keyFailed");
  }
  if (!verified.verified) return refuse("key_rejected", "secondFactor.keyFailed");
  const now = new Date();
  await prisma.webAuthnCredential.update({
    where: { id: key.id },
    data: { counter: verified.authenticationInfo.newCounter, lastUsedAt: now },
  });
  await markSecondFactorPassed(session.id, now);
  await recordAudit({
    action: "second_factor.passed",
    actorId: userId,
    targetType: "user",
    targetId: userId,
    details: { method: "key" },
    ...where(context),
  });
}
