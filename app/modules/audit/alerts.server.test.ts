// Security alerts for administrators: raised once when a threshold is
// crossed, never below it, and never twice for the same window.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { database, prisma } from "~/db.server";
import { login } from "~/modules/auth/login.server";
import { markCaseViewed, recordCaseView } from "~/modules/cases/views.server";
import { createUser } from "~/modules/people/people.server";
import { makeCase } from "../../../tests/fixtures/assignment";
import { checkExportSize } from "./alerts.server";
import { startAuditChainer, verifyAuditChain } from "./audit.server";

const FILE = { page: "file" } as const;

let admin: string;
let secondAdmin: string;
let lawyer: string;
let organizer: string;

const alertsFor = (userId: string) =>
  prisma.notification.findMany({
    where: { userId, kind: "SECURITY_ALERT" },
    orderBy: { createdAt: "asc" },
  });

beforeAll(async () => {
  const make = async (email: string, role: "ADMIN" | "LAWYER" | "ORGANIZER", password?: string) =>
    (
      await createUser(
        { email, displayName: email.split("@")[0]!, role, regions: [], password },
        { actorId: null },
        { skipPolicy: true },
      )
    ).id;
  admin = await make("alerts.admin@example.org", "ADMIN");
  secondAdmin = await make("alerts.admin2@example.org", "ADMIN");
  lawyer = await make("alerts.lawyer@example.org", "LAWYER", "a long demo passphrase");
  organizer = await make("alerts.organizer@example.org", "ORGANIZER");
});

/** Case files to open; made once, opened by different people in different tests. */
async function caseFiles(count: number) {
  const files: { id: string; reference: string }[] = [];
  for (let i = 0; i < count; i++) files.push(await makeCase(organizer));
  return files;
}

describe("security alerts", () => {
  it("tell every administrator once when an account opens more than 30 case files in 10 minutes", async () => {
    const files = await caseFiles(32);
    const caller = { id: lawyer, role: "LAWYER" as const, regions: [] };
    for (const file of files.slice(0, 30)) await recordCaseView(caller, file, FILE);
    // The same files again are no new files.
    for (const file of files.slice(0, 5)) await recordCaseView(caller, file, FILE);
    expect(await alertsFor(admin)).toHaveLength(0);
    await recordCaseView(caller, files[30]!, FILE);
    await recordCaseView(caller, files[31]!, FILE);
    for (const id of [admin, secondAdmin]) {
      const alerts = await alertsFor(id);
      expect(alerts).toHaveLength(1);
      expect(JSON.parse(alerts[0]!.details)).toMatchObject({
        alert: "manyCaseViews",
        userId: lawyer,
        count: 31,
        minutes: 10,
      });
    }
  }, 90_000);

  it("count only the files opened within the window, and the same file opened again as one", async () => {
    await prisma.notification.deleteMany({ where: { kind: "SECURITY_ALERT" } });
    const reader = await createUser(
      { email: "alerts.reader@example.org", displayName: "reader", role: "LAWYER", regions: [] },
      { actorId: null },
    );
    const caller = { id: reader.id, role: "LAWYER" as const, regions: [] };
    const files = await caseFiles(31);
    // Thirty files opened eleven minutes ago, outside the window.
    const before = new Date(Date.now() - 11 * 60_000);
    for (const file of files.slice(0, 30)) await markCaseViewed(reader.id, file.id, before);
    for (let i = 0; i < 40; i++) await recordCaseView(caller, files[30]!, FILE);
    const aboutReader = (await alertsFor(admin)).filter(
      (alert) => (JSON.parse(alert.details) as { userId?: string }).userId === reader.id,
    );
    expect(aboutReader).toHaveLength(0);
  }, 90_000);

  describe("counted per 10-minute window with the window before", () => {
    const WINDOW = 10 * 60_000;
    /** The start of a 10-minute window, well in the past of every other test's views. */
    const windowStart = Math.floor(Date.parse("2026-03-02T08:00:00.000Z") / WINDOW) * WINDOW;
    const at = (minutes: number) => vi.setSystemTime(new Date(windowStart + minutes * 60_000));
    afterEach(() => {
      vi.useRealTimers();
    });
    const reader = async (email: string) => {
      const user = await createUser(
        { email, displayName: email.split("@")[0]!, role: "LAWYER", regions: [] },
        { actorId: null },
      );
      return { id: user.id, role: "LAWYER" as const, regions: [] };
    };
    const aboutUser = async (userId: string) =>
      (await alertsFor(admin)).filter(
        (alert) => (JSON.parse(alert.details) as { userId?: string }).userId === userId,
      );

    it("catch a burst of new files across the boundary between two windows", async () => {
      const caller = await reader("alerts.boundary@example.org");
      const files = await caseFiles(31);
      vi.useFakeTimers({ toFake: ["Date"] });
      at(8);
      for (const file of files.slice(0, 20)) await recordCaseView(caller, file, FILE);
      at(11); // the next window: 11 more within three minutes
      for (const file of files.slice(20, 30)) await recordCaseView(caller, file, FILE);
      expect(await aboutUser(caller.id)).toHaveLength(0);
      await recordCaseView(caller, files[30]!, FILE);
      const alerts = await aboutUser(caller.id);
      expect(alerts).toHaveLength(1);
      expect(JSON.parse(alerts[0]!.details)).toMatchObject({ count: 31, minutes: 10 });
    }, 90_000);

    it("count a file the person keeps working on once, when first opened, not again in every window", async () => {
      const caller = await reader("alerts.steady@example.org");
      const files = await caseFiles(36);
      const working = files.slice(0, 10);
      vi.useFakeTimers({ toFake: ["Date"] });
      // Ten files opened at minute 1 and again every 7 minutes: never 10 minutes apart.
      for (const minute of [1, 8, 15, 22]) {
        at(minute);
        for (const file of working) await recordCaseView(caller, file, FILE);
      }
      // 25 new files in the third window: with the ten, 35 files within 10 minutes, but only
      // 25 the person had not been working on.
      at(23);
      for (const file of files.slice(10, 35)) await recordCaseView(caller, file, FILE);
      expect(await aboutUser(caller.id)).toHaveLength(0);
      // The ten again after more than 10 minutes without them are new again: the sixth of
      // them is the 31st new file in this window and the one before.
      at(33);
      for (const file of working.slice(0, 5)) await recordCaseView(caller, file, FILE);
      expect(await aboutUser(caller.id)).toHaveLength(0);
      for (const file of [...working.slice(5), files[35]!])
        await recordCaseView(caller, file, FILE);
      const alerts = await aboutUser(caller.id);
      expect(alerts).toHaveLength(1);
      expect(JSON.parse(alerts[0]!.details)).toMatchObject({ count: 31 });
    }, 90_000);
  });

  it("flag an export above 500 rows, and not one of exactly 500", async () => {
    await prisma.notification.deleteMany({ where: { kind: "SECURITY_ALERT" } });
    await prisma.$transaction((tx) => checkExportSize(tx, lawyer, 500));
    expect(await alertsFor(admin)).toHaveLength(0);
    await prisma.$transaction((tx) => checkExportSize(tx, lawyer, 501));
    const [alert] = await alertsFor(admin);
    expect(JSON.parse(alert!.details)).toMatchObject({ alert: "largeExport", rows: 501 });
  });

  it("flag a sign-in from an address the account never used, but not the first sign-in or a known address", async () => {
    await prisma.notification.deleteMany({ where: { kind: "SECURITY_ALERT" } });
    const from = (ipAddress: string) =>
      login(
        { email: "alerts.lawyer@example.org", password: "a long demo passphrase" },
        { ipAddress, userAgent: "vitest" },
      );
    expect((await from("10.0.0.1")).ok).toBe(true);
    expect((await from("10.0.0.1")).ok).toBe(true);
    expect(await alertsFor(admin)).toHaveLength(0);
    expect((await from("192.0.2.77")).ok).toBe(true);
    const [alert] = await alertsFor(admin);
    expect(JSON.parse(alert!.details)).toMatchObject({ alert: "newAddress", ip: "192.0.2.77" });
  });

  it("flag repeated failed sign-ins for one email once per window, without the password", async () => {
    await prisma.notification.deleteMany({ where: { kind: "SECURITY_ALERT" } });
    for (let i = 0; i < 6; i++)
      await login(
        { email: "nobody.here@example.org", password: `guess-${i}` },
        { ipAddress: `198.51.100.${i}`, userAgent: "vitest" },
      );
    const alerts = await alertsFor(admin);
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!.details)).toEqual({
      alert: "failedLogins",
      email: "nobody.here@example.org",
      count: 5,
      minutes: 15,
    });
    expect(alerts[0]!.details).not.toContain("guess");
  });
});

// The server on PostgreSQL runs the chainer, and a view is then one statement of its own
// (views.server.ts): the same record and the same alert as the transaction the tests above use.
const VIEW_WRITES = database.provider === "postgresql" ? ["inline", "chainer"] : ["inline"];

describe.each(VIEW_WRITES)("a case view written %s", (mode) => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await stop?.();
    stop = undefined;
  });
  const reader = async (name: string) => {
    const user = await createUser(
      {
        email: `alerts.${name}.${mode}@example.org`,
        displayName: name,
        role: "LAWYER",
        regions: [],
      },
      { actorId: null },
    );
    return { id: user.id, role: "LAWYER" as const, regions: [] };
  };
  const viewsBy = async (userId: string) =>
    (await prisma.auditEntry.count({ where: { actorId: userId, action: "case.viewed" } })) +
    (await prisma.auditPending.count({ where: { actorId: userId, action: "case.viewed" } }));

  it("records every view, its mark and its count, and raises the alert once past the threshold", async () => {
    const caller = await reader("browser");
    const files = await caseFiles(32);
    // Within one 10-minute window, whenever the test runs.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-03T08:01:00.000Z"));
    if (mode === "chainer") stop = startAuditChainer(50);
    for (const file of files.slice(0, 31)) await recordCaseView(caller, file, FILE);
    for (const file of files.slice(0, 3)) await recordCaseView(caller, file, FILE); // repeats
    await recordCaseView(caller, files[31]!, FILE);

    expect(await viewsBy(caller.id)).toBe(35);
    expect(await prisma.caseView.count({ where: { userId: caller.id } })).toBe(32);
    expect(await prisma.caseViewRate.findUnique({ where: { userId: caller.id } })).toMatchObject({
      files: 32,
    });
    const alerts = (await alertsFor(admin)).filter(
      (alert) => (JSON.parse(alert.details) as { userId?: string }).userId === caller.id,
    );
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!.details)).toMatchObject({ alert: "manyCaseViews", count: 31 });
    await stop?.();
    stop = undefined;
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  }, 90_000);

  it("writes nothing of a view whose mark cannot be written: no entry, no count", async () => {
    const caller = await reader("nothing");
    if (mode === "chainer") stop = startAuditChainer(50);
    const gone = { id: "no-such-case", reference: "KZ-0000-00000" };
    await expect(recordCaseView(caller, gone, FILE)).rejects.toThrow();
    expect(await viewsBy(caller.id)).toBe(0);
    expect(await prisma.caseViewRate.findUnique({ where: { userId: caller.id } })).toBeNull();
  });
});
