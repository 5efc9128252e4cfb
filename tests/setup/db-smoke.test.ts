import { describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";

describe("test database", () => {
  it("starts each test file on a fresh, migrated database of the project's provider", async () => {
    expect(database.provider).toBe(process.env.TEST_DATABASE);
    expect(await prisma.user.count()).toBe(0);
    const user = await prisma.user.create({
      data: {
        email: "smoke@example.org",
        displayName: "Smoke",
        role: "ORGANIZER",
        regions: { create: [{ region: "ATYRAU" }] },
      },
      include: { regions: true },
    });
    expect(user.regions.map((r) => r.region)).toEqual(["ATYRAU"]);
  });
});
