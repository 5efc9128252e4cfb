// Workaround for @prisma/adapter-pg 6.19's shadow database: given a connection
// string, `connectToShadowDb()` creates a database and then connects with
// `{ connectionString, database }`, where the connection string wins — the
// "shadow" is really the main database, and `migrate dev` would reset it. We
// create a uniquely named database ourselves, point a connection string at it,
// and drop it when the schema engine lets go.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function connectToRealShadowDb(
  connectionString: string,
  prepare: (adapter: SqlDriverAdapter) => SqlDriverAdapter,
): Promise<SqlDriverAdapter> {
  const admin = await new PrismaPg({ connectionString, max: 1, allowExitOnIdle: true }).connect();
  const name = `adal_shadow_${randomBytes(6).toString("hex")}`;
  await admin.executeScript(`CREATE DATABASE "${name}"`);
  const shadow = prepare(
    await new PrismaPg({
      connectionString: withDatabase(connectionString, name),
      max: 2,
      allowExitOnIdle: true,
    }).connect(),
  );
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    try {
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.dispose();
    }
  };
  return shadow;
}
