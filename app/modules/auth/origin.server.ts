// CSRF defence: a request that can change state must come from our own origin.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Scheme = "http" | "https";

/**
 * Origins we accept: our own (the request's scheme — the proxy's
 * X-Forwarded-Proto under TRUST_PROXY — and Host), and TRUSTED_ORIGINS, a
 * comma-separated list of public names ("adal.example.org" means https; an
 * entry may spell its scheme, "http://adal.lan:8080").
 */
function allowedOrigins(ownHost: string, protocol: Scheme): string[] {
  const extra = (process.env.TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => (/^https?:\/\//.test(o) ? o : `https://${o}`));
  return [`${protocol}://${ownHost}`, ...extra]
    .map((o) => serializedOrigin(o))
    .filter((o): o is string => o !== null);
}

/** scheme://host:port as browsers serialize it, or null for anything else (userinfo, a path, junk). */
function serializedOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The Origin header names exactly one of the allowed origins: same scheme, host and port, no userinfo. */
function originMatches(origin: string, allowed: string[]): boolean {
  // A browser never sends userinfo, a path or a trailing slash in Origin.
  if (/[@/]/.test(origin.replace(/^https?:\/\//, ""))) return false;
  const serialized = serializedOrigin(origin);
  return serialized !== null && allowed.includes(serialized);
}

/**
 * True when the request may proceed: safe methods always; any other method
 * only with an `Origin` header naming this host (or a trusted one). A missing
 * Origin is refused: every browser we support sends it on POST.
 *
 * Our `Referrer-Policy: no-referrer` makes browsers send `Origin: null` when a
 * form is posted by a full-page navigation (Fetch standard, "append a request
 * Origin header"). For those, `Sec-Fetch-Site: same-origin`, which no page can
 * set or forge, is what shows the request comes from our own page.
 */
export function isTrustedOrigin(
  method: string,
  headers: {
    origin?: string | null;
    host?: string | null;
    secFetchSite?: string | null;
    /** The scheme the browser used: Express's req.protocol (X-Forwarded-Proto under TRUST_PROXY). */
    protocol: string;
  },
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const { origin, host, secFetchSite, protocol } = headers;
  if (!origin || !host) return false;
  if (origin === "null") return secFetchSite === "same-origin";
  if (protocol !== "http" && protocol !== "https") return false;
  return originMatches(origin, allowedOrigins(host, protocol));
}

/**
 * A download that records an audit entry (every export) may start only from
 * our own pages or from the address bar — never from a link, image or form on
 * another site, which would make a signed-in browser export in its owner's
 * name. Sec-Fetch-Site, which no page can set, says where the request came
 * from; without it (an old browser, a script), an Origin that is present must
 * be ours.
 */
export function isSameOriginDownload(headers: {
  secFetchSite?: string | null;
  origin?: string | null;
  host?: string | null;
  protocol: string;
}): boolean {
  const { secFetchSite, origin, host, protocol } = headers;
  if (secFetchSite) return secFetchSite === "same-origin" || secFetchSite === "none";
  if (!origin) return true;
  return isTrustedOrigin("POST", { origin, host, protocol });
}
