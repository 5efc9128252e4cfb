// End-to-end tests against the production build on a throwaway SQLite
// database (data/e2e.db), started by scripts/e2e-server.js. Run `npm run build`
// first. See e2e/README.md.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, E2E_PORT } from "./e2e/support/env";

// Machines without Playwright's downloaded browsers (CI images, this project's
// build box) use the system Chromium; a developer laptop uses Playwright's own.
const systemChromium =
  process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const launchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    // English unless a test chooses otherwise; the app's default is Russian.
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"] },
      testIgnore: /phone\.spec\.ts/,
    },
    {
      name: "phone",
      use: {
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      },
      testMatch: /phone\.spec\.ts/,
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.js",
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    env: { E2E_PORT: String(E2E_PORT) },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
