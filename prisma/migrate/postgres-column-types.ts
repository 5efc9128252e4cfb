// Workaround for prisma/prisma#27403: the JS schema engine introspects
// PostgreSQL's catalogs, whose columns of type `name` (OID 19) and `char`
// (OID 18) @prisma/adapter-pg 6.19 cannot map ("Column type 'name' could not be
// deserialized"), so every migrate command fails. pg already returns both as
// strings; we report them as `text` (OID 25) before the adapter maps types.
// Only the migration adapter is patched — the app never reads catalog columns.
import type { SqlDriverAdapter, SqlQueryable, Transaction } from "@prisma/driver-adapter-utils";

const TEXT_OID = 25;
const AS_TEXT = new Set([18 /* "char" */, 19 /* name */]);

type PgResult = { fields?: Array<{ dataTypeID: number }> };
// A multi-statement script yields one result per statement.
type WithPerformIO = { performIO: (query: unknown) => Promise<PgResult | PgResult[]> };

function reportAsText<T extends SqlQueryable>(queryable: T): T {
  const target = queryable as unknown as WithPerformIO;
  if (typeof target.performIO !== "function") {
    throw new Error(
      "@prisma/adapter-pg changed: performIO is gone; revisit prisma/migrate/postgres-column-types.ts",
    );
  }
  const performIO = target.performIO.bind(queryable);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const { fields = [] } of Array.isArray(result) ? result : [result]) {
      for (const field of fields) {
        if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      }
    }
    return result;
  };
  return queryable;
}

export function withCatalogTypesAsText(adapter: SqlDriverAdapter): SqlDriverAdapter {
  reportAsText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    reportAsText<Transaction>(await startTransaction(isolationLevel));
  return adapter;
}
