// `npm run db:migration <name>` replays the existing migrations into scratch
// databases and asks Prisma for the difference. It works around P1014 (a
// fresh database has no `_prisma_migrations` table for `migrate dev`) and the
// WASM engine's crash after writing a migration.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPrisma } from "./prisma.js";

const root = path.resolve(__dirname, "../..");
const folders = () => [
  ...readdirSync(path.join(root, "prisma/migrations")),
  ...readdirSync(path.join(root, "prisma/postgresql/migrations")),
];

// Runs once (in the SQLite project), and only where a PostgreSQL server is available.
describe.runIf(process.env.TEST_DATABASE === "sqlite" && process.env.TEST_POSTGRES_URL)(
  "db:migration",
  () => {
    it("still meets Prisma's P1014 when `migrate dev` starts on a fresh database (the upstream defect worked around)", () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "adal-p1014-"));
      try {
        const result = runPrisma(
          ["migrate", "dev", "--create-only", "--skip-generate", "--name", "probe"],
          {
            databaseUrl: `file:${path.join(dir, "fresh.db")}`,
            stdio: "pipe",
          },
        );
        expect(result.status).not.toBe(0);
        expect(result.stdout + result.stderr).toContain("P1014");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("writes no migration for either provider when the schema has not changed", () => {
      const before = folders();
      const result = spawnSync(
        process.execPath,
        ["scripts/db/migrate.js", "new", "no_change_probe"],
        {
          cwd: root,
          encoding: "utf8",
          timeout: 60_000,
          env: { ...process.env, MIGRATIONS_POSTGRES_URL: process.env.TEST_POSTGRES_URL },
        },
      );
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("prisma/migrations: no schema change");
      expect(result.stdout).toContain("prisma/postgresql/migrations: no schema change");
      expect(folders()).toEqual(before);
    });

    it("refuses to write a one-sided migration without a PostgreSQL server", () => {
      const env = { ...process.env };
      delete env.TEST_POSTGRES_URL;
      delete env.MIGRATIONS_POSTGRES_URL;
      const before = folders();
      const result = spawnSync(
        process.execPath,
        ["scripts/db/migrate.js", "new", "one_sided_probe"],
        { cwd: root, encoding: "utf8", env },
      );
      expect(result.status).toBe(1);
      expect(folders()).toEqual(before);
    });
  },
);
