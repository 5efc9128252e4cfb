// Intakes saved at the same moment share one transaction and one flush of the disk (group commit,
// docs/decisions/0040-group-commit-for-intakes.md): each still lands whole with its audit entry,
// or not at all, and only its own caller hears of its failure.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { groupCommitStats } from "~/db/group-commit.server";
import { startAuditChainer, verifyAuditChain } from "~/modules/audit/audit.server";
import { openerForCase } from "~/modules/keys/case-fields.server";
import { createUser } from "~/modules/people/people.server";
import { minimalIntake } from "../../../tests/fixtures/intake";
import { createIntake, type Actor } from "./intake.server";
import { validateIntake, type IntakeInput } from "./schema";

let actor: Actor;

beforeAll(async () => {
  const organizer = await createUser(
    { email: "dana@example.org", displayName: "Dana", role: "ORGANIZER", regions: ["ATYRAU"] },
    { actorId: null },
  );
  actor = { userId: organizer.id, ipAddress: "203.0.113.9", userAgent: "Mozilla/5.0 (test)" };
});

function intake(workerOccupation = "Driver"): IntakeInput {
  const result = validateIntake(
    minimalIntake("OTHER", {
      workers: [{ anonymous: "on", occupation: workerOccupation, consentToCiteAnonymously: "on" }],
    }),
  );
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const sqlite = database.provider === "sqlite";
const cleanups: string[] = [];

afterEach(async () => {
  for (const statement of cleanups.splice(0).reverse()) await prisma.$executeRawUnsafe(statement);
});

/** Every intake naming a worker with this occupation fails in the database itself. */
async function failWorkersNamed(occupation: string) {
  if (sqlite) {
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "fail_worker" BEFORE INSERT ON "AffectedWorker" WHEN NEW."occupation" = '${occupation}' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
    );
    cleanups.push(`DROP TRIGGER "fail_worker"`);
  } else {
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION "fail_insert"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "fail_worker" BEFORE INSERT ON "AffectedWorker" FOR EACH ROW WHEN (NEW."occupation" = '${occupation}') EXECUTE FUNCTION "fail_insert"()`,
    );
    cleanups.push(`DROP TRIGGER "fail_worker" ON "AffectedWorker"`);
  }
}

/**
 * Every transaction that records a timeline event fails at its COMMIT, after all its statements
 * succeeded: a deferred check (SQLite: a deferred foreign key; PostgreSQL: a deferred constraint
 * trigger), as a COMMIT refused by the database would.
 */
async function failCommits() {
  if (sqlite) {
    await prisma.$executeRawUnsafe(`CREATE TABLE "commit_guard" ("id" INTEGER PRIMARY KEY)`);
    await prisma.$executeRawUnsafe(
      `CREATE TABLE "commit_breaker" ("guard" INTEGER REFERENCES "commit_guard" ("id") DEFERRABLE INITIALLY DEFERRED)`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "fail_commit" AFTER INSERT ON "TimelineEvent" BEGIN INSERT INTO "commit_breaker" VALUES (1); END`,
    );
    cleanups.push(`DROP TABLE "commit_guard"`, `DROP TABLE "commit_breaker"`);
    cleanups.push(`DROP TRIGGER "fail_commit"`);
  } else {
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION "fail_insert"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER "fail_commit" AFTER INSERT ON "TimelineEvent" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "fail_insert"()`,
    );
    cleanups.push(`DROP TRIGGER "fail_commit" ON "TimelineEvent"`);
  }
}

async function counter(year: number) {
  return (await prisma.caseCounter.findUnique({ where: { year } }))?.last ?? 0;
}

/** Saves the intakes at the same moment (in `year`), and how many batches that took. */
async function saveTogether(intakes: IntakeInput[], year: number) {
  const now = new Date(`${year}-06-01T12:00:00Z`);
  const batchesBefore = groupCommitStats.batches;
  const saved = await Promise.allSettled(intakes.map((each) => createIntake(each, actor, now)));
  return { saved, batches: groupCommitStats.batches - batchesBefore };
}

const reference = (year: number, number: number) => `KZ-${year}-${String(number).padStart(6, "0")}`;

describe("intakes saved at the same moment", () => {
  it("are committed in one batch, with consecutive references and an audit entry each", async () => {
    const auditBefore = await prisma.auditEntry.count();
    const { saved, batches } = await saveTogether(
      Array.from({ length: 6 }, () => intake()),
      2041,
    );
    expect(batches).toBe(1);
    const references = saved.map((s) => (s.status === "fulfilled" ? s.value.reference : s.reason));
    expect(references).toEqual([1, 2, 3, 4, 5, 6].map((n) => reference(2041, n)));
    expect(await counter(2041)).toBe(6);
    const audited = await prisma.auditEntry.findMany({
      where: { action: "case.created", seq: { gt: auditBefore } },
      orderBy: { seq: "asc" },
      select: { targetId: true },
    });
    expect(audited.map((a) => a.targetId)).toEqual(references);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("keep every other intake of the batch when one fails, and leave nothing of that one", async () => {
    await failWorkersNamed("Saboteur");
    const before = {
      cases: await prisma.case.count(),
      workers: await prisma.affectedWorker.count(),
      audit: await prisma.auditEntry.count(),
      events: await prisma.timelineEvent.count(),
      keys: await prisma.caseKey.count(),
    };
    const { saved, batches } = await saveTogether(
      [intake(), intake("Saboteur"), intake(), intake()],
      2042,
    );
    expect(batches).toBe(1);
    expect(saved.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(String((saved[1] as PromiseRejectedResult).reason)).toMatch(/forced failure/);
    // The failed one took no number: the others' references follow one another.
    expect(saved.flatMap((s) => (s.status === "fulfilled" ? [s.value.reference] : []))).toEqual(
      [1, 2, 3].map((n) => reference(2042, n)),
    );
    expect(await counter(2042)).toBe(3);
    expect({
      cases: await prisma.case.count(),
      workers: await prisma.affectedWorker.count(),
      audit: await prisma.auditEntry.count(),
      events: await prisma.timelineEvent.count(),
      keys: await prisma.caseKey.count(),
    }).toEqual({
      cases: before.cases + 3,
      workers: before.workers + 3,
      audit: before.audit + 3,
      events: before.events + 3,
      keys: before.keys + 3,
    });
    expect(await prisma.affectedWorker.count({ where: { occupation: "Saboteur" } })).toBe(0);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it.skipIf(sqlite)(
    "are written again whole after a deadlock, their case keys as readable as their fields",
    async () => {
      // The first AffectedWorker insert anywhere fails as a deadlock would (40P01, the batch is
      // run again); a sequence, not a row, remembers it: the rollback does not undo nextval.
      await prisma.$executeRawUnsafe(`CREATE SEQUENCE "deadlock_once"`);
      await prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION "deadlock_once"() RETURNS trigger AS $$ BEGIN IF nextval('deadlock_once') = 1 THEN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER "deadlock_once" BEFORE INSERT ON "AffectedWorker" FOR EACH ROW EXECUTE FUNCTION "deadlock_once"()`,
      );
      cleanups.push(
        `DROP SEQUENCE "deadlock_once"`,
        `DROP FUNCTION "deadlock_once"()`,
        `DROP TRIGGER "deadlock_once" ON "AffectedWorker"`,
      );
      const { saved } = await saveTogether([intake(), intake(), intake()], 2044);
      expect(saved.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      for (const each of saved) {
        const { id } = (each as PromiseFulfilledResult<{ id: string }>).value;
        const row = await prisma.case.findUniqueOrThrow({
          where: { id },
          select: { account: true },
        });
        // The key written on the second run wraps the key the fields were sealed with.
        const opened = (await openerForCase(id)).open("Case", id, { account: row.account });
        expect(opened.account).toMatchObject({ ok: true });
      }
      expect(await verifyAuditChain()).toMatchObject({ ok: true });
    },
  );

  it("are all refused, and none is kept, when the batch's COMMIT fails", async () => {
    const before = {
      cases: await prisma.case.count(),
      audit: await prisma.auditEntry.count(),
      events: await prisma.timelineEvent.count(),
    };
    await failCommits();
    const { saved, batches } = await saveTogether(
      Array.from({ length: 4 }, () => intake()),
      2043,
    );
    expect(batches).toBe(1);
    expect(saved.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
    expect(await counter(2043)).toBe(0);
    expect({
      cases: await prisma.case.count(),
      audit: await prisma.auditEntry.count(),
      events: await prisma.timelineEvent.count(),
    }).toEqual(before);
    for (const statement of cleanups.splice(0).reverse()) await prisma.$executeRawUnsafe(statement);
    // The connection is usable again, and the year's numbering starts at 1.
    const next = await createIntake(intake(), actor, new Date("2043-06-01T12:00:00Z"));
    expect(next.reference).toBe(reference(2043, 1));
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it.skipIf(sqlite)(
    "write each case, its first event and its pending audit entry together while the chainer runs, and drop all three of the one that fails",
    async () => {
      await failWorkersNamed("Saboteur");
      const count = async () => ({
        cases: await prisma.case.count(),
        events: await prisma.timelineEvent.count({ where: { kind: "CREATED" } }),
        audit:
          (await prisma.auditEntry.count({ where: { action: "case.created" } })) +
          (await prisma.auditPending.count({ where: { action: "case.created" } })),
        keys: await prisma.caseKey.count(),
        counter: await counter(2046),
      });
      const before = await count();
      const stop = startAuditChainer(60_000); // entries stay pending until it is stopped
      let saved: PromiseSettledResult<{ id: string; reference: string }>[];
      try {
        ({ saved } = await saveTogether([intake(), intake("Saboteur"), intake()], 2046));
        expect(await prisma.auditPending.count({ where: { action: "case.created" } })).toBe(2);
      } finally {
        await stop(); // links what is pending
      }
      expect(saved.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      const references = [1, 2].map((n) => reference(2046, n));
      expect(saved.flatMap((s) => (s.status === "fulfilled" ? [s.value.reference] : []))).toEqual(
        references,
      );
      // The failed one's counter increment and case key (one statement with the keyring row, and a
      // clause of its case's statement: 0040, addendum 3) went with its savepoint.
      expect(await count()).toEqual({
        cases: before.cases + 2,
        events: before.events + 2,
        audit: before.audit + 2,
        keys: before.keys + 2,
        counter: 2,
      });
      for (const each of saved) {
        if (each.status !== "fulfilled") continue;
        const { id } = each.value;
        const row = await prisma.case.findUniqueOrThrow({
          where: { id },
          select: { account: true },
        });
        const opened = (await openerForCase(id)).open("Case", id, { account: row.account });
        expect(opened.account).toMatchObject({ ok: true });
      }
      const audited = await prisma.auditEntry.findMany({
        where: { action: "case.created", targetId: { in: references } },
        orderBy: { seq: "asc" },
        select: { targetId: true },
      });
      expect(audited.map((a) => a.targetId)).toEqual(references);
      expect(await verifyAuditChain()).toMatchObject({ ok: true });
    },
  );
});
