import { beforeEach, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import {
  GENESIS_HASH,
  appendAudit,
  canonicalJson,
  recordAudit,
  verifyAuditChain,
} from "./audit.server";

beforeEach(async () => {
  await prisma.auditEntry.deleteMany();
});

async function recordLogouts(count: number) {
  for (let i = 1; i <= count; i++) {
    await recordAudit({ action: "auth.logout", details: { n: i }, ipAddress: `192.0.2.${i}` });
  }
}

describe("audit chain", () => {
  it("verifies an empty log", async () => {
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it("links each entry to the one before, from the genesis hash to the head", async () => {
    await recordLogouts(5);
    const entries = await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++)
      expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);

    expect(await verifyAuditChain()).toEqual({ ok: true, count: 5, headHash: entries[4]!.hash });
  });

  it("verifies a chain longer than one batch", async () => {
    await recordLogouts(5);
    const head = await prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(await verifyAuditChain(2)).toEqual({ ok: true, count: 5, headHash: head.hash });
  });

  it("writes the entry inside the transaction of the change, so a failed change leaves no entry", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await appendAudit(tx, { action: "user.deactivated", targetType: "user", targetId: "u1" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.auditEntry.count()).toBe(0);
  });

  it("stays one linear, valid chain when many people act at the same moment", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit({ action: "auth.login_failed", details: { attempt: i } }),
      ),
    );
    const entries = await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => JSON.parse(e.details).attempt)).size).toBe(20);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 20 });
  });

  it("finds the entry whose details were edited behind the app's back", async () => {
    await recordLogouts(5);
    await prisma.$executeRaw`UPDATE "AuditEntry" SET "details" = ${'{"n":99}'} WHERE "seq" = ${3}`;
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      count: 2,
      brokenAtSeq: 3,
      reason: "altered",
    });
  });

  it("finds an entry whose author was changed behind the app's back", async () => {
    await recordLogouts(4);
    await prisma.$executeRaw`UPDATE "AuditEntry" SET "ipAddress" = ${"10.0.0.1"} WHERE "seq" = ${4}`;
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      brokenAtSeq: 4,
      reason: "altered",
    });
  });

  it("finds where an entry was deleted from the middle of the log", async () => {
    await recordLogouts(5);
    await prisma.$executeRaw`DELETE FROM "AuditEntry" WHERE "seq" = ${3}`;
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      count: 2,
      brokenAtSeq: 3,
      reason: "missing",
    });
  });

  it("finds where the first entries were deleted", async () => {
    await recordLogouts(3);
    await prisma.$executeRaw`DELETE FROM "AuditEntry" WHERE "seq" = ${1}`;
    expect(await verifyAuditChain()).toEqual({
      ok: false,
      count: 0,
      brokenAtSeq: 1,
      reason: "missing",
    });
  });

  it("finds an entry that was re-hashed to cover an edit but no longer links to the one before", async () => {
    await recordLogouts(3);
    const forged = "f".repeat(64);
    await prisma.$executeRaw`UPDATE "AuditEntry" SET "prevHash" = ${forged} WHERE "seq" = ${2}`;
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      brokenAtSeq: 2,
      reason: "unlinked",
    });
  });

  it("names an entry altered in a later batch, after whole batches that fit", async () => {
    await recordLogouts(7);
    await prisma.$executeRaw`UPDATE "AuditEntry" SET "action" = ${"auth.login"} WHERE "seq" = ${6}`;
    expect(await verifyAuditChain(2)).toEqual({
      ok: false,
      count: 5,
      brokenAtSeq: 6,
      reason: "altered",
    });
  });

  it("verifies entries with characters JSON must escape, in every column the hash covers", async () => {
    await recordAudit({
      action: "case.note_added",
      actorId: null,
      targetType: "case",
      targetId: 'id "quoted" \\ back\\slash',
      details: { text: 'Қазақ «тырнақша» "quote" \\ \n\t\u0001 €😀 \u2028', n: -1.5e-7 },
      ipAddress: "2001:db8::1",
      userAgent: 'Agent "x" \\ Жұмыс',
    });
    const head = await prisma.auditEntry.findFirstOrThrow();
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 1, headHash: head.hash });
  });

  it.skipIf(database.provider !== "sqlite")(
    "accepts an entry whose time is stored in another form of the same instant, and still names the next alteration",
    async () => {
      // The quick check reads SQLite's own JSON of the row, which keeps the time as
      // stored; the column-by-column check reads it as an instant, as before.
      await recordLogouts(6);
      const third = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: 3 } });
      const sameInstant = new Date(third.createdAt.getTime() + 5 * 3600_000)
        .toISOString()
        .replace("Z", "+05:00");
      await prisma.$executeRaw`UPDATE "AuditEntry" SET "createdAt" = ${sameInstant} WHERE "seq" = ${3}`;
      const head = await prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
      expect(await verifyAuditChain(4)).toEqual({ ok: true, count: 6, headHash: head.hash });

      await prisma.$executeRaw`UPDATE "AuditEntry" SET "details" = ${'{"n":50}'} WHERE "seq" = ${5}`;
      expect(await verifyAuditChain(4)).toEqual({
        ok: false,
        count: 4,
        brokenAtSeq: 5,
        reason: "altered",
      });
    },
  );

  it.skipIf(database.provider !== "sqlite")(
    "names an entry whose column was replaced by bytes that SQLite cannot write as JSON",
    async () => {
      await recordLogouts(4);
      await prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET "details" = X'7B7D' WHERE "seq" = 3`);
      expect(await verifyAuditChain()).toEqual({
        ok: false,
        count: 2,
        brokenAtSeq: 3,
        reason: "altered",
      });
    },
  );

  it("neutralises control characters in a user agent so it cannot forge lines", async () => {
    await recordAudit({
      action: "auth.login_failed",
      userAgent: "Mozilla/5.0\r\n[adal] auth.login admin\u0000\u001b[2J\u007f",
      ipAddress: "192.0.2.1\n",
    });
    const entry = await prisma.auditEntry.findFirstOrThrow();
    expect(entry.userAgent).toBe("Mozilla/5.0  [adal] auth.login admin  [2J ");
    expect(entry.ipAddress).toBe("192.0.2.1 ");
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 1 });
  });

  it("keeps at most 400 characters of a user agent and 64 of an address", async () => {
    await recordAudit({
      action: "auth.logout",
      userAgent: "U".repeat(1000),
      ipAddress: "1".repeat(100),
    });
    const entry = await prisma.auditEntry.findFirstOrThrow();
    expect(entry.userAgent).toHaveLength(400);
    expect(entry.ipAddress).toHaveLength(64);
  });
});

describe("canonical JSON", () => {
  it("writes the same text for the same value whatever order its keys were set in", () => {
    const one = { b: 1, a: { d: [{ z: 1, y: 2 }], c: null } };
    const two = { a: { c: null, d: [{ y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(one)).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(two)).toBe(canonicalJson(one));
  });

  it("keeps the order of arrays, which carries meaning", () => {
    expect(canonicalJson({ regions: ["B", "A"] })).toBe('{"regions":["B","A"]}');
  });

  it("writes scalars, null and dates as plain JSON", () => {
    expect(canonicalJson([1, "x", null, true])).toBe('[1,"x",null,true]');
    expect(canonicalJson({ at: new Date("2026-01-02T03:04:05.000Z") })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z"}',
    );
  });
});
