import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./database-url";
import { SQLITE_CACHE_MB, createDriverAdapter } from "./driver-adapter.server";

const target = parseDatabaseUrl();

describe.skipIf(target.provider !== "sqlite")("SQLite transactions", () => {
  it("hold the write lock from BEGIN, so another process waits instead of failing mid-transaction", async () => {
    if (target.provider !== "sqlite") return;
    const adapter = await createDriverAdapter(target).connect();
    // Another process's connection, with no patience at all.
    const other = new Database(target.filePath, { timeout: 0 });
    try {
      const transaction = await adapter.startTransaction();
      expect(() => other.exec("BEGIN IMMEDIATE")).toThrow(
        expect.objectContaining({ code: "SQLITE_BUSY" }),
      );
      await transaction.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
      await transaction.commit();

      other.exec("BEGIN IMMEDIATE");
      other.exec("ROLLBACK");
    } finally {
      other.close();
      await adapter.dispose();
    }
  });
});

describe.skipIf(target.provider !== "sqlite")("SQLite connection settings", () => {
  it("runs with WAL, a 5-second busy timeout, full sync and foreign keys, so acknowledged writes survive and concurrent readers wait", async () => {
    const adapter = await createDriverAdapter(target).connect();
    try {
      const pragma = async (name: string) => {
        const result = await adapter.queryRaw({ sql: `PRAGMA ${name}`, args: [], argTypes: [] });
        return String(result.rows[0]?.[0]);
      };
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("busy_timeout")).toBe("5000");
      expect(await pragma("synchronous")).toBe("2"); // FULL
      expect(await pragma("foreign_keys")).toBe("1");
      // Deleted content is zeroed on disk (retention, a worker forgotten).
      expect(await pragma("secure_delete")).toBe("1");
      // 48 MiB: bounded, a process has two connections (decision 0029).
      expect(await pragma("cache_size")).toBe(String(-SQLITE_CACHE_MB * 1024));
      expect(SQLITE_CACHE_MB).toBe(48);
    } finally {
      await adapter.dispose();
    }
  });
});

describe("a transaction whose COMMIT fails", () => {
  it("rolls back and gives the connection back, so the next query answers instead of hanging", async () => {
    const { prisma } = await import("~/db.server");
    const { withTimeout } = await import("./unavailable.server");
    const usersBefore = await prisma.user.count();
    // A foreign key checked only at COMMIT makes COMMIT itself fail, as SQLITE_FULL does
    // on a full disk (PostgreSQL: a deferred constraint, the same path through Prisma).
    const failing = prisma.$transaction(async (tx) => {
      if (target.provider === "sqlite") {
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
      } else {
        await tx.$executeRawUnsafe("SET CONSTRAINTS ALL DEFERRED");
      }
      await tx.user.create({
        data: { email: "commit-fails@example.org", displayName: "Commit Fails", role: "ORGANIZER" },
      });
      await tx.$executeRawUnsafe(
        `INSERT INTO "Session" ("id", "userId", "expiresAt", "absoluteExpiresAt") VALUES ('s-orphan', 'no-such-user', '2030-01-01', '2030-01-01')`,
      );
    });
    await expect(failing).rejects.toThrow();
    // Before the fix this waited forever on the SQLite connection's lock.
    expect(await withTimeout(prisma.user.count(), 3000, "the next query")).toBe(usersBefore);
    expect(
      await withTimeout(
        prisma.user.count({ where: { email: "commit-fails@example.org" } }),
        3000,
        "the rolled-back row",
      ),
    ).toBe(0);
  });
});
