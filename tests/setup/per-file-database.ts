// Runs before each test file: points DATABASE_URL at a fresh copy of the
// migrated template, so db.server.ts (imported afterwards) connects to it.
import { randomBytes } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { databaseUrlFor } from "./postgres-url";

const id = randomBytes(5).toString("hex");

/**
 * Waits (a second at most) until no connection to `database` is left. A `pg` pool's `end()`
 * resolves once it has asked its connections to close, not once they have: dropped `WITH
 * (FORCE)` at that moment, a closing connection is terminated instead and its pool logs
 * "terminating connection due to administrator command" for a teardown that went right.
 */
async function backendsGone(admin: pg.Client, database: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rows } = await admin.query<{ open: number }>(
      "SELECT COUNT(*)::int AS open FROM pg_stat_activity WHERE datname = $1",
      [database],
    );
    if (rows[0]!.open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

if (process.env.TEST_DATABASE === "postgresql") {
  const baseUrl = process.env.TEST_POSTGRES_URL!;
  // Named after the run's template, so the run's teardown can drop it even when
  // this file's afterAll never runs (vitest skips it when every test is skipped).
  const database = `${inject("postgresTemplate")}_${id}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${inject("postgresTemplate")}"`);
  process.env.DATABASE_URL = databaseUrlFor(baseUrl, database);
  process.env.ADAL_MASTER_KEY_FILE = path.join(inject("testDir"), "postgresql.key");
  afterAll(async () => {
    const { prisma } = await import("~/db.server");
    const { closeReads } = await import("~/db/reads.server");
    const { closeBytes } = await import("~/db/bytes.server");
    const { closeDirectWrites } = await import("~/db/direct-writes.server");
    await Promise.all([prisma.$disconnect(), closeReads(), closeBytes(), closeDirectWrites()]);
    await backendsGone(admin, database);
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });
} else {
  const file = path.join(inject("testDir"), `${id}.db`);
  copyFileSync(inject("sqliteTemplate"), file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.ADAL_MASTER_KEY_FILE = path.join(inject("testDir"), "sqlite.key");
}

// The copy's keyring (made with the template, template-databases.ts) unsealed with its key file.
beforeAll(async () => {
  const { keyring } = await import("~/modules/keys/keyring.server");
  await keyring.start();
});
process.env.NODE_ENV = "test";
