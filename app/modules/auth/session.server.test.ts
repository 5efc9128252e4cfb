import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createUser, deactivateUser } from "~/modules/people/people.server";
import { login } from "./login.server";
import {
  ABSOLUTE_LIFETIME_MS,
  IDLE_TIMEOUT_MS,
  SESSION_COOKIE_NAME,
  blankSessionCookie,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  sessionCookie,
  validateSessionToken,
} from "./session.server";

const MINUTE = 60 * 1000;
const actor = { actorId: null };
const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

let seq = 0;
async function newUser(options: { password?: string } = {}) {
  seq += 1;
  return createUser(
    {
      email: `session-${seq}@example.org`,
      displayName: `Session Tester ${seq}`,
      role: "LAWYER",
      regions: ["ATYRAU", "MANGYSTAU"],
      ...options,
    },
    actor,
  );
}

async function sessionRow(token: string) {
  return prisma.session.findUnique({ where: { id: sha256Hex(token) } });
}

async function setExpiries(
  token: string,
  expiries: { expiresAt?: Date; absoluteExpiresAt?: Date },
) {
  await prisma.session.update({ where: { id: sha256Hex(token) }, data: expiries });
}

describe("sessions", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await newUser()).id;
  });

  it("keeps only the SHA-256 of the token in the database, never the token itself", async () => {
    const token = await createSession(userId, { ipAddress: "198.51.100.7", userAgent: "Firefox" });
    // 160 random bits, base32: 32 characters.
    expect(token).toMatch(/^[a-z2-7]{32}$/);

    const rows = await prisma.session.findMany();
    expect(rows.map((r) => r.id)).toContain(sha256Hex(token));
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(token);
  });

  it("recognises a valid token and returns who is signed in, with regions and role", async () => {
    const token = await createSession(userId);
    const session = await validateSessionToken(token);
    expect(session).toEqual({
      id: sha256Hex(token),
      user: {
        id: userId,
        email: `session-1@example.org`,
        displayName: "Session Tester 1",
        role: "LAWYER",
        locale: "ru",
        regions: expect.arrayContaining(["ATYRAU", "MANGYSTAU"]),
        duress: false,
      },
      secondFactorRequired: false,
      secondFactorAt: null,
    });
  });

  it("records whether the sign-in still owes its second factor, and when it passed one", async () => {
    const pending = await validateSessionToken(
      await createSession(userId, {}, { secondFactor: "pending" }),
    );
    expect(pending).toMatchObject({ secondFactorRequired: true, secondFactorAt: null });
    const passed = await validateSessionToken(
      await createSession(userId, {}, { secondFactor: "passed" }),
    );
    expect(passed?.secondFactorRequired).toBe(true);
    expect(passed?.secondFactorAt).toBeInstanceOf(Date);
    const duress = await validateSessionToken(await createSession(userId, {}, { duress: true }));
    expect(duress?.user.duress).toBe(true);
  });

  it("refuses a token that was never issued", async () => {
    expect(await validateSessionToken("a".repeat(32))).toBeNull();
  });

  it("refuses the database's session id when it is replayed as a cookie token", async () => {
    const token = await createSession(userId);
    expect(await validateSessionToken(sha256Hex(token))).toBeNull();
    expect(await validateSessionToken(token)).not.toBeNull();
  });

  it("ends a session left idle past its idle timeout and deletes it", async () => {
    const token = await createSession(userId);
    await setExpiries(token, { expiresAt: new Date(Date.now() - 1000) });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionRow(token)).toBeNull();
  });

  it("ends a session older than 12 hours even when it was used a moment ago", async () => {
    const token = await createSession(userId);
    await setExpiries(token, {
      expiresAt: new Date(Date.now() + IDLE_TIMEOUT_MS - MINUTE),
      absoluteExpiresAt: new Date(Date.now() - 1000),
    });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionRow(token)).toBeNull();
  });

  it("starts sessions with a 30-minute idle expiry and a 12-hour absolute expiry", async () => {
    const before = Date.now();
    const token = await createSession(userId);
    const after = Date.now();
    const row = await sessionRow(token);
    expect(row!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + IDLE_TIMEOUT_MS);
    expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(after + IDLE_TIMEOUT_MS);
    expect(row!.absoluteExpiresAt.getTime()).toBeGreaterThanOrEqual(before + ABSOLUTE_LIFETIME_MS);
    expect(row!.absoluteExpiresAt.getTime()).toBeLessThanOrEqual(after + ABSOLUTE_LIFETIME_MS);
  });

  it("pushes the idle expiry forward when the user is active", async () => {
    const token = await createSession(userId);
    const lastActive = new Date(Date.now() + IDLE_TIMEOUT_MS - 10 * MINUTE);
    await setExpiries(token, { expiresAt: lastActive });

    const before = Date.now();
    expect(await validateSessionToken(token)).not.toBeNull();
    const after = Date.now();
    const expiresAt = (await sessionRow(token))!.expiresAt.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + IDLE_TIMEOUT_MS);
    expect(expiresAt).toBeLessThanOrEqual(after + IDLE_TIMEOUT_MS);
  });

  it("never pushes the idle expiry past the absolute expiry", async () => {
    const token = await createSession(userId);
    const absoluteExpiresAt = new Date(Date.now() + 20 * MINUTE);
    await setExpiries(token, { expiresAt: new Date(Date.now() + 18 * MINUTE), absoluteExpiresAt });

    expect(await validateSessionToken(token)).not.toBeNull();
    expect((await sessionRow(token))!.expiresAt.getTime()).toBe(absoluteExpiresAt.getTime());
  });

  it("never pushes the idle expiry past the absolute expiry after a long pause near the end of the day", async () => {
    // Idle for 25 minutes with 10 minutes of the 12 hours left.
    const token = await createSession(userId);
    const absoluteExpiresAt = new Date(Date.now() + 10 * MINUTE);
    await setExpiries(token, { expiresAt: new Date(Date.now() + 5 * MINUTE), absoluteExpiresAt });

    expect(await validateSessionToken(token)).not.toBeNull();
    expect((await sessionRow(token))!.expiresAt.getTime()).toBe(absoluteExpiresAt.getTime());
  });

  it("gives a full 30 idle minutes again to a user who comes back after 20 minutes away", async () => {
    const token = await createSession(userId);
    await setExpiries(token, { expiresAt: new Date(Date.now() + IDLE_TIMEOUT_MS - 20 * MINUTE) });

    const before = Date.now();
    expect(await validateSessionToken(token)).not.toBeNull();
    const after = Date.now();
    const expiresAt = (await sessionRow(token))!.expiresAt.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + IDLE_TIMEOUT_MS);
    expect(expiresAt).toBeLessThanOrEqual(after + IDLE_TIMEOUT_MS);
  });

  it("refuses the sessions of a user whose account was switched off, and deletes them", async () => {
    const { id } = await newUser();
    const token = await createSession(id);
    await prisma.user.update({ where: { id }, data: { active: false } });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionRow(token)).toBeNull();
  });

  it("ends every session of a user when an admin deactivates the account", async () => {
    const { id } = await newUser();
    const tokens = await Promise.all([createSession(id), createSession(id)]);
    await deactivateUser(id, actor);
    for (const token of tokens) expect(await validateSessionToken(token)).toBeNull();
  });

  it("ends all of a user's sessions at once, and only that user's", async () => {
    const { id } = await newUser();
    const theirs = [await createSession(id), await createSession(id), await createSession(id)];
    const someoneElses = await createSession(userId);

    await invalidateUserSessions(id);
    for (const token of theirs) expect(await validateSessionToken(token)).toBeNull();
    expect(await prisma.session.count({ where: { userId: id } })).toBe(0);
    expect(await validateSessionToken(someoneElses)).not.toBeNull();
  });

  it("ends one session on logout and leaves the user's other devices signed in", async () => {
    const laptop = await createSession(userId);
    const phone = await createSession(userId);
    await invalidateSession(sha256Hex(laptop));
    expect(await validateSessionToken(laptop)).toBeNull();
    expect(await validateSessionToken(phone)).not.toBeNull();
  });

  it("issues a new token at every login", async () => {
    const password = "a long and honest passphrase";
    const { email } = await newUser({ password });
    const context = { ipAddress: "203.0.113.9", userAgent: "test" };
    const first = await login({ email, password }, context);
    const second = await login({ email, password }, context);
    if (!first.ok || !second.ok) throw new Error("login failed");
    expect(first.token).not.toBe(second.token);
    expect(await validateSessionToken(first.token)).not.toBeNull();
    expect(await validateSessionToken(second.token)).not.toBeNull();
  });

  it("stores a shortened user agent and address rather than refusing a long one", async () => {
    const token = await createSession(userId, {
      ipAddress: "1".repeat(100),
      userAgent: "U".repeat(1000),
    });
    const row = await sessionRow(token);
    expect(row!.ipAddress).toHaveLength(64);
    expect(row!.userAgent).toHaveLength(400);
  });
});

describe("session cookie", () => {
  function attributes(header: string) {
    const [pair, ...rest] = header.split(";").map((part) => part.trim());
    const map = new Map(
      rest.map((attr) => {
        const [name, value = ""] = attr.split("=");
        return [name!.toLowerCase(), value] as const;
      }),
    );
    return { pair: pair!, map };
  }

  it("sets a __Host- cookie that is Secure, HttpOnly, SameSite=Lax, for the whole site, for 12 hours", () => {
    const { pair, map } = attributes(sessionCookie("tok3n"));
    expect(SESSION_COOKIE_NAME).toBe("__Host-adal_session");
    expect(pair).toBe("__Host-adal_session=tok3n");
    expect(map.has("secure")).toBe(true);
    expect(map.has("httponly")).toBe(true);
    expect(map.get("samesite")).toBe("Lax");
    expect(map.get("path")).toBe("/");
    expect(map.get("max-age")).toBe("43200");
    // __Host- cookies must not name a domain.
    expect(map.has("domain")).toBe(false);
  });

  it("clears the cookie on logout with the same attributes and no value", () => {
    const { pair, map } = attributes(blankSessionCookie());
    expect(pair).toBe("__Host-adal_session=");
    expect(map.get("max-age")).toBe("0");
    expect(map.has("secure")).toBe(true);
    expect(map.get("path")).toBe("/");
  });

  it("reads the token back from the request's Cookie header among other cookies", () => {
    const request = new Request("https://adal.example.org/", {
      headers: { Cookie: `lng=ru; ${sessionCookie("tok3n").split(";")[0]}; other=1` },
    });
    expect(readSessionToken(request)).toBe("tok3n");
  });

  it("finds no token in a request without the session cookie", () => {
    expect(readSessionToken(new Request("https://adal.example.org/"))).toBeNull();
    expect(
      readSessionToken(
        new Request("https://adal.example.org/", { headers: { Cookie: "adal_session=x" } }),
      ),
    ).toBeNull();
  });
});
