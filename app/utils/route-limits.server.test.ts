import { existsSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { kindOf } from "~/components/error-boundary";
import en from "~/locales/en";
import kk from "~/locales/kk";
import ru from "~/locales/ru";
import { isBusyAnswer } from "./busy";
import {
  GROUP_LIMITS,
  ROUTE_LIMITS,
  limitHeavyRoutes,
  type RouteLimit,
} from "./route-limits.server";

type Args = { request: Request };
type Handler = (args: Args) => Promise<unknown>;

/** A build of one route whose handler waits until the test lets it finish. */
function buildWith(
  handler: "loader" | "action",
  module: Record<string, unknown>,
  limit: number,
  rule: Partial<RouteLimit> = {},
) {
  const build = {
    routes: { "routes/heavy": { id: "routes/heavy", path: "heavy", module } },
  } as unknown as ServerBuild;
  const limited = limitHeavyRoutes(
    build,
    { upload: limit, export: limit, report: limit, download: limit },
    [{ group: "report", routeId: "routes/heavy", handler, ...rule }],
  );
  return limited.routes["routes/heavy"]!.module[handler] as unknown as Handler;
}

function held() {
  const releases: Array<() => void> = [];
  const handler = async () => {
    await new Promise<void>((resolve) => releases.push(resolve));
    return new Response("done");
  };
  return { handler, releaseAll: () => releases.splice(0).forEach((release) => release()) };
}

const request = (headers: Record<string, string> = {}) =>
  new Request("http://localhost/heavy", { headers: { "Accept-Language": "kk", ...headers } });

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("heavy routes, a few at a time per process", () => {
  it("names routes that exist and have the handler it limits", async () => {
    for (const rule of ROUTE_LIMITS) {
      const file = path.resolve("app", `${rule.routeId}.tsx`);
      expect(existsSync(file), rule.routeId).toBe(true);
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      expect(typeof module[rule.handler], `${rule.routeId} ${rule.handler}`).toBe("function");
      expect(GROUP_LIMITS[rule.group]).toBeGreaterThan(0);
    }
  });

  it("refuses the request past the limit at once with 503 busy and Retry-After, and takes it again once a place is free", async () => {
    const { handler, releaseAll } = held();
    const loader = buildWith("loader", { loader: handler, default: () => null }, 2);
    const first = loader({ request: request() });
    const second = loader({ request: request() });
    const refused = await thrown(loader({ request: request() }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("10");
    expect(refused.headers.get("Cache-Control")).toBe("no-store");
    // A page route: its error boundary shows the translated "busy" page.
    expect(isBusyAnswer(await refused.json())).toBe(true);
    releaseAll();
    await Promise.all([first, second]);
    const again = loader({ request: request() });
    releaseAll();
    expect(await again).toBeInstanceOf(Response);
  });

  it("gives the place back when the handler fails", async () => {
    const loader = buildWith(
      "loader",
      {
        loader: async () => {
          throw new Response("Not found", { status: 404 });
        },
        default: () => null,
      },
      1,
    );
    for (let i = 0; i < 3; i++)
      expect((await thrown(loader({ request: request() }))).status).toBe(404);
  });

  it("holds a download's place until its file has been sent, or the reader gave up", async () => {
    let chunks = 3;
    const loader = buildWith(
      "loader",
      {
        loader: async () =>
          new Response(
            new ReadableStream<Uint8Array>({
              pull(controller) {
                if (chunks-- > 0) controller.enqueue(new Uint8Array(1024));
                else controller.close();
              },
            }),
          ),
      },
      1,
      { group: "download" },
    );
    const sending = (await loader({ request: request() })) as Response;
    expect((await thrown(loader({ request: request() }))).status).toBe(503);
    expect((await sending.arrayBuffer()).byteLength).toBe(3 * 1024);
    chunks = 100;
    const abandoned = (await loader({ request: request() })) as Response;
    await abandoned.body!.cancel();
    const third = (await loader({ request: request() })) as Response;
    expect(third.status).toBe(200);
  });

  it("answers a resource route (an export) with a translated page of its own", async () => {
    const { handler, releaseAll } = held();
    const loader = buildWith("loader", { loader: handler }, 1, { group: "export" });
    const first = loader({ request: request() });
    const refused = await thrown(loader({ request: request({ "Accept-Language": "kk" }) }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Content-Type")).toContain("text/html");
    expect(refused.headers.get("Content-Security-Policy")).toBe("default-src 'none'");
    expect(refused.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const page = await refused.text();
    expect(page).toContain('<html lang="kk">');
    expect(page).toContain(kk.errors.busy.title);
    releaseAll();
    await first;
  });

  it("counts only the requests its rule applies to (an upload, not a withdrawal)", async () => {
    const { handler, releaseAll } = held();
    const action = buildWith("action", { action: handler, default: () => null }, 1, {
      group: "upload",
      applies: (r) => /^multipart\//i.test(r.headers.get("Content-Type") ?? ""),
    });
    const upload = request({ "Content-Type": "multipart/form-data; boundary=x" });
    const first = action({ request: upload });
    expect((await thrown(action({ request: upload }))).status).toBe(503);
    const withdrawal = action({
      request: request({ "Content-Type": "application/x-www-form-urlencoded" }),
    });
    releaseAll();
    await Promise.all([first, withdrawal]);
  });

  it("throws at start when a route it names is gone", () => {
    const build = { routes: {} } as unknown as ServerBuild;
    expect(() => limitHeavyRoutes(build)).toThrow(/no loader in route|no action in route/);
  });
});

describe("the error page's kinds", () => {
  it("tells a busy 503 from an outage, and says what a 413 is", () => {
    expect(kindOf(503, { busy: true })).toBe("busy");
    expect(kindOf(503, "Service Unavailable")).toBe("unavailable");
    expect(kindOf(413)).toBe("tooLarge");
    expect(kindOf(415)).toBe("badRequest");
    for (const t of [en, ru, kk]) {
      expect(t.errors.busy.title).toBeTruthy();
      expect(t.errors.tooLarge.body).toBeTruthy();
    }
  });
});
