// THREAT-MODEL's headers for every response Remix renders.

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** Headers for data (loader/action JSON) responses too: nothing there may be cached or sniffed. */
export function applyCommonHeaders(headers: Headers, request: Request): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  if (isHttps(request))
    headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}

export function applyDocumentHeaders(headers: Headers, request: Request, nonce: string): void {
  applyCommonHeaders(headers, request);
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Frame-Options", "DENY");
}
