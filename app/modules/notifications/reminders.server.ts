// Reminders of what the system knows is coming: a hearing tomorrow, a
// deadline within 3 days, sent to everyone who holds the case. Safe to run
// any number of times, even two at once: each reminder has a key (the date's
// id and its time), and a second attempt finds it already there. A hearing
// moved to another day is a new reminder.
import { prisma } from "~/db.server";
import { ACTIVE_STATUSES } from "~/modules/assignment/assignment.server";
import { endOfKazakhstanDay, todayInKazakhstan } from "~/utils/time";
import { notifyOnce } from "./notifications.server";

const DAY = 24 * 60 * 60 * 1000;

export const DEADLINE_NOTICE_DAYS = 3;

export async function runReminders(
  now = new Date(),
): Promise<{ created: number; already: number }> {
  // "Tomorrow" is the next calendar day in Kazakhstan.
  const tomorrow = endOfKazakhstanDay(todayInKazakhstan(now));
  const dates = await prisma.proceedingDate.findMany({
    where: {
      outcome: null,
      case: { status: { in: ACTIVE_STATUSES } },
      OR: [
        {
          kind: "HEARING",
          dueAt: { gte: tomorrow, lt: endOfKazakhstanDay(todayInKazakhstan(tomorrow)) },
        },
        {
          kind: "DEADLINE",
          dueAt: { gte: now, lt: new Date(now.getTime() + DEADLINE_NOTICE_DAYS * DAY) },
        },
      ],
    },
    select: {
      id: true,
      kind: true,
      dueAt: true,
      caseId: true,
      case: {
        select: {
          reference: true,
          assignments: { where: { user: { active: true } }, select: { userId: true } },
        },
      },
    },
  });
  let created = 0;
  let already = 0;
  for (const date of dates) {
    for (const { userId } of date.case.assignments) {
      const fresh = await notifyOnce({
        userId,
        kind: date.kind === "HEARING" ? "HEARING_TOMORROW" : "DEADLINE_SOON",
        caseId: date.caseId,
        dedupeKey: `${date.kind.toLowerCase()}:${date.id}:${date.dueAt.toISOString()}`,
        details: { reference: date.case.reference, dueAt: date.dueAt.toISOString() },
      });
      if (fresh) created += 1;
      else already += 1;
    }
  }
  return { created, already };
}

let timer: NodeJS.Timeout | null = null;

/**
 * Runs the reminders now and then every `intervalMs` inside the server
 * process (the default). Set ADAL_IN_PROCESS_JOBS=0 and run
 * `npm run reminders` from cron instead (see README).
 */
export function startReminderSchedule(
  intervalMs = 15 * 60 * 1000,
  log: (message: string) => void = () => {},
): void {
  if (timer) return;
  const tick = () =>
    runReminders().then(
      ({ created }) => created > 0 && log(`[reminders] ${created} sent`),
      (error: unknown) => log(`[reminders] failed: ${(error as Error).message}`),
    );
  void tick();
  timer = setInterval(tick, intervalMs);
  timer.unref();
}
