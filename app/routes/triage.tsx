import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { assigneeLabel } from "~/components/assignment/assignee-label";
import { CaseForm } from "~/components/cases/case-forms";
import { SelectField } from "~/components/form/fields";
import { EmptyState, Page } from "~/components/page";
import { assignToCase } from "~/modules/assignment/assignment.server";
import { ASSIGNMENT_ROLES, assignSchema } from "~/modules/assignment/schema";
import { loadTriage, TRIAGE_MAX, TRIAGE_PAGE } from "~/modules/assignment/triage.server";
import { requireRole } from "~/modules/auth/guards.server";
import { formAction, loaderWith } from "~/utils/answer.server";
import { flaggedEmployersOf } from "~/modules/employers/register.server";
import { laterDuplicatesOf } from "~/modules/intake/sealed-intakes.server";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "COORDINATOR");
  // "Show more" is a link with a bigger count: it works without JavaScript and the
  // page stays bounded (TRIAGE_MAX cards, each with a short list of lawyers).
  const show = Number(new URL(request.url).searchParams.get("show"));
  const take = Number.isInteger(show) && show > 0 ? show : TRIAGE_PAGE;
  const triage = await loadTriage(user, { take });
  const ids = triage.cases.map((c) => c.id);
  const [flagged, later] = await Promise.all([
    // Employers that have done it before: the coordinators hear of it here.
    flaggedEmployersOf(user, ids),
    // Intakes taken while the server was sealed: their duplicate checks ran (or wait) for the unseal.
    laterDuplicatesOf(ids),
  ]);
  return json(
    { ...triage, flagged, later, step: TRIAGE_PAGE, max: TRIAGE_MAX },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 16_384, intent: "assign" },
  async ({ request, form, parse }) => {
    const user = await requireRole(request, "COORDINATOR");
    const reference = String(form.get("reference") ?? "");
    await assignToCase(user, reference, parse(assignSchema), requestContext(request));
    return redirect(`/triage?assigned=${encodeURIComponent(reference)}`);
  },
);

export const handle: TranslatedHandle = {
  i18n: [
    "assignment",
    "categories",
    "employerRoles",
    "pages",
    "regions",
    "statuses",
    "triage",
    "urgencies",
    "validation",
    "caseFile.conflict",
    "caseFile.conflictUnknown",
    "caseFile.someone",
    "caseFile.timeline.kinds",
    "intake.duplicates.reasons",
    "employers.errors",
    "employers.flag",
    "employers.open",
    "employers.triageNotice",
  ],
};

export default function TriagePage() {
  const { total, cases, flagged, later, step, max } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const assigned = params.get("assigned");
  const { t } = useTranslation();
  return (
    <Page title={t("pages.triage.title")} intro={t("triage.waiting", { count: total })}>
      {assigned && !result ? (
        <p className="alert alert--ok" role="status">
          {t("triage.assigned", { reference: assigned })}
        </p>
      ) : null}
      {cases.length === 0 ? (
        <EmptyState>{t("pages.triage.empty")}</EmptyState>
      ) : (
        <ol className="case-cards triage-queue">
          {cases.map((c) => {
            const mine = result?.values.reference === c.reference ? result : undefined;
            return (
              <li
                key={c.reference}
                className={c.breach ? "case-card case-card--urgent" : "case-card"}
                aria-labelledby={`triage-${c.reference}`}
              >
                <Link
                  id={`triage-${c.reference}`}
                  to={`/cases/${c.reference}`}
                  className="case-card__ref"
                >
                  {c.reference}
                </Link>
                <span className={`badge badge--${c.urgency.toLowerCase()}`}>
                  {t(`urgencies.${c.urgency}`)}
                </span>
                <span className="badge">{t(`statuses.${c.status}`)}</span>
                {c.breach ? (
                  <strong className="badge badge--breach">{t(`triage.breach.${c.breach}`)}</strong>
                ) : null}
                <p className="case-card__title">{t(`categories.${c.category}`)}</p>
                <p className="case-card__meta">
                  {[
                    c.employer?.name,
                    t(`regions.${c.region}`),
                    c.ageHours < 48
                      ? t("triage.ageHours", { count: c.ageHours })
                      : t("triage.ageDays", { count: Math.floor(c.ageHours / 24) }),
                    c.organizers.length > 0
                      ? t("triage.organizers", { names: c.organizers.join(", ") })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {(flagged[c.id] ?? []).map((e) => (
                  <p key={`${e.id}-${e.role}`} className="alert alert--warn" role="note">
                    {t("employers.triageNotice", {
                      name: e.name,
                      role: t(`employerRoles.${e.role}`),
                      flags: e.flags.map((f) => t(`employers.flag.${f}`)).join("; "),
                    })}{" "}
                    <Link to={`/employers/${e.id}`}>{t("employers.open")}</Link>
                  </p>
                ))}
                {later[c.id]?.pending ? (
                  <p className="alert alert--warn" role="note">
                    {t("triage.duplicatesPending")}
                  </p>
                ) : null}
                {(later[c.id]?.warnings ?? []).map((w) => (
                  <p key={w.reference} className="alert alert--warn" role="note">
                    {t("triage.laterDuplicate", {
                      reasons: w.reasons.map((r) => t(`intake.duplicates.reasons.${r}`)).join("; "),
                    })}{" "}
                    <Link to={`/cases/${w.reference}`}>{w.reference}</Link>
                  </p>
                ))}
                <CaseForm
                  intent="assign"
                  schema={assignSchema}
                  idPrefix={`${c.reference}-`}
                  defaults={{ userId: c.suggestions[0]?.id ?? "", role: "LEAD_LAWYER" }}
                  result={mine}
                  hidden={{ version: c.version, reference: c.reference }}
                  submitLabel={t("assignment.assign")}
                >
                  <div className="grid">
                    <SelectField
                      name="userId"
                      label={t("assignment.person")}
                      required
                      options={c.suggestions.map((person) => ({
                        value: person.id,
                        label: assigneeLabel(t, person),
                      }))}
                    />
                    <SelectField
                      name="role"
                      label={t("assignment.role")}
                      required
                      options={ASSIGNMENT_ROLES.filter((r) => r !== "FIELD_ORGANIZER").map(
                        (role) => ({ value: role, label: t(`assignment.roles.${role}`) }),
                      )}
                    />
                  </div>
                </CaseForm>
                <Link to={`/cases/${c.reference}/assign`}>{t("triage.moreOptions")}</Link>
              </li>
            );
          })}
        </ol>
      )}
      {total > cases.length ? (
        <>
          <p className="field__hint">{t("triage.shown", { shown: cases.length, total })}</p>
          {cases.length < max ? (
            <p>
              <Link to={`?show=${cases.length + step}`} preventScrollReset>
                {t("triage.showMore")}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
