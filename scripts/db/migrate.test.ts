// `npm run db:migrate` must apply the migrations and then exit at once: Prisma's
// WASM schema engine leaves a long timer behind, which scripts/db/prisma.js
// defuses with the unref-long-timers.cjs preload.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { databaseUrlFor } from "../../tests/setup/postgres-url";

const root = path.resolve(__dirname, "../..");
const REPORTER = path.join(__dirname, "__fixtures__/report-long-timers.mjs");
const UNREF_PRELOAD = path.join(__dirname, "unref-long-timers.cjs");

type TimerReport = { argv: string[]; fired: number[]; pending: Array<{ ref: boolean }> };

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "adal-migrate-test-"));
  scratch.push(dir);
  return dir;
}

function migrationNames(folder: string) {
  return readdirSync(path.join(root, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Runs `node scripts/db/migrate.js deploy`; returns its result and the Prisma CLI's timer report. */
function deploy(databaseUrl: string) {
  const reports = tempDir();
  const result = spawnSync(process.execPath, ["scripts/db/migrate.js", "deploy"], {
    cwd: root,
    encoding: "utf8",
    // Generous: a deploy takes about a second; the timer it must not wait for runs 10–60 s.
    timeout: 20_000,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ADAL_TIMER_REPORT_DIR: reports,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${REPORTER}`].filter(Boolean).join(" "),
    },
  });
  const cli = readdirSync(reports)
    .map((file) => JSON.parse(readFileSync(path.join(reports, file), "utf8")) as TimerReport)
    .find((report) =>
      report.argv.some((arg) => arg.endsWith(path.join("prisma", "build", "index.js"))),
    );
  return { ...result, cli };
}

describe.runIf(process.env.TEST_DATABASE === "sqlite")("db:migrate on SQLite", () => {
  it("creates a new database with every migration applied and exits promptly", () => {
    const file = path.join(tempDir(), "fresh.db");
    const { status, signal, stderr, cli } = deploy(`file:${file}`);
    expect(signal, stderr).toBeNull();
    expect(status, stderr).toBe(0);
    expect(cli?.fired, "the Prisma CLI waited for a long timer before exiting").toEqual([]);

    const db = new Database(file, { readonly: true });
    try {
      const applied = db
        .prepare(
          "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
        )
        .all() as Array<{ name: string }>;
      expect(applied.map((m) => m.name)).toEqual(migrationNames("prisma/migrations"));
      expect(
        db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'AuditEntry'`)
          .get(),
      ).toBeTruthy();
    } finally {
      db.close();
    }
  });

  it("does not keep a finished process alive for a long timer, but still runs short ones", () => {
    const run = (script: string) =>
      spawnSync(process.execPath, ["--require", UNREF_PRELOAD, "-e", script], { timeout: 20_000 });
    expect(run("setTimeout(() => process.exit(3), 60_000)").status).toBe(0);
    expect(run("setTimeout(() => process.exit(4), 10)").status).toBe(4);
  });
});

describe.runIf(process.env.TEST_DATABASE === "postgresql")("db:migrate on PostgreSQL", () => {
  it("creates a new database with every migration applied and exits without waiting for the engine's idle timer", async () => {
    const baseUrl = process.env.TEST_POSTGRES_URL!;
    const name = `adal_migrate_test_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const { status, signal, stderr, cli } = deploy(databaseUrlFor(baseUrl, name));
      expect(signal, stderr).toBeNull();
      expect(status, stderr).toBe(0);
      // Without the preload the CLI sits until a 10 s timer fires; with it, that timer is still pending (unref'd) at exit.
      expect(cli?.fired, "the Prisma CLI waited for a long timer before exiting").toEqual([]);

      const db = new pg.Client({ connectionString: databaseUrlFor(baseUrl, name) });
      await db.connect();
      try {
        const { rows } = await db.query<{ name: string }>(
          `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
        );
        expect(rows.map((r) => r.name)).toEqual(migrationNames("prisma/postgresql/migrations"));
      } finally {
        await db.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
