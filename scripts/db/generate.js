#!/usr/bin/env node
// Generates both Prisma clients (SQLite and PostgreSQL) from the one canonical schema.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { CANONICAL, DERIVED, derivePostgresSchema } from "./derive-postgres-schema.js";

mkdirSync(path.dirname(DERIVED), { recursive: true });
writeFileSync(DERIVED, derivePostgresSchema(readFileSync(CANONICAL, "utf8")));

const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of [CANONICAL, DERIVED]) {
  execFileSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "generate", "--schema", schema],
    {
      stdio: "inherit",
      env,
    },
  );
}
