// The employer register: every employer with cases in the caller's scope, what
// those cases say about it, the repeat-offender flags and their rules, the
// chain above it, and merging two records of one company (reversible).
// Employers are organizations and are named; workers never appear here.
// A record merged into another counts as that other (COALESCE(mergedIntoId, id)).
import { prisma } from "~/db.server";
import { instant, readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { CaseCategory, EmployerRole, Region, Sector } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { caseScope } from "~/modules/cases/access.server";
import { caseScopeSql } from "~/modules/cases/scope-sql.server";
import { DomainError } from "~/utils/domain-error";

import { normalizeEmployerName } from "./employers.server";

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

type Tally = {
  cases: unknown;
  recent: unknown;
  forced: unknown;
  detained: unknown;
  deaths: unknown;
  workers?: unknown;
};

function flagsOf(row: Tally): EmployerFlag[] {
  const flags: EmployerFlag[] = [];
  if (toNumber(row.recent) >= REPEAT_CASES) flags.push("REPEAT");
  if (toNumber(row.forced) > 0) flags.push("FORCED_LABOUR");
  if (toNumber(row.deaths) > 0) flags.push("DEATH");
  if (toNumber(row.detained) > 0) flags.push("DETAINED_ACTIVIST");
  return flags;
}

/**
 * The caller's scope on an "EmployerCase" row (alias t). The register is the
 * coordinators' (0019), and a coordinator's scope is the case's region, which
 * the row carries: caseScopeSql reads no other column for them.
 */
function tallyScope(caller: Caller): Prisma.Sql {
  assertCoordinator(caller);
  return caseScopeSql(caller, "t");
}

/**
 * Per company (merged records folded in by the triggers that keep
 * "EmployerCase", docs/decisions/0038): the cases in scope, the workers they
 * affect and what the flags need. Each (company, case) pair is one row, so a
 * case naming a company twice counts once.
 */
function tallySql(
  caller: Caller,
  now: Date,
  among?: { employerIds: string[]; excludeCaseIds: string[] },
) {
  return Prisma.sql`
    SELECT t."employerId" AS id,
           COUNT(*) AS cases,
           SUM(CASE WHEN t."incidentStart" >= ${new Date(now.getTime() - YEAR)} THEN 1 ELSE 0 END) AS recent,
           SUM(CASE WHEN t."category" = 'FORCED_LABOR' THEN 1 ELSE 0 END) AS forced,
           SUM(CASE WHEN t."category" = 'DETAINED_ACTIVIST' THEN 1 ELSE 0 END) AS detained,
           SUM(CASE WHEN t."death" THEN 1 ELSE 0 END) AS deaths,
           SUM(t."workers") AS workers
    FROM "EmployerCase" t
    WHERE ${tallyScope(caller)}
      ${among ? Prisma.sql`AND t."employerId" IN (${Prisma.join(among.employerIds)})` : Prisma.empty}
      ${among && among.excludeCaseIds.length ? Prisma.sql`AND t."caseId" NOT IN (${Prisma.join(among.excludeCaseIds)})` : Prisma.empty}
    GROUP BY t."employerId"`;
}

function assertCoordinator(caller: Caller) {
  if (caller.role !== "COORDINATOR") throw DomainError.forbidden();
}

export async function listEmployers(
  caller: Caller,
  options: { flaggedOnly?: boolean; now?: Date } = {},
): Promise<EmployerRow[]> {
  assertCoordinator(caller);
  const rows = (
    await readRows(Prisma.sql`
      SELECT t.*, r."name" AS name, r."bin" AS bin, r."sector" AS sector, r."region" AS region
      FROM (${tallySql(caller, options.now ?? new Date())}) t
      JOIN "Employer" r ON r."id" = t.id
      ORDER BY r."name" ASC`)
  ).map((t) => ({
    id: String(t.id),
    name: String(t.name),
    bin: t.bin === null || t.bin === undefined ? null : String(t.bin),
    sector: t.sector as Sector,
    region: (t.region ?? null) as Region | null,
    cases: toNumber(t.cases),
    workers: toNumber(t.workers),
    flags: flagsOf(t as Tally),
  }));
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

type EmployerRecord = {
  id: string;
  name: string;
  bin: string | null;
  sector: Sector;
  region: Region | null;
  mergedIntoId: string | null;
};

const nullable = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function employerRecord(id: string): Promise<EmployerRecord | null> {
  const [row] = await readRows(Prisma.sql`
    SELECT e."id", e."name", e."bin", e."sector", e."region", e."mergedIntoId"
    FROM "Employer" e WHERE e."id" = ${id}`);
  if (!row) return null;
  return {
    id: String(row.id),
    name: String(row.name),
    bin: nullable(row.bin),
    sector: row.sector as Sector,
    region: nullable(row.region) as Region | null,
    mergedIntoId: nullable(row.mergedIntoId),
  };
}

/**
 * One employer as the caller may see it: not found unless a case in their scope names it.
 * Every read goes through the driver (readRows): on a loaded machine each Prisma query
 * costs 10–30 ms of engine time, more than these statements themselves (0038).
 */
export async function employerDetail(
  caller: Caller,
  employerId: string,
  now = new Date(),
): Promise<EmployerDetail> {
  assertCoordinator(caller);
  const record = await employerRecord(employerId);
  if (!record) throw DomainError.notFound();
  const canonicalId = record.mergedIntoId ?? record.id;
  // The company's cases in scope, one row each: its tally, its cases by category and year.
  const rows = await readRows(Prisma.sql`
    SELECT t."caseId" AS "caseId", t."category" AS category, t."incidentStart" AS "incidentStart",
           t."workers" AS workers, t."death" AS death
    FROM "EmployerCase" t
    WHERE t."employerId" = ${canonicalId} AND ${tallyScope(caller)}`);
  if (rows.length === 0) throw DomainError.notFound();
  const since = now.getTime() - YEAR;
  const tally = { cases: rows.length, recent: 0, forced: 0, detained: 0, deaths: 0, workers: 0 };
  const byYear = new Map<string, { category: CaseCategory; year: number; cases: number }>();
  for (const row of rows) {
    const category = row.category as CaseCategory;
    const start = instant(row.incidentStart);
    if (start.getTime() >= since) tally.recent += 1;
    if (category === "FORCED_LABOR") tally.forced += 1;
    if (category === "DETAINED_ACTIVIST") tally.detained += 1;
    if (row.death === true || Number(row.death) === 1) tally.deaths += 1;
    tally.workers += toNumber(row.workers);
    const year = start.getUTCFullYear();
    const key = `${category}:${year}`;
    const entry = byYear.get(key) ?? { category, year, cases: 0 };
    entry.cases += 1;
    byYear.set(key, entry);
  }
  const caseIds = Prisma.join(rows.map((r) => String(r.caseId)));
  // Money stays exact: the sum leaves the database as text (0019).
  const outcomes = await readRows(Prisma.sql`
    SELECT o."kind" AS kind, o."currency" AS currency, COUNT(*) AS n, COUNT(o."people") AS "withPeople",
           CAST(SUM(o."amountMinor") AS TEXT) AS amount, SUM(o."people") AS people
    FROM "CaseOutcome" o
    WHERE o."caseId" IN (${caseIds}) AND o."kind" IN ('WAGES_RECOVERED', 'REINSTATED')
    GROUP BY o."kind", o."currency"`);
  const links = await readRows(Prisma.sql`
    SELECT ce."role" AS role, e."id" AS id, e."name" AS name, e."mergedIntoId" AS "mergedIntoId"
    FROM "CaseEmployer" ce JOIN "Employer" e ON e."id" = ce."employerId"
    WHERE ce."caseId" IN (${caseIds})
    ORDER BY ce."caseId", ce."role"`);
  const chainMap = new Map<string, { id: string; name: string; role: EmployerRole }>();
  for (const link of links) {
    const id = nullable(link.mergedIntoId) ?? String(link.id);
    if (id === canonicalId) continue;
    const role = link.role as EmployerRole;
    chainMap.set(`${id}:${role}`, { id, name: String(link.name), role });
  }
  const chainIds = [...new Set([...chainMap.values()].map((c) => c.id))];
  const chainTallies = chainIds.length
    ? await readRows(tallySql(caller, now, { employerIds: chainIds, excludeCaseIds: [] }))
    : [];
  const chainTally = new Map(chainTallies.map((t) => [String(t.id), t as Tally]));
  const canonical = canonicalId === record.id ? record : await employerRecord(canonicalId);
  if (!canonical) throw DomainError.notFound();
  const merged = (
    await readRows(Prisma.sql`
      SELECT e."id" AS id, e."name" AS name, e."bin" AS bin FROM "Employer" e
      WHERE e."mergedIntoId" = ${canonicalId} ORDER BY e."name" ASC`)
  ).map((m) => ({ id: String(m.id), name: String(m.name), bin: nullable(m.bin) }));
  return {
    id: canonical.id,
    name: canonical.name,
    bin: canonical.bin,
    sector: canonical.sector,
    region: canonical.region,
    cases: tally.cases,
    workers: tally.workers,
    flags: flagsOf(tally),
    casesByCategory: [...byYear.values()].sort(
      (a, b) => a.year - b.year || a.category.localeCompare(b.category),
    ),
    money: outcomes
      .filter((o) => o.kind === "WAGES_RECOVERED" && o.currency !== null && o.amount !== null)
      .map((o) => ({
        currency: String(o.currency),
        amountMinor: BigInt(String(o.amount)).toString(),
      })),
    reinstated: outcomes
      .filter((o) => o.kind === "REINSTATED")
      .reduce((s, o) => s + toNumber(o.people) + (toNumber(o.n) - toNumber(o.withPeople)), 0),
    chain: [...chainMap.values()].map((c) => ({
      ...c,
      cases: toNumber(chainTally.get(c.id)?.cases),
      flags: chainTally.get(c.id) ? flagsOf(chainTally.get(c.id)!) : [],
    })),
    merged,
    mergedInto: null,
  };
}

export type MergeCandidate = {
  id: string;
  name: string;
  bin: string | null;
  sector: Sector;
  cases: number;
};

/** At most this many records answer a search for the other half of a merge. */
export const MERGE_CANDIDATES = 20;

/**
 * The records this employer could be merged with, found by name (normalised,
 * legal form dropped) or by the start of a BIN: only records a case in the
 * caller's scope names, never this record or one already merged (a merge of
 * those is refused), and no record outside the scope even for a full BIN.
 */
export async function findMergeCandidates(
  caller: Caller,
  employerId: string,
  query: string,
  now = new Date(),
): Promise<MergeCandidate[]> {
  assertCoordinator(caller);
  const digits = query.replace(/\s/g, "");
  const byBin = /^\d{3,12}$/.test(digits);
  const needle = byBin ? "" : normalizeEmployerName(query);
  if (!byBin && needle.length < 2) return [];
  const current = await employerDetail(caller, employerId, now);
  const found = await prisma.employer.findMany({
    where: {
      ...(byBin ? { bin: { startsWith: digits } } : { normalizedName: { contains: needle } }),
      mergedIntoId: null,
      id: { not: current.id },
      cases: { some: { case: caseScope(caller) } },
    },
    select: { id: true, name: true, bin: true, sector: true },
    orderBy: { name: "asc" },
    take: MERGE_CANDIDATES,
  });
  if (found.length === 0) return [];
  const tallies = await readRows(
    tallySql(caller, now, { employerIds: found.map((e) => e.id), excludeCaseIds: [] }),
  );
  const cases = new Map(tallies.map((t) => [String(t.id), toNumber(t.cases)]));
  return found.map((e) => ({ ...e, cases: cases.get(e.id) ?? 0 }));
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
  // Through the driver (decision 0010): triage asks on every view.
  const links = (
    await readRows(Prisma.sql`
      SELECT ce."caseId" AS "caseId", ce."role" AS "role", e."id" AS "id", e."name" AS "name",
        e."mergedIntoId" AS "mergedIntoId"
      FROM "CaseEmployer" ce JOIN "Employer" e ON e."id" = ce."employerId"
      WHERE ce."caseId" IN (${Prisma.join(caseIds)})
      ORDER BY ce."caseId", ce."role"`)
  ).map((row) => ({
    caseId: String(row.caseId),
    role: row.role as EmployerRole,
    employer: {
      id: String(row.id),
      name: String(row.name),
      mergedIntoId: row.mergedIntoId == null ? null : String(row.mergedIntoId),
    },
  }));
  const employerIds = [...new Set(links.map((l) => l.employer.mergedIntoId ?? l.employer.id))];
  if (employerIds.length === 0) return {};
  const tallies = await readRows(tallySql(caller, now, { employerIds, excludeCaseIds: caseIds }));
  const flags = new Map(tallies.map((t) => [String(t.id), flagsOf(t as Tally)]));
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
