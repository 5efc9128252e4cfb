import { describe, expect, it } from "vitest";
import { checkDatabase } from "./health.server";

describe("health check", () => {
  it("reports the database as reachable when it answers", async () => {
    expect(await checkDatabase()).toBe(true);
  });
});
