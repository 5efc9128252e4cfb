import { useTranslation } from "~/i18n/react";
import { SelectField, TextAreaField } from "~/components/form/fields";
import { statusChangeSchema } from "~/modules/cases/schema";
import type { ActionResult } from "~/utils/action-result";
import { CaseForm } from "./case-forms";

export function StatusPanel({
  status,
  version,
  transitions,
  result,
}: {
  status: string;
  version: number;
  transitions: string[];
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="status-heading" className="panel">
      <h2 id="status-heading">{t("caseFile.status.heading")}</h2>
      <p>
        {t("caseFile.status.current")}: <strong className="badge">{t(`statuses.${status}`)}</strong>
      </p>
      {transitions.length === 0 ? (
        <p className="field__hint">{t("caseFile.status.none")}</p>
      ) : (
        <CaseForm
          intent="status"
          schema={statusChangeSchema}
          defaults={{ to: "", reason: "" }}
          result={result}
          hidden={{ version }}
          submitLabel={t("caseFile.status.submit")}
          disclosure={t("caseFile.status.submit")}
        >
          <SelectField
            name="to"
            label={t("caseFile.status.move")}
            required
            options={transitions.map((to) => ({ value: to, label: t(`statuses.${to}`) }))}
          />
          <TextAreaField
            name="reason"
            label={t("caseFile.status.reason")}
            hint={t("caseFile.status.reasonHint")}
            rows={2}
            maxLength={2000}
          />
        </CaseForm>
      )}
    </section>
  );
}
