// A form of account administration or settings: react-hook-form with the
// form's zod schema over a real <Form method="post"> (works without
// JavaScript), the server's errors by their fields, and what was typed kept.
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DefaultValues, FieldValues } from "react-hook-form";
import { useTranslation } from "~/i18n/react";
import type * as z from "zod/mini";
import { FormFieldsProvider } from "~/components/form/fields";
import type { ActionResult } from "~/utils/action-result";
import { messageParts } from "~/utils/forms";
import { useValidatedForm } from "~/utils/use-validated-form";

export function AccountForm<S extends z.ZodMiniType<FieldValues, FieldValues>>({
  intent,
  schema,
  defaults,
  result,
  submitLabel,
  idPrefix,
  children,
  reloadDocument,
}: {
  intent: string;
  schema: S;
  defaults: Record<string, string | string[]>;
  result?: ActionResult;
  submitLabel: string;
  idPrefix?: string;
  children: ReactNode;
  /** Load a new document on success (e.g. when the session may end). */
  reloadDocument?: boolean;
}) {
  const { t } = useTranslation();
  const mine = result?.intent === intent ? result : undefined;
  const values = { ...defaults, ...mine?.values };
  const navigation = useNavigation();
  const form = useValidatedForm(schema, {
    defaultValues: values as DefaultValues<z.input<S>>,
    serverErrors: mine?.fieldErrors,
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const formError = mine?.formError;
  return (
    <FormFieldsProvider
      value={{
        register: form.register as never,
        errorFor: form.errorFor,
        valueFor: (path) => values[path],
        idPrefix,
      }}
    >
      <Form
        method="post"
        noValidate
        onSubmit={form.onSubmit}
        reloadDocument={reloadDocument}
        className="stack"
      >
        <input type="hidden" name="intent" value={intent} />
        {formError ? (
          <p className="alert alert--error" role="alert">
            {t(...messageParts(formError))}
          </p>
        ) : null}
        {children}
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
      </Form>
    </FormFieldsProvider>
  );
}

/** A one-button form (deactivate, revoke …) that posts its intent and hidden values. */
export function ActionButton({
  intent,
  hidden,
  label,
  className = "button",
}: {
  intent: string;
  hidden?: Record<string, string>;
  label: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}
