// `npm run lighthouse`: Lighthouse 12 (mobile emulation, its default) on the
// sign-in page, the intake form and a case file, signed in as a field organizer
// in Russian. Starts the production build (run `npm run build` first) on a fresh
// demo database (data/lighthouse.db) the way the e2e suite does, writes a session
// the way the login does, and prints each page's performance and accessibility
// scores, LCP, TBT and the bytes it transferred. Writes
// bench-results/lighthouse-<time>.json (the summary and Lighthouse's full reports).
// Targets (issue 15): performance >= 90 and accessibility 100. A benchmark, not a
// test: numbers depend on what else the machine is doing.
//
// CHROME_PATH (default /usr/bin/chromium), LIGHTHOUSE_PORT (default 3330),
// ADAL_BUILD_DIR (as for the e2e suite).
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const root = process.cwd();
const port = Number(process.env.LIGHTHOUSE_PORT || 3330);
process.env.E2E_PORT = String(port);
process.env.E2E_DB = process.env.E2E_DB || "data/lighthouse.db";
const baseUrl = `http://localhost:${port}`;

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start within 2 minutes");
}

const server = spawn(process.execPath, ["scripts/e2e-server.js"], {
  cwd: root,
  env: process.env,
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const stopServer = () => {
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
};

type Row = {
  page: string;
  url: string;
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  transferBytes: number;
  scriptAndStyleBytes: number;
  failedAccessibilityAudits: string[];
};

try {
  await waitForServer();
  const { loadApp } = await import("../../e2e/support/app");
  const app = await loadApp();
  const found = await app.prisma.case.findFirstOrThrow({
    where: { organizer: { email: { endsWith: "@example.org" } }, workers: { some: {} } },
    orderBy: { createdAt: "desc" },
    select: { id: true, reference: true, region: true },
  });
  const user = await app.createUser(
    {
      email: `lighthouse.${Date.now()}@e2e.example.org`,
      displayName: "Lighthouse organizer",
      role: "ORGANIZER",
      regions: [found.region],
      locale: "ru",
      password: `lighthouse-${Date.now()}-password`,
    },
    { actorId: null, ipAddress: "bench", userAgent: "lighthouse" },
  );
  await app.prisma.caseAssignment.create({
    data: { caseId: found.id, userId: user.id, role: "FIELD_ORGANIZER", assignedById: user.id },
  });
  const token = await app.createSession(
    user.id,
    { ipAddress: "127.0.0.1", userAgent: "lighthouse" },
    { secondFactor: "passed" },
  );
  const cookie = `${app.SESSION_COOKIE_NAME}=${token}`;

  const pages = [
    { page: "sign-in", url: "/login", signedIn: false },
    { page: "intake", url: "/cases/new", signedIn: true },
    { page: "case file", url: `/cases/${found.reference}`, signedIn: true },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const rows: Row[] = [];
  const reports: unknown[] = [];
  try {
    for (const { page, url, signedIn } of pages) {
      const run = async () => {
        const result = await lighthouse(`${baseUrl}${url}`, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          extraHeaders: signedIn
            ? { Cookie: cookie, "Accept-Language": "ru" }
            : { "Accept-Language": "ru" },
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        return result.lhr;
      };
      // Now and then Chromium's trace of the first load has no navigationStart
      // (NO_NAVSTART: "Please run Lighthouse again"): so it does, twice at most.
      let lhr = await run();
      for (let attempt = 1; lhr.runtimeError && attempt <= 2; attempt += 1) {
        console.log(`${url}: ${lhr.runtimeError.code}, running again`);
        lhr = await run();
      }
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      const items =
        (lhr.audits["network-requests"]?.details as { items?: Array<Record<string, unknown>> })
          ?.items ?? [];
      const sum = (filter: (item: Record<string, unknown>) => boolean) =>
        items.filter(filter).reduce((total, item) => total + Number(item.transferSize ?? 0), 0);
      rows.push({
        page,
        url,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        lcpMs: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0),
        tbtMs: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? 0),
        transferBytes: sum(() => true),
        scriptAndStyleBytes: sum(
          (item) => item.resourceType === "Script" || item.resourceType === "Stylesheet",
        ),
        failedAccessibilityAudits: (lhr.categories.accessibility?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => ref.id),
      });
      reports.push(lhr);
    }
  } finally {
    await chrome.kill();
    await app.prisma.$disconnect();
  }

  // The machine's load while it ran: on a shared machine, performance scores follow it.
  const load = loadavg().map((value) => value.toFixed(2));
  console.log(`load average ${load.join(" ")} on ${cpus().length} CPUs`);
  console.log("page        perf  a11y  LCP ms  TBT ms  bytes    JS+CSS");
  for (const row of rows) {
    console.log(
      `${row.page.padEnd(10)}  ${String(row.performance).padStart(4)}  ${String(row.accessibility).padStart(4)}  ${String(row.lcpMs).padStart(6)}  ${String(row.tbtMs).padStart(6)}  ${String(row.transferBytes).padStart(7)}  ${String(row.scriptAndStyleBytes).padStart(7)}` +
        (row.failedAccessibilityAudits.length
          ? `  (accessibility: ${row.failedAccessibilityAudits.join(", ")})`
          : ""),
    );
  }
  mkdirSync(path.join(root, "bench-results"), { recursive: true });
  const file = path.join(
    root,
    "bench-results",
    `lighthouse-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  writeFileSync(file, JSON.stringify({ load, cpus: cpus().length, rows, reports }, null, 2));
  console.log(`written: ${path.relative(root, file)}`);
} finally {
  stopServer();
}
