// Guards the workaround in postgres-column-types.ts (prisma/prisma#27403), and
// notices when upstream fixes it.
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import { afterEach, describe, expect, it } from "vitest";
import { withCatalogTypesAsText } from "./postgres-column-types";

const query = (sql: string) => ({ sql, args: [], argTypes: [] });
const DATABASES = query("SELECT datname FROM pg_database ORDER BY datname");
const KINDS = query(`SELECT relname, relkind FROM pg_class WHERE relname = 'pg_database'`);
const unsupported = (type: string) => ({ cause: { kind: "UnsupportedNativeDataType", type } });

const opened: SqlDriverAdapter[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
});

async function connect() {
  const adapter = await new PrismaPg({
    connectionString: process.env.TEST_POSTGRES_URL!,
    max: 2,
  }).connect();
  opened.push(adapter);
  return adapter;
}

async function databaseNames(queryable: SqlQueryable) {
  const result = await queryable.queryRaw(DATABASES);
  expect(result.columnTypes).toEqual([ColumnTypeEnum.Text]);
  return result.rows.map((row) => row[0]);
}

// Independent of the project's database: runs once, in the PostgreSQL project.
describe.runIf(process.env.TEST_DATABASE === "postgresql")(
  "PostgreSQL catalog columns during migrations",
  () => {
    it('still needs the workaround: the plain adapter cannot read `name` and `"char"` columns', async () => {
      const plain = await connect();
      await expect(plain.queryRaw(DATABASES)).rejects.toMatchObject(unsupported("name"));
      await expect(
        plain.queryRaw(query(`SELECT relkind FROM pg_class LIMIT 1`)),
      ).rejects.toMatchObject(unsupported("char"));
    });

    it("reads catalog names and kinds as text through the migration adapter", async () => {
      const patched = withCatalogTypesAsText(await connect());
      expect(await databaseNames(patched)).toEqual(
        expect.arrayContaining(["postgres", "template1"]),
      );
      const kinds = await patched.queryRaw(KINDS);
      expect(kinds.rows).toEqual([["pg_database", "r"]]);
      expect(kinds.columnTypes).toEqual([ColumnTypeEnum.Text, ColumnTypeEnum.Text]);
    });

    it("reads catalog columns as text inside a transaction too", async () => {
      const plainTx = await (await connect()).startTransaction();
      try {
        await expect(plainTx.queryRaw(DATABASES)).rejects.toMatchObject(unsupported("name"));
      } finally {
        await plainTx.executeRaw(query("ROLLBACK"));
        await plainTx.rollback();
      }

      const tx = await withCatalogTypesAsText(await connect()).startTransaction();
      try {
        expect(await databaseNames(tx)).toEqual(expect.arrayContaining(["postgres"]));
      } finally {
        await tx.executeRaw(query("ROLLBACK"));
        await tx.rollback();
      }
    });

    it("leaves every other column type as the adapter maps it", async () => {
      const patched = withCatalogTypesAsText(await connect());
      const result = await patched.queryRaw(
        query(`SELECT 1::int4 AS n, 'x'::varchar AS s, true AS b`),
      );
      expect(result.columnTypes).toEqual([
        ColumnTypeEnum.Int32,
        ColumnTypeEnum.Text,
        ColumnTypeEnum.Boolean,
      ]);
      expect(result.rows).toEqual([[1, "x", true]]);
    });

    it("reports a genuine SQL error as before", async () => {
      const patched = withCatalogTypesAsText(await connect());
      await expect(patched.queryRaw(query(`SELECT * FROM "NoSuchTable"`))).rejects.toMatchObject({
        cause: { kind: "TableDoesNotExist" },
      });
    });
  },
);
