#!/usr/bin/env node
// `node scripts/db/migrate.js deploy` applies pending migrations to DATABASE_URL
// (SQLite by default, PostgreSQL when DATABASE_URL says so).
// `node scripts/db/migrate.js new <name>` writes a migration for each provider
// from the canonical schema, replaying the existing ones into scratch databases
// (PostgreSQL needs MIGRATIONS_POSTGRES_URL or TEST_POSTGRES_URL).
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { CANONICAL, DERIVED, derivePostgresSchema } from "./derive-postgres-schema.js";
import { runPrisma } from "./prisma.js";

const [command, name] = process.argv.slice(2);

async function withScratchPostgres(baseUrl, fn) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const database = `adal_scratch_${randomBytes(5).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${database}`;
    return fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

function migrationFolders(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((entry) => /^\d{14}_/.test(entry)) : [];
}

function createOnly(databaseUrl) {
  // Prisma's JS schema engine: `migrate dev` on a database without the
  // `_prisma_migrations` table fails with P1014. `migrate deploy` creates it
  // (and replays the existing migrations) first.
  const deploy = runPrisma(["migrate", "deploy"], { databaseUrl, stdio: "pipe" });
  if (deploy.status !== 0) {
    process.stderr.write(deploy.stdout + deploy.stderr);
    process.exit(deploy.status);
  }
  const dir = databaseUrl.startsWith("file:")
    ? "prisma/migrations"
    : "prisma/postgresql/migrations";
  const before = new Set(migrationFolders(dir));
  const create = runPrisma(["migrate", "dev", "--create-only", "--skip-generate", "--name", name], {
    databaseUrl,
    stdio: "pipe",
  });
  const created = migrationFolders(dir).filter((entry) => !before.has(entry));
  process.stdout.write(create.stdout);
  // Prisma 6.19's WASM schema engine writes the migration, then fails while
  // freeing itself with "null pointer passed to rust". That exact failure,
  // after the folder was written, is success; any other is not.
  const cleanupCrash =
    /null pointer passed to rust/.test(create.stderr + create.stdout) && created.length === 1;
  if (create.status !== 0 && !cleanupCrash) {
    process.stderr.write(create.stderr);
    process.exit(create.status);
  }
  const written = created[0] && path.join(dir, created[0]);
  // With nothing to change Prisma still writes "-- This is an empty migration."
  if (
    written &&
    /^\s*(--[^\n]*\n?\s*)*$/.test(readFileSync(path.join(written, "migration.sql"), "utf8"))
  ) {
    rmSync(written, { recursive: true, force: true });
    console.log(`${dir}: no schema change, no migration written.`);
  } else if (written) {
    console.log(`wrote ${written}/migration.sql`);
  } else {
    console.log(`${dir}: no schema change, no migration written.`);
  }
}

if (command === "deploy") {
  process.exit(runPrisma(["migrate", "deploy"]).status);
} else if (command === "new" && name && /^[a-z0-9_]+$/.test(name)) {
  const pgUrl = process.env.MIGRATIONS_POSTGRES_URL || process.env.TEST_POSTGRES_URL;
  if (!pgUrl) {
    // Both providers get the migration or neither does.
    console.error(
      "Set MIGRATIONS_POSTGRES_URL (or TEST_POSTGRES_URL) to a PostgreSQL server: each provider needs the migration.",
    );
    process.exit(1);
  }
  // The PostgreSQL schema is derived from the canonical one: without this, a change made since
  // the last `npm run db:generate` would reach only SQLite's migrations.
  writeFileSync(DERIVED, derivePostgresSchema(readFileSync(CANONICAL, "utf8")));
  const dir = mkdtempSync(path.join(os.tmpdir(), "adal-migrate-"));
  try {
    createOnly(`file:${path.join(dir, "scratch.db")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await withScratchPostgres(pgUrl, createOnly);
} else {
  console.error("usage: migrate.js deploy | new <snake_case_name>");
  process.exit(2);
}
