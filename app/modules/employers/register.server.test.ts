// The employer register on a small fictional caseload: counts within the
// caller's regions, the repeat-offender rules, the chain, and merging two
// records (refusals change nothing; a merge is undone exactly).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { CaseCategory, EmployerRole, Region, Role } from "~/generated/prisma/sqlite/enums";
import type { Caller } from "~/modules/auth/caller";
import { createUser } from "~/modules/people/people.server";
import { REGIONS } from "~/modules/regions/regions";
import { isDomainError } from "~/utils/domain-error";
import { normalizeEmployerName } from "./employers.server";
import {
  employerDetail,
  findMergeCandidates,
  flaggedEmployersOf,
  listEmployers,
  mergeEmployers,
  unmergeEmployer,
} from "./register.server";

const NOW = new Date("2026-06-30T12:00:00.000Z");
const CONTEXT = { ipAddress: "203.0.113.9", userAgent: "register-test" };
let national: Caller;
let atyrau: Caller;
let organizerId: string;
const ids: Record<string, string> = {};
let count = 0;

async function employer(key: string, bin: string | null = null) {
  ids[key] = (
    await prisma.employer.create({
      data: {
        name: `${key} LLP`,
        normalizedName: normalizeEmployerName(`${key} LLP`),
        bin,
        sector: "OIL_AND_GAS",
      },
    })
  ).id;
}

async function makeCase(
  category: CaseCategory,
  region: Region,
  incidentStart: string,
  links: Partial<Record<EmployerRole, string>>,
  facts: Record<string, unknown> = {},
  unnamed = 2,
) {
  count += 1;
  await prisma.case.create({
    data: {
      reference: `KZ-2026-${String(count).padStart(6, "0")}`,
      year: 2026,
      number: count,
      category,
      urgency: "NORMAL",
      suggestedUrgency: "NORMAL",
      incidentStart: new Date(`${incidentStart}T00:00:00.000Z`),
      region,
      place: "Test site",
      channel: "HOTLINE",
      account: "A fictional account for the register test.",
      facts: JSON.stringify(facts),
      unnamedWorkerCount: unnamed,
      organizerId,
      employers: {
        create: Object.entries(links).map(([role, key]) => ({
          role: role as EmployerRole,
          employerId: ids[key]!,
        })),
      },
    },
  });
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => (isDomainError(e) ? { kind: e.kind, fields: e.fieldErrors } : e),
  );

beforeAll(async () => {
  const make = async (email: string, role: Role, regions: Region[]) => ({
    id: (await createUser({ email, displayName: "Test", role, regions }, { actorId: null })).id,
    role,
    regions,
  });
  national = await make("national@example.org", "COORDINATOR", [...REGIONS]);
  atyrau = await make("atyrau@example.org", "COORDINATOR", ["ATYRAU"]);
  organizerId = (await make("organizer@example.org", "ORGANIZER", ["ATYRAU"])).id;
  await employer("Driller", "990340000015");
  await employer("Drillr"); // the same company, typed without its BIN
  await employer("Holding");
  await employer("Agency", "990340000021");
  await employer("Quiet");

  // Driller: 3 cases in the last 12 months (2 in ATYRAU, 1 in MANGYSTAU): REPEAT for the national view only.
  await makeCase("UNPAID_WAGES", "ATYRAU", "2026-01-10", {
    EMPLOYER: "Driller",
    PARENT_COMPANY: "Holding",
  });
  await makeCase("UNPAID_WAGES", "ATYRAU", "2026-02-10", { EMPLOYER: "Driller" });
  await makeCase("UNPAID_WAGES", "MANGYSTAU", "2026-03-10", { EMPLOYER: "Driller" });
  // Drillr: a death, in ATYRAU.
  await makeCase(
    "UNSAFE_CONDITIONS",
    "ATYRAU",
    "2025-01-05",
    { EMPLOYER: "Drillr" },
    { kind: "DEATH", peopleHarmed: 1 },
  );
  // Agency: forced labour, recruited for Driller, in MANGYSTAU only.
  await makeCase(
    "FORCED_LABOR",
    "MANGYSTAU",
    "2026-04-01",
    { EMPLOYER: "Driller", RECRUITMENT_AGENCY: "Agency" },
    { indicators: ["DEBT_BONDAGE"] },
  );
  // Quiet: one old case, no flag.
  await makeCase("OTHER", "ATYRAU", "2024-05-01", { EMPLOYER: "Quiet" });
});

describe("the employer register", () => {
  it("flags by the rules: 3 cases in 12 months, forced labour, a death", async () => {
    const rows = await listEmployers(national, { now: NOW });
    const flags = Object.fromEntries(rows.map((r) => [r.name, r.flags]));
    expect(flags["Driller LLP"]).toEqual(["REPEAT", "FORCED_LABOUR"]);
    expect(flags["Drillr LLP"]).toEqual(["DEATH"]);
    expect(flags["Agency LLP"]).toEqual(["FORCED_LABOUR"]);
    expect(flags["Quiet LLP"]).toEqual([]);
    expect(rows.find((r) => r.name === "Driller LLP")).toMatchObject({ cases: 4, workers: 8 });
  });

  it("counts only a regional coordinator's regions", async () => {
    const rows = await listEmployers(atyrau, { now: NOW });
    expect(rows.map((r) => r.name).sort()).toEqual([
      "Driller LLP",
      "Drillr LLP",
      "Holding LLP",
      "Quiet LLP",
    ]);
    const driller = rows.find((r) => r.name === "Driller LLP")!;
    expect(driller).toMatchObject({ cases: 2, flags: [] });
    // The agency's only case is in MANGYSTAU: its page is not found for ATYRAU.
    const refused = await refusal(employerDetail(atyrau, ids.Agency!, NOW));
    expect(refused).toEqual({ kind: "notFound", fields: {} });
  });

  it("shows the chain above an employer and what its members have against them", async () => {
    const detail = await employerDetail(national, ids.Driller!, NOW);
    expect(detail.chain).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Holding LLP", role: "PARENT_COMPANY", cases: 1 }),
        expect.objectContaining({
          name: "Agency LLP",
          role: "RECRUITMENT_AGENCY",
          flags: ["FORCED_LABOUR"],
        }),
      ]),
    );
  });

  it("sums the money recovered per currency exactly and the people reinstated", async () => {
    const [first, second] = await prisma.case.findMany({
      where: { employers: { some: { employerId: ids.Driller! } } },
      orderBy: { number: "asc" },
      take: 2,
    });
    const outcome = (caseId: string, data: Record<string, unknown>) =>
      prisma.caseOutcome.create({
        data: {
          caseId,
          kind: "WAGES_RECOVERED",
          date: NOW,
          recordedById: national.id,
          ...data,
        },
      });
    await outcome(first!.id, { amountMinor: 90_071_992_547_409_930n, currency: "KZT" });
    await outcome(second!.id, { amountMinor: 1n, currency: "KZT" });
    await outcome(second!.id, { amountMinor: 250n, currency: "USD" });
    await outcome(first!.id, { kind: "REINSTATED", people: 3 });
    await outcome(second!.id, { kind: "REINSTATED" }); // no count recorded: one person
    const detail = await employerDetail(national, ids.Driller!, NOW);
    expect(detail.money.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: "KZT", amountMinor: "90071992547409931" },
      { currency: "USD", amountMinor: "250" },
    ]);
    expect(detail.reinstated).toBe(4);
    await prisma.caseOutcome.deleteMany({});
  });

  it("refuses a merge into itself, across two BINs, or out of scope, changing nothing", async () => {
    expect(
      await refusal(
        mergeEmployers(national, { fromId: ids.Driller!, intoId: ids.Driller! }, CONTEXT),
      ),
    ).toEqual({
      kind: "invalid",
      fields: { into: "employers.errors.self" },
    });
    expect(
      await refusal(
        mergeEmployers(national, { fromId: ids.Driller!, intoId: ids.Agency! }, CONTEXT),
      ),
    ).toEqual({
      kind: "invalid",
      fields: { into: "employers.errors.twoBins" },
    });
    expect(
      await refusal(mergeEmployers(atyrau, { fromId: ids.Drillr!, intoId: ids.Agency! }, CONTEXT)),
    ).toEqual({
      kind: "notFound",
      fields: {},
    });
    expect(await prisma.employer.count({ where: { mergedIntoId: { not: null } } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { action: "employer.merged" } })).toBe(0);
  });

  it("finds the other half of a merge by name or BIN, only among records in scope", async () => {
    const names = async (caller: Caller, query: string) =>
      (await findMergeCandidates(caller, ids.Drillr!, query, NOW)).map((c) => c.name);
    // By name, legal form and case aside; never the record itself.
    expect(await findMergeCandidates(national, ids.Drillr!, "drill", NOW)).toEqual([
      {
        id: ids.Driller,
        name: "Driller LLP",
        bin: "990340000015",
        sector: "OIL_AND_GAS",
        cases: 4,
      },
    ]);
    expect(await names(national, "DRILLER llp")).toEqual(["Driller LLP"]);
    // By the start of a BIN: the agency's only case is in MANGYSTAU, out of ATYRAU's reach,
    // even when all twelve digits are typed.
    expect(await names(national, "990 340")).toEqual(["Agency LLP", "Driller LLP"]);
    expect(await names(atyrau, "990340")).toEqual(["Driller LLP"]);
    expect(await names(atyrau, "990340000021")).toEqual([]);
    // Too little to search by, and a record outside the caller's scope: nothing, not found.
    expect(await names(national, "d")).toEqual([]);
    expect(await refusal(findMergeCandidates(atyrau, ids.Agency!, "drill", NOW))).toEqual({
      kind: "notFound",
      fields: {},
    });
  });

  it("merges two records of one company (the BIN wins), and undoes it exactly", async () => {
    const { survivorId } = await mergeEmployers(
      national,
      { fromId: ids.Driller!, intoId: ids.Drillr! },
      CONTEXT,
    );
    expect(survivorId).toBe(ids.Driller);
    const merged = await employerDetail(national, ids.Drillr!, NOW);
    expect(merged).toMatchObject({
      id: ids.Driller,
      cases: 5,
      flags: ["REPEAT", "FORCED_LABOUR", "DEATH"],
    });
    expect(merged.merged.map((m) => m.id)).toEqual([ids.Drillr]);
    expect(
      await prisma.auditEntry.count({ where: { action: "employer.merged", targetId: ids.Drillr } }),
    ).toBe(1);

    await unmergeEmployer(national, ids.Drillr!, CONTEXT);
    expect((await employerDetail(national, ids.Driller!, NOW)).cases).toBe(4);
    expect((await employerDetail(national, ids.Drillr!, NOW)).flags).toEqual(["DEATH"]);
    expect(await prisma.auditEntry.count({ where: { action: "employer.unmerged" } })).toBe(1);
  });
});

describe("triage's notice of flagged employers", () => {
  it("names the flagged companies a new case names, flagged by the other cases", async () => {
    count += 1;
    const fresh = await prisma.case.create({
      data: {
        reference: `KZ-2026-${String(count).padStart(6, "0")}`,
        year: 2026,
        number: count,
        category: "OTHER",
        urgency: "NORMAL",
        suggestedUrgency: "NORMAL",
        incidentStart: new Date("2026-06-01T00:00:00.000Z"),
        region: "ATYRAU",
        place: "Test site",
        channel: "HOTLINE",
        account: "A fictional new intake.",
        facts: "{}",
        organizerId,
        employers: {
          create: [
            { role: "EMPLOYER", employerId: ids.Quiet! },
            { role: "RECRUITMENT_AGENCY", employerId: ids.Agency! },
          ],
        },
      },
    });
    const national_ = await flaggedEmployersOf(national, [fresh.id], NOW);
    expect(national_[fresh.id]).toEqual([
      { id: ids.Agency, name: "Agency LLP", role: "RECRUITMENT_AGENCY", flags: ["FORCED_LABOUR"] },
    ]);
    // The agency's forced-labour case is in MANGYSTAU: not the ATYRAU coordinator's to hear of.
    expect(await flaggedEmployersOf(atyrau, [fresh.id], NOW)).toEqual({});
  });
});
