import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { createUser } from "~/modules/people/people.server";
import { isDomainError } from "~/utils/domain-error";
import { requireRecentSecondFactor, requireSession } from "./guards.server";
import { login } from "./login.server";
import {
  adminResetSecondFactor,
  confirmTotpEnrolment,
  exemptRole,
  hasRecentSecondFactor,
  mustEnrol,
  pendingTotpEnrolment,
  STEP_UP_WINDOW_MS,
  verifySecondFactorCode,
} from "./second-factor.server";
import {
  createSession,
  SESSION_COOKIE_NAME,
  validateSessionToken,
  type ActiveSession,
} from "./session.server";
import { currentTotpCode, newTotpSecret, totpCodeAt, totpStep } from "./totp";
import { forgetTotpKey, openTotpSecret, sealClearTotpSecrets } from "./totp-secret.server";

const PASSWORD = "Tulpar-steppe-wind-1987";
const context = { ipAddress: "198.51.100.20", userAgent: "Mozilla/5.0 (test)" };
let counter = 0;

async function person(role: "ORGANIZER" | "ADMIN" = "ORGANIZER") {
  counter += 1;
  return createUser(
    {
      email: `person${counter}.${Date.now()}@example.org`,
      displayName: `Person ${counter}`,
      role,
      regions: role === "ADMIN" ? [] : ["ATYRAU"],
      password: PASSWORD,
    },
    { actorId: null },
  );
}

async function sessionOf(token: string): Promise<ActiveSession> {
  const session = await validateSessionToken(token);
  if (!session) throw new Error("no session");
  return session;
}

/** An account with a confirmed authenticator app; returns its secret and a pending session. */
async function enrolled(now = new Date()) {
  const user = await person();
  const token = await createSession(user.id, context, { secondFactor: "pending" });
  const enrolment = await pendingTotpEnrolment(user);
  const recoveryCodes = await confirmTotpEnrolment(
    await sessionOf(token),
    currentTotpCode(enrolment!.secret, now),
    context,
    now,
  );
  // The next sign-in: a new session that still owes its second factor.
  const next = await createSession(user.id, context, { secondFactor: "pending" });
  return { user, secret: enrolment!.secret, recoveryCodes, token: next };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return `${error.kind}:${Object.values(error.fieldErrors).join()}`;
    throw error;
  }
  throw new Error("expected a refusal");
}

const request = (token: string, path = "/cases") =>
  new Request(`http://localhost${path}`, {
    headers: { Cookie: `${SESSION_COOKIE_NAME}=${token}` },
  });

async function redirectOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof Response) return error.headers.get("Location");
    throw error;
  }
}

beforeEach(async () => {
  await prisma.loginThrottle.deleteMany();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("enrolling an authenticator app", () => {
  it("confirms with the app's first code, passes the session and gives ten recovery codes stored hashed", async () => {
    const user = await person();
    const token = await createSession(user.id, context, { secondFactor: "pending" });
    const enrolment = await pendingTotpEnrolment(user);
    expect(enrolment!.secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading the page keeps the secret the app has already scanned.
    expect((await pendingTotpEnrolment(user))!.secret).toBe(enrolment!.secret);

    const codes = await confirmTotpEnrolment(
      await sessionOf(token),
      currentTotpCode(enrolment!.secret),
      context,
    );
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) {
      expect(stored.some((row) => row.hash.includes(code.replace("-", "")))).toBe(false);
    }
    expect((await sessionOf(token)).secondFactorAt).not.toBeNull();
    expect(await pendingTotpEnrolment(user)).toBeNull();
    expect(
      await prisma.auditEntry.count({
        where: { action: "second_factor.totp_enrolled", targetId: user.id },
      }),
    ).toBe(1);
  });

  it("refuses a wrong code and changes nothing", async () => {
    const user = await person();
    const token = await createSession(user.id, context, { secondFactor: "pending" });
    const enrolment = await pendingTotpEnrolment(user);
    const wrong = currentTotpCode(enrolment!.secret) === "000000" ? "111111" : "000000";
    expect(await refusal(confirmTotpEnrolment(await sessionOf(token), wrong, context))).toBe(
      "invalid:secondFactor.wrongCode",
    );
    expect(await refusal(confirmTotpEnrolment(await sessionOf(token), "12ab", context))).toBe(
      "invalid:secondFactor.malformed",
    );
    const credential = await prisma.totpCredential.findUnique({ where: { userId: user.id } });
    expect(credential?.confirmedAt).toBeNull();
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await sessionOf(token)).secondFactorAt).toBeNull();
  });
});

describe("signing in with a second factor", () => {
  it("asks a password-only sign-in for its code before anything opens", async () => {
    const { user } = await enrolled();
    const result = await login({ email: user.email, password: PASSWORD }, context);
    if (!result.ok) throw new Error("login failed");
    expect(result.secondFactor).toBe("pending");
    expect(await redirectOf(requireSession(request(result.token, "/cases?q=1")))).toBe(
      "/second-factor?redirectTo=%2Fcases%3Fq%3D1",
    );
  });

  it("opens the session with the current code, and refuses the same code again", async () => {
    const now = new Date();
    const { secret, token } = await enrolled(new Date(now.getTime() - 60_000));
    const code = currentTotpCode(secret, now);
    await verifySecondFactorCode(await sessionOf(token), code, context, now);
    expect(await redirectOf(requireSession(request(token)))).toBeNull();

    const again = await createSession((await sessionOf(token)).user.id, context, {
      secondFactor: "pending",
    });
    expect(await refusal(verifySecondFactorCode(await sessionOf(again), code, context, now))).toBe(
      "invalid:secondFactor.replayed",
    );
    expect((await sessionOf(again)).secondFactorAt).toBeNull();
  });

  it("refuses a code from outside the ±30 s window", async () => {
    const now = new Date();
    const { secret, token } = await enrolled(new Date(now.getTime() - 10 * 60_000));
    const stale = totpCodeAt(secret, totpStep(now) - 2);
    expect(await refusal(verifySecondFactorCode(await sessionOf(token), stale, context, now))).toBe(
      "invalid:secondFactor.wrongCode",
    );
  });

  it("accepts each recovery code once", async () => {
    const { recoveryCodes, token, user } = await enrolled();
    const used = await verifySecondFactorCode(
      await sessionOf(token),
      recoveryCodes[0]!.toUpperCase(),
      context,
    );
    expect(used).toEqual({ method: "recovery", recoveryCodesLeft: 9 });
    const next = await createSession(user.id, context, { secondFactor: "pending" });
    expect(
      await refusal(verifySecondFactorCode(await sessionOf(next), recoveryCodes[0]!, context)),
    ).toBe("invalid:secondFactor.wrongRecovery");
    await verifySecondFactorCode(await sessionOf(next), recoveryCodes[1]!, context);
    expect((await sessionOf(next)).secondFactorAt).not.toBeNull();
  });

  it("allows 5 wrong codes in 30 minutes, then refuses even the right one until the window ends", async () => {
    const start = new Date();
    const { secret, token } = await enrolled(new Date(start.getTime() - 60_000));
    const session = await sessionOf(token);
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(currentTotpCode(secret, start)) + 1 + i) % 1_000_000).padStart(
        6,
        "0",
      );
      expect(await refusal(verifySecondFactorCode(session, wrong, context, start))).toMatch(
        /^invalid:/,
      );
    }
    expect(
      await refusal(
        verifySecondFactorCode(session, currentTotpCode(secret, start), context, start),
      ),
    ).toBe("tooMany:secondFactor.throttled");
    expect((await sessionOf(token)).secondFactorAt).toBeNull();

    const later = new Date(start.getTime() + 30 * 60_000 + 1000);
    await verifySecondFactorCode(session, currentTotpCode(secret, later), context, later);
    expect((await sessionOf(token)).secondFactorAt).not.toBeNull();
  });
});

describe("the enrolment policy", () => {
  it("in production sends an account with no second factor to enrol before anything", async () => {
    vi.stubEnv("ADAL_SECOND_FACTOR", "required");
    const user = await person();
    const result = await login({ email: user.email, password: PASSWORD }, context);
    if (!result.ok) throw new Error("login failed");
    expect(result.secondFactor).toBe("pending");
    expect(await redirectOf(requireSession(request(result.token)))).toBe(
      "/second-factor?redirectTo=%2Fcases",
    );
  });

  it("lets a role an administrator exempted (with a reason, audited) sign in with its password", async () => {
    vi.stubEnv("ADAL_SECOND_FACTOR", "required");
    const admin = await person("ADMIN");
    expect(await mustEnrol("LAWYER")).toBe(true);
    expect(await refusal(exemptRole(admin, "LAWYER", "short", context))).toBe(
      "invalid:secondFactor.reasonRequired",
    );
    await exemptRole(
      admin,
      "LAWYER",
      "Court laptops block authenticator apps until March",
      context,
    );
    expect(await mustEnrol("LAWYER")).toBe(false);
    expect(await mustEnrol("ORGANIZER")).toBe(true);
    const entry = await prisma.auditEntry.findFirst({
      where: { action: "second_factor.role_exempted" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(entry!.details)).toMatchObject({ role: "LAWYER" });
    await prisma.secondFactorExemption.deleteMany();
  });

  it("does not ask in demo or development mode when the account has no factor", async () => {
    vi.stubEnv("ADAL_SECOND_FACTOR", "optional");
    const user = await person();
    const result = await login({ email: user.email, password: PASSWORD }, context);
    if (!result.ok) throw new Error("login failed");
    expect(result.secondFactor).toBe("none");
    expect(await redirectOf(requireSession(request(result.token)))).toBeNull();
  });
});

describe("step-up", () => {
  it("holds for 10 minutes after the second factor, then sends the person to /step-up and back", async () => {
    const passed = new Date("2026-03-02T09:00:00Z");
    expect(
      hasRecentSecondFactor({ secondFactorAt: passed }, passed.getTime() + STEP_UP_WINDOW_MS),
    ).toBe(true);
    expect(
      hasRecentSecondFactor({ secondFactorAt: passed }, passed.getTime() + STEP_UP_WINDOW_MS + 1),
    ).toBe(false);
    expect(hasRecentSecondFactor({ secondFactorAt: null })).toBe(false);

    const user = await person();
    const fresh = await createSession(user.id, context, { secondFactor: "passed" });
    expect(
      await redirectOf(requireRecentSecondFactor(request(fresh, "/cases/export.csv"))),
    ).toBeNull();
    const old = await createSession(user.id, context, { secondFactor: "passed" });
    const { hashToken } = await import("./session.server");
    await prisma.session.update({
      where: { id: hashToken(old) },
      data: { secondFactorAt: new Date(Date.now() - STEP_UP_WINDOW_MS - 1000) },
    });
    expect(
      await redirectOf(
        requireRecentSecondFactor(request(old, "/cases/export.csv"), { returnTo: "/cases" }),
      ),
    ).toBe("/step-up?redirectTo=%2Fcases");
  });
});

describe("an administrator's reset", () => {
  it("removes every factor and recovery code, ends all sessions and is audited", async () => {
    const admin = await person("ADMIN");
    const { user, token } = await enrolled();
    await adminResetSecondFactor(admin, user.id, context);
    expect(await validateSessionToken(token)).toBeNull();
    expect(await prisma.totpCredential.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const entry = await prisma.auditEntry.findFirst({
      where: { action: "second_factor.reset_by_admin", targetId: user.id },
    });
    expect(entry?.actorId).toBe(admin.id);
    expect(await refusal(adminResetSecondFactor(user as never, admin.id, context))).toBe(
      "forbidden:",
    );
  });
});

// --- TOTP secrets at rest (docs/decisions/0049) -----------------------------------

const SERVER_SECRET = "adal-test-cluster-secret-0001-steppe-wind";
const OTHER_SERVER_SECRET = "adal-test-cluster-secret-0002-another-server";
let previousClusterSecret: string | undefined;

function useClusterSecret(secret: string) {
  process.env.ADAL_CLUSTER_SECRET = secret;
  forgetTotpKey();
}

const storedSecret = async (userId: string) =>
  (await prisma.totpCredential.findUniqueOrThrow({ where: { userId } })).secret;

/** The app's next code (the enrolment used the current one, and a code never passes twice), checked. */
async function checkNextCode(token: string, secret: string) {
  const later = new Date(Date.now() + 30_000);
  return verifySecondFactorCode(
    await sessionOf(token),
    currentTotpCode(secret, later),
    context,
    later,
  );
}

describe("a TOTP secret at rest (0049)", () => {
  beforeEach(() => {
    previousClusterSecret = process.env.ADAL_CLUSTER_SECRET;
    useClusterSecret(SERVER_SECRET);
  });
  afterEach(() => {
    if (previousClusterSecret === undefined) delete process.env.ADAL_CLUSTER_SECRET;
    else process.env.ADAL_CLUSTER_SECRET = previousClusterSecret;
    forgetTotpKey();
  });

  it("is stored only sealed, from the first page of enrolment, and the app's codes still pass", async () => {
    const user = await person();
    const { secret } = (await pendingTotpEnrolment(user))!;
    const waiting = await storedSecret(user.id);
    expect(waiting).toMatch(/^totp:v1:[0-9a-f]{16}:[A-Za-z0-9_-]+$/);
    expect(waiting).not.toContain(secret);
    // Reloading the enrolment page shows the same secret, opened from the sealed row.
    expect((await pendingTotpEnrolment(user))!.secret).toBe(secret);

    const token = await createSession(user.id, context, { secondFactor: "pending" });
    await confirmTotpEnrolment(await sessionOf(token), currentTotpCode(secret), context);
    expect(await storedSecret(user.id)).toBe(waiting);

    const next = await createSession(user.id, context, { secondFactor: "pending" });
    expect((await checkNextCode(next, secret)).method).toBe("totp");
  });

  it("does not open in another account's row: a copied value passes no code", async () => {
    const victim = await enrolled();
    const intruder = await enrolled();
    await prisma.totpCredential.update({
      where: { userId: intruder.user.id },
      data: { secret: await storedSecret(victim.user.id) },
    });
    expect(await openTotpSecret(intruder.user.id, await storedSecret(intruder.user.id))).toEqual({
      ok: false,
      reason: "damaged",
    });
    expect(await refusal(checkNextCode(intruder.token, victim.secret))).toBe(
      "invalid:secondFactor.appUnreadable",
    );
  });

  it("on a server with another cluster secret passes no code, costs no try, and recovery codes still work", async () => {
    const { user, secret, recoveryCodes, token } = await enrolled();
    useClusterSecret(OTHER_SERVER_SECRET);
    expect(await openTotpSecret(user.id, await storedSecret(user.id))).toEqual({
      ok: false,
      reason: "otherKey",
    });
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(await refusal(checkNextCode(token, secret))).toBe(
        "invalid:secondFactor.appUnreadable",
      );
    }
    expect(
      await prisma.auditEntry.count({
        where: { action: "second_factor.failed", targetId: user.id },
      }),
    ).toBe(6);
    // Six refusals, none of them the person's guess: the throttle (5 per 30 min) is untouched.
    const passed = await verifySecondFactorCode(await sessionOf(token), recoveryCodes[0]!, context);
    expect(passed.method).toBe("recovery");
  });

  it("an enrolment left waiting under another cluster secret starts again with a new secret", async () => {
    const user = await person();
    const { secret: before } = (await pendingTotpEnrolment(user))!;
    useClusterSecret(OTHER_SERVER_SECRET);
    const { secret: after } = (await pendingTotpEnrolment(user))!;
    expect(after).not.toBe(before);
    expect(await openTotpSecret(user.id, await storedSecret(user.id))).toEqual({
      ok: true,
      secret: after,
      sealed: true,
    });
  });

  describe("secrets stored in the clear before sealing", () => {
    it("are sealed once at start, audited once, and the enrolled app's codes pass as before", async () => {
      const { user, token } = await enrolled();
      // As an account enrolled before 0049 stores it.
      const clear = newTotpSecret();
      await prisma.totpCredential.update({
        where: { userId: user.id },
        data: { secret: clear, lastUsedStep: null },
      });
      const auditedBefore = await prisma.auditEntry.count({
        where: { action: "second_factor.secrets_sealed" },
      });

      expect(await sealClearTotpSecrets()).toBe(1);
      expect(await sealClearTotpSecrets()).toBe(0);
      const sealed = await storedSecret(user.id);
      expect(sealed).toMatch(/^totp:v1:/);
      expect(sealed).not.toContain(clear);
      const clearLeft = await prisma.totpCredential.count({
        where: { NOT: { secret: { startsWith: "totp:v1:" } } },
      });
      expect(clearLeft).toBe(0);
      expect(
        await prisma.auditEntry.count({ where: { action: "second_factor.secrets_sealed" } }),
      ).toBe(auditedBefore + 1);

      expect((await checkNextCode(token, clear)).method).toBe("totp");
    });

    it("two processes sealing at once seal each secret once", async () => {
      const user = await person();
      await pendingTotpEnrolment(user);
      const clear = newTotpSecret();
      await prisma.totpCredential.update({ where: { userId: user.id }, data: { secret: clear } });
      // Each update is conditional on the clear value: whoever comes second changes nothing.
      const [one, two] = await Promise.all([sealClearTotpSecrets(), sealClearTotpSecrets()]);
      expect(one + two).toBe(1);
      expect(await openTotpSecret(user.id, await storedSecret(user.id))).toEqual({
        ok: true,
        secret: clear,
        sealed: true,
      });
    });
  });
});
