// Bulk reassignment: move all (or the chosen) open cases of one person to
// others — for when a lawyer leaves or is detained. One transaction.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ErrorMessage } from "~/components/ui/field";
import { EmptyState, Page } from "~/components/page";
import { bulkReassign, casesHeldBy, workloads } from "~/modules/assignment/assignment.server";
import { bulkReassignSchema } from "~/modules/assignment/schema";
import { requireRole } from "~/modules/auth/guards.server";
import { formAction, loaderWith } from "~/utils/answer.server";
import { formatDate } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "COORDINATOR");
  const from = new URL(request.url).searchParams.get("from") ?? "";
  const [lawyers, organizers] = await Promise.all([workloads("LAWYER"), workloads("ORGANIZER")]);
  const people = [...lawyers, ...organizers];
  const source = people.find((p) => p.id === from) ?? null;
  const cases = source ? await casesHeldBy(user, source.id) : [];
  const sameKind = lawyers.some((p) => p.id === source?.id) ? lawyers : organizers;
  return json(
    {
      people,
      source,
      cases,
      targets: source ? sameKind.filter((p) => p.id !== source.id) : [],
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const action = /* @__PURE__ */ formAction(
  {
    maxBytes: 524_288,
    intent: "bulk",
    // The chosen boxes, space-separated, so a refused form comes back with the same choice.
    values: (form) => ({
      references: form.getAll("references").join(" "),
      toUserIds: form.getAll("toUserIds").join(" "),
    }),
  },
  async ({ request, form, parse }) => {
    const user = await requireRole(request, "COORDINATOR");
    const choice = parse(bulkReassignSchema, {
      fromUserId: form.get("fromUserId"),
      references: form.getAll("references"),
      toUserIds: form.getAll("toUserIds"),
      reason: form.get("reason") ?? "",
    });
    const { moved } = await bulkReassign(user, choice, requestContext(request));
    return redirect(`/reassign?moved=${moved.length}`);
  },
);

export const handle: TranslatedHandle = {
  i18n: ["assignment", "categories", "reassign", "regions", "urgencies", "validation"],
};

export default function ReassignPage() {
  const { people, source, cases, targets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const moved = params.get("moved");
  const errors = result?.fieldErrors ?? {};
  const chosen = new Set(
    `${String(result?.values.references ?? "")} ${String(result?.values.toUserIds ?? "")}`.split(
      " ",
    ),
  );
  return (
    <Page title={t("reassign.title")} intro={t("reassign.intro")}>
      {moved && !result ? (
        <p className="alert alert--ok" role="status">
          {t("reassign.moved", { count: Number(moved) })}
        </p>
      ) : null}
      <Form method="get" className="stack filters-form">
        <label htmlFor="from">{t("reassign.from")}</label>
        <div className="inline-form">
          <select id="from" name="from" defaultValue={source?.id ?? ""}>
            <option value="">{t("reassign.choosePerson")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} — {t("assignment.openCases", { count: p.openCases })}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t("reassign.show")}
          </button>
        </div>
      </Form>

      {source && cases.length === 0 ? <EmptyState>{t("reassign.noCases")}</EmptyState> : null}
      {source && cases.length > 0 ? (
        <Form method="post" className="stack">
          <input type="hidden" name="fromUserId" value={source.id} />
          {result?.formError || errors.fromUserId || errors.userId ? (
            <p className="alert alert--error" role="alert">
              {t(result?.formError ?? errors.fromUserId ?? errors.userId ?? "")}
            </p>
          ) : null}
          <fieldset>
            <legend>
              {t("reassign.cases", { name: source.displayName, count: cases.length })}
            </legend>
            <p className="field__hint">{t("reassign.casesHint")}</p>
            <ErrorMessage id="references-error" message={errors.references} />
            <ul className="checklist">
              {cases.map((c) => (
                <li key={c.reference}>
                  <label>
                    <input
                      type="checkbox"
                      name="references"
                      value={c.reference}
                      defaultChecked={chosen.has(c.reference)}
                    />{" "}
                    <Link to={`/cases/${c.reference}`}>{c.reference}</Link> ·{" "}
                    {t(`urgencies.${c.urgency}`)} · {t(`categories.${c.category}`)} ·{" "}
                    {t(`regions.${c.region}`)} · {t(`assignment.roles.${c.role}`)} ·{" "}
                    {formatDate(c.createdAt, i18n.language)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset aria-describedby="targets-hint">
            <legend>{t("reassign.to")}</legend>
            <p id="targets-hint" className="field__hint">
              {t("reassign.toHint")}
            </p>
            <ErrorMessage id="toUserIds-error" message={errors.toUserIds} />
            <ul className="checklist">
              {targets.map((p) => (
                <li key={p.id}>
                  <label>
                    <input
                      type="checkbox"
                      name="toUserIds"
                      value={p.id}
                      defaultChecked={chosen.has(p.id)}
                    />{" "}
                    {p.displayName} — {t("assignment.openCases", { count: p.openCases })}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="field">
            <label htmlFor="reason">{t("assignment.reason")}</label>
            <textarea
              id="reason"
              name="reason"
              rows={2}
              maxLength={2000}
              required
              defaultValue={String(result?.values.reason ?? "")}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={errors.reason ? "reason-error" : undefined}
            />
            <ErrorMessage id="reason-error" message={errors.reason} />
          </div>
          <button type="submit" className="button button--primary">
            {t("reassign.submit")}
          </button>
        </Form>
      ) : null}
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
