// Reveal on the case file: a reason from the list and the person's own words, then (after
// step-up) the workers' identities for 15 minutes. A plain post without JavaScript.
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SelectField, TextAreaField } from "~/components/form/fields";
import {
  REVEAL_EXPLANATION_MAX,
  REVEAL_REASONS,
  revealSchema,
} from "~/modules/cases/reveal.schema";
import type { ActionResult } from "~/utils/action-result";
import { formatDateTime } from "~/utils/format";
import { CaseForm } from "./case-forms";

export function RevealPanel({
  revealedUntil,
  result,
}: {
  revealedUntil: string | null;
  result?: ActionResult;
}) {
  const { t, i18n } = useTranslation();
  if (revealedUntil) {
    return (
      <div className="alert alert--warn reveal" role="status">
        <p>{t("caseFile.reveal.until", { time: formatDateTime(revealedUntil, i18n.language) })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="hide" />
          <button type="submit" className="button button--quiet">
            {t("caseFile.reveal.hide")}
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="reveal" id="reveal">
      <p className="field__hint">{t("caseFile.reveal.hidden")}</p>
      <CaseForm
        intent="reveal"
        schema={revealSchema}
        defaults={{ reason: "", explanation: "" }}
        result={result}
        submitLabel={t("caseFile.reveal.submit")}
        disclosure={t("caseFile.reveal.submit")}
      >
        <SelectField
          name="reason"
          label={t("caseFile.reveal.reason")}
          options={REVEAL_REASONS.map((value) => ({
            value,
            label: t(`caseFile.reveal.reasons.${value}`),
          }))}
          required
        />
        <TextAreaField
          name="explanation"
          label={t("caseFile.reveal.explanation")}
          hint={t("caseFile.reveal.explanationHint")}
          rows={2}
          maxLength={REVEAL_EXPLANATION_MAX}
          required
        />
      </CaseForm>
    </div>
  );
}
