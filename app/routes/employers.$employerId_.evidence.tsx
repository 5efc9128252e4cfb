// An employer's evidence pack: an anonymous printable summary for a labour
// inspectorate, a prosecutor or a buyer brand's grievance mechanism.
// Counts from 1 to 4 are "<5"; no worker, no case reference appears.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";
import { employerDetail, recordEvidencePack } from "~/modules/employers/register.server";
import { evidenceTable } from "~/modules/employers/evidence";
import { showCount, shownText } from "~/modules/reports/suppress";
import reportStyles from "~/styles/reports.css";
import { formatDate, formatMoneyExact, formatNumber } from "~/utils/format";
import { loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const caller = await requireRole(request, "COORDINATOR");
    const employer = await employerDetail(caller, params.employerId ?? "");
    await recordEvidencePack(caller, employer.id, requestContext(request));
    return json(
      {
        name: employer.name,
        bin: employer.bin,
        sector: employer.sector,
        flags: employer.flags,
        workers: showCount(employer.workers),
        // Category × year with totals; the grand total is the pack's count of cases.
        byCategory: evidenceTable(employer.casesByCategory),
        money: employer.money,
        chain: employer.chain.map((c) => ({
          name: c.name,
          role: c.role,
          cases: showCount(c.cases),
        })),
        generatedAt: new Date().toISOString(),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

export const handle: TranslatedHandle = {
  i18n: ["categories", "employerRoles", "employers", "reports", "sectors"],
};

export default function EvidencePack() {
  const pack = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const number = (n: number) => formatNumber(n, locale);
  const generated = t("reports.generated", { date: formatDate(pack.generatedAt, locale) });
  return (
    <Page
      title={t("employers.evidence.title", { name: pack.name })}
      intro={t("employers.evidence.intro")}
    >
      <div className="report-print-header" aria-hidden="true">
        {t("employers.evidence.title", { name: pack.name })}
      </div>
      <div className="report-print-footer" aria-hidden="true">
        {generated}
      </div>
      <div className="report-actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("reports.print")}
        </button>
      </div>
      <p>
        {pack.bin ? `${t("employers.bin")}: ${pack.bin} · ` : ""}
        {t("reports.kinds.sector")}: {t(`sectors.${pack.sector}`)}
      </p>
      {pack.flags.length ? (
        <p className="report-flag">
          {t("employers.flagged")}: {pack.flags.map((f) => t(`employers.flag.${f}`)).join("; ")}
        </p>
      ) : null}
      <dl className="stat-list">
        <div className="stat">
          <dt>{t("reports.measures.cases")}</dt>
          <dd>{pack.byCategory.total ? shownText(pack.byCategory.total, number) : number(0)}</dd>
        </div>
        <div className="stat">
          <dt>{t("employers.workers")}</dt>
          <dd>{shownText(pack.workers, number)}</dd>
        </div>
      </dl>
      <h2>{t("employers.byCategory")}</h2>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t("reports.kinds.category")}</th>
            {pack.byCategory.columns.map((year) => (
              <th scope="col" key={year}>
                {year}
              </th>
            ))}
            <th scope="col">{t("reports.total")}</th>
          </tr>
        </thead>
        <tbody>
          {pack.byCategory.rows.map((category, r) => (
            <tr key={category}>
              <th scope="row">{t(`categories.${category}`)}</th>
              {pack.byCategory.cells[r]!.map((count, c) => (
                <td key={pack.byCategory.columns[c]}>{shownText(count, number)}</td>
              ))}
              <td>{shownText(pack.byCategory.rowTotals[r]!, number)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("reports.total")}</th>
            {pack.byCategory.columnTotals.map((count, c) => (
              <td key={pack.byCategory.columns[c]}>{shownText(count, number)}</td>
            ))}
            <td>{pack.byCategory.total ? shownText(pack.byCategory.total, number) : ""}</td>
          </tr>
        </tfoot>
      </table>
      <h2>{t("reports.tables.wages")}</h2>
      <ul>
        {pack.money.length === 0 ? <li>{t("reports.outcomes.none")}</li> : null}
        {pack.money.map((m) => (
          <li key={m.currency}>{formatMoneyExact(m.amountMinor, m.currency, locale)}</li>
        ))}
      </ul>
      <h2>{t("employers.chain.heading")}</h2>
      <ul>
        {pack.chain.length === 0 ? <li>{t("employers.chain.none")}</li> : null}
        {pack.chain.map((c) => (
          <li key={`${c.name}-${c.role}`}>
            {c.name} — {t(`employerRoles.${c.role}`)} — {t("reports.measures.cases")}:{" "}
            {shownText(c.cases, number)}
          </li>
        ))}
      </ul>
      <p className="report-note">{t("employers.evidence.note")}</p>
      <p className="report-note">{generated}</p>
    </Page>
  );
}
