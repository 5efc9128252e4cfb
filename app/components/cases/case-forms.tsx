// The case file's small forms (status, notes): react-hook-form with the shared
// schema in the browser, plain posts without JavaScript, server errors and
// conflicts shown beside the fields with what the person typed kept.
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DefaultValues, FieldValues } from "react-hook-form";
import { useTranslation } from "~/i18n/react";
import type * as z from "zod/mini";
import { FormFieldsProvider } from "~/components/form/fields";
import type { ActionResult } from "~/utils/action-result";
import { formatDateTime } from "~/utils/format";
import { getPath } from "~/utils/nested";
import { useValidatedForm } from "~/utils/use-validated-form";
import { FormDisclosure } from "./form-disclosure";

export function ConflictMessage({
  conflict,
}: {
  conflict: NonNullable<ActionResult["conflict"]> | null;
}) {
  const { t, i18n } = useTranslation();
  return (
    <p className="alert alert--warn" role="alert">
      {conflict
        ? t("caseFile.conflict", {
            name: conflict.actorName ?? t("caseFile.someone"),
            time: formatDateTime(conflict.at, i18n.language),
            change: t(`caseFile.timeline.kinds.${conflict.kind}`),
          })
        : t("caseFile.conflictUnknown")}
    </p>
  );
}

/** One intent's form: its hidden fields, its fields, its errors and its button. */
export function CaseForm<S extends z.ZodMiniType<FieldValues, FieldValues>>({
  intent,
  schema,
  defaults,
  result,
  hidden,
  submitLabel,
  idPrefix,
  disclosure,
  unreadableNotice,
  children,
}: {
  intent: string;
  schema: S;
  defaults: Record<string, string | boolean>;
  result?: ActionResult;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  /** For a page with several forms that share field names. */
  idPrefix?: string;
  /** Closed behind a button with this text until wanted (the case file on a phone). */
  disclosure?: string;
  /** Fields whose stored text cannot be read: `unreadableNotices` (decision 0043). */
  unreadableNotice?: (name: string, id: string) => ReactNode;
  children: ReactNode;
}) {
  const mine = result?.intent === intent ? result : undefined;
  const values = { ...defaults, ...mine?.values, ...hidden };
  const navigation = useNavigation();
  const form = useValidatedForm(schema, {
    defaultValues: values as DefaultValues<z.input<S>>,
    serverErrors: mine?.fieldErrors,
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const fields = (
    <FormFieldsProvider
      value={{
        register: form.register as never,
        errorFor: form.errorFor,
        valueFor: (path) => getPath(values, path),
        idPrefix,
        unreadableNotice,
      }}
    >
      <Form method="post" noValidate onSubmit={form.onSubmit} className="stack case-form">
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          // Registered, so the browser-side schema checks the same values the server will.
          <input key={name} type="hidden" defaultValue={value} {...form.register(name as never)} />
        ))}
        {mine?.conflict !== undefined ? <ConflictMessage conflict={mine.conflict} /> : null}
        {mine?.formError ? <FormError message={mine.formError} /> : null}
        {children}
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
      </Form>
    </FormFieldsProvider>
  );
  if (!disclosure) return fields;
  return (
    <FormDisclosure summary={disclosure} open={mine !== undefined}>
      {fields}
    </FormDisclosure>
  );
}

function FormError({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <p className="alert alert--error" role="alert">
      {t(message)}
    </p>
  );
}
