// Editing what the intake recorded, the case's facts (its workers are
// workers.server.ts). Every save goes through versionedCaseWrite: checked
// against the case's version (a stale form is refused, naming who came first),
// one FACT_EDITED timeline entry listing what changed and one audit entry with
// the field names only, in one transaction.
import { DomainError } from "~/utils/domain-error";
import { prisma, type Tx } from "~/db.server";
import type { FieldErrors } from "~/utils/forms";
import { requireCaseAccess, type ContentRead } from "./access.server";
import { AMOUNT_FACTS, validateFactsEdit, type EditableCategory } from "./edit.schema";
import { changedFields, diffFacts, type FactChange } from "./fact-diff";
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
  unnamedWorkerCount: true,
  _count: { select: { workers: true } },
} as const;

type StoredFacts = Awaited<ReturnType<typeof loadFacts>>;

function loadFacts(db: Tx, id: string) {
  return db.case.findUniqueOrThrow({ where: { id }, select: caseFactsSelect });
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
    facts: JSON.parse(found.facts) as Record<string, unknown>,
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
  const parsed = validateFactsEdit(category, input);
  if (!parsed.success) return { kind: "invalid", fieldErrors: parsed.errors };
  const edit = parsed.data;
  // A form from before someone else's change is answered with that change.
  if (found.version !== edit.version) throw await staleForm(id);
  if (found._count.workers === 0 && edit.unnamedWorkerCount === 0)
    return { kind: "invalid", fieldErrors: { unnamedWorkerCount: "intake.errors.noWorkers" } };

  const urgency = category === "DETAINED_ACTIVIST" ? "URGENT" : (edit.urgency ?? found.urgency);
  const after = {
    incidentStart: edit.incidentStart,
    incidentEnd: edit.incidentEnd ?? null,
    region: edit.region,
    place: edit.place,
    channel: edit.channel,
    urgency,
    unnamedWorkerCount: edit.unnamedWorkerCount,
    account: edit.account,
    facts: edit.facts as Record<string, unknown>,
  };
  // The account can be pages long: the timeline says it changed, the case keeps the text.
  const changes = diffFacts(comparableFacts(found), after, { withoutValues: ["account"] });
  if (changes.length === 0) return { kind: "unchanged" };

  const fields = changedFields(changes);
  await versionedCaseWrite(
    caller,
    {
      case: { id, reference: found.reference },
      expectedVersion: edit.version,
      data: {
        incidentStart: dateOnly(after.incidentStart),
        incidentEnd: after.incidentEnd ? dateOnly(after.incidentEnd) : null,
        region: after.region,
        place: after.place,
        channel: after.channel,
        urgency: after.urgency,
        unnamedWorkerCount: after.unnamedWorkerCount,
        account: after.account,
        facts: JSON.stringify(after.facts),
      },
    },
    request,
    async (tx) => {
      if (fields.includes("account") || fields.includes("place")) await refreshSearchText(tx, id);
      return {
        result: undefined,
        timeline: {
          kind: "FACT_EDITED",
          details: { changes, currency: after.facts.currency ?? null },
        },
        audit: { action: "case.facts_edited", details: { fields } },
      };
    },
  );
  return { kind: "saved", changes };
}

// ---- Workers ------------------------------------------------------------
