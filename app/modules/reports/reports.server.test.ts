// The monitoring report's aggregates on a small fictional caseload, each
// expected number worked out by hand in the comments: months, regions,
// sectors, workers named and unnamed, the ILO forced-labour rule, unsafe
// work, outcomes in the period, the freedom-of-association list, and scope.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type {
  CaseCategory,
  Region,
  Role,
  Sector,
  Verification,
} from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";
import { createUser } from "~/modules/people/people.server";
import { REGIONS } from "~/modules/regions/regions";
import { isDomainError } from "~/utils/domain-error";
import type { ReportFilters } from "./filters";
import { buildReport, cfaUrgency } from "./reports.server";
import type { CountTable } from "./suppress";
import { newPseudonym } from "~/modules/cases/pseudonym";

const PERIOD: ReportFilters = {
  from: "2026-01-01",
  to: "2026-03-31",
  regions: [],
  categories: [],
  sectors: [],
};

let national: Caller;
let astana: Caller;
let organizerId: string;
const employers: Record<string, string> = {};
let caseCount = 0;

/** The value of one cell, by its row and column keys. */
const cell = (table: CountTable, row: string, column: string) =>
  table.cells[table.rows.indexOf(row)]![table.columns.indexOf(column)]!;
const sum = (table: CountTable) => table.cells.flat().reduce((a, b) => a + b, 0);

async function makeCase(data: {
  category: CaseCategory;
  region: Region;
  incidentStart: string;
  facts?: Record<string, unknown>;
  employer?: string;
  unnamed?: number;
  level?: Verification;
  workers?: { name?: string; consentToBeNamed?: boolean }[];
}) {
  caseCount += 1;
  const created = await prisma.case.create({
    data: {
      reference: `KZ-2026-${String(caseCount).padStart(6, "0")}`,
      year: 2026,
      number: caseCount,
      category: data.category,
      urgency: "NORMAL",
      suggestedUrgency: "NORMAL",
      incidentStart: new Date(`${data.incidentStart}T00:00:00.000Z`),
      region: data.region,
      place: "Test site",
      channel: "HOTLINE",
      account: "A fictional account for the report test.",
      facts: JSON.stringify(data.facts ?? {}),
      unnamedWorkerCount: data.unnamed ?? 0,
      organizerId,
      ...(data.level ? { verificationLevel: data.level } : {}),
      ...(data.employer
        ? { employers: { create: { role: "EMPLOYER", employerId: employers[data.employer]! } } }
        : {}),
    },
    select: { id: true },
  });
  for (const worker of data.workers ?? []) {
    await prisma.affectedWorker.create({
      data: {
        caseId: created.id,
        pseudonym: newPseudonym(),
        consentToStore: true,
        consentToBeNamed: worker.consentToBeNamed ?? false,
        ...(worker.name
          ? { identity: { create: { fullName: worker.name } } }
          : { anonymous: true }),
      },
    });
  }
  return created.id;
}

beforeAll(async () => {
  const make = async (email: string, role: Role, regions: Region[]) => ({
    id: (await createUser({ email, displayName: "Test", role, regions }, { actorId: null })).id,
    role,
    regions,
  });
  national = await make("national@example.org", "COORDINATOR", [...REGIONS]);
  astana = await make("astana@example.org", "COORDINATOR", ["ASTANA"]);
  organizerId = (await make("organizer@example.org", "ORGANIZER", ["ASTANA"])).id;
  const employer = async (key: string, name: string, sector: Sector) => {
    employers[key] = (
      await prisma.employer.create({ data: { name, normalizedName: name.toLowerCase(), sector } })
    ).id;
  };
  await employer("builder", "Stroy Test", "CONSTRUCTION");
  await employer("mine", "Ore Test", "MINING_AND_METALS");

  // 1. Forced labour: deceived (involuntary) + debt bondage (coercion).
  await makeCase({
    category: "FORCED_LABOR",
    region: "ASTANA",
    incidentStart: "2026-01-10",
    employer: "builder",
    facts: { indicators: ["DECEPTION", "DEBT_BONDAGE"], canLeave: "YES" },
    unnamed: 3,
    level: "VERIFIED",
    workers: [{ name: "Worker One" }, { name: "Worker Two" }],
  });
  // 2. Indicators only: overtime (involuntary), cannot leave, but no coercion indicator.
  await makeCase({
    category: "FORCED_LABOR",
    region: "ASTANA",
    incidentStart: "2026-02-05",
    employer: "builder",
    facts: { indicators: ["EXCESSIVE_OVERTIME"], canLeave: "NO" },
    unnamed: 6,
  });
  // 3. Forced labour: cannot leave (involuntary) + documents retained (coercion).
  await makeCase({
    category: "FORCED_LABOR",
    region: "KARAGANDA",
    incidentStart: "2026-02-20",
    employer: "mine",
    facts: { indicators: ["RETENTION_OF_IDENTITY_DOCUMENTS", "ISOLATION"], canLeave: "NO" },
    unnamed: 10,
    level: "CORROBORATED",
  });
  // 4. A death in a mine, reported to the inspectorate.
  await makeCase({
    category: "UNSAFE_CONDITIONS",
    region: "KARAGANDA",
    incidentStart: "2026-03-01",
    employer: "mine",
    facts: { kind: "DEATH", peopleHarmed: 2, reportedToInspectorate: "YES" },
    unnamed: 1,
  });
  // 5. An injury on a building site, not reported.
  await makeCase({
    category: "UNSAFE_CONDITIONS",
    region: "ASTANA",
    incidentStart: "2026-03-15",
    employer: "builder",
    facts: { kind: "INJURY", peopleHarmed: 3, reportedToInspectorate: "NO" },
    workers: [{}],
  });
  // 6. A detained activist: one consented to be named, one did not.
  const detained = await makeCase({
    category: "DETAINED_ACTIVIST",
    region: "ASTANA",
    incidentStart: "2026-01-20",
    facts: { authority: "Police department", personRole: "Union leader" },
    workers: [{ name: "Named Activist", consentToBeNamed: true }, { name: "Private Person" }],
  });
  await prisma.proceeding.create({
    data: {
      caseId: detained,
      kind: "CRIMINAL_DEFENSE",
      authority: "District court",
      createdById: organizerId,
    },
  });
  await prisma.caseOutcome.create({
    data: {
      caseId: detained,
      kind: "RELEASED_FROM_DETENTION",
      date: new Date("2026-02-01T00:00:00.000Z"),
      people: 1,
      recordedById: organizerId,
    },
  });
  // 7. Before the period: not counted.
  await makeCase({
    category: "UNPAID_WAGES",
    region: "ASTANA",
    incidentStart: "2025-12-31",
    unnamed: 50,
  });
  // 8. The period's last day: counted; one recovery in the period, one after.
  const wages = await makeCase({
    category: "UNPAID_WAGES",
    region: "ASTANA",
    incidentStart: "2026-03-31",
    unnamed: 4,
  });
  for (const [date, amount] of [
    ["2026-03-31", 5_000_000n],
    ["2026-04-02", 150_000_000n],
  ] as const) {
    await prisma.caseOutcome.create({
      data: {
        caseId: wages,
        kind: "WAGES_RECOVERED",
        date: new Date(`${date}T00:00:00.000Z`),
        amountMinor: amount,
        currency: "KZT",
        recordedById: organizerId,
      },
    });
  }
});

describe("the monitoring report", () => {
  it("counts cases and workers by category and month of the incident, within the period", async () => {
    const report = await buildReport(national, PERIOD);
    expect(report.months).toEqual(["2026-01", "2026-02", "2026-03"]);
    const cases = report.casesByCategoryMonth;
    expect(cell(cases, "FORCED_LABOR", "2026-01")).toBe(1);
    expect(cell(cases, "FORCED_LABOR", "2026-02")).toBe(2);
    expect(cell(cases, "UNSAFE_CONDITIONS", "2026-03")).toBe(2);
    expect(cell(cases, "DETAINED_ACTIVIST", "2026-01")).toBe(1);
    expect(cell(cases, "UNPAID_WAGES", "2026-03")).toBe(1);
    expect(sum(cases)).toBe(7); // case 7 began before the period
    const workers = report.workersByCategoryMonth;
    expect(cell(workers, "FORCED_LABOR", "2026-01")).toBe(5); // 2 named + 3 unnamed
    expect(cell(workers, "FORCED_LABOR", "2026-02")).toBe(16); // 6 + 10
    expect(cell(workers, "UNSAFE_CONDITIONS", "2026-03")).toBe(2); // 1 unnamed + 1 recorded
    expect(cell(workers, "DETAINED_ACTIVIST", "2026-01")).toBe(2);
    expect(cell(workers, "UNPAID_WAGES", "2026-03")).toBe(4);
  });

  it("counts by region and by the employer's sector, named and unnamed workers apart", async () => {
    const report = await buildReport(national, PERIOD);
    expect(cell(report.casesByRegionCategory, "ASTANA", "FORCED_LABOR")).toBe(2);
    expect(cell(report.casesByRegionCategory, "KARAGANDA", "FORCED_LABOR")).toBe(1);
    // Astana: named 2 (case 1) + 1 (case 5) + 2 (case 6); unnamed 3 + 6 + 4.
    expect(cell(report.workersByRegion, "ASTANA", "named")).toBe(5);
    expect(cell(report.workersByRegion, "ASTANA", "unnamed")).toBe(13);
    expect(cell(report.casesBySectorCategory, "CONSTRUCTION", "FORCED_LABOR")).toBe(2);
    expect(cell(report.casesBySectorCategory, "MINING_AND_METALS", "UNSAFE_CONDITIONS")).toBe(1);
    // No employer named: the detained activist and the unpaid wages.
    expect(cell(report.casesBySectorCategory, "NONE", "DETAINED_ACTIVIST")).toBe(1);
    expect(cell(report.workersBySector, "MINING_AND_METALS", "unnamed")).toBe(11);
  });

  it("applies the ILO 2018 rule: forced labour only with involuntary work and coercion", async () => {
    const report = await buildReport(national, PERIOD);
    expect(cell(report.forcedLabour.verdicts, "cases", "FORCED_LABOUR")).toBe(2); // cases 1 and 3
    expect(cell(report.forcedLabour.verdicts, "cases", "INDICATORS_ONLY")).toBe(1); // case 2
    const indicators = report.forcedLabour.indicators;
    expect(cell(indicators, "DECEPTION", "cases")).toBe(1);
    expect(cell(indicators, "EXCESSIVE_OVERTIME", "cases")).toBe(1);
    expect(cell(indicators, "RETENTION_OF_IDENTITY_DOCUMENTS", "cases")).toBe(1);
    expect(cell(indicators, "WITHHOLDING_OF_WAGES", "cases")).toBe(0);
    expect(sum(indicators)).toBe(5);
  });

  it("counts unsafe work by kind, sector, region and report to the inspectorate", async () => {
    const { unsafeWork } = await buildReport(national, PERIOD);
    expect(cell(unsafeWork.bySector, "MINING_AND_METALS", "DEATH")).toBe(1);
    expect(cell(unsafeWork.bySector, "CONSTRUCTION", "INJURY")).toBe(1);
    expect(cell(unsafeWork.byRegion, "KARAGANDA", "DEATH")).toBe(1);
    expect(cell(unsafeWork.reportedToInspectorate, "DEATH", "YES")).toBe(1);
    expect(cell(unsafeWork.reportedToInspectorate, "INJURY", "NO")).toBe(1);
    expect(cell(unsafeWork.peopleHarmed, "DEATH", "people")).toBe(2);
    expect(cell(unsafeWork.peopleHarmed, "INJURY", "people")).toBe(3);
  });

  it("counts outcomes dated in the period only, money per currency", async () => {
    const { outcomes } = await buildReport(national, PERIOD);
    expect(outcomes.money).toEqual([{ currency: "KZT", amountMinor: "5000000", cases: 1 }]);
    expect(outcomes.people.find((p) => p.kind === "RELEASED_FROM_DETENTION")).toEqual({
      kind: "RELEASED_FROM_DETENTION",
      people: 1,
      cases: 1,
    });
  });

  it("counts cases per verification level and can be limited to one", async () => {
    const all = await buildReport(national, PERIOD);
    expect(cell(all.verification, "cases", "REPORTED")).toBe(5); // cases 2, 4, 5, 6, 8
    expect(cell(all.verification, "cases", "CORROBORATED")).toBe(1);
    expect(cell(all.verification, "cases", "VERIFIED")).toBe(1);
    const verified = await buildReport(national, { ...PERIOD, level: "VERIFIED" });
    expect(sum(verified.casesByCategoryMonth)).toBe(1);
  });

  it("narrows by sector and category", async () => {
    const building = await buildReport(national, { ...PERIOD, sectors: ["CONSTRUCTION"] });
    expect(sum(building.casesByCategoryMonth)).toBe(3); // cases 1, 2, 5
    const wages = await buildReport(national, { ...PERIOD, categories: ["UNPAID_WAGES"] });
    expect(wages.casesByCategoryMonth.rows).toEqual(["UNPAID_WAGES"]);
    expect(sum(wages.casesByCategoryMonth)).toBe(1);
  });

  it("lists freedom-of-association cases naming only workers who consented", async () => {
    const { freedomOfAssociation } = await buildReport(national, PERIOD);
    expect(freedomOfAssociation.total).toBe(1);
    const [entry] = freedomOfAssociation.entries;
    expect(entry).toMatchObject({
      incidentStart: "2026-01-20",
      region: "ASTANA",
      sector: "NONE",
      employer: null,
      authority: "Police department",
      urgency: ["PERSONAL_FREEDOM"],
      workers: 2,
      namedWorkers: ["Named Activist"],
      outcomes: ["RELEASED_FROM_DETENTION"],
    });
    expect(entry!.proceedings).toEqual([
      { kind: "CRIMINAL_DEFENSE", status: "PREPARING", authority: "District court" },
    ]);
    expect(JSON.stringify(freedomOfAssociation)).not.toContain("Private Person");
    // The screen lists the most recent (decision 0037): the same case, the same count.
    const onScreen = await buildReport(national, PERIOD, { foa: "recent" });
    expect(onScreen.freedomOfAssociation).toEqual({ ...freedomOfAssociation, listing: "recent" });
  });

  it("counts only a regional coordinator's regions", async () => {
    const report = await buildReport(astana, PERIOD);
    expect(report.regions).toEqual(["ASTANA"]);
    expect(sum(report.casesByCategoryMonth)).toBe(5); // cases 1, 2, 5, 6, 8
    expect(cell(report.forcedLabour.verdicts, "cases", "FORCED_LABOUR")).toBe(1);
    expect(sum(report.unsafeWork.bySector)).toBe(1);
  });

  it("refuses a region outside the caller's scope as not found, never widening it", async () => {
    const refused = await buildReport(astana, { ...PERIOD, regions: ["KARAGANDA"] }).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(refused) && refused.kind).toBe("notFound");
  });
});

describe("the ILO CFA's urgency", () => {
  it("marks life, personal freedom and a union's dissolution from what intake records", () => {
    // A detained activist: personal freedom; beaten in custody: life as well.
    expect(cfaUrgency("DETAINED_ACTIVIST", {})).toEqual(["PERSONAL_FREEDOM"]);
    expect(cfaUrgency("DETAINED_ACTIVIST", { violence: ["ASSAULT"] })).toEqual([
      "LIFE",
      "PERSONAL_FREEDOM",
    ]);
    // Union busting: a killing is life; the union dissolved is dissolution; dismissals alone neither.
    expect(cfaUrgency("UNION_BUSTING", { actions: ["DISMISSAL"], violence: [] })).toEqual([]);
    expect(cfaUrgency("UNION_BUSTING", { actions: ["DISMISSAL"], violence: ["KILLING"] })).toEqual([
      "LIFE",
    ]);
    expect(cfaUrgency("UNION_BUSTING", { actions: ["DISSOLUTION"] })).toEqual([
      "UNION_DISSOLUTION",
    ]);
    // Strike penalties: jail (chosen or counted) is personal freedom; threats to life are life.
    expect(cfaUrgency("STRIKE_PENALTIES", { penalties: ["FINES"] })).toEqual([]);
    expect(cfaUrgency("STRIKE_PENALTIES", { penalties: ["FINES"], peopleJailed: 2 })).toEqual([
      "PERSONAL_FREEDOM",
    ]);
    expect(
      cfaUrgency("STRIKE_PENALTIES", { penalties: ["JAIL"], violence: ["THREATS_TO_LIFE"] }),
    ).toEqual(["LIFE", "PERSONAL_FREEDOM"]);
  });
});
