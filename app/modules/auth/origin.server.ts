// CSRF defence: a request that can change state must come from our own origin.
import { verifyRequestOrigin } from "lucia";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Extra origins (a reverse proxy's public name), comma-separated, e.g. "adal.example.org". */
function trustedHosts(ownHost: string): string[] {
  const extra = (process.env.TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
    .filter(Boolean);
  return [ownHost, ...extra];
}

/**
 * True when the request may proceed: safe methods always; any other method
 * only with an `Origin` header naming this host (or a trusted one). A missing
 * Origin is refused: every browser we support sends it on POST.
 */
export function isTrustedOrigin(method: string, headers: { origin?: string | null; host?: string | null }): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const { origin, host } = headers;
  if (!origin || !host) return false;
  return verifyRequestOrigin(origin, trustedHosts(host));
}
