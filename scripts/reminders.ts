// `npm run reminders`: sends the due hearing and deadline reminders once and
// exits. For cron, with ADAL_IN_PROCESS_JOBS=0 on the server; running it
// twice, or next to the server's own schedule, sends nothing twice.
import { prisma } from "~/db.server";
import { runReminders } from "~/modules/notifications/reminders.server";

try {
  const { created, already } = await runReminders();
  console.log(`reminders: ${created} sent, ${already} already sent`);
} catch (error) {
  console.error(`reminders failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
