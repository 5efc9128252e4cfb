// The questions of each category.
import { useTranslation } from "~/i18n/react";
import {
  CheckboxField,
  ChoiceGroup,
  SelectField,
  TextAreaField,
  TextField,
  type Option,
} from "~/components/form/fields";
import {
  CITIZENSHIPS,
  CURRENCIES,
  HARM_KINDS,
  ILO_INDICATORS,
  SEVERITIES,
  STRIKE_PENALTIES,
  TRI_STATE,
  UNION_BUSTING_ACTIONS,
  VIOLENCE_KINDS,
} from "~/modules/intake/categories";
import { useCountryName } from "./use-country-name";

export function FactsFields({ category, today }: { category: string | undefined; today: string }) {
  const { t } = useTranslation();
  const options = (values: readonly string[], prefix: string): Option[] =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const triState = options(TRI_STATE, "triState");
  const violence = options(VIOLENCE_KINDS, "intake.violence");
  const currencies = CURRENCIES.map((code) => ({ value: code, label: code }));
  const countryName = useCountryName();
  const f = (key: string) => t(`intake.facts.${key}`);
  // Asked for detained activists, union busting and strike penalties (CFA urgency: life).
  const violenceQuestion = (
    <ChoiceGroup
      name="facts.violence"
      legend={f("violence")}
      hint={f("violenceHint")}
      options={violence}
      multiple
      className="grid__wide"
    />
  );

  switch (category) {
    case "UNPAID_WAGES":
      return (
        <div className="grid">
          <TextField
            name="facts.periodStart"
            label={f("periodStart")}
            type="date"
            max={today}
            required
          />
          <TextField name="facts.periodEnd" label={f("periodEnd")} type="date" max={today} />
          <TextField
            name="facts.amountOwed"
            label={f("amountOwed")}
            hint={f("amountHint")}
            inputMode="decimal"
            autoComplete="off"
            required
          />
          <SelectField name="facts.currency" label={f("currency")} options={currencies} required />
          <TextField
            name="facts.workersAffected"
            label={f("workersAffected")}
            inputMode="numeric"
            required
          />
          {violenceQuestion}
          <CheckboxField name="facts.offTheBooks" label={f("offTheBooks")} />
        </div>
      );
    case "FORCED_LABOR":
      return (
        <div className="grid">
          <ChoiceGroup
            name="facts.indicators"
            legend={f("indicators")}
            options={options(ILO_INDICATORS, "intake.indicators")}
            multiple
            required
            className="grid__wide"
          />
          <ChoiceGroup name="facts.canLeave" legend={f("canLeave")} options={triState} required />
          <CheckboxField name="facts.ongoing" label={f("ongoing")} />
          <TextField name="facts.documentsHeldBy" label={f("documentsHeldBy")} maxLength={200} />
        </div>
      );
    case "UNSAFE_CONDITIONS":
      return (
        <div className="grid">
          <ChoiceGroup
            name="facts.kind"
            legend={f("kind")}
            options={options(HARM_KINDS, "intake.harmKinds")}
            required
          />
          <ChoiceGroup
            name="facts.severity"
            legend={f("severity")}
            options={options(SEVERITIES, "intake.severities")}
            required
          />
          <TextField
            name="facts.eventDate"
            label={f("eventDate")}
            type="date"
            max={today}
            required
          />
          <TextField
            name="facts.peopleHarmed"
            label={f("peopleHarmed")}
            inputMode="numeric"
            required
          />
          <ChoiceGroup
            name="facts.reportedToInspectorate"
            legend={f("reportedToInspectorate")}
            options={triState}
            required
          />
          <TextAreaField
            name="facts.employerResponse"
            label={f("employerResponse")}
            rows={3}
            maxLength={2000}
          />
        </div>
      );
    case "DETAINED_ACTIVIST":
      return (
        <div className="grid">
          <TextField
            name="facts.personRole"
            label={f("personRole")}
            hint={f("personRoleHint")}
            maxLength={200}
            required
          />
          <TextField
            name="facts.detainedAt"
            label={f("detainedAt")}
            type="datetime-local"
            max={`${today}T23:59`}
            required
          />
          <TextField
            name="facts.detainedWhere"
            label={f("detainedWhere")}
            maxLength={200}
            required
          />
          <TextField name="facts.authority" label={f("authority")} maxLength={200} required />
          <TextField name="facts.charges" label={f("charges")} maxLength={500} />
          <TextField name="facts.court" label={f("court")} maxLength={200} />
          <ChoiceGroup
            name="facts.lawyerHasAccess"
            legend={f("lawyerHasAccess")}
            options={triState}
            required
          />
          <ChoiceGroup
            name="facts.familyInformed"
            legend={f("familyInformed")}
            options={triState}
            required
          />
          {violenceQuestion}
        </div>
      );
    case "UNION_BUSTING":
      return (
        <div className="grid">
          <ChoiceGroup
            name="facts.actions"
            legend={f("actions")}
            options={options(UNION_BUSTING_ACTIONS, "intake.unionActions")}
            multiple
            required
            className="grid__wide"
          />
          <TextField name="facts.unionName" label={f("unionName")} maxLength={200} />
          <TextField
            name="facts.workersAffected"
            label={f("workersAffected")}
            inputMode="numeric"
            required
          />
        </div>
      );
    case "STRIKE_PENALTIES":
      return (
        <div className="grid">
          <TextField
            name="facts.strikeDate"
            label={f("strikeDate")}
            type="date"
            max={today}
            required
          />
          <TextField
            name="facts.declaredIllegalBy"
            label={f("declaredIllegalBy")}
            maxLength={200}
          />
          <ChoiceGroup
            name="facts.penalties"
            legend={f("penalties")}
            options={options(STRIKE_PENALTIES, "intake.strikePenalties")}
            multiple
            required
          />
          <TextField
            name="facts.finesAmount"
            label={f("finesAmount")}
            hint={f("amountHint")}
            inputMode="decimal"
          />
          <SelectField name="facts.currency" label={f("currency")} options={currencies} required />
          <TextField
            name="facts.peopleDismissed"
            label={f("peopleDismissed")}
            inputMode="numeric"
          />
          <TextField name="facts.peopleJailed" label={f("peopleJailed")} inputMode="numeric" />
          {violenceQuestion}
        </div>
      );
    case "CHILD_LABOR":
      return (
        <div className="grid">
          <TextField
            name="facts.childrenCount"
            label={f("childrenCount")}
            inputMode="numeric"
            required
          />
          <TextField name="facts.youngestAge" label={f("youngestAge")} inputMode="numeric" />
          <CheckboxField name="facts.hazardous" label={f("hazardous")} />
          <TextAreaField name="facts.work" label={f("work")} rows={3} maxLength={2000} />
        </div>
      );
    case "MIGRANT_ABUSE":
      return (
        <div className="grid">
          <SelectField
            name="facts.countryOfOrigin"
            label={f("countryOfOrigin")}
            options={CITIZENSHIPS.map((code) => ({ value: code, label: countryName(code) }))}
          />
          <CheckboxField name="facts.passportConfiscated" label={f("passportConfiscated")} />
          <CheckboxField name="facts.journeyHomeUnpaid" label={f("journeyHomeUnpaid")} />
          <CheckboxField name="facts.recruitmentFeeCharged" label={f("recruitmentFeeCharged")} />
        </div>
      );
    case "OTHER":
      return <TextField name="facts.summary" label={f("summary")} maxLength={200} required />;
    default:
      return null;
  }
}
