// Guards the workaround in sqlite-shadow.ts, and notices when upstream no longer needs it.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { afterEach, describe, expect, it } from "vitest";
import { withScriptAwareShadow } from "./sqlite-shadow";

const script = (sql: string) => ({ sql, args: [], argTypes: [] });
const TWO_TABLES = script(
  `CREATE TABLE "Worker" ("id" TEXT PRIMARY KEY);\nCREATE TABLE "Employer" ("id" TEXT PRIMARY KEY);`,
);

const opened: SqlDriverAdapter[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
});

async function shadow(factory: { connectToShadowDb(): Promise<SqlDriverAdapter> }) {
  const adapter = await factory.connectToShadowDb();
  opened.push(adapter);
  return adapter;
}

async function tables(adapter: SqlDriverAdapter) {
  const result = await adapter.queryRaw(
    script(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`),
  );
  return result.rows.map((row) => row[0]);
}

// A property of the adapter, not of the project's database: once is enough.
describe.runIf(process.env.TEST_DATABASE === "sqlite")(
  "SQLite shadow database for `migrate dev`",
  () => {
    it("still needs the workaround: the plain adapter refuses a migration file with several statements", async () => {
      const plain = await shadow(new PrismaBetterSQLite3({ url: ":memory:" }));
      await expect(plain.executeRaw(TWO_TABLES)).rejects.toThrow(/more than one statement/);
    });

    it("replays a migration file with several statements into the shadow database", async () => {
      const patched = await shadow(
        withScriptAwareShadow(new PrismaBetterSQLite3({ url: ":memory:" })),
      );
      await patched.executeRaw(TWO_TABLES);
      expect(await tables(patched)).toEqual(["Employer", "Worker"]);
    });

    it("still runs single statements and parameters the ordinary way", async () => {
      const patched = await shadow(
        withScriptAwareShadow(new PrismaBetterSQLite3({ url: ":memory:" })),
      );
      await patched.executeRaw(script(`CREATE TABLE "Region" ("code" TEXT)`));
      expect(
        await patched.executeRaw({
          sql: `INSERT INTO "Region" VALUES (?)`,
          args: ["ATYRAU"],
          argTypes: [{ scalarType: "string", arity: "scalar" }],
        }),
      ).toBe(1);
    });

    it("still reports a genuine SQL error in a migration", async () => {
      const patched = await shadow(
        withScriptAwareShadow(new PrismaBetterSQLite3({ url: ":memory:" })),
      );
      await expect(
        patched.executeRaw(script(`CREATE TABLE "A" ("id" TEXT);\nCREATE TABLEX "B" ("id" TEXT);`)),
      ).rejects.toThrow(/syntax error/);
      await expect(patched.executeRaw(script(`DROP TABLE "Missing"`))).rejects.toMatchObject({
        cause: { kind: "TableDoesNotExist" },
      });
    });

    it("leaves the main database connection untouched", async () => {
      const factory = withScriptAwareShadow(new PrismaBetterSQLite3({ url: ":memory:" }));
      const main = await factory.connect();
      opened.push(main);
      await expect(main.executeRaw(TWO_TABLES)).rejects.toThrow(/more than one statement/);
    });
  },
);
