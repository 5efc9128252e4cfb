// Vitest global setup: migrate one template database per provider, once per
// run. Each test file then starts from a copy of it (per-file-database.ts).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { spawnSync } from "node:child_process";
import { runPrisma } from "../../scripts/db/prisma.js";
import { databaseUrlFor } from "./postgres-url";

function migrate(databaseUrl: string) {
  const { status, stdout, stderr } = runPrisma(["migrate", "deploy"], {
    databaseUrl,
    stdio: "pipe",
  });
  if (status !== 0)
    throw new Error(`migrate deploy failed for the test template:\n${stdout}\n${stderr}`);
}

/**
 * Every test database starts with a keyring whose master key is in a key file (FILE mode), so
 * cases are sealed as in production; per-file-database.ts unseals each file's copy with it.
 * Tests of sealed behaviour seal their own keyring.
 */
function initializeKeyring(databaseUrl: string, keyFile: string) {
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/keys.ts", "init", "--key-file", keyFile],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    },
  );
  if (status !== 0)
    throw new Error(`keys:init failed for the test template:\n${stdout}\n${stderr}`);
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "adal-test-"));
  const sqliteTemplate = path.join(dir, "template.db");
  migrate(`file:${sqliteTemplate}`);
  initializeKeyring(`file:${sqliteTemplate}`, path.join(dir, "sqlite.key"));
  project.provide("sqliteTemplate", sqliteTemplate);
  project.provide("testDir", dir);

  const baseUrl = process.env.TEST_POSTGRES_URL;
  let pgTemplate = "";
  if (baseUrl) {
    pgTemplate = `adal_test_template_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${pgTemplate}"`);
    await admin.end();
    migrate(databaseUrlFor(baseUrl, pgTemplate));
    initializeKeyring(databaseUrlFor(baseUrl, pgTemplate), path.join(dir, "postgresql.key"));
  }
  project.provide("postgresTemplate", pgTemplate);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (baseUrl && pgTemplate) {
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      // The template and any per-file database a test file left behind.
      const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database");
      for (const { datname } of rows) {
        if (datname === pgTemplate || datname.startsWith(`${pgTemplate}_`)) {
          await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        }
      }
      await admin.end();
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresTemplate: string;
    testDir: string;
  }
}
