// The assign dialog of one case: who holds it now (remove or replace, with a
// reason) and whom to add, suggested by region, experience and load.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { assigneeLabel } from "~/components/assignment/assignee-label";
import { CaseForm } from "~/components/cases/case-forms";
import { SelectField, TextAreaField } from "~/components/form/fields";
import { Page } from "~/components/page";
import {
  assignToCase,
  reassignCase,
  suggestAssignees,
  unassignFromCase,
  type AssigneeSuggestion,
} from "~/modules/assignment/assignment.server";
import { assignSchema, reassignSchema, unassignSchema } from "~/modules/assignment/schema";
import { requireRole } from "~/modules/auth/guards.server";
import type { ActionResult } from "~/utils/action-result";
import { formAction, loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.found.reference} · Adal` : "Adal" },
];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireRole(request, "COORDINATOR");
    const suggestions = await suggestAssignees(
      user,
      params.reference ?? "",
      requestContext(request),
    );
    return json(suggestions, { headers: { "Cache-Control": "no-store" } });
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 16_384 },
  async ({ request, params, intent, parse }) => {
    const user = await requireRole(request, "COORDINATOR");
    const reference = params.reference ?? "";
    const context = requestContext(request);
    if (intent === "assign") {
      await assignToCase(user, reference, parse(assignSchema), context);
    } else if (intent === "unassign") {
      await unassignFromCase(user, reference, parse(unassignSchema), context);
    } else if (intent === "reassign") {
      await reassignCase(user, reference, parse(reassignSchema), context);
    } else {
      throw new Response("Unknown action", { status: 400 });
    }
    return redirect(`/cases/${reference}/assign?done=${intent}`);
  },
);

export const handle: TranslatedHandle = {
  i18n: [
    "assignment",
    "categories",
    "regions",
    "statuses",
    "urgencies",
    "validation",
    "caseFile.conflict",
    "caseFile.conflictUnknown",
    "caseFile.someone",
    "caseFile.timeline.kinds",
  ],
};

export default function AssignPage() {
  const { found, lawyers, organizers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const hasLead = found.assignments.some((a) => a.role === "LEAD_LAWYER");
  const forPerson = (intent: string, userId: string) =>
    result?.intent === intent &&
    (result.values.userId === userId || result.values.fromUserId === userId)
      ? result
      : undefined;
  const replacements = (role: string) => (role === "FIELD_ORGANIZER" ? organizers : lawyers);

  return (
    <Page
      title={t("assignment.title", { reference: found.reference })}
      actions={<Link to={`/cases/${found.reference}`}>{t("assignment.backToCase")}</Link>}
    >
      <p className="case-badges">
        <span className={`badge badge--${found.urgency.toLowerCase()}`}>
          {t(`urgencies.${found.urgency}`)}
        </span>
        <span className="badge">{t(`statuses.${found.status}`)}</span>
        <span className="badge">{t(`categories.${found.category}`)}</span>
        <span className="badge">{t(`regions.${found.region}`)}</span>
      </p>

      <section className="panel" aria-labelledby="holders-heading">
        <h2 id="holders-heading">{t("assignment.current")}</h2>
        {found.assignments.length === 0 ? (
          <p className="field__hint">{t("assignment.nobody")}</p>
        ) : null}
        <ul className="notes">
          {found.assignments.map((a) => (
            <li key={a.userId} className="note">
              <p className="note__meta">
                <strong>{a.user.displayName}</strong> · {t(`assignment.roles.${a.role}`)}
              </p>
              <details>
                <summary>{t("assignment.replaceOrRemove")}</summary>
                <CaseForm
                  intent="reassign"
                  schema={reassignSchema}
                  idPrefix={`re-${a.userId}-`}
                  defaults={{ toUserId: "", reason: "" }}
                  result={forPerson("reassign", a.userId)}
                  hidden={{ version: found.version, fromUserId: a.userId }}
                  submitLabel={t("assignment.reassign")}
                >
                  <SelectField
                    name="toUserId"
                    label={t("assignment.replaceWith")}
                    required
                    options={replacements(a.role)
                      .filter((p) => p.id !== a.userId)
                      .map((p) => ({ value: p.id, label: assigneeLabel(t, p) }))}
                  />
                  <TextAreaField name="reason" label={t("assignment.reason")} rows={2} required />
                </CaseForm>
                <CaseForm
                  intent="unassign"
                  schema={unassignSchema}
                  idPrefix={`un-${a.userId}-`}
                  defaults={{ reason: "" }}
                  result={forPerson("unassign", a.userId)}
                  hidden={{ version: found.version, userId: a.userId }}
                  submitLabel={t("assignment.remove")}
                >
                  <TextAreaField name="reason" label={t("assignment.reason")} rows={2} required />
                </CaseForm>
              </details>
            </li>
          ))}
        </ul>
      </section>

      <Suggestions
        heading={t("assignment.suggestedLawyers")}
        people={lawyers}
        roles={["LEAD_LAWYER", "SUPPORTING_LAWYER"]}
        defaultRole={hasLead ? "SUPPORTING_LAWYER" : "LEAD_LAWYER"}
        version={found.version}
        result={result}
      />
      <Suggestions
        heading={t("assignment.suggestedOrganizers")}
        people={organizers}
        roles={["FIELD_ORGANIZER"]}
        defaultRole="FIELD_ORGANIZER"
        version={found.version}
        result={result}
      />
    </Page>
  );
}

function Suggestions({
  heading,
  people,
  roles,
  defaultRole,
  version,
  result,
}: {
  heading: string;
  people: AssigneeSuggestion[];
  roles: string[];
  defaultRole: string;
  version: number;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const id = `suggest-${roles[0]}`;
  const available = people.filter((p) => !p.onCase || roles.length > 1);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <p className="field__hint">{t("assignment.suggestionOrder")}</p>
      {available.length === 0 ? <p>{t("assignment.noneAvailable")}</p> : null}
      <CaseForm
        intent="assign"
        schema={assignSchema}
        idPrefix={`${id}-`}
        defaults={{ userId: available[0]?.id ?? "", role: defaultRole }}
        result={
          result?.intent === "assign" && roles.includes(String(result.values.role ?? ""))
            ? result
            : undefined
        }
        hidden={{ version }}
        submitLabel={t("assignment.assign")}
      >
        <div className="grid">
          <SelectField
            name="userId"
            label={t("assignment.person")}
            required
            options={available.map((p) => ({
              value: p.id,
              label: p.onCase
                ? `${assigneeLabel(t, p)} (${t(`assignment.roles.${p.onCase}`)})`
                : assigneeLabel(t, p),
            }))}
          />
          <SelectField
            name="role"
            label={t("assignment.role")}
            required
            options={roles.map((role) => ({ value: role, label: t(`assignment.roles.${role}`) }))}
          />
        </div>
      </CaseForm>
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
