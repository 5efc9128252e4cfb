// The one Prisma client, for SQLite or PostgreSQL as DATABASE_URL says.
// Both generated clients come from the same canonical schema, so the SQLite
// client's types describe either.
import { PrismaClient as PostgresClient } from "~/generated/prisma/postgresql/client";
import { PrismaClient } from "~/generated/prisma/sqlite/client";
import { parseDatabaseUrl } from "./db/database-url";
import { createDriverAdapter } from "./db/driver-adapter.server";

export type Db = PrismaClient;
/** The client inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const database = parseDatabaseUrl();

function createClient(): Db {
  const adapter = createDriverAdapter(database);
  if (database.provider === "postgresql") {
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __adalPrisma?: Db };

// Kept on globalThis in development so that rebuilds do not open new connections.
export const prisma: Db = globalForDb.__adalPrisma ?? createClient();
if (process.env.NODE_ENV === "development") globalForDb.__adalPrisma = prisma;
