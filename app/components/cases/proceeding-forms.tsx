// The fields of the proceeding and hearing/deadline forms, shared by the page
// that adds a proceeding and the page that edits one.
import { useTranslation } from "~/i18n/react";
import { SelectField, TextAreaField, TextField } from "~/components/form/fields";
import {
  LIMITS,
  PROCEEDING_DATE_KINDS,
  PROCEEDING_KINDS,
  PROCEEDING_STATUSES,
} from "~/modules/proceedings/schema";

export function ProceedingFields({ today }: { today: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="grid">
        <SelectField
          name="kind"
          label={t("caseFile.proceedings.kind")}
          required
          options={PROCEEDING_KINDS.map((kind) => ({
            value: kind,
            label: t(`caseFile.proceedings.kinds.${kind}`),
          }))}
        />
        <SelectField
          name="status"
          label={t("caseFile.proceedings.status")}
          required
          options={PROCEEDING_STATUSES.map((status) => ({
            value: status,
            label: t(`caseFile.proceedings.statuses.${status}`),
          }))}
        />
      </div>
      <TextField
        name="authority"
        label={t("caseFile.proceedings.authority")}
        hint={t("caseFile.proceedings.authorityHint")}
        maxLength={LIMITS.authority}
        required
      />
      <div className="grid">
        <TextField
          name="externalNumber"
          label={t("caseFile.proceedings.externalNumber")}
          maxLength={LIMITS.externalNumber}
        />
        <TextField
          name="filedOn"
          label={t("caseFile.proceedings.filedOn")}
          type="date"
          max={today}
        />
      </div>
      <TextAreaField
        name="summary"
        label={t("caseFile.proceedings.summary")}
        rows={3}
        maxLength={LIMITS.summary}
      />
    </>
  );
}

export function ProceedingDateFields() {
  const { t } = useTranslation();
  return (
    <>
      <div className="grid">
        <SelectField
          name="kind"
          label={t("caseFile.proceedings.dates.kind")}
          required
          options={PROCEEDING_DATE_KINDS.map((kind) => ({
            value: kind,
            label: t(`caseFile.proceedings.dateKinds.${kind}`),
          }))}
        />
        <TextField name="date" label={t("caseFile.proceedings.dates.date")} type="date" required />
        <TextField
          name="time"
          label={t("caseFile.proceedings.dates.time")}
          hint={t("caseFile.proceedings.dates.timeHint")}
          type="time"
          required
        />
      </div>
      <TextField
        name="place"
        label={t("caseFile.proceedings.dates.place")}
        maxLength={LIMITS.place}
      />
      <TextField
        name="description"
        label={t("caseFile.proceedings.dates.description")}
        maxLength={LIMITS.description}
        required
      />
      <TextAreaField
        name="outcome"
        label={t("caseFile.proceedings.dates.outcome")}
        hint={t("caseFile.proceedings.dates.outcomeHint")}
        rows={2}
        maxLength={LIMITS.outcome}
      />
    </>
  );
}
