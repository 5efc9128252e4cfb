// ADAL_BUILD_DIR puts the server build and its assets elsewhere, so that
// parallel checkouts' e2e runs (each with its own build) do not overwrite each other.
const buildDir = process.env.ADAL_BUILD_DIR;

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
