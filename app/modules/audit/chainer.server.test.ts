import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import {
  chainPendingAudit,
  pendingAudit,
  recordAudit,
  recordReadAudit,
  startAuditChainer,
  verifyAuditChain,
} from "./audit.server";

beforeEach(async () => {
  await prisma.auditPending.deleteMany();
  await prisma.auditEntry.deleteMany();
});

const pendingRow = (n: number) => ({
  createdAt: new Date(),
  action: "auth.logout",
  details: JSON.stringify({ n }),
  ipAddress: "192.0.2.1",
});

describe("the chainer", () => {
  it("links every committed pending entry once, in the order it finds them, even with two chainers at once", async () => {
    await recordAudit({ action: "auth.logout", details: { n: 0 } }); // a chain to extend
    for (let n = 1; n <= 25; n++) await prisma.auditPending.create({ data: pendingRow(n) });

    const linked = await Promise.all([chainPendingAudit(10), chainPendingAudit(10)]);
    // Whoever lost the lock on PostgreSQL returns at once; the rest is linked by the next tick.
    const rest = await chainPendingAudit(10);
    expect(linked[0] + linked[1] + rest).toBe(25);

    expect(await pendingAudit()).toEqual({ count: 0, oldest: null });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 26 });
    const entries = await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(entries.map((e) => JSON.parse(e.details).n)).toEqual(
      Array.from({ length: 26 }, (_, i) => i),
    );
    expect(await chainPendingAudit()).toBe(0); // nothing left: idempotent
  });

  it("chains every field as it was written: nulls, quotes, other scripts, the millisecond", async () => {
    const written = [
      {
        createdAt: new Date("2031-02-03T04:05:06.789Z"),
        action: "case.created",
        actorId: null,
        targetType: "case",
        targetId: "KZ-2031-000001",
        ipAddress: null,
        userAgent: 'Mozilla/5.0 "quoted" \\ Қазақша',
        details: JSON.stringify({ note: "Жұмысшылар — «лагерь»", n: 1 }),
      },
      {
        createdAt: new Date("2031-02-03T04:05:06.001Z"),
        action: "auth.logout",
        actorId: null,
        targetType: null,
        targetId: null,
        ipAddress: "2001:db8::1",
        userAgent: null,
        details: "{}",
      },
    ];
    for (const data of written) await prisma.auditPending.create({ data });

    expect(await chainPendingAudit()).toBe(2);

    const entries = await prisma.auditEntry.findMany({
      orderBy: { seq: "asc" },
      select: {
        createdAt: true,
        action: true,
        actorId: true,
        targetType: true,
        targetId: true,
        ipAddress: true,
        userAgent: true,
        details: true,
      },
    });
    expect(entries).toEqual(written);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 2 });
  });

  it("reports an entry not yet chained as waiting, not as a break of the chain", async () => {
    await recordAudit({ action: "auth.logout" });
    await prisma.auditPending.create({ data: pendingRow(1) });

    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 1 });
    expect(await pendingAudit()).toMatchObject({ count: 1 });
  });
});

describe.skipIf(database.provider !== "postgresql")("the server on PostgreSQL", () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("records an audited event while someone holds the chain's lock, and chains it once the lock is free", async () => {
    stop = startAuditChainer(50);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(4412001)) AS l`;
        locked();
        await held;
      },
      { timeout: 20_000 },
    );
    await lockTaken;

    // Before: every audited request queued behind this lock.
    const recorded = await Promise.race([
      recordAudit({ action: "auth.logout", details: { n: 1 } }).then(() => "recorded"),
      new Promise((resolve) => setTimeout(() => resolve("blocked"), 3000)),
    ]);
    expect(recorded).toBe("recorded");
    expect(await prisma.auditEntry.count()).toBe(0);

    release();
    await holder;
    await expect.poll(() => prisma.auditEntry.count(), { timeout: 5000 }).toBe(1);
    expect(await pendingAudit()).toMatchObject({ count: 0 });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 1 });
  });

  it("records a read on the record (a search) as one pending entry that the chainer links", async () => {
    stop = startAuditChainer(60_000); // a first pass now, the next one only when stopped
    await expect.poll(() => pendingAudit(), { timeout: 5000 }).toMatchObject({ count: 0 });
    await recordReadAudit({ action: "cases.searched", actorId: null, details: { n: 1 } });
    expect(await prisma.auditPending.count({ where: { action: "cases.searched" } })).toBe(1);
    await stop();
    stop = undefined;
    const [entry] = await prisma.auditEntry.findMany({ where: { action: "cases.searched" } });
    expect(JSON.parse(entry!.details)).toEqual({ n: 1 });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 1 });
  });

  it("keeps one whole chain when many requests record at the same moment", async () => {
    stop = startAuditChainer(20);
    await Promise.all(
      Array.from({ length: 40 }, (_, n) => recordAudit({ action: "auth.logout", details: { n } })),
    );
    await expect.poll(() => prisma.auditEntry.count(), { timeout: 5000 }).toBe(40);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 40 });
    const entries = await prisma.auditEntry.findMany({ select: { details: true } });
    expect(new Set(entries.map((e) => JSON.parse(e.details).n)).size).toBe(40);
  });
});
