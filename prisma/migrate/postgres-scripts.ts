// Workaround for @prisma/adapter-pg 6.19's `executeScript`, which `migrate
// deploy` applies each migration with: it splits the script on every ";" and
// runs the pieces one by one, so a semicolon inside a comment, a string or a
// dollar-quoted `DO $$ … $$` body breaks the migration. Prisma's native engine
// sends the whole script at once; so do we: one simple-protocol query (no
// parameters), which PostgreSQL runs as one implicit transaction.
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

export function withWholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}
