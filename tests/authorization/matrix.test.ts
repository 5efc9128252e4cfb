// Checks the authorization matrix (matrix.ts): it names every route file, and
// every cell is what the route modules answer on a seeded database.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { VIEW_ACTIONS } from "~/modules/cases/views.server";
import { callRoute, routeFiles, routeModule } from "./call-route";
import { MATRIX, cellsOf, type Answer, type Cell } from "./matrix";
import { REQUESTS, recipeKey } from "./requests";
import { cookieFor, seedWorld, useTemporaryDocumentStore, type Person, type World } from "./world";

useTemporaryDocumentStore();

let world: World;

beforeAll(async () => {
  world = await seedWorld();
});

/** The person a cell is about; routes not about a case use the first person of the role. */
function callerOf(cell: Cell): Person | null {
  const { organizer, lawyer, coordinator, admin } = world.people;
  switch (cell.role) {
    case "anonymous":
      return null;
    case "organizer":
      return cell.relation === "any" ? organizer.creator : organizer[cell.relation];
    case "lawyer":
      return cell.relation === "any" || cell.relation === "creator"
        ? lawyer.assigned
        : lawyer[cell.relation];
    case "coordinator":
      return cell.relation === "sameRegion" || cell.relation === "any"
        ? coordinator.sameRegion
        : coordinator.none;
    case "admin":
      return admin.none;
  }
}

/** What an answer means for authorization (see the top of matrix.ts). */
function classify(response: Response): string {
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("Location") ?? "";
    return /^\/login(\?|$)/.test(location) ? "login" : "ok";
  }
  if (status >= 200 && status < 300) return "ok";
  if (status === 400 || status === 409) return "ok";
  if (status === 403) return "forbidden";
  if (status === 404) return "notFound";
  return `status ${status}`;
}

/** Views of C recorded so far, by this caller (or by anyone, for an anonymous request). */
const viewsOfTarget = (caller: Person | null) =>
  prisma.auditEntry.count({
    where: {
      action: { in: [...VIEW_ACTIONS] },
      targetType: "case",
      targetId: world.target.reference,
      ...(caller ? { actorId: caller.id } : {}),
    },
  });

function matches(expected: Answer, got: string, status: number): boolean {
  return got === expected || (expected === "badRequest" && status === 400);
}

describe("the authorization matrix", () => {
  it("lists every route file in app/routes, and only those", () => {
    const files = [...routeFiles().keys()];
    const missing = files.filter((route) => !(route in MATRIX));
    const unknown = Object.keys(MATRIX).filter((route) => !files.includes(route));
    expect({ missingFromTable: missing, tableEntriesWithoutFile: unknown }).toEqual({
      missingFromTable: [],
      tableEntriesWithoutFile: [],
    });
  });

  it("has an entry for every handler a route exports, and a request for every entry", async () => {
    const problems: string[] = [];
    for (const [route, file] of routeFiles()) {
      const entries = MATRIX[route] ?? [];
      const module = await routeModule(file);
      for (const [method, handler] of [
        ["GET", module.loader],
        ["POST", module.action],
      ] as const) {
        const listed = entries.some((entry) => entry.method === method);
        if (handler && !listed) problems.push(`${route}: handles ${method}, not in the table`);
        if (!handler && listed)
          problems.push(`${route}: no handler for ${method}, but in the table`);
      }
      for (const entry of entries) {
        if (!REQUESTS[recipeKey(route, entry.method, entry.intent)])
          problems.push(
            `${recipeKey(route, entry.method, entry.intent)}: no request in requests.ts`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it("answers every cell as the table says", { timeout: 600_000 }, async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const [route, file] of routeFiles()) {
      for (const entry of MATRIX[route] ?? []) {
        const recipe = REQUESTS[recipeKey(route, entry.method, entry.intent)];
        if (!recipe) continue; // reported by the test above
        for (const cell of cellsOf(route, entry)) {
          checked++;
          const label = `${route} ${cell.method}${cell.intent ? ` [${cell.intent}]` : ""} as ${cell.role}/${cell.relation}`;
          let got: string;
          let status = 0;
          // Reads of C are on the record: one view per answered GET about C, none for a refusal.
          const readsContent =
            entry.about === "case" && entry.method === "GET" && !entry.noCaseContent;
          const checksViews = entry.about === "case" && entry.method === "GET";
          const caller = callerOf(cell);
          const viewsBefore = checksViews ? await viewsOfTarget(caller) : 0;
          try {
            // The session first: a recipe may prepare something for it (a reveal).
            const cookie = await cookieFor(caller);
            const prepared = await recipe(world);
            const response = await callRoute(file, cell.method, prepared, cookie).finally(() =>
              prepared.after?.(),
            );
            if (!response) {
              got = "no handler";
            } else {
              status = response.status;
              got = classify(response);
              await response.body?.cancel();
            }
          } catch (error) {
            got = `error: ${error instanceof Error ? error.message : String(error)}`;
          }
          if (!matches(cell.expected, got, status))
            mismatches.push(`${label}: expected ${cell.expected}, got ${got}`);
          if (checksViews) {
            const recorded = (await viewsOfTarget(caller)) - viewsBefore;
            const expected = readsContent && got === "ok" ? 1 : 0;
            if (recorded !== expected)
              mismatches.push(
                `${label}: expected ${expected} view(s) of C recorded, got ${recorded}`,
              );
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(mismatches, `\n${mismatches.join("\n")}\n`).toEqual([]);
  });
});
