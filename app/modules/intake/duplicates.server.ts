// Possible duplicates shown before an intake is saved: the same IIN; the same
// worker name at the same employer; the same employer and category within 90
// days. Only references and the rule that matched are returned — never
// another case's worker identities.
import { prisma } from "~/db.server";
import type { CaseCategory } from "~/generated/prisma/sqlite/enums";
import { normalizeEmployerName } from "~/modules/employers/employers.server";
import { foldForSearch } from "~/utils/text";
import type { IntakeInput } from "./schema";

export type DuplicateReason = "sameIin" | "sameWorkerAndEmployer" | "sameEmployerAndCategory";
export type PossibleDuplicate = {
  reference: string;
  category: CaseCategory;
  createdAt: Date;
  reasons: DuplicateReason[];
};

const WINDOW_DAYS = 90;

async function employerIdsFor(intake: IntakeInput): Promise<string[]> {
  const { id, bin, name } = intake.employer;
  if (id) return [id];
  const or = [
    ...(bin ? [{ bin }] : []),
    ...(name ? [{ normalizedName: normalizeEmployerName(name) }] : []),
  ];
  if (or.length === 0) return [];
  const found = await prisma.employer.findMany({ where: { OR: or }, select: { id: true } });
  return found.map((e) => e.id);
}

export async function findPossibleDuplicates(
  intake: IntakeInput,
  now = new Date(),
): Promise<PossibleDuplicate[]> {
  const found = new Map<string, PossibleDuplicate>();
  const add = (
    row: { reference: string; category: CaseCategory; createdAt: Date },
    reason: DuplicateReason,
  ) => {
    const entry = found.get(row.reference) ?? { ...row, reasons: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    found.set(row.reference, entry);
  };
  const caseFields = { reference: true, category: true, createdAt: true } as const;

  const iins = intake.workers.map((w) => w.iin).filter((v): v is string => Boolean(v));
  if (iins.length > 0) {
    const sameIin = await prisma.case.findMany({
      where: { workers: { some: { identity: { iin: { in: iins } } } } },
      select: caseFields,
      take: 20,
      orderBy: { createdAt: "desc" },
    });
    sameIin.forEach((row) => add(row, "sameIin"));
  }

  const employerIds = await employerIdsFor(intake);
  if (employerIds.length > 0) {
    const atEmployer = { employers: { some: { employerId: { in: employerIds } } } };
    const names = new Set(
      intake.workers.map((w) => w.fullName && foldForSearch(w.fullName)).filter(Boolean),
    );
    if (names.size > 0) {
      // Names are compared here, not in SQL, so that a later encryption of identities keeps this working.
      const candidates = await prisma.case.findMany({
        where: { ...atEmployer, workers: { some: { identity: { isNot: null } } } },
        select: {
          ...caseFields,
          workers: { select: { identity: { select: { fullName: true } } } },
        },
        take: 500,
        orderBy: { createdAt: "desc" },
      });
      for (const { workers, ...row } of candidates) {
        if (workers.some((w) => w.identity && names.has(foldForSearch(w.identity.fullName))))
          add(row, "sameWorkerAndEmployer");
      }
    }
    const since = new Date(now.getTime() - WINDOW_DAYS * 24 * 60 * 60 * 1000);
    const recent = await prisma.case.findMany({
      where: { ...atEmployer, category: intake.category, createdAt: { gte: since } },
      select: caseFields,
      take: 20,
      orderBy: { createdAt: "desc" },
    });
    recent.forEach((row) => add(row, "sameEmployerAndCategory"));
  }
  return [...found.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
