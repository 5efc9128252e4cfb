// The driver adapter the Prisma CLI's JS schema engine migrates with,
// assembled from the workarounds beside this file.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "../../app/db/database-url";
import { SQLITE_PRAGMAS } from "../../app/db/driver-adapter.server";
import { withCatalogTypesAsText } from "./postgres-column-types";
import { withWholeScripts } from "./postgres-scripts";
import { connectToRealShadowDb } from "./postgres-shadow";
import { withScriptAwareShadow } from "./sqlite-shadow";

export function migrationAdapter(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === "sqlite") {
    const sqlite = new PrismaBetterSQLite3({ url: target.filePath, timeout: 5000 });
    return withScriptAwareShadow({
      provider: sqlite.provider,
      adapterName: sqlite.adapterName,
      connect: async () => {
        const adapter = await sqlite.connect();
        await adapter.executeScript(SQLITE_PRAGMAS);
        return adapter;
      },
      connectToShadowDb: () => sqlite.connectToShadowDb(),
    });
  }
  const pg = new PrismaPg({ connectionString: target.url, max: 2, allowExitOnIdle: true });
  return {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => withWholeScripts(withCatalogTypesAsText(await pg.connect())),
    connectToShadowDb: () =>
      connectToRealShadowDb(target.url, (shadow) =>
        withWholeScripts(withCatalogTypesAsText(shadow)),
      ),
  };
}
