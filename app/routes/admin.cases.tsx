// The case register for administrators: metadata only, never case content.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { EmptyState, Page } from "~/components/page";
import { Pager } from "~/components/pager";
import { requireRole } from "~/modules/auth/guards.server";
import { listCaseRegister, parseRegisterFilters } from "~/modules/cases/case-register.server";
import { STATUSES } from "~/modules/cases/status";
import { CATEGORIES } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { formatDate } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import { loaderWith } from "~/utils/answer.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const filters = parseRegisterFilters(new URL(request.url).searchParams);
  const register = await listCaseRegister(admin, filters, requestContext(request));
  return json({ ...register, filters }, { headers: { "Cache-Control": "no-store" } });
});

export const handle: TranslatedHandle = {
  i18n: ["caseList", "caseRegister", "categories", "regions", "statuses", "urgencies"],
};

export default function CaseRegisterPage() {
  const { cases, total, page, pages, filters } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const query = new URLSearchParams();
  for (const key of ["status", "region", "category"] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  const pageLink = (n: number) => `?${query.toString() ? `${query}&` : ""}page=${n}`;
  const select = (name: string, values: readonly string[], label: string, prefix: string) => (
    <div className="field">
      <label htmlFor={`register-${name}`}>{label}</label>
      <select
        id={`register-${name}`}
        name={name}
        defaultValue={(filters as Record<string, unknown>)[name] as string | undefined}
      >
        <option value="">{t("caseList.any")}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {t(`${prefix}.${value}`)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Page title={t("caseRegister.title")} intro={t("caseRegister.intro")}>
      <Form method="get" className="filters-form grid" aria-label={t("caseList.filtersHeading")}>
        {select("status", STATUSES, t("caseList.status"), "statuses")}
        {select("region", REGIONS, t("caseList.region"), "regions")}
        {select("category", CATEGORIES, t("caseList.category"), "categories")}
        <div className="inline-form">
          <button type="submit" className="button button--primary">
            {t("caseList.apply")}
          </button>
          <Link to="/admin/cases">{t("caseList.clear")}</Link>
        </div>
      </Form>
      <p>{t("caseRegister.count", { count: total })}</p>
      {cases.length === 0 ? (
        <EmptyState>{t("caseRegister.empty")}</EmptyState>
      ) : (
        // Wider than a phone: the scrolled table is reachable by keyboard.
        <div
          className="table-scroll"
          role="region"
          aria-label={t("caseRegister.title")}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- axe: a region that scrolls must take focus
          tabIndex={0}
        >
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("caseList.reference")}</th>
                <th scope="col">{t("caseList.category")}</th>
                <th scope="col">{t("caseList.region")}</th>
                <th scope="col">{t("caseList.status")}</th>
                <th scope="col">{t("caseList.urgency")}</th>
                <th scope="col">{t("caseList.recorded")}</th>
                <th scope="col">{t("caseRegister.closed")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.reference}>
                  <td>{c.reference}</td>
                  <td>{t(`categories.${c.category}`)}</td>
                  <td>{t(`regions.${c.region}`)}</td>
                  <td>{t(`statuses.${c.status}`)}</td>
                  <td>{t(`urgencies.${c.urgency}`)}</td>
                  <td>{formatDate(c.createdAt, i18n.language)}</td>
                  <td>{c.closedAt ? formatDate(c.closedAt, i18n.language) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} label={t("caseRegister.title")} hrefFor={pageLink} />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
