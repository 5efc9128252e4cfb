// Account administration and a person's own settings: invitation and reset
// links that work once and for 24 hours, stored hashed; every change that must
// end sessions ends them on the server; who may end whose session; the audit
// entry of each action; and, on PostgreSQL, the migration's revoke of UPDATE
// and DELETE on the audit log from the application's role.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { login } from "~/modules/auth/login.server";
import { createSession, validateSessionToken } from "~/modules/auth/session.server";
import { makePerson, type Person } from "../../../tests/fixtures/assignment";
import {
  PASSWORD_LINK_LIFETIME_MS,
  changeOwnPassword,
  checkPasswordLink,
  deactivate,
  describeUserAgent,
  forcePasswordReset,
  getAccount,
  inviteUser,
  listAccounts,
  listSessions,
  reactivate,
  redeemPasswordToken,
  revokeSession,
  updateAccess,
} from "./accounts.server";
import { DomainError } from "~/utils/domain-error";
import { setPassword } from "./people.server";

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const tokenOf = (linkPath: string) => linkPath.split("/").pop()!;
const context = { ipAddress: "198.51.100.20", userAgent: "Vitest" };
const signIn = { ipAddress: "198.51.100.21", userAgent: "Vitest" };
const PASSWORD = "steppe-wind-over-aral";

let admin: Person;
let seq = 0;
const nextEmail = (stem: string) => `${stem}${++seq}@example.org`;

/** An active account with a password, through the real invitation flow. */
async function personWithPassword(role: Person["role"] = "LAWYER", password = PASSWORD) {
  const email = nextEmail(role.toLowerCase());
  const { userId, link } = await inviteUser(
    admin,
    { email, displayName: `Person ${seq}`, role, regions: ["ATYRAU"] },
    context,
  );
  await redeemPasswordToken(tokenOf(link.path), password, signIn);
  return { id: userId, email, role };
}

async function auditActions(targetId: string) {
  const entries = await prisma.auditEntry.findMany({
    where: { targetId },
    orderBy: { seq: "asc" },
    select: { action: true, actorId: true, details: true },
  });
  return entries;
}

async function lastAudit(action: string, targetId: string) {
  const entry = await prisma.auditEntry.findFirst({
    where: { action, targetId },
    orderBy: { seq: "desc" },
    select: { actorId: true, details: true, ipAddress: true },
  });
  return entry && { ...entry, details: JSON.parse(entry.details) as Record<string, unknown> };
}

beforeAll(async () => {
  admin = await makePerson("admin-accounts@example.org", "ADMIN");
});

describe("invitations", () => {
  it("creates an account without a password and a link that sets one exactly once", async () => {
    const email = nextEmail("invitee");
    const { userId, link } = await inviteUser(
      admin,
      {
        email: ` ${email.toUpperCase()} `,
        displayName: "Aigerim",
        role: "ORGANIZER",
        regions: ["ATYRAU", "ATYRAU"],
      },
      context,
    );
    expect(link.path).toMatch(/^\/set-password\/[a-z2-7]{32}$/);
    const account = await getAccount(userId);
    expect(account).toMatchObject({
      email,
      role: "ORGANIZER",
      regions: ["ATYRAU"],
      hasPassword: false,
    });
    expect(account.linkExpiresAt).not.toBeNull();
    expect((await login({ email, password: PASSWORD }, signIn)).ok).toBe(false);

    await redeemPasswordToken(tokenOf(link.path), PASSWORD, signIn);
    expect((await login({ email, password: PASSWORD }, signIn)).ok).toBe(true);

    await expect(
      redeemPasswordToken(tokenOf(link.path), "another-long-passphrase", signIn),
    ).rejects.toMatchObject({ messageKey: "setPassword.errors.used" });
    expect((await login({ email, password: "another-long-passphrase" }, signIn)).ok).toBe(false);
  });

  it("refuses a link after 24 hours", async () => {
    const now = new Date("2026-11-29T10:00:00Z");
    const { userId, link } = await inviteUser(
      admin,
      { email: nextEmail("late"), displayName: "Late", role: "LAWYER", regions: [] },
      { ...context, now },
    );
    const token = tokenOf(link.path);
    expect(link.expiresAt.getTime() - now.getTime()).toBe(PASSWORD_LINK_LIFETIME_MS);
    const justAfter = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS);
    expect(await checkPasswordLink(token, justAfter)).toEqual({ ok: false, reason: "expired" });
    await expect(redeemPasswordToken(token, PASSWORD, { now: justAfter })).rejects.toMatchObject({
      messageKey: "setPassword.errors.expired",
    });
    expect((await getAccount(userId)).hasPassword).toBe(false);

    const justBefore = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS - 1000);
    await redeemPasswordToken(token, PASSWORD, { now: justBefore });
    expect((await getAccount(userId)).hasPassword).toBe(true);
  });

  it("refuses an unknown or malformed link, and a weak password without using the link", async () => {
    await expect(redeemPasswordToken("a".repeat(32), PASSWORD)).rejects.toMatchObject({
      messageKey: "setPassword.errors.invalid",
    });
    await expect(redeemPasswordToken("../../etc", PASSWORD)).rejects.toBeInstanceOf(DomainError);
    const { link } = await inviteUser(
      admin,
      { email: nextEmail("weak"), displayName: "Weak", role: "LAWYER", regions: [] },
      context,
    );
    await expect(redeemPasswordToken(tokenOf(link.path), "password1")).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(redeemPasswordToken(tokenOf(link.path), "short")).rejects.toMatchObject({
      messageKey: "setPassword.problems.tooShort",
    });
    expect((await checkPasswordLink(tokenOf(link.path))).ok).toBe(true);
  });

  it("stores only the SHA-256 of the link's token", async () => {
    const { userId, link } = await inviteUser(
      admin,
      { email: nextEmail("hashed"), displayName: "Hashed", role: "LAWYER", regions: [] },
      context,
    );
    const token = tokenOf(link.path);
    const rows = await prisma.passwordToken.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sha256Hex(token));
    expect(rows[0]!.purpose).toBe("INVITE");
    expect(rows[0]!.createdById).toBe(admin.id);
    expect(JSON.stringify(rows)).not.toContain(token);
    const audit = await prisma.auditEntry.findMany({ where: { targetId: userId } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses an email that already has an account, and only admins may invite", async () => {
    const email = nextEmail("twice");
    await inviteUser(admin, { email, displayName: "One", role: "LAWYER", regions: [] });
    await expect(
      inviteUser(admin, { email, displayName: "Two", role: "LAWYER", regions: [] }),
    ).rejects.toMatchObject({ messageKey: "admin.users.errors.emailTaken", field: "email" });
    const coordinator = await makePerson(nextEmail("coord"), "COORDINATOR");
    await expect(
      inviteUser(coordinator, {
        email: nextEmail("x"),
        displayName: "X",
        role: "ADMIN",
        regions: [],
      }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("records the invitation and the password being set", async () => {
    const { id } = await personWithPassword("ORGANIZER");
    const entries = await auditActions(id);
    expect(entries.map((e) => e.action)).toEqual(["user.invited", "user.password_set"]);
    expect(entries[0]!.actorId).toBe(admin.id);
    expect(entries[1]!.actorId).toBe(id);
    expect(JSON.parse(entries[1]!.details)).toMatchObject({ via: "invitation" });
  });
});

describe("forced password reset", () => {
  it("ends every session, stops the old password and issues a link that sets a new one", async () => {
    const person = await personWithPassword();
    const tokens = [await createSession(person.id), await createSession(person.id)];
    const link = await forcePasswordReset(admin, person.id, context);
    for (const token of tokens) expect(await validateSessionToken(token)).toBeNull();
    expect((await login({ email: person.email, password: PASSWORD }, signIn)).ok).toBe(false);
    expect((await getAccount(person.id)).hasPassword).toBe(false);

    await redeemPasswordToken(tokenOf(link.path), "a-new-passphrase-42", signIn);
    expect((await login({ email: person.email, password: "a-new-passphrase-42" }, signIn)).ok).toBe(
      true,
    );
    expect(await lastAudit("user.password_reset_forced", person.id)).toMatchObject({
      actorId: admin.id,
      details: { sessionsEnded: 2 },
    });
  });

  it("makes the earlier link of the same person useless", async () => {
    const { userId, link: first } = await inviteUser(
      admin,
      { email: nextEmail("relink"), displayName: "Relink", role: "LAWYER", regions: [] },
      context,
    );
    const second = await forcePasswordReset(admin, userId, context);
    expect(await checkPasswordLink(tokenOf(first.path))).toEqual({ ok: false, reason: "invalid" });
    expect((await checkPasswordLink(tokenOf(second.path))).ok).toBe(true);
  });

  it("is refused for the admin's own account and for unknown ids", async () => {
    await expect(forcePasswordReset(admin, admin.id)).rejects.toMatchObject({
      messageKey: "admin.users.errors.resetSelf",
    });
    await expect(forcePasswordReset(admin, "c0000000000000000000000000")).rejects.toBeInstanceOf(
      DomainError,
    );
  });
});

describe("access and activation", () => {
  it("ends the person's sessions when their role changes, and records before and after", async () => {
    const person = await personWithPassword("LAWYER");
    const token = await createSession(person.id);
    await updateAccess(
      admin,
      person.id,
      { role: "COORDINATOR", regions: ["MANGYSTAU", "ATYRAU"] },
      context,
    );
    expect(await validateSessionToken(token)).toBeNull();
    const account = await getAccount(person.id);
    expect(account).toMatchObject({ role: "COORDINATOR", regions: ["ATYRAU", "MANGYSTAU"] });
    expect(await lastAudit("user.access_changed", person.id)).toMatchObject({
      actorId: admin.id,
      details: {
        from: { role: "LAWYER", regions: ["ATYRAU"] },
        to: { role: "COORDINATOR", regions: ["ATYRAU", "MANGYSTAU"] },
        sessionsEnded: 1,
      },
    });
  });

  it("keeps the person signed in when only their regions change", async () => {
    const person = await personWithPassword("LAWYER");
    const token = await createSession(person.id);
    await updateAccess(admin, person.id, { role: "LAWYER", regions: ["PAVLODAR"] }, context);
    const session = await validateSessionToken(token);
    expect(session?.user.regions).toEqual(["PAVLODAR"]);
  });

  it("does not let an admin demote or deactivate themselves", async () => {
    await expect(
      updateAccess(admin, admin.id, { role: "COORDINATOR", regions: [] }),
    ).rejects.toMatchObject({ messageKey: "admin.users.errors.cannotDemoteSelf" });
    await expect(deactivate(admin, admin.id)).rejects.toMatchObject({
      messageKey: "admin.users.errors.cannotDeactivateSelf",
    });
    expect((await getAccount(admin.id)).active).toBe(true);
    expect((await getAccount(admin.id)).role).toBe("ADMIN");
  });

  it("ends every session at once on deactivation, and lets the person back in on reactivation", async () => {
    const person = await personWithPassword("ORGANIZER");
    const tokens = await Promise.all([createSession(person.id), createSession(person.id)]);
    await deactivate(admin, person.id, context);
    for (const token of tokens) expect(await validateSessionToken(token)).toBeNull();
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
    expect((await login({ email: person.email, password: PASSWORD }, signIn)).ok).toBe(false);

    await reactivate(admin, person.id, context);
    expect((await login({ email: person.email, password: PASSWORD }, signIn)).ok).toBe(true);
    const actions = (await auditActions(person.id)).map((e) => e.action);
    expect(actions).toContain("user.deactivated");
    expect(actions).toContain("user.reactivated");
    expect(await lastAudit("user.deactivated", person.id)).toMatchObject({
      actorId: admin.id,
      details: { sessionsEnded: 2 },
    });
  });

  it("voids an unused invitation when the account is deactivated", async () => {
    const { userId, link } = await inviteUser(
      admin,
      { email: nextEmail("voided"), displayName: "Voided", role: "LAWYER", regions: [] },
      context,
    );
    await deactivate(admin, userId, context);
    await expect(redeemPasswordToken(tokenOf(link.path), PASSWORD)).rejects.toMatchObject({
      messageKey: "setPassword.errors.invalid",
    });
  });

  it("lists accounts with their regions, pending links and when they were last seen", async () => {
    const person = await personWithPassword("LAWYER");
    await createSession(person.id);
    const accounts = await listAccounts();
    const listed = accounts.find((a) => a.id === person.id)!;
    expect(listed).toMatchObject({ hasPassword: true, linkExpiresAt: null, regions: ["ATYRAU"] });
    expect(listed.lastSeenAt).not.toBeNull();
  });
});

describe("sessions", () => {
  it("lists a person's sessions with when, where from and which browser, marking the current one", async () => {
    const person = await personWithPassword();
    const current = await createSession(person.id, {
      ipAddress: "203.0.113.5",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    });
    await createSession(person.id, { ipAddress: "203.0.113.6", userAgent: null });
    const sessions = await listSessions(person.id, sha256Hex(current));
    expect(sessions).toHaveLength(2);
    const mine = sessions.find((s) => s.current)!;
    expect(mine).toMatchObject({ ipAddress: "203.0.113.5", browser: "Firefox · Linux" });
    expect(mine.lastSeenAt).toBeInstanceOf(Date);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
  });

  it("moves a session's last-seen time when its idle expiry is pushed forward", async () => {
    const person = await personWithPassword();
    const token = await createSession(person.id);
    const id = sha256Hex(token);
    const longAgo = new Date(Date.now() - 20 * 60 * 1000);
    await prisma.session.update({
      where: { id },
      data: { lastSeenAt: longAgo, expiresAt: new Date(Date.now() + 10 * 60 * 1000) },
    });
    await validateSessionToken(token);
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(longAgo.getTime() + 60 * 1000);
  });

  it("does not let a user end someone else's session", async () => {
    const owner = await personWithPassword();
    const intruder = await personWithPassword("ORGANIZER");
    const token = await createSession(owner.id);
    await expect(
      revokeSession(
        { id: intruder.id, role: intruder.role, regions: [] },
        sha256Hex(token),
        context,
      ),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await validateSessionToken(token)).not.toBeNull();
    expect(await lastAudit("session.revoked", owner.id)).toBeNull();
  });

  it("lets a user end their own session, and an admin anyone's, and records it", async () => {
    const person = await personWithPassword();
    const own = await createSession(person.id);
    const other = await createSession(person.id);
    await revokeSession({ id: person.id, role: person.role, regions: [] }, sha256Hex(own), context);
    expect(await validateSessionToken(own)).toBeNull();
    expect(await validateSessionToken(other)).not.toBeNull();
    expect(await lastAudit("session.revoked", person.id)).toMatchObject({ actorId: person.id });

    await revokeSession(admin, sha256Hex(other), context);
    expect(await validateSessionToken(other)).toBeNull();
    expect(await lastAudit("session.revoked", person.id)).toMatchObject({ actorId: admin.id });
    await expect(revokeSession(admin, sha256Hex(other))).rejects.toBeInstanceOf(DomainError);
  });

  it("records an expired session once, without its token", async () => {
    const person = await personWithPassword();
    const token = await createSession(person.id);
    await prisma.session.update({
      where: { id: sha256Hex(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await validateSessionToken(token)).toBeNull();
    const entries = await prisma.auditEntry.findMany({
      where: { action: "session.expired", targetId: person.id },
    });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toEqual({ reason: "idle" });
    expect(JSON.stringify(entries)).not.toContain(token);
    expect(JSON.stringify(entries)).not.toContain(sha256Hex(token));
  });

  it("names common browsers and systems, and keeps an unknown agent short", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome · Windows");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari · iOS");
    expect(describeUserAgent("x".repeat(300))).toHaveLength(60);
    expect(describeUserAgent(null)).toBeNull();
  });
});

describe("changing one's own password", () => {
  it("ends the user's other sessions and keeps the current one", async () => {
    const person = await personWithPassword();
    const current = await createSession(person.id);
    const others = [await createSession(person.id), await createSession(person.id)];
    const result = await changeOwnPassword(
      person,
      PASSWORD,
      "brand-new-passphrase",
      sha256Hex(current),
      context,
    );
    expect(result.otherSessionsEnded).toBe(2);
    expect(await validateSessionToken(current)).not.toBeNull();
    for (const token of others) expect(await validateSessionToken(token)).toBeNull();
    expect((await login({ email: person.email, password: PASSWORD }, signIn)).ok).toBe(false);
    expect(
      (await login({ email: person.email, password: "brand-new-passphrase" }, signIn)).ok,
    ).toBe(true);
    expect(await lastAudit("user.password_changed", person.id)).toMatchObject({
      actorId: person.id,
      details: { otherSessionsEnded: 2 },
    });
  });

  it("refuses a wrong current password and a common new one, changing nothing", async () => {
    const person = await personWithPassword();
    const current = await createSession(person.id);
    const other = await createSession(person.id);
    await expect(
      changeOwnPassword(person, "not-the-password", "brand-new-passphrase", sha256Hex(current)),
    ).rejects.toMatchObject({
      messageKey: "settings.errors.wrongPassword",
      field: "currentPassword",
    });
    await expect(
      changeOwnPassword(person, PASSWORD, "qwertyuiop", sha256Hex(current)),
    ).rejects.toMatchObject({ messageKey: "setPassword.problems.tooCommon" });
    expect(await validateSessionToken(other)).not.toBeNull();
    expect((await login({ email: person.email, password: PASSWORD }, signIn)).ok).toBe(true);
  });

  it("still ends every session when an admin sets a password directly", async () => {
    const person = await personWithPassword();
    const token = await createSession(person.id);
    await setPassword(person.id, "set-by-the-admin-1", { actorId: admin.id });
    expect(await validateSessionToken(token)).toBeNull();
  });
});

// The hand-written block at the end of the PostgreSQL migration.
describe.runIf(process.env.TEST_DATABASE === "postgresql")(
  "PostgreSQL: the application role cannot rewrite the audit log",
  () => {
    const migrations = path.resolve("prisma/postgresql/migrations");
    const folder = readdirSync(migrations).find((name) =>
      name.endsWith("_accounts_administration"),
    )!;
    const sql = readFileSync(path.join(migrations, folder, "migration.sql"), "utf8");
    const revokeBlock = sql.slice(sql.indexOf("DO $$"));

    const privileges = async (role: string) => {
      const [row] = await prisma.$queryRawUnsafe<
        Array<{ sel: boolean; ins: boolean; upd: boolean; del: boolean; trunc: boolean }>
      >(
        `SELECT has_table_privilege($1, '"AuditEntry"', 'SELECT') AS sel,
                has_table_privilege($1, '"AuditEntry"', 'INSERT') AS ins,
                has_table_privilege($1, '"AuditEntry"', 'UPDATE') AS upd,
                has_table_privilege($1, '"AuditEntry"', 'DELETE') AS del,
                has_table_privilege($1, '"AuditEntry"', 'TRUNCATE') AS trunc`,
        role,
      );
      return row!;
    };

    it("revokes UPDATE, DELETE and TRUNCATE from the configured role, keeps SELECT and INSERT, and can run again", async () => {
      expect(revokeBlock).toContain("current_setting('adal.app_role', true)");
      const role = `adal_test_app_${randomBytes(5).toString("hex")}`;
      await prisma.$executeRawUnsafe(`CREATE ROLE "${role}" NOLOGIN`);
      try {
        await prisma.$executeRawUnsafe(
          `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO "${role}"`,
        );
        await prisma.$executeRawUnsafe(`GRANT USAGE ON SCHEMA public TO "${role}"`);

        // Unset: the block leaves every privilege as it is.
        await prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL adal.app_role = ''`);
          await tx.$executeRawUnsafe(revokeBlock);
        });
        expect(await privileges(role)).toMatchObject({ upd: true, del: true });

        // Configured, twice (idempotent).
        for (let run = 0; run < 2; run++) {
          await prisma.$transaction(async (tx) => {
            await tx.$executeRawUnsafe(`SELECT set_config('adal.app_role', $1, true)`, role);
            await tx.$executeRawUnsafe(revokeBlock);
          });
        }
        expect(await privileges(role)).toEqual({
          sel: true,
          ins: true,
          upd: false,
          del: false,
          trunc: false,
        });

        // As the role itself: reading works, rewriting is refused by the database.
        const asRole = <T>(statement: string) =>
          prisma.$transaction(async (tx) => {
            await tx.$executeRawUnsafe(`SET LOCAL ROLE "${role}"`);
            return tx.$queryRawUnsafe<T>(statement);
          });
        await expect(asRole(`SELECT count(*)::int AS n FROM "AuditEntry"`)).resolves.toEqual([
          { n: expect.any(Number) },
        ]);
        await expect(asRole(`UPDATE "AuditEntry" SET "action" = 'x'`)).rejects.toThrow(
          /permission denied/,
        );
        await expect(asRole(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/permission denied/);
      } finally {
        await prisma.$executeRawUnsafe(`DROP OWNED BY "${role}"`);
        await prisma.$executeRawUnsafe(`DROP ROLE "${role}"`);
      }
    });
  },
);
