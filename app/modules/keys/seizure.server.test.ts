// Issue 13's promise, checked the way a seizure would test it: sentinel
// identities, stories, facts, notes, outcomes, proceedings and a document are
// written through the app (one intake while sealed), then the raw bytes of the
// database files (SQLite's file, -wal, -shm; PostgreSQL's pg_dump), the
// documents store and a backup are searched for them in any letter case. Then
// the backup is restored to a new database and unsealed with the key shares in
// a separate process, which opens the names again.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { addNote } from "~/modules/cases/notes.server";
import { recordOutcome } from "~/modules/cases/outcomes.server";
import {
  openDocumentForDownload,
  uploadDocument,
  uncheckedListDocuments,
} from "~/modules/documents/documents.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { addProceeding, addProceedingDate } from "~/modules/proceedings/proceedings.server";
import { placeLegalHold, releaseLegalHold } from "~/modules/retention/retention.server";
import { makePerson, putOnCase, type Person } from "../../../tests/fixtures/assignment";
import { minimalIntake, namedWorker } from "../../../tests/fixtures/intake";
import { opened } from "../../../tests/fixtures/sealed";
import {
  needles,
  pgDump,
  scan,
  scanDatabase,
  sentinelValues,
  type Sentinels,
} from "../../../tests/fixtures/sentinels";
import { databaseUrlFor } from "../../../tests/setup/postgres-url";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { isSealedField } from "./envelope.server";
import { initializeKeyring, keyring } from "./keyring.server";
import { SEALED_TABLES, selectSealedRows } from "./sealed-columns.server";

const dir = await mkdtemp(path.join(tmpdir(), "adal-seizure-"));
process.env.ADAL_DATA_DIR = dir;
const documentsDir = path.join(dir, "documents");

let shares: string[];
let organizer: Person;
let lawyer: Person;
let coordinator: Person;
const s: Sentinels = sentinelValues();
const sealedIntake: Sentinels = sentinelValues();
const words = [...needles(s), ...needles(sealedIntake)];

async function caseVersion(reference: string) {
  return (await prisma.case.findUniqueOrThrow({ where: { reference }, select: { version: true } }))
    .version;
}

/** An intake naming the sentinel worker, with sentinel place, account and free-text facts. */
async function takeIntake(values: Sentinels, by: Person) {
  const parsed = validateIntake(
    minimalIntake("DETAINED_ACTIVIST", {
      place: values.place,
      account: values.account,
      facts: {
        personRole: values.latinName,
        detainedAt: "2025-10-03T06:30",
        detainedWhere: values.place,
        authority: values.authority,
        charges: values.charges,
        lawyerHasAccess: "NO",
        familyInformed: "YES",
      },
      unnamedWorkerCount: "0",
      workers: [
        namedWorker({
          fullName: values.fullName,
          iin: values.iin,
          phone: values.phone,
          address: values.address,
          contactNotes: values.contactNotes,
        }),
      ],
    }),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return createIntake(parsed.data, { userId: by.id });
}

beforeAll(async () => {
  // Sealed mode, as a union would run it where seizure is a risk: 2 of 3 shares.
  await prisma.caseKey.deleteMany();
  await prisma.keyringState.deleteMany();
  delete process.env.ADAL_MASTER_KEY_FILE;
  shares = (await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 })).shares!;
  await keyring.start();
  await keyring.unsealWithShares(shares.slice(0, 2));

  organizer = await makePerson("dana@example.org", "ORGANIZER");
  lawyer = await makePerson("arman@example.org", "LAWYER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR");

  const { reference } = await takeIntake(s, organizer);
  await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
  await addNote(lawyer, reference, { body: s.noteBody, legal: false });
  await recordOutcome(lawyer, reference, {
    kind: "WAGES_RECOVERED",
    amountMinor: 100_000,
    currency: "KZT",
    date: "2026-11-01",
    note: s.outcomeNote,
  });
  const proceeding = await addProceeding(lawyer, reference, {
    kind: "CIVIL_CLAIM",
    authority: "Specialized inter-district economic court of Atyrau",
    externalNumber: s.externalNumber,
    filedOn: undefined,
    status: "PREPARING",
    summary: s.proceedingSummary,
    version: await caseVersion(reference),
  });
  await addProceedingDate(lawyer, reference, proceeding.id, {
    kind: "HEARING",
    date: "2030-03-14",
    time: "10:00",
    place: s.datePlace,
    description: s.dateDescription,
    outcome: s.dateOutcome,
    version: await caseVersion(reference),
  });
  const { holdId } = await placeLegalHold(lawyer, reference, { reason: s.charges });
  await releaseLegalHold(lawyer, reference, { holdId, reason: s.contactNotes });
  await uploadDocument(lawyer, reference, {
    title: s.documentTitle,
    kind: "OTHER",
    fileName: s.documentFileName,
    bytes: new Uint8Array(Buffer.from(`${s.documentText}\n`.repeat(200), "utf8")),
  });

  // "Seal now", then an intake taken while sealed (its key wrapped to the intake public key).
  await keyring.sealNow();
  await takeIntake(sealedIntake, organizer);
  await keyring.start();
  await keyring.unsealWithShares([shares[2]!, shares[0]!]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a seized server", () => {
  it("finds the sentinels when they are in clear (the scan can fail)", async () => {
    const control = path.join(dir, "control.txt");
    await writeFile(
      control,
      `… ${s.fullName.toUpperCase()} … ${s.iin} … ${s.charges.toLowerCase()}`,
    );
    expect(await scan([control], words)).toEqual(
      expect.arrayContaining([
        `${control}: ${s.fullName}`,
        `${control}: ${s.iin}`,
        `${control}: ${s.charges}`,
      ]),
    );
    await rm(control);
  });

  it("holds no worker's name, number, address, story, note or document in the database files", async () => {
    expect(await scanDatabase(words, path.join(dir, "dump.sql"))).toEqual([]);
  });

  it("holds every registered sealed column as ciphertext, each row bound to a case", async () => {
    for (const sealed of SEALED_TABLES) {
      const rows = await prisma.$queryRaw<Record<string, string | null>[]>(
        selectSealedRows(sealed, Prisma.sql`1 = 1`, 10_000),
      );
      expect(rows.length, sealed.table).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.caseId, sealed.table).toBeTruthy();
        for (const column of sealed.columns)
          if (row[column] != null)
            expect(isSealedField(row[column]), `${sealed.table}.${column}`).toBe(true);
      }
    }
  });

  it("holds only ciphertext in the documents store", async () => {
    expect(await scan([documentsDir], words)).toEqual([]);
  });

  it("still opens everything for the people doing the work", async () => {
    const workers = await prisma.affectedWorker.findMany({
      select: { id: true, caseId: true, identity: true },
    });
    const names = await Promise.all(
      workers.map(async (w) => {
        const { fullName, iin } = w.identity!;
        return opened(w.caseId, "WorkerIdentity", w.id, { fullName, iin });
      }),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        { fullName: s.fullName, iin: s.iin },
        { fullName: sealedIntake.fullName, iin: sealedIntake.iin },
      ]),
    );
    const document = await prisma.caseDocument.findFirstOrThrow({
      select: { id: true, caseId: true },
    });
    const { reference } = await prisma.case.findUniqueOrThrow({
      where: { id: document.caseId },
      select: { reference: true },
    });
    const [listed] = await uncheckedListDocuments(document.caseId, coordinator);
    expect(listed?.title).toEqual({ ok: true, value: s.documentTitle });
    const download = await openDocumentForDownload(lawyer, reference, document.id);
    if (!download.ok) throw new Error(download.reason);
    expect((await buffer(download.body)).toString("utf8")).toContain(s.documentText);
  });
});

// ---- Backups ------------------------------------------------------------------------------

const run = (file: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string }) =>
  new Promise<string>((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { env: options.env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin!.end(options.input ?? "");
  });

/** A backup as the README says to take one: `VACUUM INTO` (SQLite) or `pg_dump` (PostgreSQL). */
async function takeBackup(): Promise<string> {
  if (database.provider === "sqlite") {
    const backup = path.join(dir, "backup.db");
    await prisma.$executeRawUnsafe(`VACUUM INTO '${backup}'`);
    return backup;
  }
  const backup = path.join(dir, "backup.sql");
  await writeFile(backup, await pgDump());
  return backup;
}

/** The backup restored as a new database: its URL, and how to drop it. */
async function restore(backup: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (database.provider === "sqlite") {
    const file = path.join(dir, "restored.db");
    await copyFile(backup, file);
    return { url: `file:${file}`, drop: () => rm(file, { force: true }) };
  }
  const base = process.env.TEST_POSTGRES_URL!;
  const name = `adal_restored_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = databaseUrlFor(base, name);
  await run("psql", ["--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", url, "--file", backup], {});
  return {
    url,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe("a backup", () => {
  it("holds only ciphertext, and restored to a new database it opens the names with the key shares", async () => {
    const backup = await takeBackup();
    expect(await scan([backup], words)).toEqual([]);

    const restored = await restore(backup);
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: restored.url,
        ADAL_MASTER_KEY_FILE: "",
      };
      const open = (input: string) =>
        run(
          path.resolve("node_modules/.bin/tsx"),
          [path.resolve("tests/fixtures/open-restored.ts")],
          { env, input },
        );
      // One share is not enough: nothing opens.
      await expect(open(`${shares[1]}\n`)).rejects.toThrow(/tooFew/);
      const output = await open(`${shares[1]}\n${shares[2]}\n`);
      const names = JSON.parse(/^NAMES (.*)$/m.exec(output)![1]!) as string[];
      expect(names.sort()).toEqual([s.fullName, sealedIntake.fullName].sort());
    } finally {
      await restored.drop();
    }
  });
});
