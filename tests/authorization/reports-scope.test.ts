// IDOR: a regional coordinator's report, its export and the employer pages
// count only their regions. The world's employer is named on C (ATYRAU) and
// on C2 (MANGYSTAU); the ATYRAU coordinator must see one case, never two, and
// a region outside their scope in the URL is not found rather than counted.
import { beforeAll, describe, expect, it } from "vitest";
import { todayInKazakhstan } from "~/utils/schema-primitives";
import { callRoute, routeFiles } from "./call-route";
import { cookieFor, seedWorld, useTemporaryDocumentStore, type World } from "./world";

useTemporaryDocumentStore();
let world: World;
const routes = routeFiles();
const PERIOD = `from=2020-01-01&to=${todayInKazakhstan()}`;

beforeAll(async () => {
  world = await seedWorld();
});

async function get(route: string, path: string, params: Record<string, string> = {}) {
  const cookie = await cookieFor(world.people.coordinator.sameRegion);
  return callRoute(routes.get(route)!, "GET", { path, params }, cookie);
}

type Shown = { kind: string; value?: number };

describe("a regional coordinator's reports and employer pages", () => {
  it("count only the cases of their regions", async () => {
    const answer = await get("reports._index", `/reports?${PERIOD}`);
    expect(answer?.status).toBe(200);
    const { report } = (await answer!.json()) as {
      report: { regions: string[]; sections: { id: string; table: { total: Shown } }[] };
    };
    expect(report.regions).toEqual(["ATYRAU"]);
    const cases = report.sections.find((s) => s.id === "cases-by-month")!;
    // One case: shown as "<5", where a count of two regions' cases would be too.
    expect(cases.table.total).toEqual({ kind: "small" });
    const byRegion = report.sections.find((s) => s.id === "cases-by-region")!;
    expect(JSON.stringify(byRegion)).not.toContain("MANGYSTAU");
  });

  it("refuse a region outside their scope in the URL as not found", async () => {
    for (const path of [
      `/reports?${PERIOD}&region=MANGYSTAU`,
      `/reports?${PERIOD}&region=ATYRAU&region=MANGYSTAU`,
    ]) {
      expect((await get("reports._index", path))?.status).toBe(404);
    }
    expect(
      (await get("reports.export", `/reports/export?${PERIOD}&region=MANGYSTAU&format=json`))
        ?.status,
    ).toBe(404);
  });

  it("export the same scope", async () => {
    const answer = await get("reports.export", `/reports/export?${PERIOD}&format=json`);
    const body = (await answer!.json()) as { filters: { regions: string[] } };
    expect(body.filters.regions).toEqual(["ATYRAU"]);
  });

  it("show an employer's cases in their regions only", async () => {
    const answer = await get("employers.$employerId", `/employers/${world.employerId}`, {
      employerId: world.employerId,
    });
    const { employer } = (await answer!.json()) as { employer: { cases: number } };
    expect(employer.cases).toBe(1);
    const list = await get("employers._index", "/employers");
    const { employers } = (await list!.json()) as { employers: { id: string; cases: number }[] };
    expect(employers.find((e) => e.id === world.employerId)?.cases).toBe(1);
  });

  it("answer a bad period with a message, not a report", async () => {
    const answer = await get("reports._index", "/reports?from=2026-05-01&to=2026-04-01");
    expect(answer?.status).toBe(400);
    const body = (await answer!.json()) as { errors: Record<string, string>; report: null };
    expect(body).toMatchObject({ report: null, errors: { to: "reports.errors.periodOrder" } });
    const unknown = await get("reports._index", `/reports?${PERIOD}&sector=SPACE`);
    expect(((await unknown!.json()) as { errors: Record<string, string> }).errors).toEqual({
      sector: "reports.errors.unknown.sector",
    });
  });
});
