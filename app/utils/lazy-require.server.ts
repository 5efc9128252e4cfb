// `require` for the packages loaded on first use rather than at the start (pg and Prisma's
// PostgreSQL adapter on SQLite installations, the WebAuthn library, the common-password list).
// In the server build, which is CommonJS, it is the build's own `require`; where the source runs
// as ES modules (Vitest, tsx) it is made from this module's URL. Either way the packages resolve
// from the checkout's node_modules. Not import(): on Node 20 the build is run from V8's code
// cache, where import() has no module loader (docs/decisions/0042-cold-start.md).
import { createRequire } from "node:module";

export const lazyRequire: NodeJS.Require =
  typeof require === "function" ? require : createRequire(import.meta.url);
