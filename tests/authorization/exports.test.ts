// One rule for every export (any route file named *export*): started from
// another site — a link, an image, a form — it is refused before anything is
// read or audited; from our own pages or the address bar it downloads.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { routeFiles, routeModule } from "./call-route";
import { CLIENT_IP, cookieFor, seedWorld, useTemporaryDocumentStore, type World } from "./world";

useTemporaryDocumentStore();

let world: World;

beforeAll(async () => {
  world = await seedWorld();
});

const exportRoutes = () => [...routeFiles()].filter(([route]) => /export/.test(route));

async function download(
  file: string,
  path: string,
  cookie: string,
  headers: Record<string, string>,
) {
  const request = new Request(`http://localhost${path}`, {
    headers: { Cookie: cookie, "X-Adal-Client-Ip": CLIENT_IP, ...headers },
  });
  const module = await routeModule(file);
  try {
    return (await module.loader!({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("every export", () => {
  it("is refused when another site starts it, and audits nothing then", async () => {
    const routes = exportRoutes();
    expect(routes.map(([route]) => route).sort()).toEqual([
      "audit.export[.csv]",
      "cases.export[.csv]",
      "reports.export",
    ]);
    for (const [route, file] of routes) {
      const path = `/${route
        .replace(/\[|\]/g, "")
        .replace(/\./g, "/")
        .replace(/\/csv$/, ".csv")}`;
      const person = route.startsWith("audit")
        ? world.people.admin.none
        : world.people.coordinator.sameRegion;
      const cookie = (await cookieFor(person))!;
      const exportsBefore = await prisma.auditEntry.count({
        where: { action: { contains: "export" } },
      });
      for (const headers of <Array<Record<string, string>>>[
        { "Sec-Fetch-Site": "cross-site" },
        { "Sec-Fetch-Site": "same-site" },
        { Origin: "https://evil.example" },
      ]) {
        const response = await download(file, path, cookie, headers);
        expect(response.status, `${route} ${JSON.stringify(headers)}`).toBe(403);
      }
      expect(await prisma.auditEntry.count({ where: { action: { contains: "export" } } })).toBe(
        exportsBefore,
      );
      for (const headers of <Array<Record<string, string>>>[
        { "Sec-Fetch-Site": "same-origin" },
        { "Sec-Fetch-Site": "none" },
        {},
      ]) {
        const response = await download(file, path, cookie, headers);
        expect(response.status, `${route} ${JSON.stringify(headers)}`).toBe(200);
      }
    }
  });
});
