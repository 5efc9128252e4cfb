// Six digits from the authenticator app, or one recovery code: the one form
// for signing in, enrolling and stepping up. Works without JavaScript.
import { useTranslation } from "~/i18n/react";
import { TextField } from "~/components/form/fields";
import { AccountForm } from "~/components/people/account-form";
import { codeSchema } from "~/modules/auth/second-factor-schema";
import type { ActionResult } from "~/utils/action-result";

export function CodeForm({
  intent,
  redirectTo,
  result,
  submitLabel,
  hint,
}: {
  intent: string;
  redirectTo: string;
  result?: ActionResult;
  submitLabel: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <AccountForm
      intent={intent}
      schema={codeSchema}
      defaults={{ code: "", redirectTo }}
      result={result}
      submitLabel={submitLabel}
      idPrefix={`${intent}-`}
      reloadDocument
    >
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <TextField
        name="code"
        label={t("secondFactor.code")}
        hint={hint ?? t("secondFactor.codeHint")}
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
    </AccountForm>
  );
}
