// The one place that destroys a case's content. It overwrites and deletes:
// rows are deleted (or their text columns emptied where the row's metadata
// stays for statistics), and on SQLite `secure_delete`
// (db/driver-adapter.server.ts) zeroes what was freed. Document bytes — the
// case key's ciphertext, in the store each row names — are destroyed by the
// caller outside the transaction (documents.server.ts `destroyDocumentBytes`:
// a local file overwritten with zeros and unlinked, database-store rows
// deleted). Once identities, texts and documents are all gone, the case key
// goes too (crypto-shredding, decision 0027): every copy this function cannot
// reach — backups, old database pages, a store's snapshots — becomes
// unreadable. See decisions 0023 and 0028.
import type { Tx } from "~/db.server";
import type { DocumentStoreKind } from "~/generated/prisma/sqlite/enums";
import { refreshSearchText } from "~/modules/cases/search-text.server";
import { destroyCaseKeys } from "~/modules/keys/keyring.server";
import type { RetentionCategoryName } from "./schema";

/** How much of each kind went: counts only, never content. */
export type DestroyedCounts = Record<string, number>;

export type Destruction = {
  counts: DestroyedCounts;
  /** The documents whose bytes the caller shreds (outside the transaction), and where they are. */
  documents: Array<{ storageKey: string; storedIn: DocumentStoreKind }>;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/;
const ENUM = /^[A-Z][A-Z0-9_]*$/;
const ID = /^[a-z0-9]{20,32}$/;
/** Strings that are not content: field names, staff names on assignments, the authority. */
const KEPT_KEYS = new Set(["field", "name", "authority", "role", "fromRole", "change", "event"]);

/** A string that cannot be free text: an enum value, a date, an id, a reference. */
function isStructural(value: string): boolean {
  return ENUM.test(value) || ISO_DATE.test(value) || ID.test(value) || /^KZ-\d{4}-\d+$/.test(value);
}

/**
 * The same JSON without free text: numbers, booleans, enum values, dates and
 * ids stay (what statistics and the timeline's shape need); any other string
 * goes. A field change whose value was text becomes "changed" without values.
 */
export function withoutFreeText(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    if (KEPT_KEYS.has(key) || isStructural(value)) return value;
    return undefined;
  }
  if (Array.isArray(value))
    return value.map((item) => withoutFreeText(item)).filter((item) => item !== undefined);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.field === "string" && ("from" in record || "to" in record)) {
      const from = withoutFreeText(record.from);
      const to = withoutFreeText(record.to);
      const textual =
        (record.from != null && from === undefined) || (record.to != null && to === undefined);
      return textual ? { field: record.field, changed: true } : record;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      const kept = withoutFreeText(v, k);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

const scrubJson = (json: string) => JSON.stringify(withoutFreeText(JSON.parse(json)) ?? {});

/**
 * Destroys the given categories of one case's content inside `tx`, and
 * returns what went (counts) and the document keys whose bytes must be
 * shredded. It does not check rules, holds or permissions: its callers do.
 */
export async function destroyCaseContent(
  tx: Tx,
  caseId: string,
  what: readonly RetentionCategoryName[],
  now = new Date(),
): Promise<Destruction> {
  const counts: DestroyedCounts = {};
  const documents: Destruction["documents"] = [];

  if (what.includes("IDENTITIES")) {
    const identities = await tx.workerIdentity.findMany({
      where: { worker: { caseId } },
      select: { workerId: true },
    });
    const ids = identities.map((i) => i.workerId);
    // Overwrite first, so that no later page of the row carries the old values.
    await tx.workerIdentity.updateMany({
      where: { workerId: { in: ids } },
      data: { fullName: "", iin: null, phone: null, address: null, contactNotes: null },
    });
    await tx.workerIdentity.deleteMany({ where: { workerId: { in: ids } } });
    await tx.affectedWorker.updateMany({
      where: { id: { in: ids } },
      data: { identityDestroyedAt: now },
    });
    counts.identities = ids.length;
  }

  if (what.includes("TEXTS")) {
    const found = await tx.case.findUniqueOrThrow({
      where: { id: caseId },
      select: { facts: true },
    });
    await tx.case.update({
      where: { id: caseId },
      data: {
        account: "",
        place: "",
        facts: scrubJson(found.facts),
        version: { increment: 1 },
      },
    });
    counts.occupations = (
      await tx.affectedWorker.updateMany({
        where: { caseId, occupation: { not: null } },
        data: { occupation: null },
      })
    ).count;
    await tx.caseNote.updateMany({ where: { caseId }, data: { body: "", withdrawnReason: null } });
    counts.notes = (await tx.caseNote.deleteMany({ where: { caseId } })).count;
    counts.outcomeNotes = (
      await tx.caseOutcome.updateMany({
        where: { caseId, note: { not: null } },
        data: { note: null },
      })
    ).count;
    counts.proceedings = (
      await tx.proceeding.updateMany({
        where: { caseId },
        data: { externalNumber: null, summary: null },
      })
    ).count;
    counts.proceedingDates = (
      await tx.proceedingDate.updateMany({
        where: { caseId },
        data: { place: null, description: "", outcome: null },
      })
    ).count;
    counts.documentTitles = (
      await tx.caseDocument.updateMany({
        where: { caseId },
        data: { title: "", fileName: "", withdrawnReason: null },
      })
    ).count;
    await tx.legalHold.updateMany({
      where: { caseId },
      data: { reason: "", releaseReason: null },
    });
    const events = await tx.timelineEvent.findMany({
      where: { caseId },
      select: { id: true, details: true },
    });
    let scrubbed = 0;
    for (const event of events) {
      const details = scrubJson(event.details);
      if (details === event.details) continue;
      await tx.timelineEvent.update({ where: { id: event.id }, data: { details } });
      scrubbed += 1;
    }
    counts.timelineEntries = scrubbed;
  }

  if (what.includes("DOCUMENTS")) {
    const stored = await tx.caseDocument.findMany({
      where: { caseId },
      select: { storageKey: true, storedIn: true },
    });
    documents.push(...stored);
    counts.documentFiles = stored.length;
  }

  // Names, the place and the account leave the case list's search index too
  // (the FTS triggers on "Case" follow the search text).
  if (what.includes("IDENTITIES") || what.includes("TEXTS")) {
    await refreshSearchText(tx, caseId, { afterDestruction: true });
  }

  const stamp = {
    ...(what.includes("IDENTITIES") ? { identitiesDestroyedAt: now } : {}),
    ...(what.includes("TEXTS") ? { textsDestroyedAt: now } : {}),
    ...(what.includes("DOCUMENTS") ? { documentsDestroyedAt: now } : {}),
  };
  const retention = await tx.caseRetention.upsert({
    where: { caseId },
    create: { caseId, ...stamp },
    update: stamp,
    select: { identitiesDestroyedAt: true, textsDestroyedAt: true, documentsDestroyedAt: true },
  });
  // Everything the case key protects is gone: the key goes too (audited as case.key_destroyed).
  const allGone =
    retention.identitiesDestroyedAt && retention.textsDestroyedAt && retention.documentsDestroyedAt;
  if (allGone && (await tx.caseKey.count({ where: { caseId, wrappedKey: { not: null } } })) > 0) {
    counts.caseKeys = await destroyCaseKeys(tx, caseId, { actorId: null, reason: "retention" });
  }
  return { counts, documents };
}
