// Minimal recogniser of "the database cannot answer right now" (#11 needs it;
// #12 owns the full version). SQLite: disk full or I/O error. PostgreSQL: the
// server refused or dropped the connection (08xxx, 57P01). Prisma: P1001
// (cannot reach), P1017 (closed the connection), P2024 (pool timeout).
const PRISMA_CODES = new Set(["P1001", "P1017", "P2024"]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "57P01"]);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const record = current as {
      code?: unknown;
      errno?: unknown;
      cause?: unknown;
      message?: unknown;
    };
    if (typeof record.code === "string") codes.push(record.code);
    if (typeof record.message === "string") codes.push(record.message);
    current = record.cause;
  }
  return codes;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return codesOf(error).some(
    (code) =>
      PRISMA_CODES.has(code) ||
      NODE_CODES.has(code) ||
      /^08[0-9A-Z]{3}$/.test(code) ||
      /SQLITE_(FULL|IOERR)/.test(code) ||
      /Connection terminated/i.test(code) ||
      /ECONNREFUSED/.test(code),
  );
}
