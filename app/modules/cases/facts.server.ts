// Editing what the intake recorded, the case's facts (its workers are
// workers.server.ts). Every save goes through versionedCaseWrite: checked
// against the case's version (a stale form is refused, naming who came first),
// one FACT_EDITED timeline entry listing what changed and one audit entry with
// the field names only, in one transaction.
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import type { FieldErrors } from "~/utils/forms";
import { requireCaseAccess, type ContentRead } from "./access.server";
import {
  AMOUNT_FACTS,
  FACT_COLUMNS,
  fieldsOfColumn,
  validateFactsEdit,
  type EditableCategory,
  type FactColumn,
} from "./edit.schema";
import { changedFields, diffFacts, type FactChange } from "./fact-diff";
import { FREE_TEXT_FACTS, joinFacts, splitFacts } from "./facts-text";
import { openerForCase, sealerForCase, valueOf } from "~/modules/keys/case-fields.server";
import { refreshSearchText } from "./search-text.server";
import { conflictOn } from "./timeline.server";
import { versionedCaseWrite } from "./versioned-write.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";

/** A stale form, with what the latest edit of the facts changed when that is what came first. */
export async function staleForm(caseId: string): Promise<DomainError> {
  const { lastChange } = await conflictOn(prisma, caseId);
  if (lastChange?.kind !== "FACT_EDITED") return DomainError.conflict(lastChange, null);
  const latest = await prisma.timelineEvent.findFirst({
    where: { caseId, kind: "FACT_EDITED" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { details: true },
  });
  return DomainError.conflict(
    lastChange,
    latest ? (JSON.parse(latest.details) as Record<string, unknown>) : null,
  );
}

export type EditResult =
  | { kind: "invalid"; fieldErrors: FieldErrors }
  | { kind: "unchanged" }
  | { kind: "saved"; changes: FactChange[] };

/** Everyone who reaches a case may correct it: the organizer who took it, lawyers and coordinators. */
export function mayEditFacts(caller: Caller): boolean {
  return caller.role !== "ADMIN";
}

export async function editableCase(
  caller: Caller,
  reference: string,
  read?: ContentRead,
): Promise<{ id: string }> {
  // Administrators reach no case content: requireCaseAccess already answers them 404.
  const found = await requireCaseAccess(caller, reference, read && { ...read, only: mayEditFacts });
  if (!mayEditFacts(caller)) throw DomainError.notFound();
  return found;
}

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const dateOnly = (value: string) => new Date(`${value}T00:00:00.000Z`);
const minorToMajor = (minor: number) =>
  minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);

const caseFactsSelect = {
  id: true,
  reference: true,
  category: true,
  version: true,
  urgency: true,
  incidentStart: true,
  incidentEnd: true,
  region: true,
  place: true,
  channel: true,
  account: true,
  facts: true,
  factsText: true,
  unnamedWorkerCount: true,
  _count: { select: { workers: true } },
} as const;

/** The sealed columns an edit writes (a kept column is absent: left as stored). */
type SealedFacts = { place?: string; account?: string; factsText?: string | null };

type StoredFacts = Awaited<ReturnType<typeof loadFacts>>;

/**
 * The case's facts with the sealed ones opened. Editing needs the case key: while the server is
 * sealed this refuses with a "sealed" DomainError (a form filled with "sealed" would overwrite).
 * A column that fails its integrity check is listed in `unreadable` (its text left empty): the
 * form says so, and a save keeps its ciphertext unless the person replaces it (decision 0043).
 */
async function loadFacts(db: Tx, id: string) {
  const [found, opener] = await Promise.all([
    db.case.findUniqueOrThrow({ where: { id }, select: caseFactsSelect }),
    openerForCase(id, db),
  ]);
  if (!opener.readable) throw DomainError.sealed();
  const opened = opener.open("Case", id, {
    place: found.place,
    account: found.account,
    factsText: found.factsText,
  });
  const text = valueOf(opened.factsText);
  const unreadable = FACT_COLUMNS.filter((column) => opened[column] && !opened[column].ok);
  return {
    ...found,
    unreadable,
    place: valueOf(opened.place) ?? "",
    account: valueOf(opened.account) ?? "",
    facts: joinFacts(
      JSON.parse(found.facts) as Record<string, unknown>,
      text ? (JSON.parse(text) as Record<string, string>) : null,
    ),
  };
}

/** The case's facts as the diff compares them (amounts in minor units, dates as YYYY-MM-DD). */
function comparableFacts(found: StoredFacts) {
  return {
    incidentStart: isoDate(found.incidentStart),
    incidentEnd: isoDate(found.incidentEnd),
    region: found.region,
    place: found.place,
    channel: found.channel,
    urgency: found.urgency,
    unnamedWorkerCount: found.unnamedWorkerCount,
    account: found.account,
    facts: found.facts,
  };
}

/** The facts form of a case, filled in as it stands. */
export async function factsEditForm(
  caller: Caller,
  reference: string,
  request: RequestContext = {},
) {
  const { id } = await editableCase(caller, reference, { page: "facts", context: request });
  const found = await loadFacts(prisma, id);
  const stored = comparableFacts(found);
  const facts = Object.fromEntries(
    Object.entries(stored.facts).map(([key, value]) => [
      key,
      AMOUNT_FACTS.includes(key) && typeof value === "number"
        ? minorToMajor(value)
        : typeof value === "number"
          ? String(value)
          : value,
    ]),
  );
  return {
    reference: found.reference,
    category: found.category as EditableCategory,
    version: found.version,
    /** Sealed columns that cannot be read, and the form fields each fills (decision 0043). */
    unreadable: Object.fromEntries(
      found.unreadable.map((column) => [
        column,
        fieldsOfColumn(found.category as EditableCategory, column),
      ]),
    ) as Partial<Record<FactColumn, string[]>>,
    values: {
      ...stored,
      incidentEnd: stored.incidentEnd ?? "",
      unnamedWorkerCount: String(stored.unnamedWorkerCount),
      facts,
      version: found.version,
    } as Record<string, unknown>,
  };
}

/**
 * Saves the facts form (raw posted values, validated here with the category's
 * own schema): nothing is written when nothing changed.
 */
export async function updateCaseFacts(
  caller: Caller,
  reference: string,
  input: Record<string, unknown>,
  request: RequestContext = {},
): Promise<EditResult> {
  const { id } = await editableCase(caller, reference);
  const found = await loadFacts(prisma, id);
  const category = found.category as EditableCategory;
  const parsed = validateFactsEdit(category, input, found.unreadable);
  if (!parsed.success) return { kind: "invalid", fieldErrors: parsed.errors };
  const edit = parsed.data;
  // A column that cannot be read stays byte for byte as stored unless the person ticked
  // "replace" for it (decision 0043).
  const replaced = found.unreadable.filter((column) => edit.replace[column]);
  const kept = found.unreadable.filter((column) => !edit.replace[column]);
  // A form from before someone else's change is answered with that change.
  if (found.version !== edit.version) throw await staleForm(id);
  if (found._count.workers === 0 && edit.unnamedWorkerCount === 0)
    return { kind: "invalid", fieldErrors: { unnamedWorkerCount: "intake.errors.noWorkers" } };

  const urgency = category === "DETAINED_ACTIVIST" ? "URGENT" : (edit.urgency ?? found.urgency);
  const after = {
    incidentStart: edit.incidentStart,
    incidentEnd: edit.incidentEnd ?? null,
    region: edit.region,
    place: kept.includes("place") ? found.place : (edit.place ?? ""),
    channel: edit.channel,
    urgency,
    unnamedWorkerCount: edit.unnamedWorkerCount,
    account: kept.includes("account") ? found.account : (edit.account ?? ""),
    facts: edit.facts as Record<string, unknown>,
  };
  // Sealed text (the account, the place, the facts' free text) is never copied into the timeline:
  // it says the field changed; the case keeps the text (docs/decisions/0027).
  const replacedFields = replaced.flatMap((column) => fieldsOfColumn(category, column));
  const changes: FactChange[] = [
    ...diffFacts(comparableFacts(found), after, {
      withoutValues: ["account", "place", ...FREE_TEXT_FACTS[category]],
    }).filter((change) => !replacedFields.includes(change.field)),
    // Replaced even when the new text is empty: the unreadable text is gone, and that is said.
    ...replacedFields.map((field) => ({
      field,
      changed: true as const,
      replacedUnreadable: true as const,
    })),
  ];
  if (changes.length === 0) return { kind: "unchanged" };

  const fields = changedFields(changes);
  const split = splitFacts(category, after.facts);
  await versionedCaseWrite(
    caller,
    {
      case: { id, reference: found.reference },
      expectedVersion: edit.version,
      data: {
        incidentStart: dateOnly(after.incidentStart),
        incidentEnd: after.incidentEnd ? dateOnly(after.incidentEnd) : null,
        region: after.region,
        channel: after.channel,
        urgency: after.urgency,
        unnamedWorkerCount: after.unnamedWorkerCount,
        facts: JSON.stringify(split.structured),
      },
    },
    request,
    async (tx) => {
      const sealer = await sealerForCase(tx, id);
      const sealedText: Partial<Record<FactColumn, string | null>> = {
        place: after.place,
        account: after.account,
        factsText: split.text ? JSON.stringify(split.text) : null,
      };
      for (const column of kept) delete sealedText[column];
      await tx.case.update({
        where: { id },
        data: sealer.seal("Case", id, sealedText) as SealedFacts,
      });
      if (fields.includes("account") || fields.includes("place")) await refreshSearchText(tx, id);
      return {
        result: undefined,
        timeline: {
          kind: "FACT_EDITED",
          details: { changes, currency: after.facts.currency ?? null },
        },
        audit: {
          action: "case.facts_edited",
          // Replacing text that failed its integrity check is worth its own mention (0043).
          details: replaced.length > 0 ? { fields, replacedUnreadable: replaced } : { fields },
        },
      };
    },
  );
  return { kind: "saved", changes };
}

// ---- Workers ------------------------------------------------------------
