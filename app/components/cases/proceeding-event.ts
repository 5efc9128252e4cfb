// How a PROCEEDING_ADDED / PROCEEDING_UPDATED timeline entry reads: what kind
// of action before which authority, and what changed, old → new.
import { sealedWord, type ReadableField } from "~/components/sealed-text";
import type { TFunction } from "~/i18n/translate";
import { formatCalendarDate, formatDateTime } from "~/utils/format";

type Change = { field: string; from: string | null; to: string | null; replacedUnreadable?: true };
type ProceedingEventDetails = {
  kind?: string;
  authority?: string;
  status?: string;
  changes?: Change[];
  /** The description: opened from the date's sealed column (older entries: stored as text). */
  dateAdded?: { kind: string; dueAt: string; description?: ReadableField | string };
  dateUpdated?: { kind: string; dueAt: string; outcomeRecorded?: boolean; changes?: Change[] };
};

export function describeProceedingEvent(
  eventKind: string,
  raw: Record<string, unknown>,
  t: TFunction,
  locale: string,
): string {
  const details = raw as ProceedingEventDetails;
  const kind = t(`caseFile.proceedings.kinds.${details.kind ?? ""}`);
  const title = `${kind} — ${details.authority ?? ""}`;
  const when = (iso: string) => formatDateTime(iso, locale);
  const value = (field: string, v: string | null) => {
    if (v === null || v === "") return t("caseFile.proceedings.timeline.blank");
    if (field === "status") return t(`caseFile.proceedings.statuses.${v}`);
    if (field === "kind") return t(`caseFile.proceedings.kinds.${v}`);
    if (field === "filedOn") return formatCalendarDate(v, locale);
    if (field === "dueAt") return when(v);
    return v;
  };
  const describeChanges = (changes: Change[]) =>
    changes.map((c) => {
      const field = t(`caseFile.proceedings.fields.${c.field}`);
      // Sealed texts (number, summary, place, description, outcome) are named, not copied.
      if (c.replacedUnreadable) return t("caseFile.edit.replacedUnreadable", { field });
      return c.from === null && c.to === null
        ? t("caseFile.proceedings.timeline.changedText", { field })
        : t("caseFile.proceedings.timeline.changed", {
            field,
            from: value(c.field, c.from),
            to: value(c.field, c.to),
          });
    });

  if (eventKind === "PROCEEDING_ADDED") {
    return t("caseFile.proceedings.timeline.added", {
      kind,
      authority: details.authority ?? "",
      status: t(`caseFile.proceedings.statuses.${details.status ?? ""}`),
    });
  }
  if (details.dateAdded) {
    const added = details.dateAdded;
    return `${title}: ${t("caseFile.proceedings.timeline.dateAdded", {
      dateKind: t(`caseFile.proceedings.dateKinds.${added.kind}`),
      time: when(added.dueAt),
      description: sealedWord(added.description, t),
    })}`;
  }
  if (details.dateUpdated) {
    const updated = details.dateUpdated;
    const parts = describeChanges(
      (updated.changes ?? []).filter((c) => !(updated.outcomeRecorded && c.field === "outcome")),
    );
    if (updated.outcomeRecorded) parts.unshift(t("caseFile.proceedings.timeline.outcomeRecorded"));
    const date = t("caseFile.proceedings.timeline.dateUpdated", {
      dateKind: t(`caseFile.proceedings.dateKinds.${updated.kind}`),
      time: when(updated.dueAt),
    });
    return `${title}: ${[date, ...parts].join("; ")}`;
  }
  const changes = describeChanges(details.changes ?? []);
  return changes.length > 0 ? `${title}: ${changes.join("; ")}` : title;
}
