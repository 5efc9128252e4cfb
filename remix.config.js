import { readFileSync } from "node:fs";

// ADAL_BUILD_DIR puts the server build and its assets elsewhere, so that
// parallel checkouts' e2e runs (each with its own build) do not overwrite each other.
const buildDir = process.env.ADAL_BUILD_DIR;

// The server build is CommonJS, which Node 20 keeps compiled (server/compile-cache.js,
// docs/decisions/0042-cold-start.md): the generated Prisma clients must be the ones
// `npm run db:generate` makes for it (scripts/db/generate.js). An older generation would build
// and then fail when the server starts; it fails here instead.
for (const provider of ["sqlite", "postgresql"]) {
  const file = new URL(`app/generated/prisma/${provider}/internal/class.ts`, import.meta.url);
  let generated = "";
  try {
    generated = readFileSync(file, "utf8");
  } catch {
    // Not generated at all: said below.
  }
  if (!generated.includes("requireRuntime("))
    throw new Error(
      `${file.pathname} is missing or older than this build needs: run npm run db:generate`,
    );
}

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: buildDir ? `${buildDir}/index.cjs` : "build/index.cjs",
  assetsBuildDirectory: buildDir ? `${buildDir}/public/build` : "public/build",
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "cjs",
  serverDependenciesToBundle: [/^lucia(\/|$)/, /^@oslojs\//],
  serverPlatform: "node",
  browserNodeBuiltinsPolyfill: { modules: {} },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
