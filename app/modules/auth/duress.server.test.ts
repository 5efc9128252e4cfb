import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { searchAuditLog } from "~/modules/audit/audit-log.server";
import { caseScope } from "~/modules/cases/access.server";
import { listCases } from "~/modules/cases/case-list.server";
import { parseCaseListFilters } from "~/modules/cases/case-list";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { listNotifications } from "~/modules/notifications/notifications.server";
import { changeOwnPassword, inviteUser } from "~/modules/people/accounts.server";
import { createUser } from "~/modules/people/people.server";
import { minimalIntake } from "../../../tests/fixtures/intake";
import { isDomainError } from "~/utils/domain-error";
import { reviewDuressLock, setDuressPassword } from "./duress.server";
import { login } from "./login.server";
import { adminResetSecondFactor } from "./second-factor.server";
import { createSession, validateSessionToken } from "./session.server";

const PASSWORD = "Tulpar-steppe-wind-1987";
const DURESS = "Karlygash-river-bend-4411";
const context = { ipAddress: "198.51.100.30", userAgent: "Mozilla/5.0 (test)" };

let admin: { id: string; email: string };
let otherAdmin: { id: string; email: string };
let counter = 0;

async function organizerWithCase() {
  counter += 1;
  const user = await createUser(
    {
      email: `duress${counter}@example.org`,
      displayName: `Organizer ${counter}`,
      role: "ORGANIZER",
      regions: ["ATYRAU"],
      password: PASSWORD,
    },
    { actorId: null },
  );
  const parsed = validateIntake(
    minimalIntake("UNPAID_WAGES", {
      employer: { name: `Duress Test LLP ${counter}`, sector: "OIL_AND_GAS" },
    }),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  await createIntake(parsed.data, { userId: user.id, userAgent: "test" });
  return user;
}

beforeAll(async () => {
  const make = (email: string) =>
    createUser(
      { email, displayName: email, role: "ADMIN", regions: [], password: PASSWORD },
      { actorId: null },
    );
  admin = await make("duress-admin-1@example.org");
  otherAdmin = await make("duress-admin-2@example.org");
});

beforeEach(async () => {
  await prisma.loginThrottle.deleteMany();
});

describe("setting a duress password", () => {
  it("refuses one equal to the real password, or without the right current password, and changes nothing", async () => {
    const user = await organizerWithCase();
    const attempt = async (input: { currentPassword: string; duressPassword: string }) => {
      try {
        await setDuressPassword(user, input, context);
      } catch (error) {
        if (isDomainError(error)) return error.fieldErrors;
        throw error;
      }
      return null;
    };
    expect(await attempt({ currentPassword: PASSWORD, duressPassword: PASSWORD })).toEqual({
      duressPassword: "duress.sameAsPassword",
    });
    expect(await attempt({ currentPassword: "not-my-password", duressPassword: DURESS })).toEqual({
      currentPassword: "settings.errors.wrongPassword",
    });
    expect(await attempt({ currentPassword: PASSWORD, duressPassword: "short" })).toEqual({
      duressPassword: "setPassword.problems.tooShort",
    });
    expect(await prisma.duressPassword.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps a later real password from being the duress password", async () => {
    const user = await organizerWithCase();
    await setDuressPassword(user, { currentPassword: PASSWORD, duressPassword: DURESS }, context);
    const token = await createSession(user.id, context);
    const session = await validateSessionToken(token);
    await expect(
      changeOwnPassword(session!.user, PASSWORD, DURESS, session!.id, context),
    ).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { newPassword: "duress.sameAsDuress" },
    });
    const { verifyPassword } = await import("./password.server");
    const stored = await prisma.password.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword(stored.hash, PASSWORD)).toBe(true);
  });
});

describe("signing in with the duress password", () => {
  it("opens an empty account, ends the other sessions, locks the real password and alerts the other administrators", async () => {
    const user = await organizerWithCase();
    await setDuressPassword(user, { currentPassword: PASSWORD, duressPassword: DURESS }, context);
    const laptop = await createSession(user.id, context, { secondFactor: "passed" });
    const real = (await validateSessionToken(laptop))!.user;
    expect(await prisma.case.count({ where: caseScope(real) })).toBe(1);

    const result = await login({ email: user.email, password: DURESS }, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const duress = await validateSessionToken(result.token);
    expect(duress!.user.duress).toBe(true);
    expect(duress!.user.role).toBe("ORGANIZER");

    // Empty, through both the Prisma rule and the raw-SQL list.
    expect(await prisma.case.count({ where: caseScope(duress!.user) })).toBe(0);
    const list = await listCases(duress!.user, parseCaseListFilters(new URLSearchParams()));
    expect(list.total).toBe(0);
    expect((await listNotifications(duress!.user)).total).toBe(0);

    // The laptop's session is gone; the real password opens nothing now.
    expect(await validateSessionToken(laptop)).toBeNull();
    expect(await login({ email: user.email, password: PASSWORD }, context)).toEqual({
      ok: false,
      reason: "invalid",
    });

    const alerts = await prisma.notification.findMany({
      where: { kind: "SECURITY_ALERT", details: { contains: user.id } },
    });
    expect(alerts.map((n) => n.userId).sort()).toEqual([admin.id, otherAdmin.id].sort());
    expect(JSON.parse(alerts[0]!.details)).toMatchObject({ alert: "duressSignIn" });

    // An administrator reviews it: the real password works again, the duress session ends.
    await reviewDuressLock({ id: admin.id, role: "ADMIN" }, user.id, context);
    expect(await validateSessionToken(result.token)).toBeNull();
    expect((await login({ email: user.email, password: PASSWORD }, context)).ok).toBe(true);
  });

  it("hides the duress entries of the audit log from a duress session, and only from it", async () => {
    const user = await createUser(
      {
        email: "duress-admin-3@example.org",
        displayName: "Admin under duress",
        role: "ADMIN",
        regions: [],
        password: PASSWORD,
      },
      { actorId: null },
    );
    await setDuressPassword(user, { currentPassword: PASSWORD, duressPassword: DURESS }, context);
    const result = await login({ email: user.email, password: DURESS }, context);
    if (!result.ok) throw new Error("duress sign-in failed");
    const duress = (await validateSessionToken(result.token))!;

    const filters = { target: user.id };
    const seen = await searchAuditLog(filters, duress.user);
    expect(seen.entries.map((e) => e.action)).not.toContain("auth.duress_sign_in");
    expect(seen.entries.map((e) => e.action)).not.toContain("auth.duress_password_set");
    const asked = await searchAuditLog({ ...filters, action: "auth.duress_sign_in" }, duress.user);
    expect(asked.total).toBe(0);
    const byOthers = await searchAuditLog(filters, { duress: false });
    expect(byOthers.entries.map((e) => e.action)).toContain("auth.duress_sign_in");

    // Nor can it create an account for whoever is watching, or lock the others out.
    const countsBefore = [await prisma.user.count(), await prisma.session.count()];
    await expect(
      inviteUser(
        duress.user,
        { email: "watcher@example.org", displayName: "Watcher", role: "COORDINATOR", regions: [] },
        context,
      ),
    ).rejects.toMatchObject({ kind: "unavailable" });
    await expect(adminResetSecondFactor(duress.user, admin.id, context)).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect([await prisma.user.count(), await prisma.session.count()]).toEqual(countsBefore);

    // The administrator under duress is not sent the alert about themselves.
    expect(
      await prisma.notification.count({
        where: { userId: user.id, kind: "SECURITY_ALERT", details: { contains: "duressSignIn" } },
      }),
    ).toBe(0);
  });
});
