// Workaround for Prisma's JS schema engine on SQLite (Prisma 6.19, engine "js"):
// `migrate dev` replays every existing migration into an in-memory shadow
// database through `executeRaw`, one migration file per call. better-sqlite3's
// `prepare()` refuses a string with more than one statement ("The supplied SQL
// string contains more than one statement"), so any real migration fails with
// P3006. A multi-statement script without parameters is routed to
// `executeScript` (better-sqlite3's `exec`) instead.
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";

const MULTI_STATEMENT = /more than one statement/i;

export function routeScriptsToExec(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (
        query.args.length === 0 &&
        error instanceof Error &&
        MULTI_STATEMENT.test(error.message)
      ) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

export function withScriptAwareShadow(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => routeScriptsToExec(await factory.connectToShadowDb()),
  };
}
