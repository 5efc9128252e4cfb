// Facts about an incoming request that several modules need.
import type { RequestContext } from "~/modules/auth/caller";
import { hashToken, readSessionToken } from "~/modules/auth/session.server";

/**
 * The client's address. Behind a reverse proxy, set TRUST_PROXY=1 so the
 * server (Express) resolves X-Forwarded-For; it passes the result in
 * `X-Adal-Client-Ip`, which it sets itself and never accepts from outside.
 */
export function clientIp(request: Request): string {
  return request.headers.get("X-Adal-Client-Ip") ?? "unknown";
}

export function userAgent(request: Request): string | null {
  return request.headers.get("User-Agent");
}

/** Where the request came from, for modules: address, browser, and the session's stored id (a hash). */
export function requestContext(request: Request): RequestContext {
  const token = readSessionToken(request);
  return {
    ipAddress: clientIp(request),
    userAgent: userAgent(request),
    ...(token ? { sessionId: hashToken(token) } : {}),
  };
}
