// "ReportTally" is kept by database triggers (migration report_tallies,
// docs/decisions/0037): after any sequence of writes it must hold exactly the
// counts taken from the rows, classified here in TypeScript the way the report
// did before the tally (forced-labour.ts, the unsafe-work fields). Random
// writes of every kind that moves a case between keys: intakes, fact edits,
// category, region, date and level changes, workers, employer links and
// sectors, deleted cases. And the report over a period that cuts months (the
// tally for whole months, the cases for the cut days) counts what the rows say.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { CaseCategory, Region, Sector, Verification } from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";
import { ILO_INDICATORS, SECTORS } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { newPseudonym } from "~/modules/cases/pseudonym";
import { makeCase, makePerson, type Person } from "../../../tests/fixtures/assignment";
import { classifyForcedLabour, indicatorsOf } from "./forced-labour";
import { buildReport, periodParts } from "./reports.server";

const CATEGORIES: CaseCategory[] = [
  "FORCED_LABOR",
  "UNSAFE_CONDITIONS",
  "UNPAID_WAGES",
  "DETAINED_ACTIVIST",
];
const SOME_REGIONS: Region[] = ["ASTANA", "ATYRAU", "KARAGANDA"];
const LEVELS: Verification[] = ["REPORTED", "CORROBORATED", "VERIFIED"];

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof randomSource>;

function factsFor(random: Random, category: CaseCategory): Record<string, unknown> {
  switch (category) {
    case "FORCED_LABOR":
      return {
        indicators: ILO_INDICATORS.filter(() => random.next() < 0.3),
        canLeave: random.pick(["YES", "NO", "UNKNOWN"]),
      };
    case "UNSAFE_CONDITIONS":
      return random.next() < 0.1
        ? {}
        : {
            kind: random.pick(["UNSAFE_CONDITIONS", "INJURY", "DEATH", "OCCUPATIONAL_DISEASE"]),
            peopleHarmed: random.int(0, 4),
            ...(random.next() < 0.8
              ? { reportedToInspectorate: random.pick(["YES", "NO", "UNKNOWN"]) }
              : {}),
          };
    default:
      return {};
  }
}

type Measures = { cases: number; named: number; unnamed: number; harmed: number; ind: number[] };
const empty = (): Measures => ({
  cases: 0,
  named: 0,
  unnamed: 0,
  harmed: 0,
  ind: ILO_INDICATORS.map(() => 0),
});

/** The counts from the rows: each case classified as the report did before the tally. */
async function fromRows(): Promise<Record<string, Measures>> {
  const cases = await prisma.case.findMany({
    select: {
      incidentStart: true,
      region: true,
      category: true,
      verificationLevel: true,
      facts: true,
      unnamedWorkerCount: true,
      employers: {
        where: { role: "EMPLOYER" },
        select: { employer: { select: { sector: true } } },
      },
      _count: { select: { workers: true } },
    },
  });
  const out: Record<string, Measures> = {};
  for (const c of cases) {
    const facts = JSON.parse(c.facts) as Record<string, unknown>;
    let group = "";
    let reported = "";
    let harmed = 0;
    let ind = ILO_INDICATORS.map(() => 0);
    if (c.category === "FORCED_LABOR") {
      group = classifyForcedLabour(facts);
      const shown = new Set<string>(indicatorsOf(facts));
      ind = ILO_INDICATORS.map((i) => (shown.has(i) ? 1 : 0));
    } else if (c.category === "UNSAFE_CONDITIONS" && typeof facts.kind === "string") {
      group = facts.kind;
      reported = String(facts.reportedToInspectorate ?? "UNKNOWN");
      harmed = Math.max(0, Math.trunc(Number(facts.peopleHarmed ?? 0)) || 0);
    }
    const key = [
      c.incidentStart.toISOString().slice(0, 7),
      c.region,
      c.category,
      c.employers[0]?.employer.sector ?? "NONE",
      c.verificationLevel,
      group,
      reported,
    ].join("|");
    const m = (out[key] ??= empty());
    m.cases += 1;
    m.named += c._count.workers;
    m.unnamed += c.unnamedWorkerCount;
    m.harmed += harmed;
    m.ind = m.ind.map((n, i) => n + ind[i]!);
  }
  return out;
}

/** The tally's rows, without the keys that fell back to nothing. */
async function fromTally(): Promise<Record<string, Measures>> {
  const rows = await prisma.reportTally.findMany();
  const out: Record<string, Measures> = {};
  for (const r of rows) {
    const m: Measures = {
      cases: r.cases,
      named: r.namedWorkers,
      unnamed: r.unnamedWorkers,
      harmed: r.peopleHarmed,
      ind: [
        r.indicator1,
        r.indicator2,
        r.indicator3,
        r.indicator4,
        r.indicator5,
        r.indicator6,
        r.indicator7,
        r.indicator8,
        r.indicator9,
        r.indicator10,
        r.indicator11,
      ],
    };
    if (r.cases === 0) {
      // An emptied key holds nothing else either.
      expect(m).toEqual(empty());
      continue;
    }
    out[[r.month, r.region, r.category, r.sector, r.level, r.factGroup, r.reported].join("|")] = m;
  }
  return out;
}

async function expectExact() {
  const [rows, tally] = await Promise.all([fromRows(), fromTally()]);
  expect(Object.keys(rows).length).toBeGreaterThan(3);
  expect(tally).toEqual(rows);
}

let organizer: Person;
const employers: { id: string }[] = [];

beforeAll(async () => {
  organizer = await makePerson("tally-organizer@example.org", "ORGANIZER", SOME_REGIONS);
  for (const [i, sector] of (
    ["CONSTRUCTION", "MINING_AND_METALS", "AGRICULTURE"] as Sector[]
  ).entries()) {
    employers.push(
      await prisma.employer.create({
        data: { name: `Tally Test ${i}`, normalizedName: `tally test ${i}`, sector },
        select: { id: true },
      }),
    );
  }
});

describe("the report tally", () => {
  it("equals the counts taken from the rows after random writes of every kind", async () => {
    const random = randomSource(17);
    const ids: string[] = [];
    const day = () =>
      new Date(Date.UTC(2026, random.int(0, 3), random.int(1, 28))).toISOString().slice(0, 10);

    // Intakes through the intake module, then cases written directly with facts and employers.
    for (const category of CATEGORIES) {
      ids.push((await makeCase(organizer.id, { category, region: random.pick(SOME_REGIONS) })).id);
    }
    for (let i = 0; i < 24; i += 1) {
      const category = random.pick(CATEGORIES);
      const created = await prisma.case.findUniqueOrThrow({ where: { id: ids[0]! } });
      const { id } = await prisma.case.create({
        data: {
          reference: `KZ-2026-T${String(i).padStart(5, "0")}`,
          year: 2026,
          number: 900_000 + i,
          category,
          urgency: "NORMAL",
          suggestedUrgency: "NORMAL",
          incidentStart: new Date(`${day()}T00:00:00.000Z`),
          region: random.pick(SOME_REGIONS),
          place: created.place,
          channel: "HOTLINE",
          account: created.account,
          facts: JSON.stringify(factsFor(random, category)),
          unnamedWorkerCount: random.int(0, 9),
          verificationLevel: random.pick(LEVELS),
          organizerId: organizer.id,
          ...(random.next() < 0.7
            ? { employers: { create: { role: "EMPLOYER", employerId: random.pick(employers).id } } }
            : {}),
        },
        select: { id: true },
      });
      ids.push(id);
    }
    await expectExact();

    for (let step = 0; step < 60; step += 1) {
      const caseId = random.pick(ids);
      const current = await prisma.case.findUnique({
        where: { id: caseId },
        select: { category: true, employers: { select: { role: true, employerId: true } } },
      });
      if (!current) continue;
      switch (random.int(0, 9)) {
        case 0: {
          const category = random.pick(CATEGORIES);
          await prisma.case.update({
            where: { id: caseId },
            data: { category, facts: JSON.stringify(factsFor(random, category)) },
          });
          break;
        }
        case 1:
          await prisma.case.update({
            where: { id: caseId },
            data: { facts: JSON.stringify(factsFor(random, current.category)) },
          });
          break;
        case 2:
          await prisma.case.update({
            where: { id: caseId },
            data: { region: random.pick(SOME_REGIONS), unnamedWorkerCount: random.int(0, 9) },
          });
          break;
        case 3:
          await prisma.case.update({
            where: { id: caseId },
            data: {
              verificationLevel: random.pick(LEVELS),
              incidentStart: new Date(`${day()}T00:00:00.000Z`),
            },
          });
          break;
        case 4:
          await prisma.affectedWorker.create({
            data: { caseId, pseudonym: newPseudonym(), anonymous: true },
          });
          break;
        case 5:
          await prisma.affectedWorker.deleteMany({ where: { caseId } });
          break;
        case 6: {
          const link = current.employers.find((e) => e.role === "EMPLOYER");
          if (link) {
            await prisma.caseEmployer.update({
              where: { caseId_role: { caseId, role: "EMPLOYER" } },
              data: { employerId: random.pick(employers).id },
            });
          } else {
            await prisma.caseEmployer.create({
              data: { caseId, role: "EMPLOYER", employerId: random.pick(employers).id },
            });
          }
          break;
        }
        case 7:
          // A contractor moves nothing; losing the employer moves the case to "no sector".
          await prisma.caseEmployer.deleteMany({ where: { caseId } });
          if (random.next() < 0.5) {
            await prisma.caseEmployer.create({
              data: { caseId, role: "CONTRACTOR", employerId: random.pick(employers).id },
            });
          }
          break;
        case 8:
          await prisma.employer.update({
            where: { id: random.pick(employers).id },
            data: { sector: random.pick(SECTORS) },
          });
          break;
        case 9:
          // Deleted (retention, or a mistaken intake): the case takes its links and workers with it.
          await prisma.case.delete({ where: { id: caseId } });
          break;
      }
      await expectExact();
    }
  }, 180_000);

  it("splits a period into whole months and the days of the months it cuts", () => {
    expect(periodParts({ from: "2026-01-01", to: "2026-03-31" })).toEqual({
      months: ["2026-01", "2026-02", "2026-03"],
      days: [],
    });
    expect(periodParts({ from: "2026-01-15", to: "2026-03-10" })).toEqual({
      months: ["2026-02"],
      days: [
        { from: "2026-01-15", to: "2026-01-31" },
        { from: "2026-03-01", to: "2026-03-10" },
      ],
    });
    expect(periodParts({ from: "2024-02-01", to: "2024-02-29" }).months).toEqual(["2024-02"]);
    expect(periodParts({ from: "2026-02-03", to: "2026-02-03" })).toEqual({
      months: [],
      days: [{ from: "2026-02-03", to: "2026-02-03" }],
    });
  });

  it("counts a period that cuts months as the rows do", async () => {
    const caller: Caller = { id: "tally-national", role: "COORDINATOR", regions: [...REGIONS] };
    const filters = {
      from: "2026-01-15",
      to: "2026-03-10",
      regions: [],
      categories: [],
      sectors: [],
    };
    const report = await buildReport(caller, filters);
    const inPeriod = await prisma.case.findMany({
      where: {
        incidentStart: {
          gte: new Date("2026-01-15T00:00:00.000Z"),
          lt: new Date("2026-03-11T00:00:00.000Z"),
        },
      },
      select: { category: true, incidentStart: true, unnamedWorkerCount: true, facts: true },
    });
    const byCategoryMonth = report.casesByCategoryMonth;
    for (const [r, category] of byCategoryMonth.rows.entries()) {
      for (const [c, month] of byCategoryMonth.columns.entries()) {
        expect(byCategoryMonth.cells[r]![c], `${category} ${month}`).toBe(
          inPeriod.filter(
            (x) => x.category === category && x.incidentStart.toISOString().startsWith(month),
          ).length,
        );
      }
    }
    const forced = inPeriod.filter((x) => x.category === "FORCED_LABOR");
    expect(report.forcedLabour.verdicts.cells[0]).toEqual([
      forced.filter((x) => classifyForcedLabour(JSON.parse(x.facts)) === "FORCED_LABOUR").length,
      forced.filter((x) => classifyForcedLabour(JSON.parse(x.facts)) === "INDICATORS_ONLY").length,
    ]);
    expect(inPeriod.length).toBeGreaterThan(0);
  });
});
