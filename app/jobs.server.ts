// Work the server process does besides answering requests, started once by
// server/index.js: on PostgreSQL the audit chainer (every process runs one; the
// chain's lock lets one work at a time, docs/decisions/0024), the keyring
// (app/modules/keys/start.server.ts) and, each time it unseals, the indexing of
// intakes taken while it was sealed (docs/decisions/0027), the sealing of TOTP secrets stored
// in the clear before docs/decisions/0049, and on SQLite an
// hourly refresh of the query planner's statistics (PostgreSQL's autovacuum does
// that itself); ten seconds later, the reminder and retention schedules (unless
// ADAL_IN_PROCESS_JOBS=0, when cron runs `npm run reminders` and `npm run retention` instead).
import { database, prisma } from "~/db.server";
import { startAuditChainer } from "~/modules/audit/audit.server";
import { sealClearTotpSecrets } from "~/modules/auth/totp-secret.server";
import { indexSealedIntakes } from "~/modules/intake/sealed-intakes.server";
import { keyring } from "~/modules/keys/keyring.server";
import { startKeyring } from "~/modules/keys/start.server";
import { startReminderSchedule } from "~/modules/notifications/reminders.server";
import { startRetentionSchedule } from "~/modules/retention/retention.server";
import { logError, logInfo } from "~/utils/log.server";

/**
 * How long after the start the schedules first run: the first pages after a restart are served
 * before the reminders, the retention rule and the search-text backfill read through the cases
 * (on SQLite on the thread that serves them). The keyring and the chainer start at once.
 */
export const SCHEDULES_AFTER_MS = 10_000;

export async function startBackgroundJobs(): Promise<void> {
  startAuditChainer();
  const indexIntakes = async () => {
    const indexed = await indexSealedIntakes();
    if (indexed > 0) logInfo(`[keys] ${indexed} intakes taken while sealed indexed`);
  };
  keyring.onUnsealed(indexIntakes);
  await startKeyring();
  sealClearTotpSecrets()
    .then((sealed) => sealed > 0 && logInfo(`[second factor] ${sealed} TOTP secrets sealed`))
    .catch(logError);
  startPlannerStatistics();
  const later = setTimeout(() => void startSchedules(indexIntakes), SCHEDULES_AFTER_MS);
  later.unref();
}

async function startSchedules(indexIntakes: () => Promise<void>): Promise<void> {
  // Also when another process unsealed this one and stopped halfway: the flag says what is left.
  indexIntakes().catch(logError);
  if (process.env.ADAL_IN_PROCESS_JOBS !== "0") {
    startReminderSchedule(undefined, (message) => logInfo(message));
    startRetentionSchedule(undefined, (message) => logInfo(message));
  }
}

const HOUR = 60 * 60 * 1000;

function startPlannerStatistics(): void {
  if (database.provider !== "sqlite") return;
  const timer = setInterval(() => {
    prisma.$executeRawUnsafe("PRAGMA optimize").catch(logError);
  }, HOUR);
  timer.unref();
}
