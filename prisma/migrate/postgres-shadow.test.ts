// Guards the workaround in postgres-shadow.ts: `migrate dev` must never treat
// the real database as its scratch ("shadow") database.
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { withCatalogTypesAsText } from "./postgres-column-types";
import { connectToRealShadowDb } from "./postgres-shadow";

const query = (sql: string) => ({ sql, args: [], argTypes: [] });

async function currentDatabase(adapter: SqlDriverAdapter): Promise<string> {
  const result = await adapter.queryRaw(query("SELECT current_database()::text AS db"));
  return String(result.rows[0]![0]);
}

async function hasUserTable(adapter: SqlDriverAdapter): Promise<boolean> {
  const result = await adapter.queryRaw(query(`SELECT to_regclass('public."User"')::text AS t`));
  return result.rows[0]![0] !== null;
}

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  try {
    return (
      (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1
    );
  } finally {
    await admin.end();
  }
}

// The main database here is this file's fresh, migrated test database.
describe.runIf(process.env.TEST_DATABASE === "postgresql")(
  "PostgreSQL shadow database for `migrate dev`",
  () => {
    const mainUrl = () => process.env.DATABASE_URL!;

    it("still needs the workaround: the adapter's own shadow database is really the main one", async () => {
      const upstream = await new PrismaPg({ connectionString: mainUrl() }).connectToShadowDb();
      try {
        expect(await currentDatabase(upstream)).toBe(new URL(mainUrl()).pathname.slice(1));
        expect(await hasUserTable(upstream)).toBe(true);
      } finally {
        await upstream.dispose();
      }
    });

    it("migrates in a separate, empty database, never the main one", async () => {
      const main = await new PrismaPg({ connectionString: mainUrl(), max: 1 }).connect();
      const shadow = await connectToRealShadowDb(mainUrl(), withCatalogTypesAsText);
      try {
        const shadowName = await currentDatabase(shadow);
        expect(shadowName).toMatch(/^adal_shadow_[0-9a-f]{12}$/);
        expect(shadowName).not.toBe(await currentDatabase(main));
        expect(await hasUserTable(main)).toBe(true);
        expect(await hasUserTable(shadow)).toBe(false);
        // The prepare step (catalog types as text) is applied to the shadow connection.
        const names = await shadow.queryRaw(query("SELECT current_database() AS db"));
        expect(names.rows).toEqual([[shadowName]]);
      } finally {
        await shadow.dispose();
        await main.dispose();
      }
    });

    it("drops the shadow database when the schema engine lets go of it", async () => {
      const shadow = await connectToRealShadowDb(mainUrl(), withCatalogTypesAsText);
      const name = await currentDatabase(shadow);
      expect(await databaseExists(name)).toBe(true);
      await shadow.dispose();
      expect(await databaseExists(name)).toBe(false);
    });
  },
);
