// Which database Adal talks to, decided once from DATABASE_URL.
import path from "node:path";

export type DatabaseTarget =
  { provider: "sqlite"; url: string; filePath: string } | { provider: "postgresql"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/adal.db";

/** `file:` → SQLite (path relative to the working directory), `postgres(ql)://` → PostgreSQL. */
export function parseDatabaseUrl(
  url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
): DatabaseTarget {
  if (url.startsWith("file:")) {
    const raw = url.slice("file:".length).split("?")[0];
    if (!raw) throw new Error("DATABASE_URL has an empty SQLite file path");
    const filePath = raw === ":memory:" ? raw : path.resolve(raw);
    return { provider: "sqlite", url, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { provider: "postgresql", url };
  }
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}
