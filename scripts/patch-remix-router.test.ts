// The server's route matching, patched to reuse its work (scripts/patch-remix-router.js), must
// answer exactly as the router's own code does: the router's ES build (dist/router.js, which the
// patch leaves alone) is the reference.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { patchRouter, routerFile } from "./patch-remix-router.js";

type Route = {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: Route[];
};
type Match = {
  route: Route;
  params: Record<string, string>;
  pathname: string;
  pathnameBase: string;
};
type Router = {
  matchRoutes(routes: Route[], location: string, basename?: string): Match[] | null;
  matchPath(
    pattern: { path: string; caseSensitive?: boolean; end?: boolean },
    pathname: string,
  ): { params: Record<string, string>; pathname: string; pathnameBase: string } | null;
};

const installed = routerFile(process.cwd());
const patched = createRequire(import.meta.url)(installed) as Router;
const reference = (await import(
  pathToFileURL(installed.replace(/router\.cjs\.js$/, "router.js")).href
)) as Router;

/** A tree shaped like the app's: a root layout, index routes, pathless layouts, params, splats. */
const tree = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "login", path: "login" },
      {
        id: "cases",
        path: "cases",
        children: [
          { id: "cases-index", index: true },
          { id: "cases-new", path: "new" },
          { id: "case", path: ":reference" },
          { id: "case-edit", path: ":reference/edit" },
          { id: "case-document", path: ":reference/documents/:documentId" },
        ],
      },
      {
        id: "signed-in",
        children: [
          { id: "my", path: "my" },
          { id: "caseload", path: "caseload" },
          { id: "report", path: "reports/:kind?" },
          { id: "admin-audit", path: "admin/audit", caseSensitive: true },
        ],
      },
      { id: "files", path: "files/*" },
      { id: "not-found", path: "*" },
    ],
  },
];

const PATHS = [
  "/",
  "/login",
  "/login/",
  "/cases",
  "/cases/",
  "/cases/new",
  "/cases/ALM-2026-0001",
  "/cases/ALM-2026-0001/edit",
  "/cases/ALM-2026-0001/documents/d1",
  `/cases/${encodeURIComponent("Дело-1")}`,
  "/my",
  "/caseload",
  "/reports",
  "/reports/monthly",
  "/admin/audit",
  "/Admin/Audit",
  "/files/a/b/c.pdf",
  "/nothing/here",
  "//cases",
];

const shape = (matches: Match[] | null) =>
  matches?.map(({ route, params, pathname, pathnameBase }) => ({
    id: route.id,
    params,
    pathname,
    pathnameBase,
  })) ?? null;

// About a file in node_modules, not the database: once is enough.
describe.runIf(process.env.TEST_DATABASE === "sqlite")("the server's route matching", () => {
  it("is the patched one (npm install ran scripts/patch-remix-router.js)", () => {
    expect(readFileSync(installed, "utf8")).toContain("rankedBranchesOf(routes)");
  });

  it("matches every path as the router's own code does, on the first call and from its cache", () => {
    const routes = tree();
    for (const basename of [undefined, "/adal"]) {
      for (const path of PATHS) {
        const location = basename ? `${basename}${path}` : path;
        const expected = shape(reference.matchRoutes(tree(), location, basename));
        expect(shape(patched.matchRoutes(routes, location, basename)), location).toEqual(expected);
        expect(shape(patched.matchRoutes(routes, location, basename)), location).toEqual(expected);
      }
    }
    expect(shape(patched.matchRoutes(routes, "/cases/X-1"))?.map((m) => m.id)).toEqual([
      "root",
      "cases",
      "case",
    ]);
  });

  it("keeps each route array's own branches: another tree is matched as itself", () => {
    patched.matchRoutes(tree(), "/my");
    const other: Route[] = [{ id: "only", path: "my" }];
    expect(shape(patched.matchRoutes(other, "/my"))?.map((m) => m.id)).toEqual(["only"]);
    expect(patched.matchRoutes(other, "/caseload")).toBeNull();
  });

  it("matches paths with every option as before, compiled once or not", () => {
    const patterns = [
      { path: "/cases/:reference" },
      { path: "/cases/:reference", end: false },
      { path: "/Admin/Audit", caseSensitive: true },
      { path: "/Admin/Audit", caseSensitive: false },
      { path: "/files/*" },
      { path: "/reports/:kind?" },
    ];
    for (const pattern of patterns)
      for (const path of PATHS)
        for (let i = 0; i < 2; i++)
          expect(patched.matchPath(pattern, path), `${pattern.path} ${path}`).toEqual(
            reference.matchPath(pattern, path),
          );
  });

  it("patches once, and stops with a clear error when the router's code has changed", () => {
    const source = readFileSync(installed, "utf8");
    expect(patchRouter(source)).toBe(source);
    expect(() => patchRouter("function compilePath(path, caseSensitive, end) {}")).toThrow(
      /@remix-run\/router changed/,
    );
  });
});
