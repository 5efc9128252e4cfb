// One named (or anonymous) worker: identity apart from the facts, and the consent questions.
import { useTranslation } from "~/i18n/react";
import {
  CheckboxField,
  ChoiceGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/form/fields";
import { CITIZENSHIPS, GENDERS, TRI_STATE } from "~/modules/intake/categories";
import { useCountryName } from "./use-country-name";

export function WorkerFields({
  index,
  anonymous,
  onRemove,
  prefix = `workers.${index}`,
  removable = true,
}: {
  index: number;
  anonymous: boolean;
  onRemove?: (index: number) => void;
  /** Where the fields are posted; the case file's worker form edits one worker ("worker"). */
  prefix?: string;
  removable?: boolean;
}) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const name = (field: string) => `${prefix}.${field}`;
  const w = (key: string) => t(`intake.worker.${key}`);
  return (
    <fieldset className="worker">
      <legend>{t("intake.worker.heading", { number: index + 1 })}</legend>
      <CheckboxField name={name("anonymous")} label={w("anonymous")} hint={w("anonymousHint")} />
      <div className="grid" hidden={anonymous}>
        <TextField
          name={name("fullName")}
          label={w("fullName")}
          autoComplete="off"
          maxLength={200}
          required={!anonymous}
        />
        <TextField
          name={name("iin")}
          label={w("iin")}
          hint={w("iinHint")}
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
        />
        <TextField
          name={name("phone")}
          label={w("phone")}
          hint={w("phoneHint")}
          type="tel"
          autoComplete="off"
          maxLength={24}
        />
        <TextField name={name("address")} label={w("address")} autoComplete="off" maxLength={500} />
        <TextAreaField
          name={name("contactNotes")}
          label={w("contactNotes")}
          hint={w("contactNotesHint")}
          rows={2}
          maxLength={1000}
        />
      </div>
      <div className="grid">
        <TextField
          name={name("yearOfBirth")}
          label={w("yearOfBirth")}
          inputMode="numeric"
          maxLength={4}
        />
        <SelectField
          name={name("gender")}
          label={w("gender")}
          options={GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
        />
        <SelectField
          name={name("citizenship")}
          label={w("citizenship")}
          options={CITIZENSHIPS.map((c) => ({ value: c, label: countryName(c) }))}
        />
        <TextField name={name("occupation")} label={w("occupation")} maxLength={200} />
        <ChoiceGroup
          name={name("unionMember")}
          legend={w("unionMember")}
          options={TRI_STATE.map((v) => ({ value: v, label: t(`triState.${v}`) }))}
        />
      </div>
      {removable ? (
        <button
          type="submit"
          name="intent"
          value={`removeWorker:${index}`}
          formNoValidate
          className="button button--quiet"
          onClick={
            onRemove
              ? (event) => {
                  event.preventDefault();
                  onRemove(index);
                }
              : undefined
          }
        >
          {t("intake.worker.remove", { number: index + 1 })}
        </button>
      ) : null}
    </fieldset>
  );
}

export function ConsentFields({
  index,
  label,
  prefix = `workers.${index}`,
}: {
  index: number;
  label: string;
  prefix?: string;
}) {
  const { t } = useTranslation();
  const name = (field: string) => `${prefix}.${field}`;
  const c = (key: string) => t(`intake.consent.${key}`);
  return (
    <fieldset className="consent">
      <legend>{t("intake.consent.forWorker", { name: label })}</legend>
      <CheckboxField name={name("consentToStore")} label={c("toStore")} />
      <CheckboxField name={name("consentToContact")} label={c("toContact")} />
      <CheckboxField name={name("consentToShare")} label={c("toShare")} />
      <CheckboxField name={name("consentToCiteAnonymously")} label={c("toCite")} />
      <CheckboxField name={name("consentToBeNamed")} label={c("toBeNamed")} />
    </fieldset>
  );
}
