// How many of the heavy requests — uploads, exports, reports, document
// downloads — one server process runs at once. Past the limit a request is
// answered at once with 503 and Retry-After (a translated page), before its
// body is read or its work begins, so that a slow or hostile burst on one of
// them cannot take the memory, the database or the event loop from everyone
// else (docs/decisions/0029-memory-heavy-routes-and-refused-bodies.md).
import { json, type ServerBuild } from "@remix-run/node";
import { fixedT, languageFor } from "~/i18n/i18n.server";
import { BUSY } from "./busy";
import { applyCommonHeaders } from "./security-headers.server";

export type RouteLimit = {
  /** Requests of this group that share the limit. */
  group: "upload" | "export" | "report" | "download";
  /** The Remix route id. */
  routeId: string;
  handler: "loader" | "action";
  /** Only requests this says yes to count (e.g. the multipart POSTs of a route that also withdraws). */
  applies?: (request: Request) => boolean;
};

/** Concurrent requests per process, per group. */
export const GROUP_LIMITS: Record<RouteLimit["group"], number> = {
  // Up to 25 MB each is held in memory while it is checked and encrypted.
  upload: 2,
  // A whole list or log as one CSV string.
  export: 2,
  report: 4,
  // Held until the file has been sent: a slow reader keeps its place.
  download: 8,
};

export const ROUTE_LIMITS: RouteLimit[] = [
  {
    group: "upload",
    routeId: "routes/cases.$reference.documents",
    handler: "action",
    applies: (request) => /^multipart\//i.test(request.headers.get("Content-Type") ?? ""),
  },
  { group: "export", routeId: "routes/cases.export[.csv]", handler: "loader" },
  { group: "export", routeId: "routes/audit.export[.csv]", handler: "loader" },
  { group: "export", routeId: "routes/reports.export", handler: "loader" },
  { group: "report", routeId: "routes/reports._index", handler: "loader" },
  {
    group: "download",
    routeId: "routes/cases.$reference.documents.$documentId",
    handler: "loader",
  },
];

/** Seconds a refused request is asked to wait. */
export const BUSY_RETRY_AFTER_SECONDS = 10;

/** A counter of places: `take()` is false when all are in use. */
export class Gate {
  #inUse = 0;
  constructor(readonly limit: number) {}
  get inUse(): number {
    return this.#inUse;
  }
  take(): boolean {
    if (this.#inUse >= this.limit) return false;
    this.#inUse += 1;
    return true;
  }
  give(): void {
    this.#inUse = Math.max(0, this.#inUse - 1);
  }
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/**
 * The refusal. A page route throws it and its error boundary says, translated,
 * that the server is busy. A resource route (an export, a download) has no page:
 * it gets a small translated page of its own, since the browser shows what it gets.
 */
async function busyAnswer(request: Request, resourceRoute: boolean): Promise<Response> {
  const headers = new Headers({
    "Retry-After": String(BUSY_RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
  });
  applyCommonHeaders(headers, request);
  if (!resourceRoute) return json(BUSY, { status: 503, headers });
  const language = await languageFor(request);
  const t = await fixedT(language);
  const title = escapeHtml(t("errors.busy.title"));
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Security-Policy", "default-src 'none'");
  return new Response(
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
      `<body><main><p>503</p><h1>${title}</h1><p>${escapeHtml(t("errors.busy.body"))}</p><p><a href="/">${escapeHtml(t("errors.goHome"))}</a></p></main></body></html>`,
    { status: 503, headers },
  );
}

/** The body of `response` with `done` called once it has been read to its end, failed or been cancelled. */
function releasingWhenSent(response: Response, done: () => void): Response {
  if (!response.body) {
    done();
    return response;
  }
  const reader = response.body.getReader();
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      done();
    }
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: ended, value } = await reader.read();
        if (ended) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

type Handler = (args: { request: Request }) => unknown;

function limited(handler: Handler, gate: Gate, rule: RouteLimit, resourceRoute: boolean): Handler {
  return async (args) => {
    if (rule.applies && !rule.applies(args.request)) return handler(args);
    if (!gate.take()) throw await busyAnswer(args.request, resourceRoute);
    let result: unknown;
    try {
      result = await handler(args);
    } catch (error) {
      gate.give();
      throw error;
    }
    // A download's place is given back when its file has been sent, not when it starts.
    if (rule.group === "download" && result instanceof Response)
      return releasingWhenSent(result, () => gate.give());
    gate.give();
    return result;
  };
}

/**
 * The build with the heavy routes' loaders and actions behind their group's
 * gate; server/index.js passes the build through it. `limits` and `rules` are
 * for tests.
 */
export function limitHeavyRoutes(
  build: ServerBuild,
  limits: Record<RouteLimit["group"], number> = GROUP_LIMITS,
  rules: RouteLimit[] = ROUTE_LIMITS,
): ServerBuild {
  const gates = new Map<RouteLimit["group"], Gate>();
  const gateFor = (group: RouteLimit["group"]) => {
    let gate = gates.get(group);
    if (!gate) gates.set(group, (gate = new Gate(limits[group])));
    return gate;
  };
  const routes: ServerBuild["routes"] = { ...build.routes };
  for (const rule of rules) {
    const route = routes[rule.routeId];
    const handler = route?.module[rule.handler] as Handler | undefined;
    if (!route || !handler)
      throw new Error(`limitHeavyRoutes: no ${rule.handler} in route ${rule.routeId}`);
    const resourceRoute = route.module.default === undefined;
    routes[rule.routeId] = {
      ...route,
      module: {
        ...route.module,
        [rule.handler]: limited(handler, gateFor(rule.group), rule, resourceRoute),
      } as typeof route.module,
    };
  }
  return { ...build, routes };
}
