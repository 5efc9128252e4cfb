import { useTranslation } from "~/i18n/react";
import { SelectField, TextAreaField, TextField } from "~/components/form/fields";
import { CURRENCIES } from "~/modules/intake/categories";
import { OUTCOME_KINDS, outcomeSchema } from "~/modules/cases/schema";
import { formatCalendarDate, formatMoney } from "~/utils/format";
import type { ActionResult } from "~/utils/action-result";
import { SealedText, type ReadableField } from "~/components/sealed-text";
import { CaseForm } from "./case-forms";

export type OutcomeView = {
  id: string;
  kind: string;
  amountMinor: number | null;
  currency: string | null;
  people: number | null;
  date: string;
  note: ReadableField | null;
  recordedBy: { displayName: string };
};

export function OutcomesPanel({
  outcomes,
  canRecord,
  today,
  result,
}: {
  outcomes: OutcomeView[];
  canRecord: boolean;
  today: string;
  result?: ActionResult;
}) {
  const { t, i18n } = useTranslation();
  const totals = new Map<string, number>();
  for (const o of outcomes) {
    if (o.amountMinor !== null && o.currency)
      totals.set(o.currency, (totals.get(o.currency) ?? 0) + o.amountMinor);
  }
  return (
    <section aria-labelledby="outcomes-heading" className="panel">
      <h2 id="outcomes-heading">{t("caseFile.outcomes.heading")}</h2>
      {totals.size > 0 ? (
        <p>
          {t("caseFile.outcomes.totals")}:{" "}
          <strong>
            {[...totals]
              .map(([currency, minor]) => formatMoney(minor, currency, i18n.language))
              .join(" + ")}
          </strong>
        </p>
      ) : null}
      {outcomes.length === 0 ? <p className="field__hint">{t("caseFile.outcomes.empty")}</p> : null}
      <ul className="notes">
        {outcomes.map((o) => (
          <li key={o.id} className="note">
            <p className="note__meta">
              <strong>{t(`caseFile.outcomes.kinds.${o.kind}`)}</strong> ·{" "}
              {formatCalendarDate(o.date, i18n.language)} · {o.recordedBy.displayName}
            </p>
            <p>
              {[
                o.amountMinor !== null && o.currency
                  ? formatMoney(o.amountMinor, o.currency, i18n.language)
                  : null,
                o.people !== null ? t("caseFile.outcomes.peopleCount", { count: o.people }) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {o.note ? (
              <p className="account-text">
                <SealedText field={o.note} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {canRecord ? (
        <CaseForm
          intent="outcome"
          schema={outcomeSchema}
          defaults={{ kind: "", amount: "", currency: "KZT", people: "", date: today, note: "" }}
          result={result}
          submitLabel={t("caseFile.outcomes.submit")}
          disclosure={t("caseFile.outcomes.submit")}
        >
          <SelectField
            name="kind"
            label={t("caseFile.outcomes.kind")}
            required
            options={OUTCOME_KINDS.map((kind) => ({
              value: kind,
              label: t(`caseFile.outcomes.kinds.${kind}`),
            }))}
          />
          <div className="grid">
            <TextField
              name="amount"
              label={t("caseFile.outcomes.amount")}
              hint={t("caseFile.outcomes.amountHint")}
              inputMode="decimal"
            />
            <SelectField
              name="currency"
              label={t("caseFile.outcomes.currency")}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              required
            />
            <TextField
              name="people"
              label={t("caseFile.outcomes.people")}
              hint={t("caseFile.outcomes.peopleHint")}
              inputMode="numeric"
            />
            <TextField
              name="date"
              label={t("caseFile.outcomes.date")}
              type="date"
              max={today}
              required
            />
          </div>
          <TextAreaField
            name="note"
            label={t("caseFile.outcomes.note")}
            rows={2}
            maxLength={2000}
          />
        </CaseForm>
      ) : null}
    </section>
  );
}
