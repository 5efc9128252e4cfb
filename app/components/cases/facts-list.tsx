// A case's category facts, read back in the reader's language.
import { useTranslation } from "~/i18n/react";
import { useCountryName } from "~/components/intake/use-country-name";
import { SealedText } from "~/components/sealed-text";
import { formatCalendarDate, formatMoney, formatWallClock } from "~/utils/format";

const ENUM_LABELS: Record<string, string> = {
  canLeave: "triState",
  reportedToInspectorate: "triState",
  lawyerHasAccess: "triState",
  familyInformed: "triState",
  kind: "intake.harmKinds",
  severity: "intake.severities",
  indicators: "intake.indicators",
  actions: "intake.unionActions",
  penalties: "intake.strikePenalties",
  violence: "intake.violence",
};
const AMOUNTS = new Set(["amountOwed", "finesAmount"]);
const DATES = new Set(["periodStart", "periodEnd", "eventDate", "strikeDate"]);

/** A category fact's value in the reader's language; amounts in minor units of `currency`. */
export function useFactFormatter() {
  const { t, i18n } = useTranslation();
  const countryName = useCountryName();
  return (key: string, value: unknown, currency = "KZT"): string => {
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (AMOUNTS.has(key) && typeof value === "number")
      return formatMoney(value, currency, i18n.language);
    if (DATES.has(key) && typeof value === "string")
      return formatCalendarDate(value, i18n.language);
    if (key === "detainedAt" && typeof value === "string")
      return formatWallClock(value, i18n.language);
    if (key === "countryOfOrigin" && typeof value === "string") return countryName(value);
    const prefix = ENUM_LABELS[key];
    if (prefix && Array.isArray(value))
      return value.map((v) => t(`${prefix}.${String(v)}`)).join(", ");
    if (prefix) return t(`${prefix}.${String(value)}`);
    return String(value);
  };
}

export function FactsList({
  facts,
  textUnavailable = null,
}: {
  facts: Record<string, unknown>;
  /** Why the free-text answers are missing (sealed, destroyed, cannot be read), when they are. */
  textUnavailable?: "sealed" | "destroyed" | "unreadable" | null;
}) {
  const { t } = useTranslation();
  const format = useFactFormatter();
  const currency = typeof facts.currency === "string" ? facts.currency : "KZT";
  const show = (key: string, value: unknown) => format(key, value, currency);

  const entries = Object.entries(facts).filter(
    ([key, value]) => key !== "currency" && value !== undefined && value !== null,
  );
  return (
    <dl className="summary">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`intake.facts.${key}`)}</dt>
          <dd>{show(key, value)}</dd>
        </div>
      ))}
      {textUnavailable ? (
        <div>
          <dt>{t("caseFile.factsText")}</dt>
          <dd>
            <SealedText field={{ ok: false, reason: textUnavailable }} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
