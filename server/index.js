// Adal's HTTP server: Express in front of the Remix build. It resolves the
// client address, refuses cross-origin writes before Remix sees them, serves
// the fingerprinted assets, and stops cleanly.
import "./compile-cache.js";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";
import {
  closeUnreadBodies,
  holdSignedInUntil,
  limitDeclaredBody,
  rejectMalformedHost,
  withCommonHeaders,
} from "./http-guards.js";
import { READY } from "./ready.js";

// No installGlobals: Node 20's own fetch, Request, Response, Headers, FormData and File (undici,
// built in) are what the tests run with; the undici package (96 files) need not be loaded.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// ADAL_BUILD_DIR: see remix.config.js.
const buildDir = process.env.ADAL_BUILD_DIR ? path.resolve(root, process.env.ADAL_BUILD_DIR) : null;
const BUILD_PATH = buildDir ? path.join(buildDir, "index.cjs") : path.join(root, "build/index.cjs");
const ASSETS_DIR = buildDir ? path.join(buildDir, "public/build") : path.join(root, "public/build");
const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

// The build is CommonJS (remix.config.js): required, it is neither scanned for its exports
// (as importing it would) nor compiled again when the code cache holds it (compile-cache.js).
const rawBuild = createRequire(import.meta.url)(BUILD_PATH);
const {
  answerDatabaseOutages,
  commonHeaders,
  forgetRequest,
  isTrustedOrigin,
  keyringStarted,
  limitHeavyRoutes,
  SESSION_COOKIE_NAME,
  startBackgroundJobs,
} = rawBuild.entry.module;
// A loader or action that meets a database outage answers 503 (app/db/unavailable.server.ts);
// uploads, exports, reports and downloads run a few at a time (app/utils/route-limits.server.ts).
const build = limitHeavyRoutes(answerDatabaseOutages(rawBuild));

/**
 * The keyring and the background jobs start when the first answer has gone out, when a signed-in
 * request comes (it waits for the keys: holdSignedInUntil below), or JOBS_AFTER_MS after the
 * server listens, whichever is first. Started as it listened, their first steps (Prisma's query
 * compiler, the first statements) ran before the first page's and held it back; the sign-in page
 * needs neither (docs/decisions/0042-cold-start.md).
 */
const JOBS_AFTER_MS = 250;
let jobsStarted = false;
function startJobs() {
  if (jobsStarted) return;
  jobsStarted = true;
  void startBackgroundJobs();
  // The cluster's primary starts the other workers once the first is ready (server/cluster.js).
  if (process.env.ADAL_WORKER_INDEX === "0" && process.send)
    void keyringStarted.then(() => process.send?.(READY));
}
const sessionMarker = `${SESSION_COOKIE_NAME}=`;
/** Requests this process has answered: X-Adal-Request-Id. */
let requestCount = 0;

const app = express();
app.disable("x-powered-by");
app.use((req, res, next) => {
  if (!jobsStarted) {
    if (req.headers.cookie?.includes(sessionMarker)) startJobs();
    else res.once("finish", startJobs);
  }
  next();
});
// Behind a reverse proxy, TRUST_PROXY=1 makes req.ip the client from X-Forwarded-For.
app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
app.use(withCommonHeaders(commonHeaders));
app.use(rejectMalformedHost);
app.use(limitDeclaredBody);
app.use(closeUnreadBodies);
app.use(compression());

app.use(
  "/build",
  express.static(ASSETS_DIR, {
    immutable: true,
    maxAge: "1y",
  }),
);
app.use(
  express.static(path.join(root, "public"), {
    maxAge: "1h",
  }),
);

app.use((req, res, next) => {
  // Set here, never taken from the client: the app reads the address from it.
  req.headers["x-adal-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  // One id per HTTP request, so that its loaders share one session lookup (app/modules/auth/guards.server.ts),
  // dropped when the answer has gone out or the client has left.
  const requestId = String((requestCount += 1));
  req.headers["x-adal-request-id"] = requestId;
  res.once("close", () => forgetRequest(requestId));
  const headers = {
    origin: req.get("origin"),
    host: req.get("host"),
    secFetchSite: req.get("sec-fetch-site"),
    // X-Forwarded-Proto's value under TRUST_PROXY.
    protocol: req.protocol,
  };
  if (!isTrustedOrigin(req.method, headers)) {
    res
      .status(403)
      .type("text/plain")
      .set("Cache-Control", "no-store")
      .send("Forbidden: cross-origin request");
    return;
  }
  // A same-origin form navigation says `Origin: null` under our no-referrer policy;
  // it passed above on Sec-Fetch-Site, which Remix's own origin check does not read.
  if (headers.origin === "null") delete req.headers.origin;
  next();
});

// Signed-in requests wait until the keyring has read its state (startJobs above).
app.use(holdSignedInUntil(keyringStarted, SESSION_COOKIE_NAME));

app.all("*", createRequestHandler({ build, mode: production ? "production" : "development" }));

const server = app.listen(port, host, () => {
  console.log(`[adal] listening on http://localhost:${port}`);
  setTimeout(startJobs, JOBS_AFTER_MS);
  if (!production) broadcastDevReady(build);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
