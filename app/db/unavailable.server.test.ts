// Outages told apart from bugs, on real errors from both drivers and from
// Prisma; and the PostgreSQL server going away must not end the process.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { database } from "~/db.server";
import { checkDatabase } from "~/modules/health/health.server";
import { readRows } from "./reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { DatabaseWaitTimeout, isDatabaseUnavailable, withTimeout } from "./unavailable.server";

const caught = async (work: Promise<unknown>): Promise<unknown> => {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to fail");
};

describe("isDatabaseUnavailable", () => {
  it("recognises a PostgreSQL server that cannot be reached, from the driver and through Prisma", async () => {
    const client = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:1/none" });
    expect(isDatabaseUnavailable(await caught(client.connect()))).toBe(true);

    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("~/generated/prisma/postgresql/client");
    const unreachable = new PrismaClient({
      adapter: new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:1/none" }),
    });
    try {
      const error = await caught(unreachable.user.count());
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("recognises PostgreSQL's shutdown and connection-exception codes and a terminated connection", () => {
    for (const error of [
      Object.assign(new Error("terminating connection due to administrator command"), {
        code: "57P01",
      }),
      Object.assign(new Error("x"), { code: "08006" }),
      new Error("Connection terminated unexpectedly"),
      new Prisma.PrismaClientKnownRequestError("pool", { code: "P2024", clientVersion: "6" }),
      new Prisma.PrismaClientKnownRequestError("closed", { code: "P1017", clientVersion: "6" }),
      new Error("wrapped", { cause: { kind: "DatabaseNotReachable" } }),
      new DatabaseWaitTimeout("the SQLite connection", 10),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it.skipIf(database.provider !== "sqlite")(
    "recognises a full SQLite database through Prisma, and the server writes again once there is room",
    async () => {
      const pageCount = Number(
        (await prisma.$queryRawUnsafe<Array<{ page_count: bigint }>>("PRAGMA page_count"))[0]!
          .page_count,
      );
      // The connection may not grow the file: the same error as a full disk.
      await prisma.$executeRawUnsafe(`PRAGMA max_page_count = ${pageCount}`);
      try {
        const error = await caught(
          prisma.user.createMany({
            data: Array.from({ length: 500 }, (_, i) => ({
              email: `full-${i}@example.org`,
              displayName: "x".repeat(2000),
              role: "ORGANIZER" as const,
            })),
          }),
        );
        expect(String(error)).toMatch(/full/i);
        expect(isDatabaseUnavailable(error)).toBe(true);
      } finally {
        await prisma.$executeRawUnsafe("PRAGMA max_page_count = 1073741823");
      }
      await prisma.user.create({
        data: { email: "room-again@example.org", displayName: "Room", role: "ORGANIZER" },
      });
    },
  );

  it("does not take a bug or a refused write for an outage", async () => {
    await prisma.user.create({
      data: { email: "twice@example.org", displayName: "Twice", role: "ORGANIZER" },
    });
    const duplicate = await caught(
      prisma.user.create({
        data: { email: "twice@example.org", displayName: "Twice", role: "ORGANIZER" },
      }),
    );
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(await caught(prisma.$queryRawUnsafe("SELEC 1")))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe.skipIf(database.provider !== "postgresql")("PostgreSQL going away", () => {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  afterAll(() => admin.end());

  it("does not end the process; reads and writes work again once connections can be made", async () => {
    const { Prisma: Sql } = await import("~/generated/prisma/sqlite/client");
    await readRows(Sql.sql`SELECT 1 AS one`); // opens the reading pool's client
    await prisma.user.count(); // and Prisma's
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    // Idle clients get their 'error' now; without a listener this is an uncaught error.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reread = async () => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await readRows(Sql.sql`SELECT 1 AS one`);
        } catch (error) {
          if (attempt >= 3 || !isDatabaseUnavailable(error)) throw error;
        }
      }
    };
    expect(Number((await reread())[0]!.one)).toBe(1);
    expect(await withTimeout(checkDatabase(), 5000, "health")).toBe(true);
    await prisma.user.create({
      data: { email: "after-restart@example.org", displayName: "After", role: "ORGANIZER" },
    });
  });
});
