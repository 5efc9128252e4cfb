// The forms that correct a case file: its facts (with the category's own
// questions, the intake's fields) and one worker. react-hook-form with the
// shared schema in the browser, plain posts without JavaScript; server errors
// and conflicts are shown with what the person typed kept.
import { Form, useNavigation } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { get, type DefaultValues, type FieldValues } from "react-hook-form";
import { useTranslation } from "~/i18n/react";
import type * as z from "zod/mini";
import {
  FormFieldsProvider,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/form/fields";
import { FactsFields } from "~/components/intake/facts-fields";
import { ConsentFields, WorkerFields } from "~/components/intake/worker-fields";
import {
  factsEditSchema,
  workerEditSchemaFor,
  workerRemoveSchema,
  type IdentityField,
  type EditableCategory,
  type FactColumn,
} from "~/modules/cases/edit.schema";
import { LIMITS, URGENCIES } from "~/modules/intake/categories";
import type { ActionResult } from "~/utils/action-result";
import { getPath } from "~/utils/nested";
import { useValidatedForm } from "~/utils/use-validated-form";
import { ConflictMessage } from "./case-forms";
import { FactEditEvent } from "./fact-edit-event";
import { IncidentFields } from "~/components/intake/incident-fields";
import { UnreadableGroup, unreadableNotices, type UnreadableFields } from "./unreadable-field";

type Values = Record<string, unknown>;

function EditForm<S extends z.ZodMiniType<FieldValues, FieldValues>>({
  id,
  intent,
  schema,
  values,
  version,
  result,
  submitLabel,
  danger,
  unreadable,
  children,
}: {
  id: string;
  intent: string;
  schema: S;
  values: Values;
  version: number;
  result?: ActionResult;
  submitLabel: string;
  danger?: boolean;
  /** Fields whose stored text cannot be read, with their "replace" boxes (decision 0043). */
  unreadable?: UnreadableFields;
  children: (watch: (path: string) => unknown) => ReactNode;
}) {
  const { t } = useTranslation();
  const mine = result?.intent === intent ? result : undefined;
  // What was typed stays; the version is always the case's current one, so a
  // person told of a conflict can check and send again.
  const start = { ...values, ...mine?.values, version };
  const form = useValidatedForm(schema, {
    defaultValues: start as DefaultValues<z.input<S>>,
    serverErrors: mine?.fieldErrors,
    formId: id,
  });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const errorFor = (path: string): string | undefined =>
    (get(form.formState.errors, path) as { message?: string } | undefined)?.message ??
    mine?.fieldErrors?.[path];
  const watch = (path: string) => form.watch(path as never) ?? getPath(start, path);
  const hasErrors = Boolean(
    mine?.formError || (mine?.fieldErrors && Object.keys(mine.fieldErrors).length > 0),
  );
  return (
    <FormFieldsProvider
      value={{
        register: form.register as never,
        errorFor,
        valueFor: (path) => getPath(start, path),
        unreadableNotice: unreadableNotices(unreadable),
      }}
    >
      <Form method="post" id={id} noValidate onSubmit={form.onSubmit} className="stack case-form">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" defaultValue={version} {...form.register("version" as never)} />
        {mine?.conflict !== undefined ? (
          <div className="conflict">
            <ConflictMessage conflict={mine.conflict} />
            {mine.conflict?.details ? <FactEditEvent details={mine.conflict.details} /> : null}
          </div>
        ) : null}
        {hasErrors ? (
          <p className="alert alert--error" role="alert">
            {t(mine?.formError ?? "caseFile.edit.fixBelow")}
          </p>
        ) : null}
        {children(watch)}
        <div className="form-actions">
          <button
            type="submit"
            className={danger ? "button" : "button button--primary"}
            disabled={busy}
          >
            {submitLabel}
          </button>
        </div>
      </Form>
    </FormFieldsProvider>
  );
}

/**
 * Each field of a column that cannot be read, with the name of its "replace" box; the free-text
 * answers share one box (one stored column), shown above them.
 */
function unreadableFields(unreadable: Partial<Record<FactColumn, string[]>>) {
  const fields: UnreadableFields = {};
  for (const [column, paths] of Object.entries(unreadable))
    for (const path of paths ?? [])
      fields[path] = column === "factsText" ? {} : { replaceName: `replace.${column}` };
  return fields;
}

export function FactsEditForm({
  category,
  values,
  version,
  today,
  result,
  unreadable = {},
}: {
  category: EditableCategory;
  values: Values;
  version: number;
  today: string;
  result?: ActionResult;
  /** The sealed columns that cannot be read, and the fields each fills (decision 0043). */
  unreadable?: Partial<Record<FactColumn, string[]>>;
}) {
  const { t } = useTranslation();
  const columns = Object.keys(unreadable) as FactColumn[];
  const columnsKey = columns.join(",");
  const schema = useMemo(
    () => factsEditSchema(category, columnsKey ? (columnsKey.split(",") as FactColumn[]) : []),
    [category, columnsKey],
  );
  const fields = useMemo(() => unreadableFields(unreadable), [unreadable]);
  return (
    <EditForm
      unreadable={fields}
      id="facts-edit-form"
      intent="facts"
      schema={schema}
      values={values}
      version={version}
      result={result}
      submitLabel={t("caseFile.edit.save")}
    >
      {() => (
        <>
          <p className="field__hint">
            {t("caseFile.edit.categoryFixed", { category: t(`categories.${category}`) })}
          </p>
          <h2>{t("caseFile.facts")}</h2>
          {unreadable.factsText?.length ? <UnreadableGroup name="replace.factsText" /> : null}
          <div className="facts">
            <FactsFields category={category} today={today} />
          </div>
          {category === "DETAINED_ACTIVIST" ? (
            <p className="alert alert--warn">{t("intake.fields.urgencyLocked")}</p>
          ) : (
            <SelectField
              name="urgency"
              label={t("intake.fields.urgency")}
              options={URGENCIES.map((u) => ({ value: u, label: t(`urgencies.${u}`) }))}
            />
          )}
          <h2>{t("caseFile.incident")}</h2>
          <IncidentFields today={today} />
          <TextField
            name="unnamedWorkerCount"
            label={t("intake.fields.unnamedWorkerCount")}
            hint={t("intake.fields.unnamedHint")}
            inputMode="numeric"
          />
          <TextAreaField
            name="account"
            label={t("intake.fields.account")}
            hint={t("intake.fields.accountHint")}
            rows={10}
            maxLength={LIMITS.account}
            required
          />
        </>
      )}
    </EditForm>
  );
}

export function WorkerEditForm({
  number,
  values,
  version,
  result,
  submitLabel,
  unreadable = [],
}: {
  number: number;
  values: Values;
  version: number;
  result?: ActionResult;
  submitLabel: string;
  /** Identity fields whose stored text cannot be read (decision 0043). */
  unreadable?: readonly IdentityField[];
}) {
  const { t } = useTranslation();
  const unreadableKey = unreadable.join(",");
  const schema = useMemo(
    () => workerEditSchemaFor(unreadableKey ? (unreadableKey.split(",") as IdentityField[]) : []),
    [unreadableKey],
  );
  const fields = useMemo(
    () =>
      Object.fromEntries(
        (unreadableKey ? unreadableKey.split(",") : []).map((field) => [
          `worker.${field}`,
          { replaceName: `replace.${field}` },
        ]),
      ),
    [unreadableKey],
  );
  return (
    <EditForm
      id="worker-edit-form"
      intent="worker"
      schema={schema}
      unreadable={fields}
      values={values}
      version={version}
      result={result}
      submitLabel={submitLabel}
    >
      {(watch) => {
        const anonymous = watch("worker.anonymous");
        const fullName = watch("worker.fullName");
        return (
          <>
            <WorkerFields
              index={number - 1}
              prefix="worker"
              removable={false}
              anonymous={anonymous === true || anonymous === "on" || anonymous === "true"}
            />
            <p className="field__hint">{t("intake.consent.intro")}</p>
            <ConsentFields
              index={number - 1}
              prefix="worker"
              label={
                typeof fullName === "string" && fullName.trim()
                  ? fullName
                  : t("intake.consent.unnamedWorker", { number })
              }
            />
          </>
        );
      }}
    </EditForm>
  );
}

export function WorkerRemoveForm({ version, result }: { version: number; result?: ActionResult }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="remove-heading" className="panel">
      <h2 id="remove-heading">{t("caseFile.edit.removeHeading")}</h2>
      <p className="field__hint">{t("caseFile.edit.removeHint")}</p>
      <EditForm
        id="worker-remove-form"
        intent="remove"
        schema={workerRemoveSchema}
        values={{ reason: "" }}
        version={version}
        result={result}
        submitLabel={t("caseFile.edit.removeSubmit")}
        danger
      >
        {() => (
          <TextAreaField
            name="reason"
            label={t("caseFile.edit.removeReason")}
            rows={2}
            maxLength={2000}
            required
          />
        )}
      </EditForm>
    </section>
  );
}
