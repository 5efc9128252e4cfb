// The PostgreSQL schema is derived from the canonical SQLite one; these keep
// the committed copy in step and the derivation to the lines that must differ.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CANONICAL, DERIVED, derivePostgresSchema } from "./derive-postgres-schema.js";

/** The schema's lines after its leading comment block. */
const body = (schema: string) => schema.replace(/^(\/\/[^\n]*\n)+\n?/, "").split("\n");

// About files in the repository, not the database: once is enough.
describe.runIf(process.env.TEST_DATABASE === "sqlite")("derived PostgreSQL schema", () => {
  it("is up to date with the canonical schema (`--check` passes)", () => {
    const { status, stderr } = spawnSync(
      process.execPath,
      ["scripts/db/derive-postgres-schema.js", "--check"],
      {
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });

  it("differs from the canonical schema only in the provider, the url and the client's output folder", () => {
    const canonical = readFileSync(CANONICAL, "utf8");
    const derived = derivePostgresSchema(canonical);
    expect(derived).toBe(readFileSync(DERIVED, "utf8"));
    expect(derived).toMatch(/^\/\/ GENERATED from prisma\/schema\.prisma/);

    const from = body(canonical);
    const to = body(derived);
    expect(to).toHaveLength(from.length);
    const setting = (line: string) => {
      const [, key = line, value = ""] = /^\s*(\w+)\s*=\s*(.*)$/.exec(line) ?? [];
      return { key, value };
    };
    const changed = from.flatMap((line, i) =>
      line === to[i] ? [] : [{ was: setting(line), now: setting(to[i]!) }],
    );
    expect(changed.map(({ was, now }) => [was.key, now.key])).toEqual([
      ["output", "output"],
      ["provider", "provider"],
      ["url", "url"],
    ]);
    expect(changed.map(({ now }) => now.value)).toEqual([
      '"../../app/generated/prisma/postgresql"',
      '"postgresql"',
      '"postgresql://localhost/adal"',
    ]);
  });

  it("refuses to derive from a canonical schema it no longer recognises", () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(
      /no longer matches/,
    );
  });
});
