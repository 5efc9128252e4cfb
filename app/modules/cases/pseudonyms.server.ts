// The workers of listed cases as lists show them: by pseudonym (docs/decisions/0034). Their
// identities only for an export "with identities" (reason given, step-up passed).
import { readRows } from "~/db/reads.server";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { openersForCases } from "~/modules/keys/case-fields.server";

/** SQLite's default limit of bound values is far above this; one query per this many cases. */
const CHUNK = 500;

/**
 * Each listed case's workers' pseudonyms, in the order they were recorded. No identity is read.
 * One statement through the driver per chunk (app/db/reads.server.ts): it runs on every view of the
 * case list and search, where Prisma took two (the workers, then their cases' references) and
 * compiled each (docs/decisions/0044).
 */
export async function pseudonymsByReference(
  references: readonly string[],
): Promise<Map<string, string[]>> {
  const byReference = new Map<string, string[]>(references.map((r) => [r, []]));
  for (let start = 0; start < references.length; start += CHUNK) {
    const chunk = references.slice(start, start + CHUNK);
    const workers = await readRows(Prisma.sql`
      SELECT c."reference" AS "reference", w."pseudonym" AS "pseudonym"
      FROM "AffectedWorker" w JOIN "Case" c ON c."id" = w."caseId"
      WHERE c."reference" IN (${Prisma.join(chunk)})
      ORDER BY w."caseId", w."createdAt", w."id"`);
    for (const w of workers) byReference.get(String(w.reference))?.push(String(w.pseudonym));
  }
  return byReference;
}

export type ExportedIdentity = {
  pseudonym: string;
  /** Name, IIN, phone and address as far as they are known and readable; null for an anonymous worker. */
  identity: string | null;
};

/** For an export with identities: each case's workers, pseudonym and identity. */
export async function identitiesByReference(
  references: readonly string[],
): Promise<Map<string, ExportedIdentity[]>> {
  const byReference = new Map<string, ExportedIdentity[]>(references.map((r) => [r, []]));
  for (let start = 0; start < references.length; start += CHUNK) {
    const workers = await prisma.affectedWorker.findMany({
      where: { case: { reference: { in: references.slice(start, start + CHUNK) } } },
      orderBy: [{ caseId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        caseId: true,
        pseudonym: true,
        case: { select: { reference: true } },
        identity: { select: { fullName: true, iin: true, phone: true, address: true } },
      },
    });
    const openers = await openersForCases(workers.map((w) => w.caseId));
    for (const w of workers) {
      let identity: string | null = null;
      if (w.identity) {
        const opened = openers.get(w.caseId)!.open("WorkerIdentity", w.id, w.identity);
        identity = [opened.fullName, opened.iin, opened.phone, opened.address]
          .map((field) => (field?.ok ? field.value : null))
          .filter((value): value is string => Boolean(value))
          .join(", ");
      }
      byReference.get(w.case.reference)?.push({ pseudonym: w.pseudonym, identity });
    }
  }
  return byReference;
}
