// Requests share the database connection (on SQLite, one connection for the
// whole server). Whatever another request's open transaction has written must
// stay invisible until it commits, and a write made meanwhile must never be
// swept away by that transaction's rollback.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";

const employer = (name: string) => ({
  name,
  normalizedName: name.toLowerCase(),
  sector: "OTHER" as const,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a request beside another request's transaction", () => {
  it("does not see what the transaction has not committed, and keeps its own write when the transaction rolls back", async () => {
    let written!: () => void;
    const insideWritten = new Promise<void>((resolve) => (written = resolve));
    const failing = prisma
      .$transaction(async (tx) => {
        await tx.employer.create({ data: employer("Written inside, rolled back") });
        written();
        await pause(200);
        throw new Error("the transaction fails");
      })
      .catch((error: Error) => error.message);

    await insideWritten;
    const [seen, outside] = await Promise.all([
      prisma.employer.count({ where: { name: "Written inside, rolled back" } }),
      prisma.employer.create({ data: employer("Written outside") }),
    ]);

    expect(await failing).toBe("the transaction fails");
    expect(seen).toBe(0);
    const names = (await prisma.employer.findMany({ select: { name: true } })).map((e) => e.name);
    expect(names).toContain(outside.name);
    expect(names).not.toContain("Written inside, rolled back");
  });

  it("waits for a committed transaction and then sees all of it", async () => {
    let written!: () => void;
    const insideWritten = new Promise<void>((resolve) => (written = resolve));
    const committing = prisma.$transaction(async (tx) => {
      await tx.employer.create({ data: employer("Committed A") });
      written();
      await pause(100);
      await tx.employer.create({ data: employer("Committed B") });
    });
    await insideWritten;
    const seen = await prisma.employer.count({ where: { name: { startsWith: "Committed" } } });
    await committing;
    // All or nothing: never A without B.
    expect([0, 2]).toContain(seen);
    expect(await prisma.employer.count({ where: { name: { startsWith: "Committed" } } })).toBe(2);
  });
});
