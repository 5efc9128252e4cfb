// CSRF defence: a request that can change state must come from our own origin.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Extra origins (a reverse proxy's public name), comma-separated, e.g. "adal.example.org". */
function trustedHosts(ownHost: string): string[] {
  const extra = (process.env.TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((o) =>
      o
        .trim()
        .replace(/^https?:\/\//, "")
        .replace(/\/.*$/, ""),
    )
    .filter(Boolean);
  return [ownHost, ...extra];
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** The Origin's host:port equals one of the allowed hosts (same comparison as lucia's verifyRequestOrigin). */
function originMatches(origin: string, allowedHosts: string[]): boolean {
  const originHost = hostOf(origin);
  if (!originHost) return false;
  return allowedHosts.some((allowed) => hostOf(`https://${allowed}`) === originHost);
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
  headers: { origin?: string | null; host?: string | null; secFetchSite?: string | null },
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const { origin, host, secFetchSite } = headers;
  if (!origin || !host) return false;
  if (origin === "null") return secFetchSite === "same-origin";
  return originMatches(origin, trustedHosts(host));
}
