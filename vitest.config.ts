import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Every test file gets a fresh, migrated database: SQLite always, and
// PostgreSQL too when TEST_POSTGRES_URL is set (a second project runs the
// same files there). See tests/setup/.
const shared = {
  include: [
    "app/**/*.test.{ts,tsx}",
    "prisma/**/*.test.ts",
    "scripts/**/*.test.ts",
    "tests/**/*.test.ts",
  ],
  setupFiles: ["tests/setup/per-file-database.ts"],
  testTimeout: 20_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    globalSetup: ["tests/setup/template-databases.ts"],
    // The tests wait on their databases as much as they compute: at least two files at a time,
    // even on two cores (Vitest's default there is one; 691 s → 409 s for both databases).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true as const,
        test: { ...shared, name: "sqlite", env: { TEST_DATABASE: "sqlite" } },
      },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              extends: true as const,
              test: { ...shared, name: "postgresql", env: { TEST_DATABASE: "postgresql" } },
            },
          ]
        : []),
    ],
  },
});
