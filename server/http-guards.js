// Express middleware that runs before Remix on every request: a Host that
// makes no URL is a 400 (not a 500 from inside the adapter), a declared body
// larger than any action reads is a 413 before a byte of it is read, an answer
// given before its request's body was read (a refusal) closes the connection
// instead of reading the rest, and every response — Remix's, static files,
// healthz, CSV, a 404 or a 403 from here — leaves with the common security headers.

/** Bodies any action accepts, by path: document uploads are the only large ones. */
const UPLOAD_PATH = /^\/cases\/[^/]+\/documents\/?$/;
export const MAX_UPLOAD_BODY_BYTES = 26 * 1024 * 1024; // DOCUMENT_MAX_BYTES + framing
export const MAX_FORM_BODY_BYTES = 4 * 1024 * 1024; // the intake (2 MiB) with room to spare

export function maxBodyBytes(path) {
  return UPLOAD_PATH.test(path) ? MAX_UPLOAD_BODY_BYTES : MAX_FORM_BODY_BYTES;
}

/** The URL the Remix adapter will build (same recipe), or null when it cannot be built. */
export function requestUrl(req) {
  try {
    const forwardedHost = req.get("X-Forwarded-Host");
    const host = req.get("host");
    if (!host && !forwardedHost) return null;
    const portOf = (value) => Number.parseInt(value?.split(":")[1] ?? "", 10);
    const port = Number.isSafeInteger(portOf(forwardedHost))
      ? portOf(forwardedHost)
      : Number.isSafeInteger(portOf(host))
        ? portOf(host)
        : "";
    const url = new URL(
      `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`,
    );
    // The parser "fixes" some hosts instead of throwing ("a b" is refused, "a\tb" is not).
    if (/[\s/\\@?#]/.test(req.hostname ?? "")) return null;
    return url;
  } catch {
    return null;
  }
}

function refuse(res, status, message) {
  res
    .status(status)
    .type("text/plain")
    .set("Cache-Control", "no-store")
    .set("Connection", "close")
    .send(message);
}

/** 400 for a Host (or X-Forwarded-Host behind TRUST_PROXY) that makes no URL. */
export function rejectMalformedHost(req, res, next) {
  if (!requestUrl(req)) return refuse(res, 400, "Bad Request: malformed Host header");
  next();
}

/** 413 for a declared body past the route's cap; `Connection: close` so it is not read. */
export function limitDeclaredBody(req, res, next) {
  const declared = Number(req.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBodyBytes(req.path)) {
    return refuse(res, 413, "Payload too large");
  }
  next();
}

/**
 * An answer written while its request's body is still arriving — an action
 * refused it (413 past its limit, 415, a redirect to sign in, a 503 when busy)
 * without reading it — closes the connection once sent. Otherwise Node keeps
 * the connection and reads the rest of the body to throw it away: megabytes a
 * hostile client chooses, and a slow one can keep a socket busy for minutes.
 */
export function closeUnreadBodies(req, res, next) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.headersSent && !req.complete) res.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  };
  next();
}

/**
 * Fills in the common headers on every response just before it is written,
 * unless the response set its own value (Remix's documents set theirs from the
 * same table). `commonHeaders(isHttps)` is app/utils/security-headers.server.ts's.
 */
export function withCommonHeaders(commonHeaders) {
  return (req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!res.headersSent) {
        for (const [name, value] of Object.entries(commonHeaders(req.secure))) {
          if (!res.hasHeader(name)) res.setHeader(name, value);
        }
      }
      return writeHead.apply(this, args);
    };
    next();
  };
}

/**
 * Holds every request that carries the session cookie until `ready` settles (the keyring has read
 * its state at the start: before, names and stories would read as sealed), or at most `maxWaitMs`
 * (a database that does not answer at all: the pages then say so themselves). A stranger's
 * request (the sign-in page) needs no keys and goes on at once, so the first page after a start
 * does not wait for the database. See docs/decisions/0042-cold-start.md.
 */
export function holdSignedInUntil(ready, sessionCookieName, maxWaitMs = 10_000) {
  let settled = false;
  const known = new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    ready.then(done, done);
  }).then(() => (settled = true));
  const marker = `${sessionCookieName}=`;
  return (req, _res, next) => {
    if (settled || !req.headers.cookie?.includes(marker)) return next();
    void known.then(() => next());
  };
}
