// The employer register: every employer with cases in the coordinator's regions, flags first.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";
import { FLAG_RULES, REPEAT_CASES } from "~/modules/employers/flags";
import { listEmployers } from "~/modules/employers/register.server";
import reportStyles from "~/styles/reports.css";
import { loaderWith } from "~/utils/answer.server";
import { formatNumber } from "~/utils/format";
import type { TranslatedHandle } from "~/i18n/sections";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "COORDINATOR");
  const flaggedOnly = new URL(request.url).searchParams.get("flagged") === "1";
  const employers = await listEmployers(user, { flaggedOnly });
  return json({ employers, flaggedOnly }, { headers: { "Cache-Control": "no-store" } });
});

export const handle: TranslatedHandle = {
  i18n: ["employers", "sectors", "reports.kinds.sector", "reports.measures.cases"],
};

export default function EmployersPage() {
  const { employers, flaggedOnly } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const number = (n: number) => formatNumber(n, i18n.language);
  const sorted = [...employers].sort(
    (a, b) => b.flags.length - a.flags.length || b.cases - a.cases,
  );
  return (
    <Page title={t("employers.title")} intro={t("employers.intro")}>
      <section aria-labelledby="flag-rules">
        <h2 id="flag-rules">{t("employers.rules.heading")}</h2>
        <ul>
          {FLAG_RULES.map((rule) => (
            <li key={rule}>{t(`employers.rules.${rule}`, { cases: REPEAT_CASES })}</li>
          ))}
        </ul>
      </section>
      <p>
        {flaggedOnly ? (
          <Link to="/employers">{t("employers.showAll")}</Link>
        ) : (
          <Link to="/employers?flagged=1">{t("employers.showFlagged")}</Link>
        )}
      </p>
      {sorted.length === 0 ? (
        <p role="status">{t("employers.empty")}</p>
      ) : (
        <div className="report-table-wrap">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t("employers.name")}</th>
                <th scope="col">{t("employers.bin")}</th>
                <th scope="col">{t("reports.kinds.sector")}</th>
                <th scope="col">{t("reports.measures.cases")}</th>
                <th scope="col">{t("employers.workers")}</th>
                <th scope="col">{t("employers.flags")}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/employers/${e.id}`}>{e.name}</Link>
                  </th>
                  <td>{e.bin ?? "—"}</td>
                  <td>{t(`sectors.${e.sector}`)}</td>
                  <td>{number(e.cases)}</td>
                  <td>{number(e.workers)}</td>
                  <td className={e.flags.length ? "report-flag" : undefined}>
                    {e.flags.map((f) => t(`employers.flag.${f}`)).join("; ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
