// Calls a route module's loader or action the way Remix does, with a real
// Request carrying a session cookie, and returns its answer as a Response
// (thrown Responses included).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Method } from "./matrix";
import { CLIENT_IP } from "./world";
import type { PreparedRequest } from "./requests";

export const ROUTES_DIR = path.resolve("app/routes");

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

/** Every route in app/routes by its key (file name without extension; a folder route by its folder). */
export function routeFiles(): Map<string, string> {
  const routes = new Map<string, string>();
  for (const name of readdirSync(ROUTES_DIR)) {
    const full = path.join(ROUTES_DIR, name);
    if (statSync(full).isDirectory()) {
      const inside = readdirSync(full).find((file) => /^route\.(tsx?|jsx?)$/.test(file));
      if (inside) routes.set(name, path.join(full, inside));
      continue;
    }
    if (/\.test\.(tsx?|jsx?)$/.test(name) || !/\.(tsx?|jsx?)$/.test(name)) continue;
    routes.set(name.replace(/\.(tsx?|jsx?)$/, ""), full);
  }
  return routes;
}

const modules = new Map<string, Promise<RouteModule>>();

export function routeModule(file: string): Promise<RouteModule> {
  let loaded = modules.get(file);
  if (!loaded) {
    loaded = import(/* @vite-ignore */ file) as Promise<RouteModule>;
    modules.set(file, loaded);
  }
  return loaded;
}

/** The request as a browser would send it: cookie, client address (set by our server), same origin. */
export function buildRequest(
  method: Method,
  prepared: Pick<PreparedRequest, "path" | "form">,
  cookie: string | null,
): Request {
  const headers = new Headers({ "X-Adal-Client-Ip": CLIENT_IP, Origin: "http://localhost" });
  if (cookie) headers.set("Cookie", cookie);
  let body: BodyInit | undefined;
  if (method === "POST") {
    if (prepared.form instanceof FormData) {
      body = prepared.form; // multipart: the Request sets the boundary
    } else {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = (prepared.form ?? new URLSearchParams()).toString();
    }
  }
  return new Request(`http://localhost${prepared.path}`, { method, headers, body });
}

/** The route's answer; `null` when the route has no handler for the method. */
export async function callRoute(
  file: string,
  method: Method,
  prepared: PreparedRequest,
  cookie: string | null,
): Promise<Response | null> {
  const route = await routeModule(file);
  const handler = method === "GET" ? route.loader : route.action;
  if (!handler) return null;
  const request = buildRequest(method, prepared, cookie);
  try {
    const answer = await handler({ request, params: prepared.params, context: {} });
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify(answer ?? null), {
      headers: { "Content-Type": "application/json" },
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
