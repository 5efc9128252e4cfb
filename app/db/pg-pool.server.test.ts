// PostgreSQL connections prepare each statement once (docs/decisions/0052): what a connection
// keeps, how many, what a call gets back, and the switch that turns it off.
import { afterEach, describe, expect, it } from "vitest";
import type pg from "pg";
import { parseDatabaseUrl } from "./database-url";
import { createDriverAdapter } from "./driver-adapter.server";
import { PREPARED_PER_CONNECTION, postgresPool, statementName } from "./pg-pool.server";

const target = parseDatabaseUrl();
const pools: pg.Pool[] = [];

/** A pool of one connection, so that every statement runs on the same session. */
function onePool(): pg.Pool {
  const pool = postgresPool({ connectionString: target.url, max: 1 });
  pools.push(pool);
  return pool;
}

const preparedNames = async (pool: pg.Pool) =>
  (await pool.query("SELECT name FROM pg_prepared_statements")).rows.map((row) => row.name);

afterEach(async () => {
  delete process.env.ADAL_PG_PREPARED;
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

describe.skipIf(target.provider !== "postgresql")("statements on PostgreSQL", () => {
  it("are prepared once per connection under a name from their text, and answer each call with its own values", async () => {
    const pool = onePool();
    const text = "SELECT $1::int + 1 AS next";
    for (const value of [1, 41, -1]) {
      const { rows } = await pool.query({ text, values: [value] });
      expect(rows).toEqual([{ next: value + 1 }]);
    }
    expect(await preparedNames(pool)).toEqual([statementName(text)]);
    // Planned for each call's values: a generic plan is never used.
    const { rows } = await pool.query("SHOW plan_cache_mode");
    expect(rows[0].plan_cache_mode).toBe("force_custom_plan");
  });

  it("one name never stands for two texts", () => {
    expect(statementName("SELECT $1::int")).toBe(statementName("SELECT $1::int"));
    expect(statementName("SELECT $1::int")).not.toBe(statementName("SELECT $1::bigint"));
    expect(statementName("SELECT $1::int")).toMatch(/^adal_[A-Za-z0-9_-]{24}$/);
  });

  it(`keep at most ${PREPARED_PER_CONNECTION} on a connection; later texts are sent unnamed and still answer`, async () => {
    const pool = onePool();
    const count = PREPARED_PER_CONNECTION + 20;
    for (let i = 0; i < count; i++) {
      const { rows } = await pool.query({ text: `SELECT $1::int * ${i} AS n`, values: [2] });
      expect(rows[0].n).toBe(2 * i);
    }
    const names = await preparedNames(pool);
    expect(names).toHaveLength(PREPARED_PER_CONNECTION);
    // The first ones keep their place and are reused.
    const first = { text: "SELECT $1::int * 0 AS n", values: [5] };
    expect((await pool.query(first)).rows[0].n).toBe(0);
    expect(await preparedNames(pool)).toHaveLength(PREPARED_PER_CONNECTION);
  });

  it("a statement that failed, when parsed or when run, runs again on the same connection", async () => {
    const pool = onePool();
    const divide = "SELECT 10 / $1::int AS quotient";
    await expect(pool.query({ text: divide, values: [0] })).rejects.toThrow(/division by zero/);
    expect((await pool.query({ text: divide, values: [2] })).rows).toEqual([{ quotient: 5 }]);
    const unknown = "SELECT no_such_column FROM pg_class WHERE oid = $1::oid";
    for (let i = 0; i < 2; i++) {
      await expect(pool.query({ text: unknown, values: [1] })).rejects.toThrow(/does not exist/);
    }
    // In a transaction that failed: after ROLLBACK the same statement answers.
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await expect(client.query({ text: divide, values: [0] })).rejects.toThrow();
      await client.query("ROLLBACK");
      expect((await client.query({ text: divide, values: [5] })).rows).toEqual([{ quotient: 2 }]);
    } finally {
      client.release();
    }
    expect(await preparedNames(pool)).toEqual([statementName(divide)]);
  });

  it("statements without parameters are sent as before, unnamed", async () => {
    const pool = onePool();
    await pool.query({ text: "SELECT 1 AS one" });
    await pool.query("SELECT 2 AS two");
    expect(await preparedNames(pool)).toEqual([]);
  });

  it("ADAL_PG_PREPARED=0 prepares nothing and leaves the planner's default", async () => {
    process.env.ADAL_PG_PREPARED = "0";
    const pool = onePool();
    await pool.query({ text: "SELECT $1::int AS n", values: [3] });
    expect(await preparedNames(pool)).toEqual([]);
    const { rows } = await pool.query("SHOW plan_cache_mode");
    expect(rows[0].plan_cache_mode).toBe("auto");
  });

  it("Prisma's adapter runs on such a pool, ends it with its connection, and prepares again when connected again", async () => {
    const factory = createDriverAdapter(target);
    const query = {
      sql: "SELECT $1::text AS said",
      args: ["салем"],
      argTypes: [{ scalarType: "string" as const, arity: "scalar" as const }],
    };
    const isPrepared = {
      sql: "SELECT name FROM pg_prepared_statements WHERE name = $1",
      args: [statementName(query.sql)],
      argTypes: query.argTypes,
    };
    // A script's $disconnect disposes the adapter; Prisma connects the same factory again after.
    for (let connection = 0; connection < 2; connection++) {
      const adapter = await factory.connect();
      try {
        for (let i = 0; i < 2; i++) {
          expect((await adapter.queryRaw(query)).rows).toEqual([["салем"]]);
        }
        expect((await adapter.queryRaw(isPrepared)).rows).toHaveLength(1);
      } finally {
        await adapter.dispose();
      }
    }
  });
});
