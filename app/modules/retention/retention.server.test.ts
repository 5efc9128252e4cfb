// Retention that deletes: periods per category counted from closing, legal
// holds, the 30-day notice, the dry run, a worker forgotten at their request,
// and destruction that leaves no trace of the content in any table (and, on
// SQLite, in the database file's bytes).
import { expectSealed, opened, searchFinds } from "../../../tests/fixtures/sealed";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import {
  DatabaseDocumentStore,
  LocalDocumentStore,
  newStorageKey,
} from "~/modules/documents/store.server";
import { refreshSearchText } from "~/modules/cases/search-text.server";
import { DomainError } from "~/utils/domain-error";
import { makeCase, makePerson, putOnCase, type Person } from "../../../tests/fixtures/assignment";
import {
  addMonths,
  forgetWorker,
  placeLegalHold,
  releaseLegalHold,
  retentionPeriods,
  retentionStatus,
  runRetention,
  sendRetentionNotices,
  setRetentionPeriods,
} from "./retention.server";
import { newPseudonym } from "~/modules/cases/pseudonym";

const DAY = 86_400_000;
const SENTINEL = "Qzxsentinelvq";
const NOW = new Date("2026-06-15T09:00:00.000Z");
const store = new LocalDocumentStore(mkdtempSync(path.join(os.tmpdir(), "adal-retention-")));

let organizer: Person;
let lawyer: Person;
let coordinator: Person;
let otherCoordinator: Person;
let admin: Person;

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR", ["ATYRAU"]);
  otherCoordinator = await makePerson("bolat@example.org", "COORDINATOR", ["PAVLODAR"]);
  admin = await makePerson("root@example.org", "ADMIN", []);
});

/** A closed case, with the lawyer as lead, full of sentinel text everywhere text can be. */
async function closedCase(closedAt: Date | null, status: "CLOSED" | "REOPENED" = "CLOSED") {
  const created = await makeCase(organizer.id);
  await putOnCase(created.reference, lawyer, "LEAD_LAWYER", coordinator);
  const s = (what: string) => `${SENTINEL} ${what}`;
  await prisma.$transaction(async (tx) => {
    const { facts } = await tx.case.findUniqueOrThrow({
      where: { id: created.id },
      select: { facts: true },
    });
    await tx.case.update({
      where: { id: created.id },
      data: {
        status,
        closedAt,
        account: s("account"),
        place: s("place"),
        facts: JSON.stringify({ ...JSON.parse(facts), freeText: s("fact") }),
      },
    });
    for (const anonymous of [false, false, true]) {
      const worker = await tx.affectedWorker.create({
        data: {
          caseId: created.id,
          pseudonym: newPseudonym(),
          anonymous,
          occupation: s("occupation"),
        },
      });
      if (!anonymous)
        await tx.workerIdentity.create({
          data: {
            workerId: worker.id,
            fullName: s("name"),
            iin: s("iin"),
            phone: s("phone"),
            address: s("address"),
            contactNotes: s("contact"),
          },
        });
    }
    await tx.caseNote.create({
      data: { caseId: created.id, authorId: lawyer.id, body: s("note"), legal: true },
    });
    await tx.caseNote.create({
      data: {
        caseId: created.id,
        authorId: lawyer.id,
        body: s("withdrawn note"),
        withdrawnAt: NOW,
        withdrawnById: lawyer.id,
        withdrawnReason: s("why"),
      },
    });
    await tx.caseOutcome.create({
      data: {
        caseId: created.id,
        kind: "WAGES_RECOVERED",
        amountMinor: 125_000_00n,
        currency: "KZT",
        people: 2,
        date: NOW,
        note: s("outcome"),
        recordedById: lawyer.id,
      },
    });
    const proceeding = await tx.proceeding.create({
      data: {
        caseId: created.id,
        kind: "CIVIL_CLAIM",
        authority: "Atyrau City Court",
        externalNumber: s("number"),
        summary: s("summary"),
        createdById: lawyer.id,
      },
    });
    await tx.proceedingDate.create({
      data: {
        proceedingId: proceeding.id,
        caseId: created.id,
        kind: "HEARING",
        dueAt: NOW,
        place: s("room"),
        description: s("hearing"),
        outcome: s("ruling"),
        createdById: lawyer.id,
      },
    });
    const storageKey = newStorageKey();
    await store.put(storageKey, new TextEncoder().encode(s("document bytes")));
    await tx.caseDocument.create({
      data: {
        caseId: created.id,
        title: s("title"),
        kind: "CONTRACT",
        mediaType: "application/pdf",
        fileName: s("file.pdf"),
        sizeBytes: 10,
        sha256: "0".repeat(64),
        storageKey,
        uploadedById: lawyer.id,
        withdrawnReason: s("withdrawn"),
      },
    });
    await tx.legalHold.create({
      data: {
        caseId: created.id,
        reason: s("old hold"),
        placedById: lawyer.id,
        releasedAt: NOW,
        releasedById: lawyer.id,
        releaseReason: s("hold ended"),
      },
    });
    for (const details of [
      { from: "CLOSED", to: "REOPENED", reason: s("reason") },
      { documentId: "x", title: s("title"), kind: "CONTRACT" },
      {
        changes: [
          { field: "place", from: s("old place"), to: s("new place") },
          { field: "urgency", from: "NORMAL", to: "HIGH" },
        ],
      },
      { proceedingId: "p", dateAdded: { kind: "HEARING", description: s("date") } },
    ])
      await tx.timelineEvent.create({
        data: {
          caseId: created.id,
          actorId: lawyer.id,
          kind: "FACT_EDITED",
          details: JSON.stringify(details),
        },
      });
    await refreshSearchText(tx, created.id);
  });
  return created;
}

const placeholder = database.provider === "sqlite" ? "?" : "$1";

/** Every text column of every table whose value contains the sentinel: "table.column" each. */
async function tablesHoldingSentinel(): Promise<string[]> {
  const found: string[] = [];
  const columns: { table: string; column: string }[] =
    database.provider === "sqlite"
      ? await prisma.$queryRawUnsafe(
          `SELECT m.name AS "table", p.name AS "column" FROM sqlite_master m
           JOIN pragma_table_info(m.name) p
           WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%'
             AND (p.type = 'TEXT' OR p.type = '' OR p.type = 'BLOB')`,
        )
      : await prisma.$queryRawUnsafe(
          `SELECT table_name::text AS "table", column_name::text AS "column" FROM information_schema.columns
           WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')`,
        );
  expect(columns.length).toBeGreaterThan(40);
  for (const { table, column } of columns) {
    const rows: { n: number | bigint }[] = await prisma.$queryRawUnsafe(
      `SELECT COUNT(*) AS n FROM "${table}" WHERE CAST("${column}" AS TEXT) LIKE ${placeholder}`,
      `%${SENTINEL}%`,
    );
    if (Number(rows[0]!.n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

/** Cases whose search index finds the sentinel (SQLite's FTS5 index; PostgreSQL searches the column). */
async function searchFindsSentinel(): Promise<number> {
  if (database.provider !== "sqlite") return 0;
  const rows: { n: number | bigint }[] = await prisma.$queryRawUnsafe(
    `SELECT COUNT(*) AS n FROM "_cf_ADAL_case_search" WHERE "searchText" MATCH ?`,
    `"${SENTINEL.toLowerCase()}"`,
  );
  return Number(rows[0]!.n);
}

function databaseFileHoldsSentinel(sentinel = SENTINEL): boolean {
  const file = database.provider === "sqlite" ? database.filePath : null;
  if (!file) return false;
  const needle = Buffer.from(sentinel);
  return [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(needle));
}

async function clearRules() {
  await prisma.retentionRule.deleteMany();
}

describe("retention periods", () => {
  it("destroys a case closed 24 months and a day ago, and keeps one closed 24 months less a day ago", async () => {
    await clearRules();
    const goes = await closedCase(new Date(addMonths(NOW, -24).getTime() - DAY));
    const stays = await closedCase(new Date(addMonths(NOW, -24).getTime() + DAY));
    const open = await closedCase(addMonths(NOW, -30), "REOPENED");

    const { destroyed } = await runRetention({ now: NOW, store });
    const references = destroyed.map((d) => d.reference);
    expect(references).toContain(goes.reference);
    expect(references).not.toContain(stays.reference);
    expect(references).not.toContain(open.reference);

    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: goes.id } } })).toBe(0);
    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: stays.id } } })).toBe(2);
    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: open.id } } })).toBe(2);
    // The worker count stays right: the workers are there without their identities.
    expect(await prisma.affectedWorker.count({ where: { caseId: goes.id } })).toBe(3);
    const kept = await prisma.case.findUniqueOrThrow({
      where: { id: goes.id },
      select: { category: true, region: true, status: true, account: true, closedAt: true },
    });
    expect(kept).toMatchObject({ category: "UNPAID_WAGES", region: "ATYRAU", status: "CLOSED" });
    expect(kept.account).toBe("");
    const outcome = await prisma.caseOutcome.findFirstOrThrow({ where: { caseId: goes.id } });
    expect(outcome.amountMinor).toBe(125_000_00n);
    expect(outcome.people).toBe(2);
    const timeline = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId: goes.id, kind: "CONTENT_DESTROYED" },
    });
    expect(JSON.parse(timeline.details)).toMatchObject({
      rule: "retention",
      categories: ["IDENTITIES", "TEXTS", "DOCUMENTS"],
    });

    // A second run finds nothing more to do.
    const again = await runRetention({ now: NOW, store });
    expect(again.destroyed.map((d) => d.reference)).not.toContain(goes.reference);
  });

  it("shreds the case key once identities, texts and documents are all gone, and not before", async () => {
    await clearRules();
    await setRetentionPeriods(admin, { IDENTITIES: "12", TEXTS: "24", DOCUMENTS: "24" });
    const closedAt = new Date(addMonths(NOW, -18).getTime());
    const created = await closedCase(closedAt);
    const liveKeys = () =>
      prisma.caseKey.count({ where: { caseId: created.id, wrappedKey: { not: null } } });
    expect(await liveKeys()).toBeGreaterThan(0);

    // Identities are due, texts and documents are not: the key must stay to read them.
    await runRetention({ now: NOW, store });
    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: created.id } } })).toBe(
      0,
    );
    expect(await liveKeys()).toBeGreaterThan(0);

    // Seven months later the rest is due: the key goes with it, on the record.
    const later = addMonths(NOW, 7);
    const { destroyed } = await runRetention({ now: later, store });
    const mine = destroyed.find((d) => d.reference === created.reference);
    expect(mine?.counts.caseKeys).toBeGreaterThan(0);
    expect(await liveKeys()).toBe(0);
    const shredded = await prisma.auditEntry.findFirst({
      where: { action: "case.key_destroyed", targetId: created.id },
    });
    expect(JSON.parse(shredded!.details)).toMatchObject({ reason: "retention" });
    await clearRules();
  });

  it("keeps each category for its own period", async () => {
    await clearRules();
    await setRetentionPeriods(admin, { IDENTITIES: "36", TEXTS: "12", DOCUMENTS: "12" });
    const c = await closedCase(addMonths(NOW, -13));
    const { destroyed } = await runRetention({ now: NOW, store });
    expect(destroyed.find((d) => d.reference === c.reference)?.categories).toEqual([
      "TEXTS",
      "DOCUMENTS",
    ]);
    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: c.id } } })).toBe(2);
    expect(await prisma.caseNote.count({ where: { caseId: c.id } })).toBe(0);
    await clearRules();
  });

  it("refuses a period of 0, of text or of more than 600 months, changing nothing", async () => {
    await clearRules();
    for (const bad of ["0", "abc", "601", "1.5", ""]) {
      const error = await setRetentionPeriods(admin, {
        IDENTITIES: bad,
        TEXTS: "24",
        DOCUMENTS: "24",
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe("invalid");
      expect((error as DomainError).fieldErrors.IDENTITIES).toMatch(/^validation\./);
    }
    expect(await retentionPeriods()).toEqual({ IDENTITIES: 24, TEXTS: 24, DOCUMENTS: 24 });
    expect(await prisma.retentionRule.count()).toBe(0);
    await expect(
      setRetentionPeriods(coordinator, { IDENTITIES: "12", TEXTS: "12", DOCUMENTS: "12" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("destruction", () => {
  it("leaves no sentinel text in any table, the search index, the store or the database file, and audits counts only", async () => {
    await clearRules();
    // Earlier tests' cases are destroyed first, so only this one holds the sentinel.
    await prisma.case.updateMany({ data: { status: "CLOSED", closedAt: addMonths(NOW, -100) } });
    await prisma.legalHold.updateMany({ where: { releasedAt: null }, data: { releasedAt: NOW } });
    await runRetention({ now: new Date(NOW.getTime() + 20 * 365 * DAY), store });
    const c = await closedCase(addMonths(NOW, -30));
    const keys = await prisma.caseDocument.findMany({
      where: { caseId: c.id },
      select: { storageKey: true },
    });
    expect(await tablesHoldingSentinel()).not.toEqual([]);
    // The search index holds the name as a blind token, never in clear (docs/decisions/0027).
    const searchTextOf = async () =>
      (await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).searchText;
    expect(searchFinds(await searchTextOf(), SENTINEL)).toBe(true);
    if (database.provider === "sqlite") {
      expect(await searchFindsSentinel()).toBe(0);
      await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      expect(databaseFileHoldsSentinel()).toBe(true);
    }

    await runRetention({ now: NOW, store });

    expect(await tablesHoldingSentinel()).toEqual([]);
    expect(await searchFindsSentinel()).toBe(0);
    expect(searchFinds(await searchTextOf(), SENTINEL)).toBe(false);
    expect(databaseFileHoldsSentinel()).toBe(false);
    for (const { storageKey } of keys) expect(existsSync(store.pathFor(storageKey))).toBe(false);

    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "retention.content_destroyed", targetId: c.reference },
    });
    expect(entry.details).not.toContain(SENTINEL);
    expect(JSON.parse(entry.details)).toMatchObject({
      categories: ["IDENTITIES", "TEXTS", "DOCUMENTS"],
      counts: { identities: 2, notes: 2, documentFiles: 1, proceedings: 1 },
    });
    // What statistics need stays: the authority, the amounts, the document's kind and size.
    const proceeding = await prisma.proceeding.findFirstOrThrow({ where: { caseId: c.id } });
    expect(proceeding.authority).toBe("Atyrau City Court");
    const document = await prisma.caseDocument.findFirstOrThrow({ where: { caseId: c.id } });
    expect(document).toMatchObject({ kind: "CONTRACT", sizeBytes: 10, title: "" });
  });

  it("deletes a document's rows from the database store, and no byte of them stays in the database file", async () => {
    await clearRules();
    const c = await closedCase(addMonths(NOW, -30));
    // Stored bytes are ciphertext; plain bytes here show that deleting the rows leaves none behind.
    const chunkSentinel = "Qzxchunksentinelvq";
    const storageKey = newStorageKey();
    await new DatabaseDocumentStore().put(
      storageKey,
      new TextEncoder().encode(`${chunkSentinel} `.repeat(40_000)),
    );
    await prisma.caseDocument.create({
      data: {
        caseId: c.id,
        title: "",
        kind: "CONTRACT",
        mediaType: "text/plain; charset=utf-8",
        fileName: "",
        sizeBytes: 760_000,
        sha256: "0".repeat(64),
        storageKey,
        storedIn: "DATABASE",
        encrypted: true,
        uploadedById: lawyer.id,
      },
    });
    expect(await prisma.documentChunk.count({ where: { storageKey } })).toBe(3);
    if (database.provider === "sqlite") {
      await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      expect(databaseFileHoldsSentinel(chunkSentinel)).toBe(true);
    }

    // No store given: each document's bytes go from the store its row names.
    const { destroyed } = await runRetention({ now: NOW });
    expect(destroyed.find((d) => d.reference === c.reference)?.counts).toMatchObject({
      documentFiles: 2,
    });
    expect(await prisma.documentChunk.count({ where: { storageKey } })).toBe(0);
    expect(databaseFileHoldsSentinel(chunkSentinel)).toBe(false);
  });

  it("shows the holds in force oldest first and what was destroyed when, as dates", async () => {
    const c = await makeCase(organizer.id);
    await putOnCase(c.reference, lawyer, "LEAD_LAWYER", coordinator);
    expect(await retentionStatus(c.id)).toMatchObject({
      holds: [],
      destroyed: { identities: null, texts: null, documents: null },
    });
    const placed = [];
    for (const reason of ["Appeal pending", "Released since", "Inspectorate's review"])
      placed.push((await placeLegalHold(lawyer, c.reference, { reason })).holdId);
    const [appeal, released, review] = placed as [string, string, string];
    await releaseLegalHold(coordinator, c.reference, { holdId: released, reason: "Decided" });
    // Placed in the other order: the panel follows the dates, not the ids.
    await prisma.legalHold.update({
      where: { id: appeal },
      data: { placedAt: new Date("2026-05-02T10:00:00.000Z") },
    });
    await prisma.legalHold.update({
      where: { id: review },
      data: { placedAt: new Date("2026-05-01T10:00:00.000Z") },
    });
    const identitiesAt = new Date("2026-05-03T04:05:06.789Z");
    await prisma.caseRetention.create({
      data: { caseId: c.id, identitiesDestroyedAt: identitiesAt },
    });

    const status = await retentionStatus(c.id);
    expect(status.holds).toEqual([
      {
        id: review,
        reason: { ok: true, value: "Inspectorate's review" },
        placedAt: new Date("2026-05-01T10:00:00.000Z"),
      },
      {
        id: appeal,
        reason: { ok: true, value: "Appeal pending" },
        placedAt: new Date("2026-05-02T10:00:00.000Z"),
      },
    ]);
    expect(status.destroyed).toEqual({ identities: identitiesAt, texts: null, documents: null });
  });

  it("destroys nothing on a case under a legal hold, and does once the hold is released", async () => {
    await clearRules();
    const c = await closedCase(addMonths(NOW, -30));
    const { holdId } = await placeLegalHold(lawyer, c.reference, { reason: "Appeal pending" });
    // The reason is sealed with the case key, and the case page opens it.
    const hold = await prisma.legalHold.findUniqueOrThrow({ where: { id: holdId } });
    expectSealed({ reason: hold.reason });
    expect((await retentionStatus(c.id)).holds).toMatchObject([
      { id: holdId, reason: { ok: true, value: "Appeal pending" } },
    ]);

    let run = await runRetention({ now: NOW, store });
    expect(run.destroyed.map((d) => d.reference)).not.toContain(c.reference);
    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: c.id } } })).toBe(2);

    await releaseLegalHold(coordinator, c.reference, { holdId, reason: "Appeal decided" });
    const released = await prisma.legalHold.findUniqueOrThrow({ where: { id: holdId } });
    expectSealed({ releaseReason: released.releaseReason });
    expect(
      await opened(c.id, "LegalHold", holdId, { releaseReason: released.releaseReason }),
    ).toEqual({ releaseReason: "Appeal decided" });
    run = await runRetention({ now: NOW, store });
    expect(run.destroyed.map((d) => d.reference)).toContain(c.reference);
    const actions = await prisma.auditEntry.findMany({
      where: { targetId: c.reference, action: { startsWith: "case.legal_hold" } },
      select: { action: true, details: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "case.legal_hold_placed",
      "case.legal_hold_released",
    ]);
    expect(actions.every((a) => !a.details.includes("Appeal"))).toBe(true);
  });

  it("refuses a hold without a reason, and from people not on the case, changing nothing", async () => {
    const c = await closedCase(addMonths(NOW, -30));
    await expect(placeLegalHold(lawyer, c.reference, { reason: "  " })).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { reason: "validation.required" },
    });
    await expect(
      placeLegalHold(otherCoordinator, c.reference, { reason: "x" }),
    ).rejects.toMatchObject({ kind: "notFound" });
    await expect(placeLegalHold(organizer, c.reference, { reason: "x" })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(placeLegalHold(admin, c.reference, { reason: "x" })).rejects.toMatchObject({
      kind: "notFound",
    });
    expect(await prisma.legalHold.count({ where: { caseId: c.id, releasedAt: null } })).toBe(0);
  });
});

describe("dry run", () => {
  it("lists references and counts of what would go, and changes nothing", async () => {
    await clearRules();
    const c = await closedCase(addMonths(NOW, -30));
    const auditBefore = await prisma.auditEntry.count();
    const notificationsBefore = await prisma.notification.count();

    const { destroyed } = await runRetention({ now: NOW, dryRun: true, store });
    const entry = destroyed.find((d) => d.reference === c.reference);
    expect(entry).toMatchObject({ counts: { identities: 2, notes: 2, documentFiles: 1 } });
    expect(JSON.stringify(destroyed)).not.toContain(SENTINEL);

    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: c.id } } })).toBe(2);
    expect(await prisma.caseNote.count({ where: { caseId: c.id } })).toBe(2);
    expect(await prisma.caseRetention.count({ where: { caseId: c.id } })).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(auditBefore);
    expect(await prisma.notification.count()).toBe(notificationsBefore);
    const key = (await prisma.caseDocument.findFirstOrThrow({ where: { caseId: c.id } }))
      .storageKey;
    expect(existsSync(store.pathFor(key))).toBe(true);
  });
});

describe("notices 30 days before", () => {
  it("tells the lead lawyer and the region's coordinators once, 30 days before and not 31", async () => {
    await clearRules();
    const inThirty = await closedCase(new Date(addMonths(NOW, -24).getTime() + 30 * DAY - 1000));
    const inThirtyOne = await closedCase(new Date(addMonths(NOW, -24).getTime() + 31 * DAY));

    await sendRetentionNotices(NOW);
    await sendRetentionNotices(NOW);
    await runRetention({ now: NOW, store });

    const notices = await prisma.notification.findMany({
      where: { caseId: inThirty.id, kind: "RETENTION_DUE" },
      select: { userId: true, details: true },
    });
    expect(notices.map((n) => n.userId).sort()).toEqual([lawyer.id, coordinator.id].sort());
    expect(JSON.parse(notices[0]!.details)).toMatchObject({
      reference: inThirty.reference,
      categories: "IDENTITIES,TEXTS,DOCUMENTS",
      identities: 2,
    });
    expect(notices[0]!.details).not.toContain(SENTINEL);
    expect(
      await prisma.notification.count({ where: { caseId: inThirtyOne.id, kind: "RETENTION_DUE" } }),
    ).toBe(0);
  });
});

describe("a worker's request to be forgotten", () => {
  it("removes one worker's identity at once, keeping the worker count, audited without the reason", async () => {
    const c = await closedCase(null, "REOPENED");
    const [first, second] = await prisma.affectedWorker.findMany({
      where: { caseId: c.id, anonymous: false },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    await forgetWorker(coordinator, c.reference, first!.id, { reason: "Asked by phone" });

    expect(await prisma.workerIdentity.findUnique({ where: { workerId: first!.id } })).toBeNull();
    expect(
      await prisma.workerIdentity.findUnique({ where: { workerId: second!.id } }),
    ).not.toBeNull();
    expect(await prisma.affectedWorker.count({ where: { caseId: c.id } })).toBe(3);
    const event = await prisma.timelineEvent.findFirstOrThrow({
      where: { caseId: c.id, kind: "WORKER_FORGOTTEN" },
    });
    const { reason } = JSON.parse(event.details) as { reason: string };
    expectSealed({ reason });
    expect(await opened(c.id, "TimelineEvent", event.id, { reason })).toEqual({
      reason: "Asked by phone",
    });
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "case.worker_forgotten", targetId: c.reference },
    });
    expect(audit.details).not.toContain("Asked");
  });

  it("refuses without a reason, and for anyone but a coordinator in scope, changing nothing", async () => {
    const c = await closedCase(null, "REOPENED");
    const worker = await prisma.affectedWorker.findFirstOrThrow({
      where: { caseId: c.id, anonymous: false },
      select: { id: true },
    });
    await expect(
      forgetWorker(coordinator, c.reference, worker.id, { reason: "" }),
    ).rejects.toMatchObject({ kind: "invalid", fieldErrors: { reason: "validation.required" } });
    for (const [who, kind] of [
      [lawyer, "forbidden"],
      [organizer, "forbidden"],
      [otherCoordinator, "notFound"],
      [admin, "notFound"],
    ] as const)
      await expect(
        forgetWorker(who, c.reference, worker.id, { reason: "Asked" }),
      ).rejects.toMatchObject({ kind });
    expect(
      await prisma.workerIdentity.findUnique({ where: { workerId: worker.id } }),
    ).not.toBeNull();
  });
});
