// Intakes taken while the server was sealed (docs/decisions/0027): their
// blind indexes could not be made (the index keys were sealed), so the case
// list's search did not find their workers and the IIN, phone and name
// duplicate checks did not run. When the server is unsealed, each such case
// gets its indexes and its search tokens, and the duplicate checks run; what
// they find is kept as DuplicateWarning rows, which triage shows. Safe to run
// twice, and from several processes at once: a case is claimed by clearing its
// flag in the transaction that indexes it.
import { database, prisma } from "~/db.server";
import { readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { appendAudit } from "~/modules/audit/audit.server";
import { refreshSearchText } from "~/modules/cases/search-text.server";
import { blindIin, blindPhone } from "~/modules/keys/blind-index.server";
import {
  blindIndexKeysIfUnsealed,
  openerForCase,
  valueOf,
} from "~/modules/keys/case-fields.server";
import { foldForSearch } from "~/utils/text";
import { duplicatesOf } from "./duplicates.server";

/**
 * The pending flag as the partial index "Case_blindIndexPending_createdAt_id_idx" names it: SQLite
 * uses a partial index only for a query that repeats its condition, a literal and not a bound
 * value, so a look for pending intakes costs what they are (usually none), not a pass over every
 * case (docs/decisions/0046).
 */
const PENDING = Prisma.raw(
  database.provider === "sqlite" ? `c."blindIndexPending" = 1` : `c."blindIndexPending" = true`,
);

/** Where the last batch ended: its last case's creation time (as the driver gave it) and id. */
type PendingCursor = { createdAt: unknown; id: string };

/** The oldest intakes still to index after `after`, `batchSize` of them. */
export const pendingIntakesSql = (batchSize: number, after?: PendingCursor) => Prisma.sql`
  SELECT c."id" AS "id", c."createdAt" AS "createdAt" FROM "Case" c WHERE ${PENDING}
  ${
    after
      ? Prisma.sql`AND (c."createdAt" > ${after.createdAt}
          OR (c."createdAt" = ${after.createdAt} AND c."id" > ${after.id}))`
      : Prisma.empty
  }
  ORDER BY c."createdAt", c."id" LIMIT ${batchSize}`;

/**
 * Indexes every pending intake; returns how many. Does nothing while sealed. One pass, oldest
 * first: an intake whose key does not open stays pending for the next unseal, and the pass goes
 * on past it rather than reading it again.
 */
export async function indexSealedIntakes(batchSize = 100): Promise<number> {
  let indexed = 0;
  let after: PendingCursor | undefined;
  for (;;) {
    const keys = blindIndexKeysIfUnsealed();
    if (!keys) return indexed;
    const batch = await readRows(pendingIntakesSql(batchSize, after));
    if (batch.length === 0) return indexed;
    for (const { id } of batch) if (await indexOne(String(id))) indexed += 1;
    const last = batch[batch.length - 1]!;
    after = { createdAt: last.createdAt, id: String(last.id) };
  }
}

async function indexOne(caseId: string): Promise<boolean> {
  const keys = blindIndexKeysIfUnsealed();
  if (!keys) return false;
  return prisma.$transaction(async (tx) => {
    // The claim: another process that got here first leaves nothing to do.
    const claimed = await tx.case.updateMany({
      where: { id: caseId, blindIndexPending: true },
      data: { blindIndexPending: false },
    });
    if (claimed.count === 0) return false;
    const found = await tx.case.findUniqueOrThrow({
      where: { id: caseId },
      select: {
        reference: true,
        category: true,
        createdAt: true,
        employers: { select: { employerId: true } },
        workers: {
          select: { id: true, identity: { select: { fullName: true, iin: true, phone: true } } },
        },
      },
    });
    const opener = await openerForCase(caseId, tx);
    // A key that does not open stays pending: the next unseal tries again.
    if (!opener.readable) {
      await tx.case.update({ where: { id: caseId }, data: { blindIndexPending: true } });
      return false;
    }
    const probe = { iins: [] as string[], phones: [] as string[], names: [] as string[] };
    for (const worker of found.workers) {
      if (!worker.identity) continue;
      const opened = opener.open("WorkerIdentity", worker.id, worker.identity);
      const iin = valueOf(opened.iin);
      const phone = valueOf(opened.phone);
      const name = valueOf(opened.fullName);
      const indexes = {
        iinIndex: iin ? blindIin(keys, iin) : null,
        phoneIndex: phone ? blindPhone(keys, phone) : null,
      };
      await tx.workerIdentity.update({ where: { workerId: worker.id }, data: indexes });
      if (indexes.iinIndex) probe.iins.push(indexes.iinIndex);
      if (indexes.phoneIndex) probe.phones.push(indexes.phoneIndex);
      if (name) probe.names.push(foldForSearch(name));
    }
    await refreshSearchText(tx, caseId);
    const duplicates = await duplicatesOf(
      {
        caseId,
        category: found.category,
        employerIds: found.employers.map((e) => e.employerId),
        iinIndexes: probe.iins,
        phoneIndexes: probe.phones,
        names: probe.names,
        at: found.createdAt,
        // The employer rule ran when the intake was taken.
        employerRule: false,
      },
      tx,
    );
    for (const duplicate of duplicates) {
      await tx.duplicateWarning.upsert({
        where: { caseId_otherCaseId: { caseId, otherCaseId: duplicate.id } },
        create: { caseId, otherCaseId: duplicate.id, reasons: duplicate.reasons.join(",") },
        update: { reasons: duplicate.reasons.join(",") },
      });
    }
    await appendAudit(tx, {
      action: "case.indexed_after_unseal",
      targetType: "case",
      targetId: found.reference,
      details: { possibleDuplicates: duplicates.length },
    });
    return true;
  });
}

export type LaterDuplicates = {
  /** Taken while sealed and not yet checked: the checks run when the server is unsealed. */
  pending: boolean;
  /** What the checks found once they ran: other cases' references and why, never who. */
  warnings: Array<{ reference: string; reasons: string[] }>;
};

/** For triage: the duplicate checks of intakes taken while sealed, by case id. */
export async function laterDuplicatesOf(
  caseIds: string[],
): Promise<Record<string, LaterDuplicates>> {
  if (caseIds.length === 0) return {};
  // Through the driver (decision 0010): triage asks on every view.
  const ids = Prisma.join(caseIds);
  const [pending, warnings] = await Promise.all([
    readRows(Prisma.sql`
      SELECT c."id" AS "id" FROM "Case" c
      WHERE c."id" IN (${ids}) AND c."blindIndexPending" = ${true}`),
    readRows(Prisma.sql`
      SELECT w."caseId" AS "caseId", w."reasons" AS "reasons", o."reference" AS "reference"
      FROM "DuplicateWarning" w JOIN "Case" o ON o."id" = w."otherCaseId"
      WHERE w."caseId" IN (${ids})
      ORDER BY w."createdAt", w."otherCaseId"`),
  ]);
  const result: Record<string, LaterDuplicates> = {};
  const entry = (id: string) => (result[id] ??= { pending: false, warnings: [] });
  for (const { id } of pending) entry(String(id)).pending = true;
  for (const w of warnings)
    entry(String(w.caseId)).warnings.push({
      reference: String(w.reference),
      reasons: String(w.reasons).split(","),
    });
  return result;
}
