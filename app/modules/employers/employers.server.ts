// Employers are shared records: the intake suggests existing ones and reuses
// a match by BIN or by normalised name, so one company is not entered five ways.
import { prisma } from "~/db.server";
import type { DirectTx } from "~/db/direct-writes.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { Region, Sector } from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";
import { caseScope } from "~/modules/cases/access.server";
import { newRowId } from "~/modules/keys/case-fields.server";
import { foldForSearch } from "~/utils/text";

// Legal forms people add, drop or abbreviate differently: ТОО, АО, LLP, JSC…
const LEGAL_FORMS =
  /(^|\s)(тоо|ао|оао|зао|ооо|ип|кх|гкп|ргп|жшс|аақ|ақ|too|llp|jsc|llc|ltd|inc|plc|kz)(?=\s|$)/gu;

export function normalizeEmployerName(name: string): string {
  // Punctuation goes, and %, _ and \ too: Prisma's `contains` passes them to LIKE as wildcards.
  return foldForSearch(name)
    .replace(/[«»"“”„'`’.,()%_\\]/g, " ")
    .replace(LEGAL_FORMS, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export type EmployerSuggestion = {
  id: string;
  name: string;
  bin: string | null;
  sector: Sector;
  region: Region | null;
};

const suggestionSelect = { id: true, name: true, bin: true, sector: true, region: true } as const;

const BIN_LENGTH = 12;

/**
 * Up to `take` employers whose BIN starts with, or whose normalised name
 * contains, what was typed — among the employers of cases the caller may
 * reach (caseScope), so that no one learns of other people's intakes by
 * typing. A complete BIN also finds an employer outside that scope: whoever
 * types all twelve digits already knows the company, and reusing its record
 * keeps one company from being entered five ways.
 */
export async function suggestEmployers(
  caller: Caller,
  query: string,
  take = 8,
): Promise<EmployerSuggestion[]> {
  const inScope = { cases: { some: { case: caseScope(caller) } } };
  const digits = query.replace(/\s/g, "");
  if (/^\d{3,12}$/.test(digits)) {
    return prisma.employer.findMany({
      where:
        digits.length === BIN_LENGTH
          ? { OR: [{ bin: digits }, { bin: { startsWith: digits }, ...inScope }] }
          : { bin: { startsWith: digits }, ...inScope },
      select: suggestionSelect,
      take,
      orderBy: { name: "asc" },
    });
  }
  const needle = normalizeEmployerName(query);
  if (needle.length < 2) return [];
  return prisma.employer.findMany({
    where: { normalizedName: { contains: needle }, ...inScope },
    select: suggestionSelect,
    take,
    orderBy: { name: "asc" },
  });
}

export type EmployerInput = {
  id?: string;
  name?: string;
  bin?: string;
  sector?: Sector;
  region?: Region;
};

/** What `resolveEmployer` looks for and would create, worked out before the transaction. */
export type EmployerLookup = {
  id: string | null;
  name: string;
  normalizedName: string;
  bin: string | null;
  sector: Sector;
  region: Region | null;
};

/** The lookup for one employer of the intake; null when it names none. */
export function employerLookup(
  input: EmployerInput,
  fallbackSector: Sector = "OTHER",
): EmployerLookup | null {
  if (!input.id && !input.name) return null;
  const name = input.name ?? "";
  return {
    id: input.id ?? null,
    name,
    normalizedName: normalizeEmployerName(name),
    bin: input.bin ?? null,
    sector: input.sector ?? fallbackSector,
    region: input.region ?? null,
  };
}

/** An employer linked to a case: what the case's search text keeps of it. */
export type LinkedEmployer = { id: string; name: string; bin: string | null };

/**
 * The employer to link: the chosen one, else a match by BIN or name, else a new record.
 * In the intake's transaction, straight through the driver (app/db/direct-writes.server.ts).
 */
export async function resolveEmployer(
  tx: DirectTx,
  lookup: EmployerLookup | null,
  now: Date,
): Promise<LinkedEmployer | null> {
  if (!lookup) return null;
  if (lookup.id) {
    const chosen = await tx.get<LinkedEmployer>(
      Prisma.sql`SELECT "id", "name", "bin" FROM "Employer" WHERE "id" = ${lookup.id}`,
    );
    if (chosen) return chosen;
  }
  if (!lookup.name) return null;
  if (lookup.bin) {
    const byBin = await tx.get<LinkedEmployer>(
      Prisma.sql`SELECT "id", "name", "bin" FROM "Employer" WHERE "bin" = ${lookup.bin}`,
    );
    if (byBin) return byBin;
  } else {
    const byName = await tx.get<LinkedEmployer>(Prisma.sql`
      SELECT "id", "name", "bin" FROM "Employer" WHERE "normalizedName" = ${lookup.normalizedName}
      ORDER BY "createdAt" ASC LIMIT 1`);
    if (byName) return byName;
  }
  // Intakes naming the same new BIN at once (PostgreSQL) must share one row, not fail on the
  // unique BIN: the later one waits for the first to commit, inserts nothing and reads its row.
  // No row lock is taken (an update would lock the row against the case links' foreign-key
  // checks of other intakes, and deadlock with the reference counter).
  const created = await tx.get<LinkedEmployer>(Prisma.sql`
    INSERT INTO "Employer" ("id", "name", "normalizedName", "bin", "sector", "region", "createdAt", "updatedAt")
    VALUES (${newRowId()}, ${lookup.name}, ${lookup.normalizedName}, ${lookup.bin}, ${lookup.sector}, ${lookup.region}, ${now}, ${now})
    ON CONFLICT ("bin") DO NOTHING
    RETURNING "id", "name", "bin"`);
  if (created) return created;
  const existing = await tx.get<LinkedEmployer>(
    Prisma.sql`SELECT "id", "name", "bin" FROM "Employer" WHERE "bin" = ${lookup.bin}`,
  );
  if (!existing) throw new Error("An employer's BIN conflicted and then could not be found");
  return existing;
}
