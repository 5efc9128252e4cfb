// A FACT_EDITED timeline entry in the reader's language: each change as
// "Field: old → new"; worker identity fields only as "Full name changed".
import { sealedWord, type ReadableField } from "~/components/sealed-text";
import { useTranslation } from "~/i18n/react";
import { useCountryName } from "~/components/intake/use-country-name";
import type { FactChange, FactValue } from "~/modules/cases/fact-diff";
import { formatCalendarDate } from "~/utils/format";
import { useFactFormatter } from "./facts-list";

const CONSENT_LABELS: Record<string, string> = {
  consentToStore: "intake.consent.toStore",
  consentToContact: "intake.consent.toContact",
  consentToShare: "intake.consent.toShare",
  consentToCiteAnonymously: "intake.consent.toCite",
  consentToBeNamed: "intake.consent.toBeNamed",
};
const ENUM_LABELS: Record<string, string> = {
  region: "regions",
  channel: "channels",
  urgency: "urgencies",
  gender: "genders",
  unionMember: "triState",
};
const DATES = new Set(["incidentStart", "incidentEnd"]);

type FactEditDetails = {
  changes?: FactChange[];
  currency?: string | null;
  worker?: { number: number; pseudonym?: string; event: "added" | "updated" | "removed" };
  /** Opened from its seal (or, in older entries, stored as text). */
  reason?: ReadableField | string;
};

export function FactEditEvent({ details }: { details: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const countryName = useCountryName();
  const formatFact = useFactFormatter();
  const { changes = [], currency, worker, reason } = details as FactEditDetails;

  const label = (field: string): string => {
    const parts = field.split(".");
    if (parts[0] === "facts") return t(`intake.facts.${parts.slice(1).join(".")}`);
    if (parts[0] === "workers" && parts.length === 3) {
      const name = parts[2]!;
      const inner = CONSENT_LABELS[name] ?? `intake.worker.${name}`;
      return t("caseFile.edit.workerField", { number: parts[1], field: t(inner) });
    }
    return t(`intake.fields.${field}`);
  };
  const value = (field: string, raw: FactValue): string => {
    if (raw === null) return t("caseFile.edit.none");
    const parts = field.split(".");
    const key = parts[parts.length - 1]!;
    if (parts[0] === "facts") return formatFact(key, raw, currency ?? "KZT");
    if (typeof raw === "boolean") return raw ? t("common.yes") : t("common.no");
    if (DATES.has(key) && typeof raw === "string") return formatCalendarDate(raw, i18n.language);
    if (key === "citizenship" && typeof raw === "string") return countryName(raw);
    const prefix = ENUM_LABELS[key];
    if (prefix) return t(`${prefix}.${String(raw)}`);
    return Array.isArray(raw) ? raw.join(", ") : String(raw);
  };

  return (
    <div className="timeline__detail">
      {worker ? (
        <p>
          {t(`caseFile.edit.workerEvents.${worker.event}`, { number: worker.number })}
          {worker.pseudonym ? ` · ${worker.pseudonym}` : null}
        </p>
      ) : null}
      {changes.length > 0 ? (
        <ul className="fact-changes">
          {changes.map((change) => (
            <li key={change.field}>
              {"changed" in change
                ? t(
                    change.replacedUnreadable
                      ? "caseFile.edit.replacedUnreadable"
                      : "caseFile.edit.changedWithoutValue",
                    { field: label(change.field) },
                  )
                : t("caseFile.edit.change", {
                    field: label(change.field),
                    from: value(change.field, change.from),
                    to: value(change.field, change.to),
                  })}
            </li>
          ))}
        </ul>
      ) : null}
      {reason ? <p>{t("caseFile.edit.reason", { reason: sealedWord(reason, t) })}</p> : null}
    </div>
  );
}
