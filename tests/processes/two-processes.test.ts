// Server workers are separate processes on one database (server/cluster.js):
// their writes must queue behind each other there, not in one process's memory.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { createUser } from "~/modules/people/people.server";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function intakesInAProcess(
  organizerId: string,
  intakes: number,
  concurrency: number,
  startAt: number,
) {
  return new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "tests/processes/intakes.child.ts"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ORGANIZER_ID: organizerId,
          INTAKES: String(intakes),
          CONCURRENCY: String(concurrency),
          START_AT: String(startAt),
        },
        timeout: 90_000,
      },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
    );
  });
}

// On PostgreSQL another process is only more connections, which the server's own pool already
// has; on SQLite the processes share a file and only SQLite's locks order their writes.
describe.skipIf(database.provider !== "sqlite")(
  "two server processes recording intakes at once",
  () => {
    it("keep the audit chain whole and give every case its own next reference", async () => {
      const organizer = await createUser(
        {
          email: "two.processes@example.org",
          displayName: "Two",
          role: "ORGANIZER",
          regions: ["ATYRAU"],
        },
        { actorId: null },
      );
      const before = await prisma.auditEntry.count();
      const startAt = Date.now() + 8000;
      await Promise.all([
        intakesInAProcess(organizer.id, 30, 4, startAt),
        intakesInAProcess(organizer.id, 30, 4, startAt),
      ]);

      const cases = await prisma.case.findMany({ select: { reference: true, number: true } });
      expect(cases).toHaveLength(60);
      expect(new Set(cases.map((c) => c.reference)).size).toBe(60);
      // Numbered 1 to 60 within the year: none skipped, none taken twice.
      expect(cases.map((c) => c.number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      const verdict = await verifyAuditChain();
      expect(verdict).toMatchObject({ ok: true });
      expect(await prisma.auditEntry.count()).toBe(before + 60);
    }, 120_000);
  },
);
