// `npm run keys:encrypt-existing` (docs/decisions/0033): seals what an
// installation stored before its case keys existed, then removes the plaintext
// from the database files for good.
//   1. facts: the free text still inside Case.facts moves to Case.factsText;
//   2. every column of the registry (sealed-columns.server.ts) still in clear is
//      sealed with its case's key (made where missing), and a worker's IIN and
//      phone get their blind indexes;
//   3. documents stored in clear are encrypted into the store and the clear
//      bytes overwritten;
//   4. old timeline entries lose the values they copied (places, titles, …);
//   5. every case's search text is rebuilt: blind tokens, no names;
//   6. SQLite: secure_delete, VACUUM, WAL checkpoint(TRUNCATE); PostgreSQL:
//      VACUUM FULL of the tables that held text.
// Each batch is its own transaction and only ever replaces plaintext, so the
// command can be stopped and run again: it carries on where it was, and a run
// over encrypted data changes nothing. It refuses to run while sealed.
import { open, readdir } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { database, prisma, type Tx } from "~/db.server";
import type { CaseCategory } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { splitFacts } from "~/modules/cases/facts-text";
import { refreshSearchText } from "~/modules/cases/search-text.server";
import {
  DatabaseDocumentStore,
  documentStore,
  LocalDocumentStore,
  newStorageKey,
} from "~/modules/documents/store.server";
import { DomainError } from "~/utils/domain-error";
import { blindIndexKeysIfUnsealed, identityIndexes, sealerForCase } from "./case-fields.server";
import { documentEncryptorForCase } from "./case-documents.server";
import { startsEncrypted } from "./document-stream.server";
import { isSealedField } from "./envelope.server";
import { keyring } from "./keyring.server";
import {
  SEALED_TABLES,
  replaceInClear,
  rowsInClear,
  tablesHoldingSealedText,
  type SealedTable,
} from "./sealed-columns.server";

export type EncryptExistingCounts = {
  /** Cases whose facts' free text moved out of Case.facts. */
  factsSplit: number;
  /** Values sealed, per "Table.column". */
  fields: Record<string, number>;
  documents: number;
  /** Clear files (or chunk rows) no document names: left by a run stopped between steps. */
  clearOrphans: number;
  timelineEntries: number;
  searchTexts: number;
  /** Rows left in clear because their case key was destroyed or cannot be opened. */
  skipped: number;
};

export type EncryptExistingOptions = {
  batchSize?: number;
  /** Progress lines (counts only, never a value). */
  log?: (line: string) => void;
  /** Skip the VACUUM (tests that look at the rows before it). */
  compact?: boolean;
};

/** The case keys a batch needs, looked up once per case; null when they cannot be used. */
type Sealers = Map<string, Awaited<ReturnType<typeof sealerForCase>> | null>;

async function sealerIn(tx: Tx, sealers: Sealers, caseId: string) {
  if (!sealers.has(caseId)) {
    const keys = await keyring.caseKeys(caseId, tx);
    // A destroyed or unreadable key: nothing can be sealed for it (retention overwrote the text).
    sealers.set(
      caseId,
      keys.ok || keys.reason === "missing" ? await sealerForCase(tx, caseId) : null,
    );
  }
  return sealers.get(caseId)!;
}

// ---- 1. Facts' free text ------------------------------------------------------------------

async function splitLegacyFacts(batchSize: number, counts: EncryptExistingCounts) {
  let after = "";
  for (;;) {
    const cases = await prisma.case.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, category: true, facts: true, factsText: true },
    });
    if (cases.length === 0) return;
    after = cases.at(-1)!.id;
    const legacy = cases.flatMap((found) => {
      const { structured, text } = splitFacts(
        found.category as CaseCategory,
        JSON.parse(found.facts) as Record<string, unknown>,
      );
      return text ? [{ ...found, structured, text }] : [];
    });
    if (legacy.length === 0) continue;
    await prisma.$transaction(async (tx) => {
      for (const found of legacy) {
        // A factsText already sealed means the case was edited since: the edit split the facts,
        // and what is left in `facts` is an older copy. Otherwise it joins the clear factsText,
        // which step 2 seals.
        let factsText = found.factsText;
        if (factsText == null || !isSealedField(factsText))
          factsText = JSON.stringify({
            ...found.text,
            ...(factsText ? (JSON.parse(factsText) as Record<string, string>) : {}),
          });
        await tx.case.updateMany({
          where: { id: found.id, facts: found.facts },
          data: { facts: JSON.stringify(found.structured), factsText },
        });
        counts.factsSplit++;
      }
    });
  }
}

// ---- 2. Columns ---------------------------------------------------------------------------

type ClearRow = { rowId: string; caseId: string } & Record<string, string | null>;

async function sealTable(sealed: SealedTable, batchSize: number, counts: EncryptExistingCounts) {
  const indexKeys = blindIndexKeysIfUnsealed();
  let after = "";
  for (;;) {
    const rows = await prisma.$queryRaw<ClearRow[]>(rowsInClear(sealed, after, batchSize));
    if (rows.length === 0) return;
    after = rows.at(-1)!.rowId;
    await prisma.$transaction(
      async (tx) => {
        const sealers: Sealers = new Map();
        for (const row of rows) {
          const sealer = await sealerIn(tx, sealers, row.caseId);
          if (!sealer) {
            counts.skipped++;
            continue;
          }
          const inClear = Object.fromEntries(
            sealed.columns.flatMap((column) => {
              const value = row[column];
              return value != null && !isSealedField(value) ? [[column, value]] : [];
            }),
          ) as Record<string, string>;
          const ciphertexts = sealer.seal(sealed.table, row.rowId, inClear);
          for (const [column, plaintext] of Object.entries(inClear)) {
            await tx.$executeRaw(
              replaceInClear(sealed, column, row.rowId, plaintext, ciphertexts[column]!),
            );
            const name = `${sealed.table}.${column}`;
            counts.fields[name] = (counts.fields[name] ?? 0) + 1;
          }
          if (sealed.table === "WorkerIdentity" && (inClear.iin || inClear.phone)) {
            const indexes = identityIndexes(indexKeys, {
              iin: inClear.iin ?? null,
              phone: inClear.phone ?? null,
            });
            await tx.workerIdentity.update({
              where: { workerId: row.rowId },
              data: {
                ...(inClear.iin ? { iinIndex: indexes.iinIndex } : {}),
                ...(inClear.phone ? { phoneIndex: indexes.phoneIndex } : {}),
              },
            });
          }
        }
      },
      { timeout: 60_000 },
    );
  }
}

// ---- 3. Documents -------------------------------------------------------------------------

async function encryptDocuments(batchSize: number, counts: EncryptExistingCounts) {
  let after = "";
  for (;;) {
    const documents = await prisma.caseDocument.findMany({
      where: { encrypted: false, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, caseId: true, storageKey: true, storedIn: true, sha256: true },
    });
    if (documents.length === 0) return;
    after = documents.at(-1)!.id;
    for (const document of documents) {
      const keys = await keyring.caseKeys(document.caseId);
      if (!keys.ok && keys.reason !== "missing") {
        counts.skipped++;
        continue;
      }
      if (!keys.ok) await prisma.$transaction((tx) => sealerForCase(tx, document.caseId));
      const encryptor = await documentEncryptorForCase(document.caseId);
      const store = documentStore(document.storedIn);
      const storageKey = newStorageKey();
      const encrypting = encryptor.encrypt({ table: "CaseDocument", rowId: document.id });
      const clear: Readable = await store.get(document.storageKey);
      clear.on("error", (error) => encrypting.destroy(error));
      await store.put(storageKey, clear.pipe(encrypting));
      const digest = await encrypting.digest;
      if (digest.sha256 !== document.sha256) {
        // Not the bytes the SHA-256 lawyers cite: leave the document as it is, for a person to see.
        await store.destroy(storageKey);
        counts.skipped++;
        continue;
      }
      const moved = await prisma.caseDocument.updateMany({
        where: { id: document.id, encrypted: false, storageKey: document.storageKey },
        data: { storageKey, storedIn: store.kind, encrypted: true },
      });
      if (moved.count === 0) {
        await store.destroy(storageKey);
        continue;
      }
      await store.destroy(document.storageKey);
      counts.documents++;
    }
  }
}

/**
 * A run stopped after a document's row moved to its encrypted copy but before the clear bytes
 * were overwritten leaves those bytes with no row naming them. They are recognised by both:
 * no document names them, and they do not begin as an encrypted document does (an upload in
 * progress writes ciphertext before its row, so it is never taken for one).
 */
async function destroyClearOrphans(counts: EncryptExistingCounts) {
  const named = async (keys: string[]) =>
    new Set(
      (
        await prisma.caseDocument.findMany({
          where: { storageKey: { in: keys } },
          select: { storageKey: true },
        })
      ).map((d) => d.storageKey),
    );
  const local = documentStore("LOCAL");
  if (local instanceof LocalDocumentStore) {
    const files = (await readdir(local.root).catch(() => [] as string[])).filter(
      (name) => !name.startsWith(".tmp-"),
    );
    const known = await named(files);
    for (const name of files.filter((file) => !known.has(file))) {
      const handle = await open(path.join(local.root, name), "r");
      const head = Buffer.alloc(8);
      try {
        await handle.read(head, 0, 8, 0);
      } finally {
        await handle.close();
      }
      if (startsEncrypted(head)) continue;
      await local.destroy(name);
      counts.clearOrphans++;
    }
  }
  const firstRows = await prisma.documentChunk.findMany({
    where: { index: 0 },
    select: { storageKey: true },
  });
  const known = await named(firstRows.map((row) => row.storageKey));
  const rows = new DatabaseDocumentStore();
  for (const { storageKey } of firstRows.filter((row) => !known.has(row.storageKey))) {
    const [first] = await prisma.documentChunk.findMany({
      where: { storageKey, index: 0 },
      select: { bytes: true },
    });
    if (first && startsEncrypted(first.bytes)) continue;
    await rows.destroy(storageKey);
    counts.clearOrphans++;
  }
}

// ---- 4. Timeline entries that copied sealed text ------------------------------------------

/** Fact fields whose values the timeline must not hold (by their last path segment). */
const SEALED_FACT_FIELDS = new Set([
  "place",
  "account",
  "fullName",
  "iin",
  "phone",
  "address",
  "contactNotes",
  // Every category's free-text facts (facts-text.ts).
  "documentsHeldBy",
  "employerResponse",
  "personRole",
  "detainedWhere",
  "authority",
  "charges",
  "court",
  "unionName",
  "declaredIllegalBy",
  "work",
  "summary",
]);

/** A proceeding's and its dates' fields whose values old entries copied (decision 0027, addendum). */
const SEALED_PROCEEDING_FIELDS = new Set([
  "externalNumber",
  "summary",
  "place",
  "description",
  "outcome",
]);

/** Keys of a timeline entry's details that held typed text, per kind. */
const SEALED_DETAILS: Record<string, readonly string[]> = {
  DOCUMENT_ADDED: ["title"],
  DOCUMENT_WITHDRAWN: ["title", "reason"],
  NOTE_WITHDRAWN: ["reason"],
  PROCEEDING_ADDED: ["externalNumber"],
};

type Change = { field: string; from?: unknown; to?: unknown; changed?: true };
type Details = Record<string, unknown>;

/** `changes` with the values of sealed fields replaced by "changed"; null when none had any. */
function scrubChanges(changes: unknown, sealed: ReadonlySet<string>): Change[] | null {
  if (!Array.isArray(changes)) return null;
  let scrubbed = false;
  const result = (changes as Change[]).map((change) => {
    const last = change.field.split(".").pop()!;
    if (change.changed || !sealed.has(last)) return change;
    scrubbed = true;
    return { field: change.field, changed: true as const };
  });
  return scrubbed ? result : null;
}

/** The details without sealed values, or null when there was nothing to take out. */
export function scrubTimelineDetails(kind: string, details: Details): Details | null {
  let changed = false;
  const scrubbed: Details = { ...details };
  for (const key of SEALED_DETAILS[kind] ?? [])
    if (key in scrubbed) {
      delete scrubbed[key];
      changed = true;
    }
  const replaceChanges = (holder: Details, sealed: ReadonlySet<string>) => {
    const changes = scrubChanges(holder.changes, sealed);
    if (changes) {
      holder.changes = changes;
      changed = true;
    }
  };
  if (kind === "FACT_EDITED") replaceChanges(scrubbed, SEALED_FACT_FIELDS);
  if (kind === "PROCEEDING_UPDATED") {
    replaceChanges(scrubbed, SEALED_PROCEEDING_FIELDS);
    // A date's description is opened from the date now (withProceedingDateTexts).
    const added = scrubbed.dateAdded as Details | undefined;
    if (added && typeof added === "object" && "description" in added) {
      const { description: _description, place: _place, ...rest } = added;
      scrubbed.dateAdded = rest;
      changed = true;
    }
    const updated = scrubbed.dateUpdated as Details | undefined;
    if (updated && typeof updated === "object") {
      const copy = { ...updated };
      replaceChanges(copy, SEALED_PROCEEDING_FIELDS);
      scrubbed.dateUpdated = copy;
    }
  }
  return changed ? scrubbed : null;
}

/** A timeline entry's reason: sealed bound to the entry (timeline.server.ts, TIMELINE_TABLE). */
const TIMELINE_TABLE = "TimelineEvent";

async function scrubTimeline(batchSize: number, counts: EncryptExistingCounts) {
  const kinds = ["FACT_EDITED", "PROCEEDING_UPDATED", ...Object.keys(SEALED_DETAILS)] as const;
  let after = "";
  for (;;) {
    const events = await prisma.timelineEvent.findMany({
      where: {
        id: { gt: after },
        OR: [{ kind: { in: kinds as never } }, { details: { contains: '"reason":' } }],
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, caseId: true, kind: true, details: true },
    });
    if (events.length === 0) return;
    after = events.at(-1)!.id;
    await prisma.$transaction(
      async (tx) => {
        const sealers: Sealers = new Map();
        for (const event of events) {
          const parsed = JSON.parse(event.details) as Details;
          let details = scrubTimelineDetails(event.kind, parsed);
          const reason = (details ?? parsed).reason;
          // A reason typed for a status change, an assignment, a hold or forgetting a worker:
          // sealed in place, as recordCaseEvent now writes it.
          if (typeof reason === "string" && reason !== "" && !isSealedField(reason)) {
            const sealer = await sealerIn(tx, sealers, event.caseId);
            if (!sealer) {
              counts.skipped++;
              continue;
            }
            details = {
              ...(details ?? parsed),
              reason: sealer.seal(TIMELINE_TABLE, event.id, { reason }).reason,
            };
          }
          if (!details) continue;
          const updated = await tx.timelineEvent.updateMany({
            where: { id: event.id, details: event.details },
            data: { details: JSON.stringify(details) },
          });
          counts.timelineEntries += updated.count;
        }
      },
      { timeout: 60_000 },
    );
  }
}

// ---- 5. Search text -----------------------------------------------------------------------

async function rebuildSearchTexts(batchSize: number, counts: EncryptExistingCounts) {
  let after = "";
  for (;;) {
    const cases = await prisma.case.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, searchText: true },
    });
    if (cases.length === 0) return;
    after = cases.at(-1)!.id;
    await prisma.$transaction(
      async (tx) => {
        for (const found of cases) {
          await refreshSearchText(tx, found.id);
          const { searchText } = await tx.case.findUniqueOrThrow({
            where: { id: found.id },
            select: { searchText: true },
          });
          if (searchText !== found.searchText) counts.searchTexts++;
        }
      },
      { timeout: 60_000 },
    );
  }
}

// ---- 6. The old bytes out of the files ----------------------------------------------------

/**
 * SQLite: secure_delete zeroes pages as they are freed, the FTS index is merged (its old
 * segments still hold the words of deleted rows), VACUUM rewrites the file without free pages,
 * and a TRUNCATE checkpoint empties the write-ahead log. PostgreSQL: VACUUM FULL rewrites each
 * table (and its TOAST and indexes) without the dead row versions that held the plaintext.
 */
export async function removeOldBytes(): Promise<{ walEmptied: boolean }> {
  if (database.provider === "sqlite") {
    await prisma.$queryRawUnsafe("PRAGMA secure_delete = ON");
    await prisma.$executeRawUnsafe(
      `INSERT INTO "_cf_ADAL_case_search" ("_cf_ADAL_case_search") VALUES ('optimize')`,
    );
    await prisma.$executeRawUnsafe("VACUUM");
    // A running server's open read keeps the log from being emptied: try for a few seconds.
    for (let attempt = 0; attempt < 20; attempt++) {
      const [result] = await prisma.$queryRawUnsafe<{ busy: number | bigint }[]>(
        "PRAGMA wal_checkpoint(TRUNCATE)",
      );
      if (Number(result?.busy ?? 0) === 0) return { walEmptied: true };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { walEmptied: false };
  }
  for (const table of tablesHoldingSealedText().filter((t) => !t.startsWith("_cf_")))
    await prisma.$executeRawUnsafe(`VACUUM FULL "${table}"`);
  return { walEmptied: true };
}

/** Seals everything stored in clear and removes the plaintext; counts only, never a value. */
export async function encryptExisting(
  options: EncryptExistingOptions = {},
): Promise<EncryptExistingCounts> {
  if (!keyring.isUnsealed()) throw DomainError.sealed();
  const batchSize = options.batchSize ?? 200;
  const log = options.log ?? (() => {});
  const counts: EncryptExistingCounts = {
    factsSplit: 0,
    fields: {},
    documents: 0,
    clearOrphans: 0,
    timelineEntries: 0,
    searchTexts: 0,
    skipped: 0,
  };
  await splitLegacyFacts(batchSize, counts);
  log(`facts split: ${counts.factsSplit} case(s)`);
  for (const sealed of SEALED_TABLES) {
    await sealTable(sealed, batchSize, counts);
    const sealedHere = sealed.columns.reduce(
      (sum, column) => sum + (counts.fields[`${sealed.table}.${column}`] ?? 0),
      0,
    );
    log(`${sealed.table}: ${sealedHere} value(s) sealed`);
  }
  await encryptDocuments(batchSize, counts);
  await destroyClearOrphans(counts);
  log(
    `documents encrypted: ${counts.documents} (clear leftovers destroyed: ${counts.clearOrphans})`,
  );
  await scrubTimeline(batchSize, counts);
  log(`timeline entries cleaned: ${counts.timelineEntries}`);
  await rebuildSearchTexts(batchSize, counts);
  log(`search texts rebuilt: ${counts.searchTexts}`);
  await prisma.$transaction((tx) =>
    appendAudit(tx, {
      action: "keys.encrypted_existing",
      actorId: null,
      details: { ...counts, fields: Object.values(counts.fields).reduce((a, b) => a + b, 0) },
    }),
  );
  if (options.compact !== false) {
    const { walEmptied } = await removeOldBytes();
    log(
      database.provider === "postgresql"
        ? "tables rewritten (VACUUM FULL)"
        : walEmptied
          ? "database file compacted (VACUUM) and its write-ahead log emptied"
          : "database file compacted (VACUUM); its write-ahead log could not be emptied while the server reads: stop the server and run this again",
    );
  }
  if (counts.skipped > 0)
    log(`${counts.skipped} row(s) or document(s) left as they were (key destroyed or unreadable)`);
  return counts;
}
