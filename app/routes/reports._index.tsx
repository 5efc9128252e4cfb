// Monitoring reports for coordinators: violations in a period within their
// regions, small counts suppressed, laid out to print on A4.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { SvgBars } from "~/components/reports/svg-bars";
import { requireRole } from "~/modules/auth/guards.server";
import { CATEGORIES, SECTORS } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { parseReportFilters, reportSearch, VERIFICATION_LEVELS } from "~/modules/reports/filters";
import { generateReport } from "~/modules/reports/generate.server";
import { labelKey, type ReportSection, type ShownReport } from "~/modules/reports/sections";
import { shownText } from "~/modules/reports/suppress";
import { isNational } from "~/modules/cases/access.server";
import reportStyles from "~/styles/reports.css";
import { formatCalendarMonth, formatDate, formatMoneyExact, formatNumber } from "~/utils/format";
import { loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "COORDINATOR");
  const scope = isNational(user.regions)
    ? [...REGIONS]
    : REGIONS.filter((r) => user.regions.includes(r));
  const params = new URL(request.url).searchParams;
  const parsed = parseReportFilters(params);
  const headers = { "Cache-Control": "no-store" };
  if (!parsed.ok) {
    return json(
      {
        report: null,
        errors: parsed.errors,
        values: parsed.values,
        scope,
        generatedAt: new Date().toISOString(),
        search: "",
      },
      { status: 400, headers },
    );
  }
  // The full freedom-of-association list (to print) only when asked: each listed case's key is opened.
  const foa = params.get("foa") === "all" ? "full" : "recent";
  const report = await generateReport(user, parsed.filters, requestContext(request), "page", foa);
  return json(
    {
      report,
      errors: {} as Record<string, string>,
      values: {
        ...parsed.filters,
        region: parsed.filters.regions,
        category: parsed.filters.categories,
        sector: parsed.filters.sectors,
      } as Record<string, unknown>,
      scope,
      generatedAt: new Date().toISOString(),
      search: reportSearch(parsed.filters).toString(),
    },
    { headers },
  );
});

function MultiSelect({
  name,
  label,
  options,
  selected,
  error,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  selected: unknown;
  error?: string;
}) {
  const { t } = useTranslation();
  const chosen = new Set(Array.isArray(selected) ? selected.map(String) : []);
  return (
    <div className="field">
      <label htmlFor={`report-${name}`}>{label}</label>
      <select
        id={`report-${name}`}
        name={name}
        multiple
        defaultValue={[...chosen]}
        aria-describedby={`report-${name}-hint${error ? ` report-${name}-error` : ""}`}
        aria-invalid={error ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={`report-${name}-hint`} className="field__hint">
        {t("reports.filters.noneMeansAll")}
      </p>
      {error ? (
        <p id={`report-${name}-error`} className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function FilterForm({
  values,
  errors,
  scope,
}: {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  scope: string[];
}) {
  const { t } = useTranslation();
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const dateField = (name: "from" | "to") => (
    <div className="field">
      <label htmlFor={`report-${name}`}>{t(`reports.filters.${name}`)}</label>
      <input
        id={`report-${name}`}
        name={name}
        type="date"
        defaultValue={text(name)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `report-${name}-error` : undefined}
      />
      {errors[name] ? (
        <p id={`report-${name}-error`} className="field__error" role="alert">
          {t(errors[name]!)}
        </p>
      ) : null}
    </div>
  );
  return (
    <Form method="get" className="report-filters" aria-label={t("reports.filters.heading")}>
      <div className="report-filters__grid">
        {dateField("from")}
        {dateField("to")}
        <MultiSelect
          name="region"
          label={t("reports.filters.regions")}
          options={scope.map((value) => ({ value, label: t(`regions.${value}`) }))}
          selected={values.region}
          error={errors.region}
        />
        <MultiSelect
          name="category"
          label={t("reports.filters.categories")}
          options={CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) }))}
          selected={values.category}
          error={errors.category}
        />
        <MultiSelect
          name="sector"
          label={t("reports.filters.sectors")}
          options={SECTORS.map((value) => ({ value, label: t(`sectors.${value}`) }))}
          selected={values.sector}
          error={errors.sector}
        />
        <div className="field">
          <label htmlFor="report-level">{t("reports.filters.level")}</label>
          <select id="report-level" name="level" defaultValue={text("level")}>
            <option value="">{t("reports.filters.all")}</option>
            {VERIFICATION_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`reports.levels.${level}`)}
              </option>
            ))}
          </select>
          {errors.level ? (
            <p className="field__error" role="alert">
              {t(errors.level)}
            </p>
          ) : null}
        </div>
      </div>
      <div className="caseload-filters__actions">
        <button type="submit" className="button button--primary">
          {t("reports.filters.apply")}
        </button>
        <Link to="/reports" className="button button--quiet">
          {t("reports.filters.reset")}
        </Link>
      </div>
    </Form>
  );
}

function SectionTable({
  section,
  number,
}: {
  section: ReportSection;
  number: (n: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const label = (kind: ReportSection["rowKind"], key: string) => {
    const k = labelKey(kind, key);
    if (k) return t(k);
    // Through format.ts: browsers without Kazakh ICU data format "kk" differently from Node.
    return formatCalendarMonth(key, i18n.language);
  };
  const { table } = section;
  const hasTotals = table.total !== null;
  const bars =
    section.chart === "columns"
      ? table.columns.map((c, i) => ({
          key: c,
          label: label(section.columnKind, c),
          count: table.columnTotals[i]!,
        }))
      : section.chart === "bars"
        ? table.rows.map((r, i) => ({
            key: r,
            label: label(section.rowKind, r),
            count: hasTotals ? table.rowTotals[i]! : table.cells[i]![0]!,
          }))
        : null;
  return (
    <section className="report-section" aria-labelledby={`report-${section.id}`}>
      <h3 id={`report-${section.id}`}>{t(section.title)}</h3>
      {bars ? <SvgBars title={t(section.title)} bars={bars} format={number} /> : null}
      {/* Wider than a phone: the scrolled table is reachable by keyboard. */}
      <div
        className="report-table-wrap"
        role="region"
        aria-labelledby={`report-${section.id}`}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- axe: a region that scrolls must take focus
        tabIndex={0}
      >
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t(`reports.kinds.${section.rowKind}`)}</th>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {label(section.columnKind, c)}
                </th>
              ))}
              {hasTotals ? <th scope="col">{t("reports.total")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={r}>
                <th scope="row">{label(section.rowKind, r)}</th>
                {table.cells[i]!.map((c, j) => (
                  <td key={j}>{shownText(c, number)}</td>
                ))}
                {hasTotals ? <td>{shownText(table.rowTotals[i]!, number)}</td> : null}
              </tr>
            ))}
          </tbody>
          {hasTotals ? (
            <tfoot>
              <tr>
                <th scope="row">{t("reports.total")}</th>
                {table.columnTotals.map((c, j) => (
                  <td key={j}>{shownText(c, number)}</td>
                ))}
                <td>{shownText(table.total!, number)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </section>
  );
}

function ReportBody({
  report,
  generatedAt,
  search,
}: {
  report: ShownReport;
  generatedAt: string;
  search: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const number = (n: number) => formatNumber(n, locale);
  const day = (d: string) => formatDate(`${d}T12:00:00.000Z`, locale);
  const period = t("reports.period", {
    from: day(report.filters.from),
    to: day(report.filters.to),
  });
  const list = (kind: "region" | "category" | "sector", keys: readonly string[]) =>
    keys.length === 0
      ? t("reports.filters.all")
      : keys.map((k) => t(labelKey(kind, k)!)).join(", ");
  const filtersLine = [
    `${t("reports.filters.regions")}: ${list("region", report.filters.regions)}`,
    `${t("reports.filters.categories")}: ${list("category", report.filters.categories)}`,
    `${t("reports.filters.sectors")}: ${list("sector", report.filters.sectors)}`,
    `${t("reports.filters.level")}: ${report.filters.level ? t(`reports.levels.${report.filters.level}`) : t("reports.filters.all")}`,
  ].join(" · ");
  const generated = t("reports.generated", { date: formatDate(generatedAt, locale) });
  const groups: { id: string; title: string; ids: string[]; note?: string }[] = [
    {
      id: "violations",
      title: "reports.groups.violations",
      ids: [
        "cases-by-month",
        "workers-by-month",
        "cases-by-region",
        "workers-by-region",
        "cases-by-sector",
        "workers-by-sector",
      ],
    },
    {
      id: "forced",
      title: "reports.groups.forcedLabour",
      ids: ["forced-labour", "forced-labour-indicators"],
      note: "reports.forcedLabour.rule",
    },
    {
      id: "unsafe",
      title: "reports.groups.unsafeWork",
      ids: ["unsafe-by-sector", "unsafe-by-region", "unsafe-reported", "unsafe-people"],
    },
    { id: "verification", title: "reports.groups.verification", ids: ["verification"] },
  ];
  const fl = report.forcedLabour;
  return (
    <div className="report">
      <div className="report-print-header" aria-hidden="true">
        {t("reports.title")} — {period} — {filtersLine}
      </div>
      <div className="report-print-footer" aria-hidden="true">
        {generated}
      </div>
      <p>
        <strong>{period}</strong>
        <br />
        {filtersLine}
      </p>
      <p className="report-note">{t("reports.suppressionNote")}</p>
      <div className="report-actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("reports.print")}
        </button>{" "}
        <a className="button button--quiet" href={`/reports/export?${search}&format=csv`} download>
          {t("reports.exportCsv")}
        </a>{" "}
        <a className="button button--quiet" href={`/reports/export?${search}&format=json`} download>
          {t("reports.exportJson")}
        </a>
      </div>

      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`}>
          <h2 id={`group-${group.id}`}>{t(group.title)}</h2>
          {group.id === "forced" ? (
            <dl className="stat-list">
              <div className="stat">
                <dt>{t("reports.forcedLabour.FORCED_LABOUR")}¹</dt>
                <dd>{shownText(fl.forcedLabour, number)}</dd>
              </div>
              <div className="stat">
                <dt>{t("reports.forcedLabour.INDICATORS_ONLY")}¹</dt>
                <dd>{shownText(fl.indicatorsOnly, number)}</dd>
              </div>
            </dl>
          ) : null}
          {group.ids.map((id) => {
            const section = report.sections.find((s) => s.id === id);
            return section ? <SectionTable key={id} section={section} number={number} /> : null;
          })}
          {group.note ? <p className="report-note">¹ {t(group.note)}</p> : null}
        </section>
      ))}

      <section aria-labelledby="group-outcomes" className="report-section">
        <h2 id="group-outcomes">{t("reports.groups.outcomes")}</h2>
        <p className="report-note">{t("reports.outcomes.note")}</p>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t("reports.outcomes.kind")}</th>
              <th scope="col">{t("reports.outcomes.people")}</th>
              <th scope="col">{t("reports.measures.cases")}</th>
            </tr>
          </thead>
          <tbody>
            {report.outcomes.people.map((p) => (
              <tr key={p.kind}>
                <th scope="row">{t(`caseFile.outcomes.kinds.${p.kind}`)}</th>
                <td>{shownText(p.people, number)}</td>
                <td>{shownText(p.cases, number)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t("reports.tables.wages")}</th>
              <th scope="col">{t("reports.measures.cases")}</th>
            </tr>
          </thead>
          <tbody>
            {report.outcomes.money.length === 0 ? (
              <tr>
                <td colSpan={2}>{t("reports.outcomes.none")}</td>
              </tr>
            ) : (
              report.outcomes.money.map((m) => (
                <tr key={m.currency}>
                  <th scope="row">{formatMoneyExact(m.amountMinor, m.currency, locale)}</th>
                  <td>{shownText(m.cases, number)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="group-foa">
        <h2 id="group-foa">{t("reports.groups.freedomOfAssociation")}</h2>
        <p className="report-note">
          {t("reports.foa.note", { total: report.freedomOfAssociation.total })}
          {report.freedomOfAssociation.complete
            ? ""
            : report.freedomOfAssociation.listing === "recent"
              ? ` ${t("reports.foa.recent", { shown: report.freedomOfAssociation.entries.length })}`
              : ` ${t("reports.foa.truncated", { shown: report.freedomOfAssociation.entries.length })}`}
        </p>
        {!report.freedomOfAssociation.complete &&
        report.freedomOfAssociation.listing === "recent" ? (
          <p className="report-note">
            <a href={`/reports?${search}&foa=all#group-foa`}>{t("reports.foa.showAll")}</a>
          </p>
        ) : null}
        <div
          className="report-table-wrap"
          role="region"
          aria-labelledby="group-foa"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- axe: a region that scrolls must take focus
          tabIndex={0}
        >
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.foa.date")}</th>
                <th scope="col">{t("reports.kinds.category")}</th>
                <th scope="col">{t("reports.kinds.region")}</th>
                <th scope="col">{t("reports.kinds.sector")}</th>
                <th scope="col">{t("reports.foa.employer")}</th>
                <th scope="col">{t("reports.foa.authority")}</th>
                <th scope="col">{t("reports.foa.proceedings")}</th>
                <th scope="col">{t("reports.foa.outcomes")}</th>
                <th scope="col">{t("reports.foa.urgent")}</th>
                <th scope="col">{t("reports.foa.named")}</th>
              </tr>
            </thead>
            <tbody>
              {report.freedomOfAssociation.entries.map((e, i) => (
                <tr key={i}>
                  <td>{day(e.incidentStart)}</td>
                  <td>{t(`categories.${e.category}`)}</td>
                  <td>{t(`regions.${e.region}`)}</td>
                  <td>{t(labelKey("sector", e.sector)!)}</td>
                  <td>{e.employer ?? "—"}</td>
                  <td>{e.authority ?? "—"}</td>
                  <td>
                    {e.proceedings
                      .map(
                        (p) =>
                          `${t(`caseFile.proceedings.kinds.${p.kind}`)} — ${p.authority} (${t(`caseFile.proceedings.statuses.${p.status}`)})`,
                      )
                      .join("; ") || "—"}
                  </td>
                  <td>
                    {e.outcomes.map((o) => t(`caseFile.outcomes.kinds.${o}`)).join("; ") || "—"}
                  </td>
                  <td className={e.urgency.length ? "report-flag" : undefined}>
                    {e.urgency.map((u) => t(`reports.foa.urgency.${u}`)).join("; ") || "—"}
                  </td>
                  <td>{e.namedWorkers.join("; ") || t("reports.foa.anonymous")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p className="report-note">{generated}</p>
    </div>
  );
}

export const handle: TranslatedHandle = {
  i18n: [
    "categories",
    "regions",
    "reports",
    "sectors",
    "triState",
    "validation",
    "caseFile.outcomes.kinds",
    "caseFile.proceedings",
    "intake.harmKinds",
    "intake.indicators",
  ],
};

export default function ReportsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Page title={t("reports.title")} intro={t("reports.intro")}>
      <FilterForm values={data.values} errors={data.errors} scope={data.scope} />
      {data.report ? (
        <ReportBody
          report={data.report as ShownReport}
          generatedAt={data.generatedAt}
          search={data.search}
        />
      ) : (
        <p role="alert">{t("reports.errors.fixFilters")}</p>
      )}
    </Page>
  );
}
