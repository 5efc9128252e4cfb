// The employer register: every employer with cases in the caller's scope, what
// those cases say about it, the repeat-offender flags and their rules, the
// chain above it, and merging two records of one company (reversible).
// Employers are organizations and are named; workers never appear here.
// A record merged into another counts as that other (COALESCE(mergedIntoId, id)).
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { CaseCategory, EmployerRole, Region, Sector } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { caseScopeSql } from "~/modules/cases/scope-sql.server";
import { DomainError } from "~/utils/domain-error";

import { REPEAT_CASES, type EmployerFlag } from "./flags";

export { FLAG_RULES, REPEAT_CASES, type EmployerFlag } from "./flags";

export type EmployerRow = {
  id: string;
  name: string;
  bin: string | null;
  sector: Sector;
  region: Region | null;
  cases: number;
  workers: number;
  flags: EmployerFlag[];
};

const toNumber = (v: unknown) => Number(v ?? 0);
const YEAR = 365 * 86_400_000;

function flagsOf(row: Record<string, unknown>): EmployerFlag[] {
  const flags: EmployerFlag[] = [];
  if (toNumber(row.recent) >= REPEAT_CASES) flags.push("REPEAT");
  if (toNumber(row.forced) > 0) flags.push("FORCED_LABOUR");
  if (toNumber(row.deaths) > 0) flags.push("DEATH");
  if (toNumber(row.detained) > 0) flags.push("DETAINED_ACTIVIST");
  return flags;
}

/** Per employer (merged records folded in): the cases in scope and what the flags need. */
function tallySql(
  caller: Caller,
  now: Date,
  only?: string,
  among?: { employerIds: string[]; excludeCaseIds: string[] },
) {
  return Prisma.sql`
    SELECT COALESCE(e."mergedIntoId", e."id") AS id,
           COUNT(DISTINCT c."id") AS cases,
           COUNT(DISTINCT CASE WHEN c."incidentStart" >= ${new Date(now.getTime() - YEAR)} THEN c."id" END) AS recent,
           COUNT(DISTINCT CASE WHEN c."category" = 'FORCED_LABOR' THEN c."id" END) AS forced,
           COUNT(DISTINCT CASE WHEN c."category" = 'DETAINED_ACTIVIST' THEN c."id" END) AS detained,
           COUNT(DISTINCT CASE WHEN c."category" = 'UNSAFE_CONDITIONS' AND c."facts" LIKE '%"kind":"DEATH"%' THEN c."id" END) AS deaths
    FROM "Employer" e
    JOIN "CaseEmployer" ce ON ce."employerId" = e."id"
    JOIN "Case" c ON c."id" = ce."caseId"
    WHERE ${caseScopeSql(caller, "c")}
      ${only ? Prisma.sql`AND (e."id" = ${only} OR e."mergedIntoId" = ${only})` : Prisma.empty}
      ${among ? Prisma.sql`AND (e."id" IN (${Prisma.join(among.employerIds)}) OR e."mergedIntoId" IN (${Prisma.join(among.employerIds)}))` : Prisma.empty}
      ${among && among.excludeCaseIds.length ? Prisma.sql`AND c."id" NOT IN (${Prisma.join(among.excludeCaseIds)})` : Prisma.empty}
    GROUP BY COALESCE(e."mergedIntoId", e."id")`;
}

/** Workers affected per employer: distinct cases, so a case naming it twice counts once. */
async function workersOf(caller: Caller, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT k.id AS id, SUM(c."unnamedWorkerCount" + (SELECT COUNT(*) FROM "AffectedWorker" w WHERE w."caseId" = c."id")) AS workers
    FROM (SELECT DISTINCT COALESCE(e."mergedIntoId", e."id") AS id, ce."caseId" AS "caseId"
          FROM "Employer" e JOIN "CaseEmployer" ce ON ce."employerId" = e."id"
          WHERE e."id" IN (${Prisma.join(ids)}) OR e."mergedIntoId" IN (${Prisma.join(ids)})) k
    JOIN "Case" c ON c."id" = k."caseId"
    WHERE ${caseScopeSql(caller, "c")}
    GROUP BY k.id`;
  return new Map(rows.map((r) => [String(r.id), toNumber(r.workers)]));
}

function assertCoordinator(caller: Caller) {
  if (caller.role !== "COORDINATOR") throw DomainError.forbidden();
}

export async function listEmployers(
  caller: Caller,
  options: { flaggedOnly?: boolean; now?: Date } = {},
): Promise<EmployerRow[]> {
  assertCoordinator(caller);
  const tallies = await prisma.$queryRaw<Record<string, unknown>[]>(
    tallySql(caller, options.now ?? new Date()),
  );
  const byId = new Map(tallies.map((t) => [String(t.id), t]));
  const records = await prisma.employer.findMany({
    where: { id: { in: [...byId.keys()] } },
    select: { id: true, name: true, bin: true, sector: true, region: true },
    orderBy: { name: "asc" },
  });
  const workers = await workersOf(
    caller,
    records.map((r) => r.id),
  );
  const rows = records.map((r) => {
    const tally = byId.get(r.id)!;
    return {
      ...r,
      cases: toNumber(tally.cases),
      workers: workers.get(r.id) ?? 0,
      flags: flagsOf(tally),
    };
  });
  return options.flaggedOnly ? rows.filter((r) => r.flags.length > 0) : rows;
}

export type EmployerDetail = EmployerRow & {
  casesByCategory: { category: CaseCategory; year: number; cases: number }[];
  money: { currency: string; amountMinor: string }[];
  reinstated: number;
  /** Other companies named on the same cases, and how. */
  chain: { id: string; name: string; role: EmployerRole; cases: number; flags: EmployerFlag[] }[];
  /** Records merged into this one: each can be split off again. */
  merged: { id: string; name: string; bin: string | null }[];
  mergedInto: { id: string; name: string } | null;
};

/** One employer as the caller may see it: not found unless a case in their scope names it. */
export async function employerDetail(
  caller: Caller,
  employerId: string,
  now = new Date(),
): Promise<EmployerDetail> {
  assertCoordinator(caller);
  const record = await prisma.employer.findUnique({
    where: { id: employerId },
    select: { id: true, name: true, bin: true, sector: true, region: true, mergedIntoId: true },
  });
  if (!record) throw DomainError.notFound();
  const canonicalId = record.mergedIntoId ?? record.id;
  const [tally] = await prisma.$queryRaw<Record<string, unknown>[]>(
    tallySql(caller, now, canonicalId),
  );
  if (!tally) throw DomainError.notFound();
  const caseIds = (
    await prisma.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT c."id" AS id FROM "Case" c
      JOIN "CaseEmployer" ce ON ce."caseId" = c."id"
      JOIN "Employer" e ON e."id" = ce."employerId"
      WHERE (e."id" = ${canonicalId} OR e."mergedIntoId" = ${canonicalId}) AND ${caseScopeSql(caller, "c")}`
  ).map((r) => r.id);
  const cases = await prisma.case.findMany({
    where: { id: { in: caseIds } },
    select: { category: true, incidentStart: true },
  });
  const tallyKey = new Map<string, { category: CaseCategory; year: number; cases: number }>();
  for (const c of cases) {
    const year = c.incidentStart.getUTCFullYear();
    const key = `${c.category}:${year}`;
    const entry = tallyKey.get(key) ?? { category: c.category, year, cases: 0 };
    entry.cases += 1;
    tallyKey.set(key, entry);
  }
  const outcomes = await prisma.caseOutcome.groupBy({
    by: ["kind", "currency"],
    where: { caseId: { in: caseIds }, kind: { in: ["WAGES_RECOVERED", "REINSTATED"] } },
    _count: { _all: true, people: true },
    _sum: { amountMinor: true, people: true },
  });
  const links = await prisma.caseEmployer.findMany({
    where: { caseId: { in: caseIds } },
    select: { role: true, employer: { select: { id: true, name: true, mergedIntoId: true } } },
  });
  const chainMap = new Map<string, { id: string; name: string; role: EmployerRole }>();
  for (const link of links) {
    const id = link.employer.mergedIntoId ?? link.employer.id;
    if (id === canonicalId) continue;
    chainMap.set(`${id}:${link.role}`, { id, name: link.employer.name, role: link.role });
  }
  const chainIds = [...new Set([...chainMap.values()].map((c) => c.id))];
  const chainTallies = chainIds.length
    ? await prisma.$queryRaw<Record<string, unknown>[]>(
        tallySql(caller, now, undefined, { employerIds: chainIds, excludeCaseIds: [] }),
      )
    : [];
  const chainTally = new Map(chainTallies.map((t) => [String(t.id), t]));
  const canonical =
    canonicalId === record.id
      ? record
      : await prisma.employer.findUniqueOrThrow({
          where: { id: canonicalId },
          select: {
            id: true,
            name: true,
            bin: true,
            sector: true,
            region: true,
            mergedIntoId: true,
          },
        });
  const merged = await prisma.employer.findMany({
    where: { mergedIntoId: canonicalId },
    select: { id: true, name: true, bin: true },
    orderBy: { name: "asc" },
  });
  const workers = await workersOf(caller, [canonicalId]);
  return {
    id: canonical.id,
    name: canonical.name,
    bin: canonical.bin,
    sector: canonical.sector,
    region: canonical.region,
    cases: toNumber(tally.cases),
    workers: workers.get(canonicalId) ?? 0,
    flags: flagsOf(tally),
    casesByCategory: [...tallyKey.values()].sort(
      (a, b) => a.year - b.year || a.category.localeCompare(b.category),
    ),
    money: outcomes
      .filter((o) => o.kind === "WAGES_RECOVERED" && o.currency && o._sum.amountMinor !== null)
      .map((o) => ({ currency: o.currency!, amountMinor: BigInt(o._sum.amountMinor!).toString() })),
    reinstated: outcomes
      .filter((o) => o.kind === "REINSTATED")
      .reduce((s, o) => s + (o._sum.people ?? 0) + (o._count._all - o._count.people), 0),
    chain: [...chainMap.values()].map((c) => ({
      ...c,
      cases: toNumber(chainTally.get(c.id)?.cases),
      flags: chainTally.get(c.id) ? flagsOf(chainTally.get(c.id)!) : [],
    })),
    merged,
    mergedInto: null,
  };
}

/**
 * Merges two records of one company: the one without a BIN (or `fromId` when
 * neither has one) points to the other from now on; nothing else is rewritten,
 * so the merge can be undone. Refused: a record into itself, two different
 * BINs, a record already merged or with records merged into it.
 */
export async function mergeEmployers(
  caller: Caller,
  input: { fromId: string; intoId: string },
  context: RequestContext,
): Promise<{ survivorId: string }> {
  assertCoordinator(caller);
  if (input.fromId === input.intoId)
    throw DomainError.invalidField("into", "employers.errors.self");
  // Both must be within the caller's reach.
  const [from, into] = await Promise.all([
    employerDetail(caller, input.fromId),
    employerDetail(caller, input.intoId),
  ]);
  if (from.id === into.id) throw DomainError.invalidField("into", "employers.errors.self");
  return prisma.$transaction(async (tx) => {
    const records = await tx.employer.findMany({
      where: { id: { in: [input.fromId, input.intoId] } },
      select: { id: true, bin: true, mergedIntoId: true, _count: { select: { cases: true } } },
    });
    const a = records.find((r) => r.id === input.fromId);
    const b = records.find((r) => r.id === input.intoId);
    if (!a || !b) throw DomainError.notFound();
    if (a.mergedIntoId || b.mergedIntoId)
      throw DomainError.invalidField("into", "employers.errors.alreadyMerged");
    if (a.bin && b.bin && a.bin !== b.bin)
      throw DomainError.invalidField("into", "employers.errors.twoBins");
    const hasMerged = await tx.employer.count({ where: { mergedIntoId: { in: [a.id, b.id] } } });
    const [survivor, absorbed] = a.bin && !b.bin ? [a, b] : [b, a];
    if (hasMerged > 0 && (await tx.employer.count({ where: { mergedIntoId: absorbed.id } })) > 0)
      throw DomainError.invalidField("into", "employers.errors.alreadyMerged");
    await tx.employer.update({ where: { id: absorbed.id }, data: { mergedIntoId: survivor.id } });
    await appendAudit(tx, {
      action: "employer.merged",
      actorId: caller.id,
      targetType: "employer",
      targetId: absorbed.id,
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
      details: { into: survivor.id },
    });
    return { survivorId: survivor.id };
  });
}

/** Undoes a merge: the record counts on its own again. */
export async function unmergeEmployer(
  caller: Caller,
  employerId: string,
  context: RequestContext,
): Promise<{ survivorId: string }> {
  assertCoordinator(caller);
  const record = await prisma.employer.findUnique({
    where: { id: employerId },
    select: { id: true, mergedIntoId: true },
  });
  if (!record?.mergedIntoId) throw DomainError.invalidField("form", "employers.errors.notMerged");
  await employerDetail(caller, record.mergedIntoId);
  await prisma.$transaction(async (tx) => {
    await tx.employer.update({ where: { id: record.id }, data: { mergedIntoId: null } });
    await appendAudit(tx, {
      action: "employer.unmerged",
      actorId: caller.id,
      targetType: "employer",
      targetId: record.id,
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
      details: { from: record.mergedIntoId },
    });
  });
  return { survivorId: record.mergedIntoId };
}

export type FlaggedLink = { id: string; name: string; role: EmployerRole; flags: EmployerFlag[] };

/**
 * For triage: the flagged companies each of these cases names (employer,
 * parent, contractor or agency), flagged by the other cases in the caller's
 * scope — what they have done before, not the case being triaged.
 */
export async function flaggedEmployersOf(
  caller: Caller,
  caseIds: string[],
  now = new Date(),
): Promise<Record<string, FlaggedLink[]>> {
  if (caseIds.length === 0) return {};
  const links = await prisma.caseEmployer.findMany({
    where: { caseId: { in: caseIds } },
    select: {
      caseId: true,
      role: true,
      employer: { select: { id: true, name: true, mergedIntoId: true } },
    },
  });
  const employerIds = [...new Set(links.map((l) => l.employer.mergedIntoId ?? l.employer.id))];
  if (employerIds.length === 0) return {};
  const tallies = await prisma.$queryRaw<Record<string, unknown>[]>(
    tallySql(caller, now, undefined, { employerIds, excludeCaseIds: caseIds }),
  );
  const flags = new Map(tallies.map((t) => [String(t.id), flagsOf(t)]));
  const result: Record<string, FlaggedLink[]> = {};
  for (const link of links) {
    const id = link.employer.mergedIntoId ?? link.employer.id;
    const found = flags.get(id) ?? [];
    if (found.length === 0) continue;
    (result[link.caseId] ??= []).push({
      id,
      name: link.employer.name,
      role: link.role,
      flags: found,
    });
  }
  return result;
}

export async function recordEvidencePack(
  caller: Caller,
  employerId: string,
  context: RequestContext,
) {
  await prisma.$transaction((tx) =>
    appendAudit(tx, {
      action: "employer.evidence_pack",
      actorId: caller.id,
      targetType: "employer",
      targetId: employerId,
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
    }),
  );
}
