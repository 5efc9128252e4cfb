// Possible duplicates shown before an intake is saved: the same IIN or phone
// number; the same worker name at the same employer; the same employer and
// category within 90 days. Only references and the rule that matched are
// returned — never another case's worker identities.
//
// IINs and phones are compared through their keyed blind indexes and names by
// opening the candidates' identities with their case keys (docs/decisions/
// 0013, 0027). While the server is sealed only the employer rule can run; the
// others run for that intake when the server is next unsealed
// (sealed-intakes.server.ts), and triage shows what they find.
import { prisma, type Tx } from "~/db.server";
import type { CaseCategory } from "~/generated/prisma/sqlite/enums";
import { normalizeEmployerName } from "~/modules/employers/employers.server";
import { blindIin, blindPhone } from "~/modules/keys/blind-index.server";
import {
  blindIndexKeysIfUnsealed,
  openersForCases,
  valueOf,
} from "~/modules/keys/case-fields.server";
import { foldForSearch } from "~/utils/text";
import type { IntakeInput } from "./schema";

export type DuplicateReason =
  "sameIin" | "samePhone" | "sameWorkerAndEmployer" | "sameEmployerAndCategory";
export type PossibleDuplicate = {
  reference: string;
  category: CaseCategory;
  createdAt: Date;
  reasons: DuplicateReason[];
};
type Candidate = { id: string; reference: string; category: CaseCategory; createdAt: Date };

const WINDOW_DAYS = 90;
const NAME_CANDIDATES = 500;
const caseFields = { id: true, reference: true, category: true, createdAt: true } as const;

/** What a new (or sealed-at-intake) case is compared by: all in clear but the indexes. */
export type DuplicateProbe = {
  /** The case itself, when it is already saved: never its own duplicate. */
  caseId?: string;
  category: CaseCategory;
  employerIds: string[];
  iinIndexes: string[];
  phoneIndexes: string[];
  /** Worker names, folded. */
  names: string[];
  /** The employer rule looks back from here. */
  at: Date;
  /** false: only the identity rules (the employer rule already ran at intake). */
  employerRule?: boolean;
};

type Db = Pick<Tx, "case" | "caseKey">;

export async function duplicatesOf(probe: DuplicateProbe, db: Db = prisma) {
  const found = new Map<string, PossibleDuplicate & { id: string }>();
  const add = (row: Candidate, reason: DuplicateReason) => {
    if (row.id === probe.caseId) return;
    const entry = found.get(row.id) ?? { ...row, reasons: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    found.set(row.id, entry);
  };
  const notSelf = probe.caseId ? { id: { not: probe.caseId } } : {};

  for (const [reason, column, values] of [
    ["sameIin", "iinIndex", probe.iinIndexes],
    ["samePhone", "phoneIndex", probe.phoneIndexes],
  ] as const) {
    if (values.length === 0) continue;
    const same = await db.case.findMany({
      where: { ...notSelf, workers: { some: { identity: { [column]: { in: values } } } } },
      select: caseFields,
      take: 20,
      orderBy: { createdAt: "desc" },
    });
    same.forEach((row) => add(row, reason));
  }

  if (probe.employerIds.length > 0) {
    const atEmployer = { employers: { some: { employerId: { in: probe.employerIds } } } };
    const names = new Set(probe.names);
    if (names.size > 0) {
      // Names are sealed: the candidates' are opened with their case keys and compared here.
      const candidates = await db.case.findMany({
        where: { ...notSelf, ...atEmployer, workers: { some: { identity: { isNot: null } } } },
        select: {
          ...caseFields,
          workers: { select: { id: true, identity: { select: { fullName: true } } } },
        },
        take: NAME_CANDIDATES,
        orderBy: { createdAt: "desc" },
      });
      const openers = await openersForCases(
        candidates.map((c) => c.id),
        db,
      );
      for (const { workers, ...row } of candidates) {
        const opener = openers.get(row.id)!;
        const same = workers.some((w) => {
          if (!w.identity) return false;
          const name = valueOf(
            opener.openOne("WorkerIdentity", "fullName", w.id, w.identity.fullName),
          );
          return name != null && names.has(foldForSearch(name));
        });
        if (same) add(row, "sameWorkerAndEmployer");
      }
    }
    if (probe.employerRule !== false) {
      const since = new Date(probe.at.getTime() - WINDOW_DAYS * 24 * 60 * 60 * 1000);
      const recent = await db.case.findMany({
        where: { ...notSelf, ...atEmployer, category: probe.category, createdAt: { gte: since } },
        select: caseFields,
        take: 20,
        orderBy: { createdAt: "desc" },
      });
      recent.forEach((row) => add(row, "sameEmployerAndCategory"));
    }
  }
  return [...found.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

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

/** The warnings shown before an intake is saved (the identity rules only while unsealed). */
export async function findPossibleDuplicates(
  intake: IntakeInput,
  now = new Date(),
): Promise<PossibleDuplicate[]> {
  const keys = blindIndexKeysIfUnsealed();
  const present = <T>(values: Array<T | null | undefined>) =>
    values.filter((v): v is T => v != null && v !== "");
  const found = await duplicatesOf({
    category: intake.category,
    employerIds: await employerIdsFor(intake),
    iinIndexes: keys ? present(intake.workers.map((w) => w.iin && blindIin(keys, w.iin))) : [],
    phoneIndexes: keys
      ? present(intake.workers.map((w) => w.phone && blindPhone(keys, w.phone)))
      : [],
    names: keys ? present(intake.workers.map((w) => w.fullName && foldForSearch(w.fullName))) : [],
    at: now,
  });
  return found.map(({ id: _id, ...rest }) => rest);
}
