// Employers are shared records: the intake suggests existing ones and reuses
// a match by BIN or by normalised name, so one company is not entered five ways.
import { prisma, type Tx } from "~/db.server";
import type { Region, Sector } from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";
import { caseScope } from "~/modules/cases/access.server";
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

/** The employer to link: the chosen one, else a match by BIN or name, else a new record. */
export async function resolveEmployer(
  tx: Tx,
  input: EmployerInput,
  fallbackSector: Sector = "OTHER",
): Promise<string | null> {
  if (input.id) {
    const chosen = await tx.employer.findUnique({ where: { id: input.id }, select: { id: true } });
    if (chosen) return chosen.id;
  }
  if (!input.name) return null;
  if (input.bin) {
    const byBin = await tx.employer.findUnique({ where: { bin: input.bin }, select: { id: true } });
    if (byBin) return byBin.id;
  }
  const normalizedName = normalizeEmployerName(input.name);
  if (!input.bin) {
    const byName = await tx.employer.findFirst({
      where: { normalizedName },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    if (byName) return byName.id;
  }
  const data = {
    name: input.name,
    normalizedName,
    bin: input.bin ?? null,
    sector: input.sector ?? fallbackSector,
    region: input.region ?? null,
  };
  // Intakes naming the same new BIN at once must share one row, not fail on the unique BIN:
  // Prisma issues a native INSERT … ON CONFLICT only for a non-empty update, hence the no-op one.
  const created = input.bin
    ? await tx.employer.upsert({
        where: { bin: input.bin },
        create: data,
        update: { bin: input.bin },
        select: { id: true },
      })
    : await tx.employer.create({ data, select: { id: true } });
  return created.id;
}
