import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { sealedWord, type ReadableField } from "~/components/sealed-text";
import { formatDateTime, formatMoney } from "~/utils/format";
import { FactEditEvent } from "./fact-edit-event";
import { describeProceedingEvent } from "./proceeding-event";

export type TimelineView = {
  id: string;
  kind: string;
  createdAt: string;
  details: Record<string, unknown>;
  actor: { displayName: string } | null;
};

const FILTERS = [
  "STATUS_CHANGED",
  "FACT_EDITED",
  "NOTE_ADDED",
  "NOTE_WITHDRAWN",
  "DOCUMENT_ADDED",
  "DOCUMENT_WITHDRAWN",
  "OUTCOME_RECORDED",
  "PROCEEDING_ADDED",
  "PROCEEDING_UPDATED",
  "ASSIGNMENT_CHANGED",
  "CREATED",
] as const;

export function Timeline({ events }: { events: TimelineView[] }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const kind = params.get("kind");
  // The reason a person gave, opened from its seal ("Sealed" while the server is), or as stored.
  const reasonOf = (event: TimelineView) =>
    sealedWord(event.details.reason as ReadableField | string | undefined, t);
  const describe = (event: TimelineView) => {
    const withReason = (what: string) => {
      const reason = reasonOf(event);
      return reason ? `${what}: ${reason}` : what;
    };
    if (event.kind === "STATUS_CHANGED") {
      const { from, to } = event.details as { from: string; to: string };
      const change = t("caseFile.timeline.statusChange", {
        from: t(`statuses.${from}`),
        to: t(`statuses.${to}`),
      });
      return withReason(change);
    }
    // Opened from the note's sealed reason (or, in older entries, stored as text).
    if (event.kind === "NOTE_WITHDRAWN")
      return sealedWord(event.details.reason as ReadableField | string | undefined, t);
    if (event.kind === "LEGAL_HOLD_PLACED" || event.kind === "LEGAL_HOLD_RELEASED")
      return reasonOf(event);
    if (event.kind === "WORKER_FORGOTTEN") {
      return withReason(t("retention.timeline.forgotten", { number: event.details.worker }));
    }
    if (event.kind === "CONTENT_DESTROYED") {
      const categories = (event.details.categories ?? []) as string[];
      return t("retention.timeline.destroyed", {
        what: categories.map((c) => t(`retention.categories.${c}`)).join(", "),
      });
    }
    if (event.kind === "ASSIGNMENT_CHANGED") {
      const { change, name, role, fromRole } = event.details as {
        change: "assigned" | "removed" | "roleChanged";
        name: string;
        role: string;
        fromRole?: string | null;
      };
      const roleName = (r: string) => t(`assignment.roles.${r}`);
      const what =
        change === "roleChanged" && fromRole
          ? t("assignment.timeline.roleChanged", {
              name,
              from: roleName(fromRole),
              to: roleName(role),
            })
          : t(`assignment.timeline.${change === "removed" ? "removed" : "assigned"}`, {
              name,
              role: roleName(role),
            });
      return withReason(what);
    }
    if (event.kind === "DOCUMENT_ADDED" || event.kind === "DOCUMENT_WITHDRAWN") {
      const { kind } = event.details as { kind?: string };
      // Opened from the document's sealed columns (or, in older entries, stored as text).
      const shown = (value: unknown): string | undefined => {
        if (typeof value === "string") return value;
        const field = value as ReadableField | undefined;
        if (!field || typeof field !== "object") return undefined;
        return field.ok ? field.value : t(`sealed.field.${field.reason}`);
      };
      const title = shown(event.details.title);
      const reason = shown(event.details.reason);
      const what = [title, kind ? t(`caseFile.documents.kinds.${kind}`) : null]
        .filter(Boolean)
        .join(" · ");
      return reason ? `${what}: ${reason}` : what;
    }
    if (event.kind === "PROCEEDING_ADDED" || event.kind === "PROCEEDING_UPDATED")
      return describeProceedingEvent(event.kind, event.details, t, i18n.language);
    if (event.kind === "OUTCOME_RECORDED") {
      const { kind, amountMinor, currency } = event.details as {
        kind: string;
        amountMinor?: number | null;
        currency?: string | null;
      };
      const label = t(`caseFile.outcomes.kinds.${kind}`);
      return amountMinor != null && currency
        ? `${label}: ${formatMoney(amountMinor, currency, i18n.language)}`
        : label;
    }
    return null;
  };
  return (
    <section aria-labelledby="timeline-heading" className="panel">
      <h2 id="timeline-heading">{t("caseFile.timeline.heading")}</h2>
      <nav aria-label={t("caseFile.timeline.filter")} className="filters">
        <Link to="?" preventScrollReset aria-current={kind ? undefined : "true"}>
          {t("caseFile.timeline.all")}
        </Link>
        {FILTERS.map((k) => (
          <Link
            key={k}
            to={`?kind=${k}`}
            preventScrollReset
            aria-current={kind === k ? "true" : undefined}
          >
            {t(`caseFile.timeline.kinds.${k}`)}
          </Link>
        ))}
      </nav>
      {events.length === 0 ? <p className="field__hint">{t("caseFile.timeline.empty")}</p> : null}
      <ol className="timeline">
        {events.map((event) => {
          const detail = describe(event);
          return (
            <li key={event.id}>
              <p className="note__meta">
                <strong>{t(`caseFile.timeline.kinds.${event.kind}`)}</strong> ·{" "}
                {event.actor?.displayName ??
                  (event.kind === "CONTENT_DESTROYED"
                    ? t("retention.timeline.rule")
                    : t("caseFile.someone"))}{" "}
                ·{" "}
                <time dateTime={event.createdAt}>
                  {formatDateTime(event.createdAt, i18n.language)}
                </time>
              </p>
              {event.kind === "FACT_EDITED" ? (
                <FactEditEvent details={event.details} />
              ) : detail ? (
                <p className="timeline__detail">{detail}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
