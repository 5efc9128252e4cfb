// An account's role and regions: the same two fields when an administrator
// invites someone and when they change someone's access.
import { useTranslation } from "~/i18n/react";
import { ChoiceGroup, SelectField } from "~/components/form/fields";
import { ROLES } from "~/modules/people/schema";
import { REGIONS } from "~/modules/regions/regions";

export function AccessFields() {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        name="role"
        label={t("pages.users.role")}
        required
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
      <ChoiceGroup
        name="regions"
        legend={t("pages.users.regions")}
        hint={t("admin.users.regionsHint")}
        multiple
        options={REGIONS.map((region) => ({ value: region, label: t(`regions.${region}`) }))}
      />
    </>
  );
}
