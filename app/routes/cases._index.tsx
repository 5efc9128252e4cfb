import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { useTranslation } from "~/i18n/react";
import { ChoiceGroup, FormFieldsProvider, SelectField, TextField } from "~/components/form/fields";
import { EmptyState, Page } from "~/components/page";
import { requestContext } from "~/utils/request.server";
import { requireRole } from "~/modules/auth/guards.server";
import { CATEGORIES, URGENCIES } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import {
  CASE_LIST_MAX_PAGE,
  CASE_LIST_SORTS,
  caseListQuery,
  EXPORT_MAX_ROWS,
  hasActiveFilters,
  parseCaseListFilters,
  SEARCH_MAX_LENGTH,
  type CaseListFilters,
} from "~/modules/cases/case-list";
import { caseListChoices, listCases, recordCaseSearch } from "~/modules/cases/case-list.server";
import { pseudonymsByReference } from "~/modules/cases/pseudonyms.server";
import { REVEAL_EXPLANATION_MAX, REVEAL_REASONS } from "~/modules/cases/reveal.schema";
import { STATUSES } from "~/modules/cases/status";
import { formatDate, formatNumber } from "~/utils/format";
import { loaderWith } from "~/utils/answer.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "ORGANIZER", "LAWYER", "COORDINATOR");
  const filters = parseCaseListFilters(new URL(request.url).searchParams);
  const [list, choices] = await Promise.all([
    listCases(user, filters),
    caseListChoices(filters),
    recordCaseSearch(user, filters, requestContext(request)),
  ]);
  // Workers by pseudonym, never by name (docs/decisions/0034).
  const pseudonyms = await pseudonymsByReference(list.rows.map((row) => row.reference));
  const rows = list.rows.map((row) => ({
    ...row,
    pseudonyms: pseudonyms.get(row.reference) ?? [],
  }));
  return json({ filters, ...list, rows, choices }, { headers: { "Cache-Control": "no-store" } });
});

/** While typing a search, the list follows once the typing pauses. */
const SEARCH_DEBOUNCE_MS = 350;

function FilterForm({
  filters,
  assignees,
  employer,
}: {
  filters: CaseListFilters;
  assignees: { id: string; displayName: string }[];
  employer: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const formRef = useRef<HTMLFormElement>(null);

  // Back and forward change the URL under a field someone is not typing in.
  useEffect(() => {
    const input = formRef.current?.elements.namedItem("q");
    if (input instanceof HTMLInputElement && document.activeElement !== input) {
      input.value = filters.q ?? "";
    }
  }, [filters.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // Empty fields stay out of the URL, so that a shared link says only what is chosen.
  const submitFilters = (form: HTMLFormElement, replace: boolean) => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "") params.append(key, value);
    }
    submit(params, { method: "get", action: "/cases", replace, preventScrollReset: true });
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    clearTimeout(timer.current);
    if ((event.target as HTMLInputElement).name === "q") {
      // Typing replaces the history entry instead of adding one per pause.
      timer.current = setTimeout(() => submitFilters(form, true), SEARCH_DEBOUNCE_MS);
    } else {
      submitFilters(form, false);
    }
  };
  const values: Record<string, unknown> = { ...filters };
  const choose = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <Form
      method="get"
      action="/cases"
      ref={formRef}
      className="case-filters"
      aria-label={t("caseList.filtersHeading")}
      onChange={onChange}
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        submitFilters(event.currentTarget, false);
      }}
    >
      <FormFieldsProvider value={{ errorFor: () => undefined, valueFor: (name) => values[name] }}>
        <div className="case-filters__search">
          <TextField
            name="q"
            type="search"
            label={t("caseList.search")}
            hint={t("caseList.searchHint")}
            maxLength={SEARCH_MAX_LENGTH}
            autoComplete="off"
          />
        </div>
        {/* Keyed by the URL's filters: back and forward show what the list shows. */}
        <div className="case-filters__grid" key={caseListQuery({ ...filters, q: undefined })}>
          <SelectField
            name="category"
            label={t("caseList.columns.category")}
            placeholder={t("caseList.any")}
            options={choose(CATEGORIES, "categories")}
          />
          <SelectField
            name="region"
            label={t("caseList.columns.region")}
            placeholder={t("caseList.any")}
            options={choose(REGIONS, "regions")}
          />
          <SelectField
            name="urgency"
            label={t("caseList.columns.urgency")}
            placeholder={t("caseList.any")}
            options={choose(URGENCIES, "urgencies")}
          />
          <SelectField
            name="assignee"
            label={t("caseList.assignee")}
            placeholder={t("caseList.any")}
            options={[
              { value: "none", label: t("caseList.assigneeNone") },
              ...assignees.map((person) => ({ value: person.id, label: person.displayName })),
            ]}
          />
          <TextField name="from" type="date" label={t("caseList.from")} />
          <TextField name="to" type="date" label={t("caseList.to")} />
          <SelectField
            name="sort"
            label={t("caseList.sort")}
            placeholder={t("caseList.sorts.activity")}
            options={CASE_LIST_SORTS.filter((sort) => sort !== "activity").map((sort) => ({
              value: sort,
              label: t(`caseList.sorts.${sort}`),
            }))}
          />
          <ChoiceGroup
            name="status"
            legend={t("caseList.columns.status")}
            options={choose(STATUSES, "statuses")}
            multiple
            className="case-filters__statuses"
          />
          {employer ? (
            <p className="case-filters__employer">
              <input type="hidden" name="employer" value={employer.id} />
              {t("caseList.employerFilter", { name: employer.name })}{" "}
              <Link to={"/cases" + caseListQuery(filters, { employer: undefined, page: 1 })}>
                {t("caseList.removeEmployer")}
              </Link>
            </p>
          ) : null}
        </div>
      </FormFieldsProvider>
      <div className="case-filters__actions">
        <button type="submit" className="button button--primary">
          {t("caseList.apply")}
        </button>
        {hasActiveFilters(filters) ? <Link to="/cases">{t("caseList.clear")}</Link> : null}
      </div>
    </Form>
  );
}

/**
 * The export with identities: a plain GET form (a download, with or without JavaScript) that
 * carries the list's filters, the choice and the reason; the export asks for step-up.
 */
function ExportWithIdentities({ filters }: { filters: CaseListFilters }) {
  const { t } = useTranslation();
  const query = new URLSearchParams(caseListQuery(filters, { page: 1 }));
  return (
    <details className="form-disclosure">
      <summary className="button button--quiet">{t("caseList.exportIdentities.open")}</summary>
      <form method="get" action="/cases/export.csv" className="stack case-form">
        {[...query].map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="identities" value="on" />
        <p className="field__hint">{t("caseList.exportIdentities.hint")}</p>
        <div className="field">
          <label htmlFor="export-reason">{t("caseFile.reveal.reason")}</label>
          <select id="export-reason" name="reason" required defaultValue="">
            <option value="">{t("common.choose")}</option>
            {REVEAL_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(`caseFile.reveal.reasons.${reason}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="export-explanation">{t("caseFile.reveal.explanation")}</label>
          <textarea
            id="export-explanation"
            name="explanation"
            rows={2}
            maxLength={REVEAL_EXPLANATION_MAX}
            required
          />
        </div>
        <button type="submit" className="button">
          {t("caseList.exportIdentities.submit")}
        </button>
      </form>
    </details>
  );
}

export const handle: TranslatedHandle = {
  i18n: [
    "caseList",
    "categories",
    "regions",
    "statuses",
    "urgencies",
    "validation",
    "caseFile.reveal",
  ],
};

export default function CaseListPage() {
  const { filters, total, capped, page, pageSize, rows, choices } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  // Past COUNT_CAP the number of pages is not known: "next" while pages are full.
  const pages = capped
    ? null
    : Math.min(CASE_LIST_MAX_PAGE, Math.max(1, Math.ceil(total / pageSize)));
  const hasNext =
    pages === null ? rows.length === pageSize && page < CASE_LIST_MAX_PAGE : page < pages;
  const busy = navigation.state === "loading" && navigation.location.pathname === "/cases";

  return (
    <Page
      title={t("caseList.title")}
      actions={
        total > 0 ? (
          <a
            className="button"
            href={`/cases/export.csv${caseListQuery(filters, { page: 1 })}`}
            download
            aria-describedby="export-hint"
          >
            {t("caseList.download")}
          </a>
        ) : null
      }
    >
      <FilterForm filters={filters} assignees={choices.assignees} employer={choices.employer} />
      {total > 0 ? (
        <>
          <p id="export-hint" className="field__hint">
            {t("caseList.downloadHint", { max: formatNumber(EXPORT_MAX_ROWS, i18n.language) })}
          </p>
          <ExportWithIdentities filters={filters} />
        </>
      ) : null}
      <p className="lead" role="status" aria-busy={busy || undefined}>
        {t(capped ? "caseList.foundMore" : "caseList.found", {
          number: formatNumber(total, i18n.language),
        })}
      </p>
      {rows.length === 0 ? (
        <EmptyState>{t("caseList.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table case-table">
            <caption className="visually-hidden">{t("caseList.results")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("caseList.columns.reference")}</th>
                <th scope="col">{t("caseList.columns.category")}</th>
                <th scope="col">{t("caseList.columns.status")}</th>
                <th scope="col">{t("caseList.columns.urgency")}</th>
                <th scope="col">{t("caseList.columns.region")}</th>
                <th scope="col">{t("caseList.columns.employer")}</th>
                <th scope="col">{t("caseList.columns.leadLawyer")}</th>
                <th scope="col">{t("caseList.columns.workers")}</th>
                <th scope="col">{t("caseList.columns.recorded")}</th>
                <th scope="col">{t("caseList.columns.lastChange")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.reference}>
                  <th scope="row" data-label={t("caseList.columns.reference")}>
                    <Link to={`/cases/${row.reference}`}>{row.reference}</Link>
                  </th>
                  <td data-label={t("caseList.columns.category")}>
                    {t(`categories.${row.category}`)}
                  </td>
                  <td data-label={t("caseList.columns.status")}>
                    <span className="badge">{t(`statuses.${row.status}`)}</span>
                  </td>
                  <td data-label={t("caseList.columns.urgency")}>
                    <span className={`badge badge--${row.urgency.toLowerCase()}`}>
                      {t(`urgencies.${row.urgency}`)}
                    </span>
                  </td>
                  <td data-label={t("caseList.columns.region")}>{t(`regions.${row.region}`)}</td>
                  <td data-label={t("caseList.columns.employer")}>
                    {row.employer ? (
                      <Link
                        to={
                          "/cases" + caseListQuery(filters, { employer: row.employer.id, page: 1 })
                        }
                        title={t("caseList.filterByEmployer")}
                      >
                        {row.employer.name}
                      </Link>
                    ) : (
                      t("caseList.nobody")
                    )}
                  </td>
                  <td data-label={t("caseList.columns.leadLawyer")}>
                    {row.leadLawyer ?? t("caseList.nobody")}
                  </td>
                  <td data-label={t("caseList.columns.workers")}>
                    {formatNumber(row.workerCount, i18n.language)}
                    {row.pseudonyms.length > 0 ? (
                      <span className="pseudonyms"> · {row.pseudonyms.join(", ")}</span>
                    ) : null}
                  </td>
                  <td data-label={t("caseList.columns.recorded")}>
                    {formatDate(row.createdAt, i18n.language)}
                  </td>
                  <td data-label={t("caseList.columns.lastChange")}>
                    {formatDate(row.lastActivityAt, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page > 1 || hasNext ? (
        <nav className="pager" aria-label={t("caseList.pages")}>
          {page > 1 ? (
            <Link to={"/cases" + caseListQuery(filters, { page: page - 1 })} rel="prev">
              {t("caseList.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>
            {pages === null
              ? t("caseList.pageNumber", { page })
              : t("caseList.pageOf", { page, pages })}
          </span>
          {hasNext ? (
            <Link to={"/cases" + caseListQuery(filters, { page: page + 1 })} rel="next">
              {t("caseList.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
