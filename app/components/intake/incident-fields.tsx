import { useTranslation } from "~/i18n/react";
import { ChoiceGroup, SelectField, TextField } from "~/components/form/fields";
import { CHANNELS } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";

/** Where and when it happened, and how it reached us: the intake's and the fact editor's. */
export function IncidentFields({ today }: { today: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="grid">
        <SelectField
          name="region"
          label={t("intake.fields.region")}
          options={REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) }))}
          required
        />
        <TextField
          name="place"
          label={t("intake.fields.place")}
          hint={t("intake.fields.placeHint")}
          maxLength={200}
          required
        />
        <TextField
          name="incidentStart"
          label={t("intake.fields.incidentStart")}
          type="date"
          max={today}
          required
        />
        <TextField
          name="incidentEnd"
          label={t("intake.fields.incidentEnd")}
          hint={t("intake.fields.incidentEndHint")}
          type="date"
          max={today}
        />
      </div>
      <ChoiceGroup
        name="channel"
        legend={t("intake.fields.channel")}
        options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
        required
      />
    </>
  );
}
