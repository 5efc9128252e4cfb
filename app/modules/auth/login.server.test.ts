import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { createUser } from "~/modules/people/people.server";
import { login, logout } from "./login.server";
import { validateSessionToken } from "./session.server";
import { accountAddressKey, accountKey, ipKey } from "./throttle.server";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const PASSWORD = "Tulpar-steppe-wind-1987";
const WRONG = "Hunter2-zebra-crossing-77";
const context = { ipAddress: "198.51.100.20", userAgent: "Mozilla/5.0 (test)" };

let aigerim: { id: string; email: string };
let inactive: { id: string; email: string };

beforeAll(async () => {
  const actor = { actorId: null };
  aigerim = await createUser(
    {
      email: "aigerim@example.org",
      displayName: "Aigerim",
      role: "ORGANIZER",
      regions: ["ATYRAU"],
      password: PASSWORD,
    },
    actor,
  );
  inactive = await createUser(
    {
      email: "left@example.org",
      displayName: "Left",
      role: "LAWYER",
      regions: ["ASTANA"],
      password: PASSWORD,
    },
    actor,
  );
  await prisma.user.update({ where: { id: inactive.id }, data: { active: false } });
});

beforeEach(async () => {
  await prisma.loginThrottle.deleteMany();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Freezes the clock the throttle reads (only Date: database drivers keep their real timers). */
function freezeClock(at = new Date("2026-03-02T09:00:00Z")) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  return {
    advance(ms: number) {
      vi.setSystemTime(new Date(Date.now() + ms));
    },
  };
}

describe("login", () => {
  it("signs in with the right password, however the email is capitalised or spaced", async () => {
    const result = await login({ email: "  Aigerim@Example.ORG ", password: PASSWORD }, context);
    expect(result).toMatchObject({ ok: true, userId: aigerim.id, role: "ORGANIZER" });
    if (!result.ok) throw new Error("unreachable");
    expect((await validateSessionToken(result.token))?.user.id).toBe(aigerim.id);
  });

  it("answers a wrong password the same way whether or not the email has an account", async () => {
    const known = await login({ email: aigerim.email, password: WRONG }, context);
    const unknown = await login({ email: "nobody@example.org", password: WRONG }, context);
    expect(known).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(known);
    expect(Object.keys(unknown)).toEqual(Object.keys(known));
  });

  it("refuses a deactivated account's right password with the same answer as a wrong one", async () => {
    expect(await login({ email: inactive.email, password: PASSWORD }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await prisma.session.count({ where: { userId: inactive.id } })).toBe(0);
  });

  it("lets a user mistype their password three times and still sign in at once", async () => {
    freezeClock();
    for (let i = 0; i < 3; i++) {
      expect(await login({ email: aigerim.email, password: WRONG }, context)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
  });

  it("makes an account wait after the fourth failure, even with the right password, and doubles the wait", async () => {
    const clock = freezeClock();
    for (let i = 0; i < 4; i++) await login({ email: aigerim.email, password: WRONG }, context);

    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 1,
    });

    clock.advance(1 * SECOND);
    expect(await login({ email: aigerim.email, password: WRONG }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 2,
    });

    clock.advance(2 * SECOND);
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
  });

  it("does not check or count guesses made while the account must wait", async () => {
    freezeClock();
    for (let i = 0; i < 4; i++) await login({ email: aigerim.email, password: WRONG }, context);
    for (let i = 0; i < 5; i++) {
      expect(await login({ email: aigerim.email, password: WRONG }, context)).toMatchObject({
        reason: "throttled",
      });
    }
    const row = await prisma.loginThrottle.findUniqueOrThrow({
      where: { key: accountKey(aigerim.email) },
    });
    expect(row.failures).toBe(4);
  });

  it("throttles an email that has no account exactly like one that has", async () => {
    freezeClock();
    for (let i = 0; i < 4; i++)
      await login({ email: "nobody@example.org", password: WRONG }, context);
    const result = await login({ email: "nobody@example.org", password: WRONG }, context);
    expect(result).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
  });

  it("forgets the failures from the user's address once they sign in (the account-wide count stays)", async () => {
    freezeClock();
    for (let i = 0; i < 3; i++) await login({ email: aigerim.email, password: WRONG }, context);
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
    expect(
      await prisma.loginThrottle.count({
        where: { key: accountAddressKey(aigerim.email, context.ipAddress) },
      }),
    ).toBe(0);

    // Three more mistakes are free again.
    for (let i = 0; i < 3; i++) await login({ email: aigerim.email, password: WRONG }, context);
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
  });

  it("blocks an account for the rest of the hour after 100 failures, then lets the real user in", async () => {
    const windowStart = new Date(Date.now() - 10 * MINUTE);
    await prisma.loginThrottle.create({
      data: { key: accountKey(aigerim.email), failures: 99, windowStart },
    });

    expect(await login({ email: aigerim.email, password: WRONG }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const row = await prisma.loginThrottle.findUniqueOrThrow({
      where: { key: accountKey(aigerim.email) },
    });
    expect(row.failures).toBe(100);
    expect(row.blockedUntil).toEqual(new Date(windowStart.getTime() + HOUR));

    const during = await login({ email: aigerim.email, password: PASSWORD }, context);
    expect(during).toMatchObject({ ok: false, reason: "throttled" });
    if (during.ok || during.reason !== "throttled") throw new Error("unreachable");
    expect(during.retryAfterSeconds).toBeGreaterThan(45 * 60);
    expect(during.retryAfterSeconds).toBeLessThanOrEqual(50 * 60);

    // The hour passes.
    await prisma.loginThrottle.update({
      where: { key: accountKey(aigerim.email) },
      data: {
        windowStart: new Date(windowStart.getTime() - HOUR),
        blockedUntil: new Date(Date.now() - SECOND),
      },
    });
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
  });

  it("lets the owner in from their usual address while someone elsewhere keeps guessing their password", async () => {
    const clock = freezeClock();
    // Aigerim has signed in from her phone's address before.
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
    const attacker = { ...context, ipAddress: "203.0.113.66" };
    // The attacker tries as fast as they are let, for two hours.
    let guesses = 0;
    let ownerSignIns = 0;
    for (let elapsed = 0; elapsed < 2 * HOUR;) {
      const result = await login({ email: aigerim.email, password: WRONG }, attacker);
      if (!result.ok && result.reason === "invalid") guesses += 1;
      const step =
        !result.ok && result.reason === "throttled" ? result.retryAfterSeconds * SECOND : SECOND;
      clock.advance(step);
      elapsed += step;
      // After every fifth guess the owner signs in, and is never held up.
      if (guesses >= (ownerSignIns + 1) * 5) {
        ownerSignIns += 1;
        expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
          ok: true,
        });
      }
    }
    expect(guesses).toBeGreaterThan(10);
    expect(ownerSignIns).toBe(Math.floor(guesses / 5));
    // The slow attacker (one guess every 15 minutes) does not lock her out either.
    expect(await login({ email: aigerim.email, password: WRONG }, attacker)).toMatchObject({
      ok: false,
    });
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
    // Two simulated hours are some 90 sign-ins, each a real Argon2id check: seconds, not a hang.
  }, 60_000);

  it("keeps guessing from many addresses under 100 failures per account per hour", async () => {
    const clock = freezeClock();
    let failures = 0;
    let address = 0;
    for (let elapsed = 0; elapsed < HOUR;) {
      // A botnet: a new address for every guess.
      address += 1;
      const from = {
        ...context,
        ipAddress: `10.${address >> 16}.${(address >> 8) & 255}.${address & 255}`,
      };
      const result = await login({ email: aigerim.email, password: WRONG }, from);
      if (!result.ok && result.reason === "invalid") failures += 1;
      const step =
        !result.ok && result.reason === "throttled" ? result.retryAfterSeconds * SECOND : 100;
      clock.advance(step);
      elapsed += step;
    }
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThanOrEqual(100);
  });

  it("makes an address that keeps failing across many accounts wait, for every account", async () => {
    freezeClock();
    const office = { ...context, ipAddress: "203.0.113.50" };
    await prisma.loginThrottle.create({
      data: { key: ipKey(office.ipAddress), failures: 20, windowStart: new Date() },
    });
    await login({ email: "guess-21@example.org", password: WRONG }, office);

    expect(await login({ email: aigerim.email, password: PASSWORD }, office)).toMatchObject({
      reason: "throttled",
    });
    // The same person from another network is not held up by that address.
    expect(await login({ email: aigerim.email, password: PASSWORD }, context)).toMatchObject({
      ok: true,
    });
  });

  it("records each failed attempt with the email tried, and never the password", async () => {
    await prisma.auditEntry.deleteMany();
    freezeClock();
    await login({ email: "Aigerim@Example.org", password: WRONG }, context);
    await login({ email: "nobody@example.org", password: WRONG }, context);
    await login({ email: inactive.email, password: PASSWORD }, context);
    for (let i = 0; i < 3; i++) await login({ email: aigerim.email, password: WRONG }, context);
    await login({ email: aigerim.email, password: PASSWORD }, context); // after the fourth failure: throttled

    const entries = await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(Array(7).fill("auth.login_failed"));
    expect(entries.map((e) => JSON.parse(e.details))).toEqual([
      { email: aigerim.email, reason: "credentials" },
      { email: "nobody@example.org", reason: "credentials" },
      { email: inactive.email, reason: "inactive" },
      { email: aigerim.email, reason: "credentials" },
      { email: aigerim.email, reason: "credentials" },
      { email: aigerim.email, reason: "credentials" },
      { email: aigerim.email, reason: "throttled" },
    ]);
    expect(entries[0]).toMatchObject({ targetType: "user", targetId: aigerim.id, actorId: null });
    expect(entries[1]).toMatchObject({ targetType: null, targetId: null });
    expect(entries[0]).toMatchObject({
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
    });

    for (const entry of entries) {
      for (const value of Object.values(entry)) {
        const text = value instanceof Date ? value.toISOString() : String(value);
        expect(text).not.toContain(WRONG);
        expect(text).not.toContain(PASSWORD);
      }
    }
  });

  it("records a successful sign-in and a sign-out as the user's own actions", async () => {
    await prisma.auditEntry.deleteMany();
    const result = await login({ email: aigerim.email, password: PASSWORD }, context);
    if (!result.ok) throw new Error("login failed");
    const session = await validateSessionToken(result.token);
    await logout(session!, context);

    expect(await validateSessionToken(result.token)).toBeNull();
    const entries = await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.action, e.actorId, e.targetId])).toEqual([
      ["auth.login", aigerim.id, aigerim.id],
      ["auth.logout", aigerim.id, aigerim.id],
    ]);
  });
});
