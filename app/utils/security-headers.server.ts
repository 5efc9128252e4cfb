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

/**
 * The headers every response carries — documents, data, CSV, JSON, healthz,
 * static files, 404s. The one table: server/index.js fills them into any
 * response that lacks them, and Remix's responses get them here.
 */
export function commonHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
    "Cache-Control": "no-store",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** Headers for data (loader/action JSON) responses too: nothing there may be cached or sniffed. */
export function applyCommonHeaders(headers: Headers, request: Request): void {
  for (const [name, value] of Object.entries(commonHeaders(isHttps(request)))) {
    // A response that chose its own caching (a download) keeps it.
    if (name === "Cache-Control" && headers.has(name)) continue;
    headers.set(name, value);
  }
}

export function applyDocumentHeaders(headers: Headers, request: Request, nonce: string): void {
  applyCommonHeaders(headers, request);
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Frame-Options", "DENY");
}
