// How a case ended: recorded by lawyers and coordinators, possibly several
// outcomes per case, with exact amounts. Totals feed the caseload dashboard.
// An outcome is added beside the case: it takes no version (unversionedCaseWrite).
// Its note is sealed with the case key (docs/decisions/0027) and never copied
// into the timeline; kinds, amounts, people and dates stay clear for the totals.
import { DomainError } from "~/utils/domain-error";
import { instant, readRows, textOrNull, numberOrNull } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { joinedName } from "~/modules/people/display-names.server";
import {
  newRowId,
  openerForCase,
  sealerForCase,
  type CaseOpener,
  type Readable,
} from "~/modules/keys/case-fields.server";
import type { OutcomeKind } from "~/generated/prisma/sqlite/enums";
import { requireCaseAccess } from "./access.server";
import { seesLegalMaterial } from "./timeline.server";
import { unversionedCaseWrite } from "./versioned-write.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** The table the sealed note names in its associated data. */
const TABLE = "CaseOutcome";

export type OutcomeInput = {
  kind: OutcomeKind;
  amountMinor?: number;
  currency: string;
  people?: number;
  date: string;
  note?: string;
};

export async function recordOutcome(
  caller: Caller,
  reference: string,
  outcome: OutcomeInput,
  request: RequestContext = {},
) {
  const found = await requireCaseAccess(caller, reference);
  // Legal action and its results are the lawyers' and coordinators' to record.
  if (!seesLegalMaterial(caller))
    throw DomainError.forbidden("caseFile.outcomes.notAllowed", "form");
  const amount = outcome.amountMinor === undefined ? null : BigInt(outcome.amountMinor);
  const currency = amount === null ? null : outcome.currency;
  return unversionedCaseWrite(caller, found, request, async (tx) => {
    // Refused ("sealed") while the server is sealed: nothing is written.
    const sealer = await sealerForCase(tx, found.id);
    const id = newRowId();
    const { note } = sealer.seal(TABLE, id, { note: outcome.note ?? null });
    const created = await tx.caseOutcome.create({
      data: {
        id,
        caseId: found.id,
        kind: outcome.kind,
        amountMinor: amount,
        currency,
        people: outcome.people ?? null,
        date: new Date(`${outcome.date}T00:00:00.000Z`),
        note,
        recordedById: caller.id,
      },
      select: { id: true },
    });
    return {
      result: created,
      timeline: {
        kind: "OUTCOME_RECORDED",
        details: {
          kind: outcome.kind,
          amountMinor: outcome.amountMinor ?? null,
          currency,
          people: outcome.people ?? null,
          date: outcome.date,
        },
      },
      audit: {
        action: "case.outcome_recorded",
        details: { outcomeId: created.id, kind: outcome.kind },
      },
    };
  });
}

/** An outcome as the case file shows it. */
type ListedOutcome = {
  id: string;
  kind: OutcomeKind;
  currency: string | null;
  people: number | null;
  date: Date;
  recordedBy: { displayName: string };
  note: Readable | null;
  amountMinor: number | null;
};

/**
 * The case's outcomes, latest first, with who recorded each: one statement through the driver,
 * where Prisma sent two (docs/decisions/0053).
 */
export async function listOutcomes(caseId: string, opener?: CaseOpener): Promise<ListedOutcome[]> {
  const [rows, caseOpener] = await Promise.all([
    readRows(Prisma.sql`
      SELECT o."id", o."kind", o."amountMinor", o."currency", o."people", o."date", o."note",
        o."recordedById", u."displayName" AS "recordedByName"
      FROM "CaseOutcome" o
      LEFT JOIN "User" u ON u."id" = o."recordedById"
      WHERE o."caseId" = ${caseId}
      ORDER BY o."date" DESC, o."createdAt" DESC, o."id" DESC`),
    opener ?? openerForCase(caseId),
  ]);
  return rows.map((row) => {
    const id = String(row.id);
    return {
      id,
      kind: row.kind as OutcomeKind,
      currency: textOrNull(row.currency),
      people: numberOrNull(row.people),
      date: instant(row.date),
      recordedBy: { displayName: joinedName(String(row.recordedById), row.recordedByName) },
      note: caseOpener.openOne(TABLE, "note", id, textOrNull(row.note)),
      // A BigInt column: bigint text from PostgreSQL, a number from SQLite. Minor units stay
      // exact as numbers up to 2^53 (90 trillion tenge); amounts are capped far below.
      amountMinor: numberOrNull(row.amountMinor),
    };
  });
}
