// The intake form. With JavaScript: a stepper that validates each step before
// the next, shows only the chosen category's questions, suggests urgency as
// facts are entered, and keeps a draft in this tab. Without JavaScript: one
// long form that posts and comes back with every value and error in place.
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { get, useFieldArray, useForm, type FieldErrors as RhfErrors } from "react-hook-form";
import { useTranslation } from "~/i18n/react";
import {
  FormFieldsProvider,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/form/fields";
import { CATEGORIES, LIMITS, URGENCIES } from "~/modules/intake/categories";
import type { PossibleDuplicate } from "~/modules/intake/duplicates.server";
import { INTAKE_STEPS, stepFields } from "~/modules/intake/steps";
import { suggestUrgency } from "~/modules/intake/urgency";
import { formatDate } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { getPath } from "~/utils/nested";
import { markHydrated, useInitialFormValues } from "~/utils/typed-before-hydration";
import { EmployerFields } from "./employer-fields";
import { FactsFields } from "./facts-fields";
import { intakeResolver, preloadIntakeSchema } from "./intake-resolver";
import { useIntakeDraft } from "./use-intake-draft";
import { ConsentFields, WorkerFields } from "./worker-fields";
import { IncidentFields } from "~/components/intake/incident-fields";

type Values = Record<string, unknown>;

export type IntakeFormProps = {
  draftKey: string;
  today: string;
  initialValues: Values;
  /** Set when the values are a draft restored from this tab. */
  onDiscardDraft?: () => void;
  serverErrors?: FieldErrors;
  duplicates?: Array<Omit<PossibleDuplicate, "createdAt"> & { createdAt: string }>;
};

const INTAKE_FORM_ID = "intake-form";

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    markHydrated();
    setHydrated(true);
  }, []);
  return hydrated;
}

function firstStepWithError(errors: RhfErrors, workerCount: number): number {
  const index = INTAKE_STEPS.findIndex((_, i) =>
    stepFields(i, workerCount).some((field) => get(errors, field)),
  );
  return index < 0 ? 0 : index;
}

export function IntakeForm({
  draftKey,
  today,
  initialValues,
  onDiscardDraft,
  serverErrors,
  duplicates,
}: IntakeFormProps) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRefs = useRef<Array<HTMLHeadingElement | null>>([]);
  const [step, setStep] = useState(duplicates?.length ? INTAKE_STEPS.length - 1 : 0);

  const startValues = useInitialFormValues(INTAKE_FORM_ID, initialValues);
  // The schema (and zod, 90 kB) load when the organizer first touches the page,
  // not with it: by the first blur or Next they are usually there.
  useEffect(() => {
    const events = ["focusin", "pointerdown", "keydown"];
    const stop = () => events.forEach((type) => document.removeEventListener(type, preload, true));
    const preload = () => {
      stop();
      preloadIntakeSchema();
    };
    events.forEach((type) => document.addEventListener(type, preload, true));
    return stop;
  }, []);
  const form = useForm<Values>({
    resolver: intakeResolver,
    defaultValues: startValues,
    mode: "onTouched",
  });
  const { control, register, watch, trigger, setValue, formState } = form;
  const workers = useFieldArray({ control, name: "workers" as never });
  const values = watch();
  const draft = useIntakeDraft(draftKey, form, hydrated);
  // A field that shows an error is checked again on every change, so ticking
  // the box or fixing the digits clears the message at once (not on blur,
  // when the layout would shift under the next click).
  useEffect(() => {
    const subscription = watch((_, { name, type }) => {
      if (type === "change" && name && get(form.formState.errors, name)) void trigger(name);
    });
    return () => subscription.unsubscribe();
  }, [watch, trigger, form.formState]);

  const errorFor = (path: string): string | undefined =>
    (get(formState.errors, path) as { message?: string } | undefined)?.message ??
    serverErrors?.[path];
  const valueFor = (path: string) => getPath(hydrated ? values : initialValues, path);

  const category = (hydrated ? values.category : initialValues.category) as string | undefined;
  const suggested = category
    ? suggestUrgency({ category, facts: hydrated ? values.facts : initialValues.facts })
    : null;
  const workerList = (hydrated ? values.workers : initialValues.workers) as Values[] | undefined;
  const workerCount = hydrated ? workers.fields.length : (workerList?.length ?? 0);

  const goTo = (next: number) => {
    setStep(next);
    requestAnimationFrame(() => headingRefs.current[next]?.focus());
  };
  const next = async () => {
    const fields = stepFields(step, workers.fields.length);
    if (fields.length === 0 || (await trigger(fields as never)))
      goTo(Math.min(step + 1, INTAKE_STEPS.length - 1));
  };
  const last = INTAKE_STEPS.length - 1;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name === "intent" && submitter.value !== "save") return; // no-JS edit buttons fall through
    if (hydrated && step < last) {
      event.preventDefault();
      void next();
      return;
    }
    // Written before validation and before the POST leaves: a failure mid-request
    // (a full disk, a lost signal) must not lose the last field typed, which the
    // draft's pause-in-typing timer has not written yet (the answer remounts the form).
    draft.saveNow();
    const target = event.currentTarget;
    void form.handleSubmit(
      () => submit(target, { method: "post" }),
      (errors) => goTo(firstStepWithError(errors, workers.fields.length)),
    )(event);
  };

  const sectionProps = (index: number) => ({
    hidden: hydrated && step !== index,
    "aria-labelledby": `step-${INTAKE_STEPS[index]!.id}`,
    className: "form-section",
  });
  const heading = (index: number) => (
    <h2
      id={`step-${INTAKE_STEPS[index]!.id}`}
      tabIndex={-1}
      ref={(el) => (headingRefs.current[index] = el)}
    >
      {/* Hidden without JavaScript (no-script.css), where every step shows at once. */}
      <span className="step-count">
        {t("intake.stepOf", { step: index + 1, total: INTAKE_STEPS.length })} ·{" "}
      </span>
      {t(`intake.steps.${INTAKE_STEPS[index]!.id}`)}
    </h2>
  );
  const hasErrors = Boolean(serverErrors && Object.keys(serverErrors).length > 0);
  const saving = navigation.state === "submitting";

  return (
    <FormFieldsProvider value={{ register: hydrated ? register : undefined, errorFor, valueFor }}>
      {onDiscardDraft ? (
        <p className="alert alert--ok" role="status">
          {t("intake.draft.restored")}{" "}
          <button type="button" className="link-button" onClick={onDiscardDraft}>
            {t("intake.draft.discard")}
          </button>
        </p>
      ) : null}
      {draft.offline ? (
        <p className="alert alert--warn" role="status">
          {t("intake.draft.offline")}
        </p>
      ) : null}
      {hasErrors ? (
        <p className="alert alert--error" role="alert">
          {t("intake.fixBelow")}
        </p>
      ) : null}
      {/* Rendered before hydration too, so the form does not move down when it hydrates. */}
      <ol className="stepper" aria-label={t("intake.title")}>
        {INTAKE_STEPS.map((s, index) => (
          <li
            key={s.id}
            aria-current={index === step ? "step" : undefined}
            className={index < step ? "done" : undefined}
          >
            {t(`intake.steps.${s.id}`)}
          </li>
        ))}
      </ol>

      <Form
        method="post"
        id={INTAKE_FORM_ID}
        ref={formRef}
        noValidate
        onSubmit={onSubmit}
        className="intake-form"
      >
        <section {...sectionProps(0)}>
          {heading(0)}
          <fieldset
            className={
              errorFor("category")
                ? "choice-group categories field--invalid"
                : "choice-group categories"
            }
          >
            <legend>
              {t("intake.fields.category")}
              <span aria-hidden="true" className="required-mark">
                {" "}
                *
              </span>
            </legend>
            {CATEGORIES.map((value) => (
              <label key={value} className="category-card">
                <input
                  type="radio"
                  value={value}
                  defaultChecked={initialValues.category === value}
                  {...(hydrated ? register("category") : { name: "category" })}
                />
                <span>
                  <strong>{t(`categories.${value}`)}</strong>
                  <small>{t(`categoryHints.${value}`)}</small>
                </span>
              </label>
            ))}
            {errorFor("category") ? (
              <p className="field__error" role="alert">
                {t("validation.choose")}
              </p>
            ) : null}
          </fieldset>
          {!hydrated ? (
            <p>
              <button type="submit" name="intent" value="refresh" formNoValidate className="button">
                {t("intake.showQuestions")}
              </button>
            </p>
          ) : null}
          {category ? (
            <div className="facts" key={category}>
              <FactsFields category={category} today={today} />
            </div>
          ) : null}
          {category === "DETAINED_ACTIVIST" ? (
            <p className="alert alert--warn">{t("intake.fields.urgencyLocked")}</p>
          ) : (
            <SelectField
              name="urgency"
              label={t("intake.fields.urgency")}
              hint={
                suggested
                  ? t("intake.fields.urgencySuggested", { urgency: t(`urgencies.${suggested}`) })
                  : undefined
              }
              placeholder={
                suggested
                  ? t("intake.fields.urgencySuggested", { urgency: t(`urgencies.${suggested}`) })
                  : t("common.choose")
              }
              options={URGENCIES.map((u) => ({ value: u, label: t(`urgencies.${u}`) }))}
            />
          )}
        </section>

        <section {...sectionProps(1)}>
          {heading(1)}
          {workerCount === 0 ? <p className="field__hint">{t("intake.worker.none")}</p> : null}
          {Array.from({ length: workerCount }, (_, index) => (
            <WorkerFields
              key={hydrated ? workers.fields[index]?.id : index}
              index={index}
              anonymous={Boolean(
                getPath(hydrated ? values : initialValues, `workers.${index}.anonymous`),
              )}
              onRemove={hydrated ? (i) => workers.remove(i) : undefined}
            />
          ))}
          {workerCount < LIMITS.namedWorkers ? (
            <button
              type="submit"
              name="intent"
              value="addWorker"
              formNoValidate
              className="button"
              onClick={
                hydrated
                  ? (event) => {
                      event.preventDefault();
                      workers.append({ anonymous: false });
                    }
                  : undefined
              }
            >
              {t("intake.worker.add")}
            </button>
          ) : null}
          <TextField
            name="unnamedWorkerCount"
            label={t("intake.fields.unnamedWorkerCount")}
            hint={t("intake.fields.unnamedHint")}
            inputMode="numeric"
          />
        </section>

        <section {...sectionProps(2)}>
          {heading(2)}
          <EmployerFields
            chosenId={(valueFor("employer.id") as string | undefined) || undefined}
            typedName={valueFor("employer.name") as string | undefined}
            setValue={
              hydrated ? (name, value) => setValue(name, value, { shouldDirty: true }) : undefined
            }
            hydrated={hydrated}
          />
          <IncidentFields today={today} />
        </section>

        <section {...sectionProps(3)}>
          {heading(3)}
          <TextAreaField
            name="account"
            label={t("intake.fields.account")}
            hint={t("intake.fields.accountHint")}
            rows={10}
            maxLength={LIMITS.account}
            required
          />
        </section>

        <section {...sectionProps(4)}>
          {heading(4)}
          <p className="field__hint">{t("intake.consent.intro")}</p>
          {workerCount === 0 ? <p>{t("intake.consent.noneNeeded")}</p> : null}
          {Array.from({ length: workerCount }, (_, index) => {
            const worker = (getPath(hydrated ? values : initialValues, `workers.${index}`) ??
              {}) as Values;
            const label =
              !worker.anonymous && typeof worker.fullName === "string" && worker.fullName.trim()
                ? worker.fullName
                : t("intake.consent.unnamedWorker", { number: index + 1 });
            return (
              <ConsentFields
                key={hydrated ? workers.fields[index]?.id : index}
                index={index}
                label={label}
              />
            );
          })}
        </section>

        <section {...sectionProps(5)}>
          {heading(5)}
          <p>{t("intake.review.intro")}</p>
          {hydrated ? <ReviewSummary values={values} /> : null}
          {duplicates && duplicates.length > 0 ? (
            <div className="alert alert--warn" role="alert">
              <h3>{t("intake.duplicates.title")}</h3>
              <p>{t("intake.duplicates.intro")}</p>
              <ul>
                {duplicates.map((d) => (
                  <li key={d.reference}>
                    <Link to={`/cases/${d.reference}`} target="_blank" rel="noreferrer">
                      {d.reference}
                    </Link>{" "}
                    — {t(`categories.${d.category}`)}, {formatDate(d.createdAt, i18n.language)} (
                    {d.reasons.map((r) => t(`intake.duplicates.reasons.${r}`)).join(", ")})
                  </li>
                ))}
              </ul>
              <input type="hidden" name="confirmDuplicates" value="on" />
            </div>
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              name="intent"
              value="save"
              className="button button--primary"
              disabled={saving}
            >
              {saving
                ? t("intake.saving")
                : duplicates?.length
                  ? t("intake.saveAnyway")
                  : t("intake.save")}
            </button>
          </div>
        </section>

        {hydrated && step < last ? (
          <div className="form-actions form-actions--stepper">
            {step > 0 ? (
              <button type="button" className="button" onClick={() => goTo(step - 1)}>
                {t("intake.back")}
              </button>
            ) : null}
            <button type="button" className="button button--primary" onClick={() => void next()}>
              {t("intake.next")}
            </button>
          </div>
        ) : hydrated && step === last ? (
          <div className="form-actions form-actions--stepper">
            <button type="button" className="button" onClick={() => goTo(step - 1)}>
              {t("intake.back")}
            </button>
          </div>
        ) : null}
      </Form>
    </FormFieldsProvider>
  );
}

function ReviewSummary({ values }: { values: Values }) {
  const { t } = useTranslation();
  const category = values.category as string | undefined;
  const urgency = category
    ? category === "DETAINED_ACTIVIST"
      ? "URGENT"
      : (values.urgency as string) || suggestUrgency({ category, facts: values.facts })
    : null;
  const rows = useMemo(() => {
    const workers = (values.workers as Values[] | undefined) ?? [];
    return [
      [t("intake.fields.category"), category ? t(`categories.${category}`) : "—"],
      [t("intake.fields.urgency"), urgency ? t(`urgencies.${urgency}`) : "—"],
      [
        t("intake.steps.workers"),
        t("intake.review.workers", {
          named: workers.filter((w) => !w.anonymous).length,
          anonymous: workers.filter((w) => w.anonymous).length,
          unnamed: Number(values.unnamedWorkerCount || 0),
        }),
      ],
      [
        t("intake.employer.name"),
        (getPath(values, "employer.name") as string) || t("intake.review.noEmployer"),
      ],
      [t("intake.fields.region"), values.region ? t(`regions.${values.region as string}`) : "—"],
      [t("intake.fields.place"), (values.place as string) || "—"],
      [t("intake.fields.incidentStart"), (values.incidentStart as string) || "—"],
    ] as const;
  }, [t, category, urgency, values]);
  return (
    <dl className="summary">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
