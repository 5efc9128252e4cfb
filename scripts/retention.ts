// `npm run retention`: sends the 30-day notices and destroys the content the
// retention rule says is due, once, and exits. `-- --dry-run` lists what
// would go (references, categories and counts, never content) and changes
// nothing. For cron, with ADAL_IN_PROCESS_JOBS=0 on the server; running it
// twice, or next to the server's own schedule, destroys and sends nothing twice.
import { prisma } from "~/db.server";
import { runRetention } from "~/modules/retention/retention.server";

const dryRun = process.argv.includes("--dry-run");
try {
  const { destroyed, noticesSent } = await runRetention({ dryRun });
  for (const entry of destroyed) {
    const counts = Object.entries(entry.counts)
      .map(([kind, n]) => `${kind}=${n}`)
      .join(" ");
    console.log(`${entry.reference}\t${entry.categories.join(",")}\t${counts}`);
  }
  console.log(
    dryRun
      ? `retention (dry run): ${destroyed.length} cases would lose content; nothing changed`
      : `retention: content destroyed on ${destroyed.length} cases, ${noticesSent} notices sent`,
  );
} catch (error) {
  console.error(`retention failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
