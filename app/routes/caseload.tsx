import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { BarChartWithTable, type ChartSeries } from "~/components/charts/bar-chart";
import { FormFieldsProvider, SelectField, TextField } from "~/components/form/fields";
import { Page } from "~/components/page";
import type { CaseStatus } from "~/generated/prisma/sqlite/enums";
import { AWAITING_ASSIGNMENT } from "~/modules/assignment/triage-rules";
import { requireRole } from "~/modules/auth/guards.server";
import { loadCaseload } from "~/modules/caseload/caseload.server";
import { parseCaseloadFilters, type CaseloadFilters } from "~/modules/caseload/filters";
import { OPEN_STATUSES } from "~/modules/cases/status";
import { CATEGORIES } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import chartStyles from "~/styles/charts.css";
import {
  formatCalendarDate,
  formatCalendarMonth,
  formatMoneyExact,
  formatNumber,
} from "~/utils/format";
import { loaderWith } from "~/utils/answer.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "COORDINATOR");
  const filters = parseCaseloadFilters(new URL(request.url).searchParams);
  const caseload = await loadCaseload(user, filters);
  return json({ filters, caseload }, { headers: { "Cache-Control": "no-store" } });
});

/** The case list, filtered like the dashboard plus what a count adds. */
function casesHref(
  filters: CaseloadFilters,
  extra: { status?: readonly CaseStatus[]; [key: string]: string | readonly string[] | undefined },
) {
  const params = new URLSearchParams();
  for (const status of extra.status ?? []) params.append("status", status);
  if (filters.region) params.set("region", filters.region);
  if (filters.category) params.set("category", filters.category);
  for (const [key, value] of Object.entries(extra)) {
    if (key !== "status" && typeof value === "string") params.set(key, value);
  }
  return `/cases?${params}`;
}

/** "2026-05" → the month's first and last day, for the case list's creation dates. */
function monthDays(month: string): { from: string; to: string } {
  const [year, index] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

function FilterForm({ filters }: { filters: CaseloadFilters }) {
  const { t } = useTranslation();
  const values: Record<string, unknown> = { ...filters };
  return (
    <Form method="get" className="caseload-filters" aria-label={t("caseload.filters.heading")}>
      <FormFieldsProvider value={{ errorFor: () => undefined, valueFor: (name) => values[name] }}>
        <div className="caseload-filters__grid">
          <TextField name="from" type="date" label={t("caseload.filters.from")} />
          <TextField name="to" type="date" label={t("caseload.filters.to")} />
          <SelectField
            name="region"
            label={t("caseload.filters.region")}
            placeholder={t("caseload.filters.any")}
            options={REGIONS.map((value) => ({ value, label: t(`regions.${value}`) }))}
          />
          <SelectField
            name="category"
            label={t("caseload.filters.category")}
            placeholder={t("caseload.filters.any")}
            options={CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) }))}
          />
        </div>
        <div className="caseload-filters__actions">
          <button type="submit" className="button button--primary">
            {t("caseload.filters.apply")}
          </button>
          <Link to="/caseload" className="button button--quiet">
            {t("caseload.filters.reset")}
          </Link>
        </div>
      </FormFieldsProvider>
    </Form>
  );
}

export const handle: TranslatedHandle = {
  i18n: ["caseload", "categories", "pages", "regions", "statuses", "validation"],
};

export default function CaseloadPage() {
  const { filters, caseload } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const number = (value: number) => formatNumber(value, locale);
  const day = (value: string) => formatCalendarDate(value, locale);
  const period = { from: day(filters.from), to: day(filters.to) };
  const cases: ChartSeries[] = [{ key: "count", label: t("caseload.cases") }];
  const monthLabel = (month: string) =>
    // Numeric: not every browser has short month names in Kazakh.
    formatCalendarMonth(month, locale);
  const { outcomes } = caseload;

  return (
    <Page title={t("pages.caseload.title")} intro={t("caseload.intro")}>
      <FilterForm filters={filters} />

      <section aria-labelledby="caseload-summary" className="caseload-summary">
        <h2 id="caseload-summary" className="visually-hidden">
          {t("caseload.summary.heading")}
        </h2>
        <dl className="stat-list">
          <div className="stat">
            <dt>{t("caseload.summary.open")}</dt>
            <dd>
              <Link to={casesHref(filters, { status: OPEN_STATUSES })}>
                {number(caseload.openTotal)}
              </Link>
            </dd>
          </div>
          <div className={caseload.sla.urgentWaiting > 0 ? "stat stat--alert" : "stat"}>
            <dt>{t("caseload.summary.urgentWaiting")}</dt>
            <dd>
              <Link
                to={casesHref(filters, {
                  status: AWAITING_ASSIGNMENT,
                  urgency: "URGENT",
                  sort: "age",
                })}
              >
                {number(caseload.sla.urgentWaiting)}
              </Link>
            </dd>
          </div>
          <div className={caseload.sla.newWaiting > 0 ? "stat stat--alert" : "stat"}>
            <dt>{t("caseload.summary.newWaiting")}</dt>
            <dd>
              <Link to={casesHref(filters, { status: AWAITING_ASSIGNMENT, sort: "age" })}>
                {number(caseload.sla.newWaiting)}
              </Link>
            </dd>
          </div>
        </dl>
      </section>

      <div className="chart-grid">
        <BarChartWithTable
          id="by-status"
          title={t("caseload.byStatus")}
          note={t("caseload.snapshotNote")}
          rowHeader={t("caseload.status")}
          series={cases}
          locale={locale}
          rows={caseload.openByStatus.map(({ status, count }) => ({
            key: status,
            label: t(`statuses.${status}`),
            values: { count },
            href: casesHref(filters, { status: [status] }),
          }))}
        />
        <BarChartWithTable
          id="ageing"
          title={t("caseload.ageing.title")}
          note={t("caseload.ageing.note")}
          rowHeader={t("caseload.ageing.age")}
          series={cases}
          locale={locale}
          rows={caseload.ageing.map(({ bucket, count }) => ({
            key: bucket,
            label: t(`caseload.ageing.buckets.${bucket}`),
            values: { count },
          }))}
        />
        <BarChartWithTable
          id="by-category"
          title={t("caseload.byCategory")}
          note={t("caseload.snapshotNote")}
          rowHeader={t("caseload.category")}
          series={cases}
          locale={locale}
          rows={caseload.openByCategory.map(({ category, count }) => ({
            key: category,
            label: t(`categories.${category}`),
            values: { count },
            href: casesHref({ ...filters, category }, { status: OPEN_STATUSES }),
          }))}
        />
        <BarChartWithTable
          id="by-region"
          title={t("caseload.byRegion")}
          note={t("caseload.snapshotNote")}
          rowHeader={t("caseload.region")}
          series={cases}
          locale={locale}
          rows={caseload.openByRegion.map(({ region, count }) => ({
            key: region,
            label: t(`regions.${region}`),
            values: { count },
            href: casesHref({ ...filters, region }, { status: OPEN_STATUSES }),
          }))}
        />
      </div>

      <BarChartWithTable
        id="per-month"
        title={t("caseload.months.title")}
        note={t("caseload.months.note", period)}
        rowHeader={t("caseload.months.month")}
        shape="columns"
        locale={locale}
        series={[
          { key: "opened", label: t("caseload.months.opened") },
          { key: "closed", label: t("caseload.months.closed") },
        ]}
        rows={caseload.months.map(({ month, opened, closed }) => ({
          key: month,
          label: monthLabel(month),
          values: { opened, closed },
          href: casesHref(filters, monthDays(month)),
        }))}
      />

      <section aria-labelledby="caseload-people" className="chart">
        <h2 id="caseload-people">{t("caseload.people.title")}</h2>
        <p className="chart__note">{t("caseload.people.note")}</p>
        {caseload.people.length === 0 ? (
          <p>{t("caseload.people.empty")}</p>
        ) : (
          <div
            className="table-scroll"
            role="region"
            aria-label={t("caseload.people.title")}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- axe: a region that scrolls must take focus
            tabIndex={0}
          >
            <table className="table">
              <caption className="visually-hidden">{t("caseload.people.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("caseload.people.person")}</th>
                  <th scope="col">{t("caseload.people.role")}</th>
                  <th scope="col" className="numeric">
                    {t("caseload.people.open")}
                  </th>
                  <th scope="col" className="numeric">
                    {t("caseload.people.urgent")}
                  </th>
                  <th scope="col" className="numeric">
                    {t("caseload.people.overdue")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {caseload.people.map((person) => (
                  <tr key={person.userId}>
                    <th scope="row">
                      <Link
                        to={casesHref(filters, {
                          status: OPEN_STATUSES,
                          assignee: person.userId,
                        })}
                      >
                        {person.displayName}
                      </Link>
                    </th>
                    <td>{t(`roles.${person.role}`)}</td>
                    <td className="numeric">{number(person.open)}</td>
                    <td className="numeric">{number(person.urgent)}</td>
                    <td className={person.overdue > 0 ? "numeric overdue" : "numeric"}>
                      {number(person.overdue)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="caseload-outcomes" className="chart">
        <h2 id="caseload-outcomes">{t("caseload.outcomes.title")}</h2>
        <p className="chart__note">{t("caseload.outcomes.note", period)}</p>
        <div
          className="table-scroll"
          role="region"
          aria-label={t("caseload.outcomes.title")}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- axe: a region that scrolls must take focus
          tabIndex={0}
        >
          <table className="table">
            <caption className="visually-hidden">{t("caseload.outcomes.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("caseload.outcomes.outcome")}</th>
                <th scope="col" className="numeric">
                  {t("caseload.outcomes.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {(["wagesRecovered", "compensationPaid"] as const).map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`caseload.outcomes.${kind}`)}</th>
                  <td className="numeric">
                    {outcomes[kind].length === 0
                      ? t("caseload.outcomes.none")
                      : outcomes[kind].map((total) => (
                          <span key={total.currency} className="money-line">
                            {formatMoneyExact(total.amountMinor, total.currency, locale)}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
              {(["peopleReleased", "peopleReinstated"] as const).map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`caseload.outcomes.${kind}`)}</th>
                  <td className="numeric">{number(outcomes[kind])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}
