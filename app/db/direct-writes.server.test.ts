// Writes straight through the driver: one transaction, all or nothing, in its
// turn on SQLite's one connection, and on SQLite the connection's safety level
// back to FULL after a commit that did not wait for the disk.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { directTransaction } from "./direct-writes.server";
import { sqliteConnection } from "./driver-adapter.server";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const counter = (year: number) =>
  prisma.caseCounter.findUnique({ where: { year }, select: { last: true } });

describe("a direct write transaction", () => {
  it("commits every statement of its work together, and none when the work fails", async () => {
    await directTransaction(
      async (tx) => {
        await tx.run(Prisma.sql`INSERT INTO "CaseCounter" ("year", "last") VALUES (${1901}, ${7})`);
        await tx.run(
          Prisma.sql`UPDATE "CaseCounter" SET "last" = "last" + 1 WHERE "year" = ${1901}`,
        );
        expect(
          await tx.get<{ last: number }>(
            Prisma.sql`SELECT "last" FROM "CaseCounter" WHERE "year" = ${1901}`,
          ),
        ).toEqual({ last: 8 });
      },
      { durable: false },
    );
    expect(await counter(1901)).toEqual({ last: 8 });

    await expect(
      directTransaction(
        async (tx) => {
          await tx.run(
            Prisma.sql`INSERT INTO "CaseCounter" ("year", "last") VALUES (${1902}, ${1})`,
          );
          await tx.run(Prisma.sql`UPDATE "CaseCounter" SET "last" = 99 WHERE "year" = ${1901}`);
          throw new Error("the work fails");
        },
        { durable: false },
      ),
    ).rejects.toThrow("the work fails");
    expect(await counter(1902)).toBeNull();
    expect(await counter(1901)).toEqual({ last: 8 });
  });

  it.skipIf(database.provider !== "sqlite")(
    "waits for a Prisma transaction open on the SQLite connection instead of running inside it",
    async () => {
      let written!: () => void;
      const insideWritten = new Promise<void>((resolve) => (written = resolve));
      const failing = prisma
        .$transaction(async (tx) => {
          await tx.caseCounter.create({ data: { year: 1903, last: 1 } });
          written();
          await pause(200);
          throw new Error("the transaction fails");
        })
        .catch((error: Error) => error.message);
      await insideWritten;
      const seen = await directTransaction(
        async (tx) => {
          const row = await tx.get(Prisma.sql`SELECT 1 FROM "CaseCounter" WHERE "year" = ${1903}`);
          await tx.run(
            Prisma.sql`INSERT INTO "CaseCounter" ("year", "last") VALUES (${1904}, ${1})`,
          );
          return row;
        },
        { durable: false },
      );
      expect(await failing).toBe("the transaction fails");
      expect(seen).toBeUndefined(); // it ran after the rollback, not inside the transaction
      expect(await counter(1904)).toEqual({ last: 1 }); // and the rollback did not take it along
      expect(await counter(1903)).toBeNull();
    },
  );

  it.skipIf(database.provider !== "sqlite")(
    "sets SQLite's connection back to FULL after a commit that did not wait for the disk, and after a failed one",
    async () => {
      await directTransaction(async () => {}, { durable: false });
      const { client } = sqliteConnection()!;
      expect(Number(client.pragma("synchronous", { simple: true }))).toBe(2); // FULL
      await directTransaction(
        async () => {
          throw new Error("the work fails");
        },
        { durable: false },
      ).catch(() => {});
      expect(Number(client.pragma("synchronous", { simple: true }))).toBe(2);
      expect(client.inTransaction).toBe(false);
    },
  );

  it.skipIf(database.provider !== "sqlite")(
    "waits for another process's writer without blocking this one, then writes",
    async () => {
      const { client } = sqliteConnection()!;
      // Another connection to the file stands for another worker process holding the write lock.
      const other = new Database(client.name);
      other.exec("BEGIN IMMEDIATE");
      let ticks = 0;
      const ticking = setInterval(() => (ticks += 1), 5);
      const writing = directTransaction(
        (tx) =>
          tx.run(Prisma.sql`INSERT INTO "CaseCounter" ("year", "last") VALUES (${1905}, ${1})`),
        { durable: true },
      );
      await pause(150);
      const ticksWhileWaiting = ticks;
      other.exec("COMMIT");
      other.close();
      await writing;
      clearInterval(ticking);
      // SQLite's own busy handler would have slept on this thread: no timer could have fired.
      expect(ticksWhileWaiting).toBeGreaterThan(5);
      expect(await counter(1905)).toEqual({ last: 1 });
      expect(Number(client.pragma("busy_timeout", { simple: true }))).toBe(5000);
    },
  );
});
