// What routes call first: who is asking, and may they be here?
import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/sqlite/enums";
import { safeRedirect } from "~/utils/safe-redirect";
import { isSameOriginDownload } from "./origin.server";
import { hasRecentSecondFactor, secondFactorOutstanding } from "./second-factor.server";
import {
  blankSessionCookie,
  readSessionToken,
  validateSessionToken,
  type ActiveSession,
  type SessionUser,
} from "./session.server";

const sessionCache = new WeakMap<Request, Promise<ActiveSession | null>>();

/**
 * Set by the server on every request, never taken from the client (server/index.js): Remix hands
 * each loader of a page its own copy of the Request, so the WeakMap above alone would look the
 * session up once for the root's loader and again for the page's, a second round trip to
 * PostgreSQL on every page (docs/decisions/0044).
 */
const REQUEST_ID_HEADER = "X-Adal-Request-Id";
/**
 * Lookups shared by the loaders of one GET, by request id, with the session token each was made
 * for. The server drops a request's entry once its answer has gone out (`forgetRequest`, called
 * from server/index.js), so a session and its user are not kept past their request; the bound,
 * oldest dropped first, is what is left if that call ever fails to come.
 */
const byHttpRequest = new Map<string, { token: string; session: Promise<ActiveSession | null> }>();
const MAX_SHARED_LOOKUPS = 256;

/**
 * The id under which the loaders of one page share their lookup. Only GET and HEAD: a POST runs
 * its action before the loaders, and an action may change the session (a second factor, a sign-out)
 * that the loaders after it must see.
 */
function sharedLookupId(request: Request): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  return request.headers.get(REQUEST_ID_HEADER);
}

/** The signed-in session, looked up once per request. */
export function getSession(request: Request): Promise<ActiveSession | null> {
  let cached = sessionCache.get(request);
  if (!cached) {
    const token = readSessionToken(request);
    const id = token ? sharedLookupId(request) : null;
    const shared = id ? byHttpRequest.get(id) : undefined;
    if (shared && shared.token === token) cached = shared.session;
    else {
      cached = token ? validateSessionToken(token) : Promise.resolve(null);
      // Shared only for the token it was made for; another token on the same id looks alone.
      if (token && id && !shared) {
        if (byHttpRequest.size >= MAX_SHARED_LOOKUPS)
          byHttpRequest.delete(byHttpRequest.keys().next().value!);
        byHttpRequest.set(id, { token, session: cached });
      }
    }
    sessionCache.set(request, cached);
  }
  return cached;
}

/** The request's answer has gone out (or its client left): its loaders share nothing more. */
export function forgetRequest(requestId: string): void {
  byHttpRequest.delete(requestId);
}

/** The signed-in person; null when there is none or their session still owes its second factor. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const session = await getSession(request);
  return session && !secondFactorOutstanding(session) ? session.user : null;
}

function loginRedirect(request: Request, redirectTo?: string): never {
  const url = new URL(request.url);
  const back = safeRedirect(redirectTo ?? `${url.pathname}${url.search}`, "/");
  const params = new URLSearchParams(back === "/" ? {} : { redirectTo: back });
  // A cookie that no longer opens a session: it expired or was ended. Say so,
  // and clear it so the browser stops sending it.
  const stale = readSessionToken(request) !== null;
  if (stale) params.set("ended", "1");
  const query = params.size > 0 ? `?${params}` : "";
  throw redirect(
    `/login${query}`,
    stale ? { headers: { "Set-Cookie": blankSessionCookie() } } : undefined,
  );
}

/** Where a path goes next, as a `redirectTo` query (nothing for the home page). */
function returnQuery(request: Request, redirectTo?: string): string {
  const url = new URL(request.url);
  const back = safeRedirect(redirectTo ?? `${url.pathname}${url.search}`, "/");
  return back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
}

/**
 * A session that has passed its second factor (or was never asked for one).
 * One that still owes it is sent to /second-factor, which checks a code or
 * enrols a first factor, then comes back here.
 */
export async function requireSession(
  request: Request,
  options: { redirectTo?: string } = {},
): Promise<ActiveSession> {
  const session = (await getSession(request)) ?? loginRedirect(request, options.redirectTo);
  if (secondFactorOutstanding(session)) {
    throw redirect(`/second-factor${returnQuery(request, options.redirectTo)}`);
  }
  return session;
}

/** A signed-in session, whether or not it has passed its second factor yet (the second-factor page itself). */
export async function requirePasswordSession(request: Request): Promise<ActiveSession> {
  return (await getSession(request)) ?? loginRedirect(request);
}

/**
 * Step-up: exports, role changes and (later) reveals and key operations need a
 * second factor checked within the last 10 minutes. Otherwise the person goes
 * to /step-up and comes back to `returnTo` (default: this page) after it.
 */
export async function requireRecentSecondFactor(
  request: Request,
  options: { returnTo?: string } = {},
): Promise<ActiveSession> {
  const session = await requireSession(request);
  if (!hasRecentSecondFactor(session)) {
    throw redirect(`/step-up${returnQuery(request, options.returnTo)}`);
  }
  return session;
}

export async function requireUser(
  request: Request,
  options: { redirectTo?: string } = {},
): Promise<SessionUser> {
  return (await requireSession(request, options)).user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect("/");
}

/** 403 for a signed-in user of another role. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

const HOME: Record<Role, string> = {
  ORGANIZER: "/cases/mine",
  LAWYER: "/my",
  COORDINATOR: "/triage",
  ADMIN: "/admin/users",
};

export function homePathFor(role: Role): string {
  return HOME[role];
}

/** Every export calls this first: a cross-site request gets 403 (see isSameOriginDownload). */
export function requireSameOriginDownload(request: Request): void {
  const url = new URL(request.url);
  const allowed = isSameOriginDownload({
    secFetchSite: request.headers.get("Sec-Fetch-Site"),
    origin: request.headers.get("Origin"),
    host: request.headers.get("Host") ?? url.host,
    protocol: url.protocol.replace(":", ""),
  });
  if (!allowed) throw new Response("Forbidden: cross-site export", { status: 403 });
}
