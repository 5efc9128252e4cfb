// Where the e2e server listens and which database it uses; shared by the
// Playwright config, the fixtures and the specs. scripts/e2e-server.js uses
// the same port variable and database file.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
/** E2E_DB: another file, for running two suites side by side. */
export const E2E_DATABASE_FILE = path.resolve(root, process.env.E2E_DB || "data/e2e.db");
export const E2E_DATABASE_URL = `file:${E2E_DATABASE_FILE}`;
