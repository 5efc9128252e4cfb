// Work the server process does besides answering requests, started once by
// server/index.js: on PostgreSQL the audit chainer (every process runs one; the
// chain's lock lets one work at a time, docs/decisions/0024), the keyring
// (app/modules/keys/start.server.ts) and, each time it unseals, the indexing of
// intakes taken while it was sealed (docs/decisions/0027), the
// reminder and retention schedules (unless ADAL_IN_PROCESS_JOBS=0, when cron
// runs `npm run reminders` and `npm run retention` instead), and on SQLite an hourly refresh of the query
// planner's statistics (PostgreSQL's autovacuum does that itself).
import { database, prisma } from "~/db.server";
import { startAuditChainer } from "~/modules/audit/audit.server";
import { indexSealedIntakes } from "~/modules/intake/sealed-intakes.server";
import { keyring } from "~/modules/keys/keyring.server";
import { startKeyring } from "~/modules/keys/start.server";
import { startReminderSchedule } from "~/modules/notifications/reminders.server";
import { startRetentionSchedule } from "~/modules/retention/retention.server";
import { logError, logInfo } from "~/utils/log.server";

export async function startBackgroundJobs(): Promise<void> {
  startAuditChainer();
  const indexIntakes = async () => {
    const indexed = await indexSealedIntakes();
    if (indexed > 0) logInfo(`[keys] ${indexed} intakes taken while sealed indexed`);
  };
  keyring.onUnsealed(indexIntakes);
  await startKeyring();
  // Also when another process unsealed this one and stopped halfway: the flag says what is left.
  indexIntakes().catch(logError);
  if (process.env.ADAL_IN_PROCESS_JOBS !== "0") {
    startReminderSchedule(undefined, (message) => logInfo(message));
    startRetentionSchedule(undefined, (message) => logInfo(message));
  }
  startPlannerStatistics();
}

const HOUR = 60 * 60 * 1000;

function startPlannerStatistics(): void {
  if (database.provider !== "sqlite") return;
  const timer = setInterval(() => {
    prisma.$executeRawUnsafe("PRAGMA optimize").catch(logError);
  }, HOUR);
  timer.unref();
}
