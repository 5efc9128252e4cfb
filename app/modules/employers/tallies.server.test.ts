// The employer register's tally (EmployerCase, migration employer_tallies) is
// kept by triggers: after random writes of every kind — intakes, links added,
// moved and removed, merges and unmerges, category/region/date/facts edits,
// workers added and removed, deleted cases — it must equal what the rows say,
// and the register must count what a join of the rows counts.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { CaseCategory, EmployerRole, Region } from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";
import { createUser } from "~/modules/people/people.server";
import { REGIONS } from "~/modules/regions/regions";
import { normalizeEmployerName } from "./employers.server";
import { listEmployers } from "./register.server";

const NOW = new Date("2026-06-30T12:00:00.000Z");
const CATEGORIES: CaseCategory[] = [
  "UNPAID_WAGES",
  "FORCED_LABOR",
  "UNSAFE_CONDITIONS",
  "DETAINED_ACTIVIST",
  "OTHER",
];
const ROLES: EmployerRole[] = ["EMPLOYER", "CONTRACTOR", "PARENT_COMPANY", "RECRUITMENT_AGENCY"];
const PLACES: Region[] = ["ATYRAU", "MANGYSTAU", "ALMATY"];

let organizerId: string;
let national: Caller;
let atyrau: Caller;
const employerIds: string[] = [];
let caseCount = 0;

// A small deterministic generator: the same writes on every run and both databases.
let seed = 17;
const next = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const day = () =>
  new Date(
    Date.UTC(2024 + Math.floor(next() * 3), Math.floor(next() * 12), 1 + Math.floor(next() * 28)),
  );
const factsFor = (category: CaseCategory) =>
  JSON.stringify(
    category === "UNSAFE_CONDITIONS"
      ? { kind: pick(["DEATH", "INJURY"]), peopleHarmed: 1 }
      : category === "FORCED_LABOR"
        ? { indicators: ["DEBT_BONDAGE"] }
        : {},
  );

async function intake() {
  caseCount += 1;
  const category = pick(CATEGORIES);
  const roles = ROLES.filter(() => next() < 0.5);
  await prisma.case.create({
    data: {
      reference: `KZ-2026-${String(caseCount).padStart(6, "0")}`,
      year: 2026,
      number: caseCount,
      category,
      urgency: "NORMAL",
      suggestedUrgency: "NORMAL",
      incidentStart: day(),
      region: pick(PLACES),
      place: "Test site",
      channel: "HOTLINE",
      account: "A fictional account for the tally test.",
      facts: factsFor(category),
      unnamedWorkerCount: Math.floor(next() * 4),
      organizerId,
      employers: { create: roles.map((role) => ({ role, employerId: pick(employerIds) })) },
    },
  });
}

/** The tally as the rows say it should be: company (merges folded) and case → its columns. */
async function expected() {
  const links = await prisma.caseEmployer.findMany({
    select: {
      employer: { select: { id: true, mergedIntoId: true } },
      case: {
        select: {
          id: true,
          region: true,
          category: true,
          incidentStart: true,
          unnamedWorkerCount: true,
          facts: true,
          _count: { select: { workers: true } },
        },
      },
    },
  });
  const rows = new Map<string, Record<string, unknown>>();
  for (const { employer, case: c } of links) {
    const employerId = employer.mergedIntoId ?? employer.id;
    const key = `${employerId}|${c.id}`;
    const row = rows.get(key);
    if (row) {
      row.links = Number(row.links) + 1;
      continue;
    }
    rows.set(key, {
      employerId,
      caseId: c.id,
      links: 1,
      region: c.region,
      category: c.category,
      incidentStart: c.incidentStart.toISOString(),
      workers: c.unnamedWorkerCount + c._count.workers,
      death: c.category === "UNSAFE_CONDITIONS" && c.facts.includes('"kind":"DEATH"'),
    });
  }
  return Object.fromEntries([...rows].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function kept() {
  const rows = await prisma.employerCase.findMany();
  return Object.fromEntries(
    rows
      .map(
        (r) =>
          [
            `${r.employerId}|${r.caseId}`,
            { ...r, incidentStart: r.incidentStart.toISOString() },
          ] as const,
      )
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** The register's counts from a join of the rows, as it read them before the tally. */
async function registerFromRows(regions: readonly Region[]) {
  const rows = Object.values(await expected()).filter((r) => regions.includes(r.region as Region));
  const since = NOW.getTime() - 365 * 86_400_000;
  const byEmployer = new Map<string, { cases: number; workers: number; flags: string[] }>();
  const counts = new Map<string, { recent: number; forced: number; death: number; det: number }>();
  for (const r of rows) {
    const id = String(r.employerId);
    const e = byEmployer.get(id) ?? { cases: 0, workers: 0, flags: [] };
    const c = counts.get(id) ?? { recent: 0, forced: 0, death: 0, det: 0 };
    e.cases += 1;
    e.workers += Number(r.workers);
    if (Date.parse(String(r.incidentStart)) >= since) c.recent += 1;
    if (r.category === "FORCED_LABOR") c.forced += 1;
    if (r.category === "DETAINED_ACTIVIST") c.det += 1;
    if (r.death) c.death += 1;
    byEmployer.set(id, e);
    counts.set(id, c);
  }
  for (const [id, c] of counts) {
    const flags = byEmployer.get(id)!.flags;
    if (c.recent >= 3) flags.push("REPEAT");
    if (c.forced > 0) flags.push("FORCED_LABOUR");
    if (c.death > 0) flags.push("DEATH");
    if (c.det > 0) flags.push("DETAINED_ACTIVIST");
  }
  return Object.fromEntries([...byEmployer].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function register(caller: Caller) {
  const rows = await listEmployers(caller, { now: NOW });
  return Object.fromEntries(
    rows
      .map((r) => [r.id, { cases: r.cases, workers: r.workers, flags: r.flags }] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

const seen = { twoLinks: false, death: false };

async function expectExact(step: string) {
  const rows = await kept();
  expect(rows, step).toEqual(await expected());
  for (const row of Object.values(rows)) {
    if (row.links > 1) seen.twoLinks = true;
    if (row.death) seen.death = true;
  }
}

async function randomWrite(): Promise<string> {
  const cases = await prisma.case.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const links = await prisma.caseEmployer.findMany({
    orderBy: [{ caseId: "asc" }, { role: "asc" }],
  });
  const records = await prisma.employer.findMany({
    select: { id: true, mergedIntoId: true },
    orderBy: { id: "asc" },
  });
  const kind = pick([
    "intake",
    "intake",
    "link",
    "unlink",
    "relink",
    "merge",
    "unmerge",
    "edit",
    "facts",
    "worker",
    "unworker",
    "delete",
  ] as const);
  const someCase = cases.length ? pick(cases).id : null;
  switch (kind) {
    case "intake":
      await intake();
      break;
    case "link": {
      if (!someCase) return "none";
      const used = links.filter((l) => l.caseId === someCase).map((l) => l.role);
      const free = ROLES.filter((r) => !used.includes(r));
      if (!free.length) return "none";
      await prisma.caseEmployer.create({
        data: { caseId: someCase, role: pick(free), employerId: pick(employerIds) },
      });
      break;
    }
    case "unlink": {
      if (!links.length) return "none";
      const link = pick(links);
      await prisma.caseEmployer.delete({
        where: { caseId_role: { caseId: link.caseId, role: link.role } },
      });
      break;
    }
    case "relink": {
      if (!links.length) return "none";
      const link = pick(links);
      await prisma.caseEmployer.update({
        where: { caseId_role: { caseId: link.caseId, role: link.role } },
        data: { employerId: pick(employerIds) },
      });
      break;
    }
    case "merge": {
      // As mergeEmployers allows: a record neither merged nor with records merged into it.
      const parents = new Set(records.map((r) => r.mergedIntoId).filter(Boolean));
      const free = records.filter((r) => !r.mergedIntoId);
      const absorbed = free.filter((r) => !parents.has(r.id));
      if (free.length < 2 || !absorbed.length) return "none";
      const from = pick(absorbed);
      const into = pick(free.filter((r) => r.id !== from.id));
      await prisma.employer.update({ where: { id: from.id }, data: { mergedIntoId: into.id } });
      break;
    }
    case "unmerge": {
      const merged = records.filter((r) => r.mergedIntoId);
      if (!merged.length) return "none";
      await prisma.employer.update({
        where: { id: pick(merged).id },
        data: { mergedIntoId: null },
      });
      break;
    }
    case "edit": {
      if (!someCase) return "none";
      const category = pick(CATEGORIES);
      await prisma.case.update({
        where: { id: someCase },
        data: pick([
          { region: pick(PLACES) },
          { category, facts: factsFor(category) },
          { incidentStart: day() },
          { unnamedWorkerCount: Math.floor(next() * 5) },
          { status: "TRIAGED" as const },
        ]),
      });
      break;
    }
    case "facts": {
      if (!someCase) return "none";
      await prisma.case.update({
        where: { id: someCase },
        data: { facts: factsFor("UNSAFE_CONDITIONS") },
      });
      break;
    }
    case "worker": {
      if (!someCase) return "none";
      await prisma.affectedWorker.create({
        data: { caseId: someCase, pseudonym: `W-${Math.floor(next() * 1e6)}`, anonymous: true },
      });
      break;
    }
    case "unworker": {
      const worker = await prisma.affectedWorker.findFirst({ orderBy: { id: "asc" } });
      if (!worker) return "none";
      await prisma.affectedWorker.delete({ where: { id: worker.id } });
      break;
    }
    case "delete":
      if (!someCase) return "none";
      await prisma.case.delete({ where: { id: someCase } });
      break;
  }
  return kind;
}

beforeAll(async () => {
  const make = async (email: string, role: "COORDINATOR" | "ORGANIZER", regions: Region[]) => ({
    id: (await createUser({ email, displayName: "Test", role, regions }, { actorId: null })).id,
    role,
    regions,
  });
  national = await make("national@example.org", "COORDINATOR", [...REGIONS]);
  atyrau = await make("atyrau@example.org", "COORDINATOR", ["ATYRAU"]);
  organizerId = (await make("organizer@example.org", "ORGANIZER", ["ATYRAU"])).id;
  for (let i = 0; i < 6; i += 1) {
    const name = `Company ${i} LLP`;
    employerIds.push(
      (
        await prisma.employer.create({
          data: { name, normalizedName: normalizeEmployerName(name), sector: "CONSTRUCTION" },
        })
      ).id,
    );
  }
  for (let i = 0; i < 12; i += 1) await intake();
});

describe("the employer tally kept by triggers", () => {
  it("equals the rows after random intakes, link changes, merges, edits and deletions", async () => {
    await expectExact("after the first intakes");
    const done: string[] = [];
    for (let step = 0; step < 150; step += 1) {
      done.push(await randomWrite());
      await expectExact(`after ${done.join(", ")}`);
    }
    // Every kind of write happened at least once.
    expect(new Set(done)).toEqual(
      new Set([
        "intake",
        "link",
        "unlink",
        "relink",
        "merge",
        "unmerge",
        "edit",
        "facts",
        "worker",
        "unworker",
        "delete",
        ...(done.includes("none") ? ["none"] : []),
      ]),
    );
    // The cases that test the folding: one company named twice on a case, and a death.
    expect(seen).toEqual({ twoLinks: true, death: true });
    expect(await register(national)).toEqual(await registerFromRows(REGIONS));
    expect(await register(atyrau)).toEqual(await registerFromRows(["ATYRAU"]));
  }, 180_000);
});
