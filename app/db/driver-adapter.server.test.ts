import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./database-url";
import { createDriverAdapter } from "./driver-adapter.server";

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
