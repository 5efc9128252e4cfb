// Prisma CLI configuration: no native engines (engine "js" with a driver
// adapter), and one schema + migrations folder per provider, chosen from
// DATABASE_URL. See docs/decisions/0001-prisma-without-native-engines.md.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { parseDatabaseUrl } from "./app/db/database-url";
import { migrationAdapter } from "./prisma/migrate/adapter";

const target = parseDatabaseUrl();
const folder = target.provider === "postgresql" ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  adapter: async () => migrationAdapter(target),
});
