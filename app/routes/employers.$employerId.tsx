// One employer: its cases in the coordinator's regions, flags, chain, and merging records.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";
import {
  employerDetail,
  findMergeCandidates,
  mergeEmployers,
  unmergeEmployer,
} from "~/modules/employers/register.server";
import reportStyles from "~/styles/reports.css";
import { formAction, loaderWith } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { formatMoneyExact, formatNumber } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireRole(request, "COORDINATOR");
    const employer = await employerDetail(user, params.employerId ?? "");
    // The merge picker: other records in scope by name or BIN (?find=…), without JavaScript.
    const find = (new URL(request.url).searchParams.get("find") ?? "").trim().slice(0, 200);
    const candidates = find ? await findMergeCandidates(user, employer.id, find) : null;
    return json({ employer, find, candidates }, { headers: { "Cache-Control": "no-store" } });
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 4_096 },
  async ({ request, params, form, intent }) => {
    const caller = await requireRole(request, "COORDINATOR");
    const context = requestContext(request);
    const employerId = params.employerId ?? "";
    if (intent === "merge") {
      const into = String(form.get("into") ?? "").trim();
      const { survivorId } = await mergeEmployers(
        caller,
        { fromId: employerId, intoId: into },
        context,
      );
      return redirect(`/employers/${survivorId}`);
    }
    if (intent === "unmerge") {
      await unmergeEmployer(caller, String(form.get("record") ?? ""), context);
      return redirect(`/employers/${employerId}`);
    }
    throw DomainError.invalidField("form", "employers.errors.unknownAction");
  },
);

export const handle: TranslatedHandle = {
  i18n: [
    "categories",
    "employerRoles",
    "employers",
    "sectors",
    "validation",
    "caseFile.outcomes.kinds.REINSTATED",
    "reports.kinds",
    "reports.measures.cases",
    "reports.outcomes.none",
    "reports.tables.wages",
  ],
};

export default function EmployerPage() {
  const { employer, find, candidates } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const number = (n: number) => formatNumber(n, locale);
  const errors: Record<string, string | undefined> = {
    ...answer?.fieldErrors,
    form: answer?.formError,
  };
  return (
    <Page
      title={employer.name}
      intro={employer.bin ? `${t("employers.bin")}: ${employer.bin}` : undefined}
      actions={
        <Link className="button" to={`/employers/${employer.id}/evidence`}>
          {t("employers.evidence.open")}
        </Link>
      }
    >
      {employer.flags.length > 0 ? (
        <p className="report-flag" role="status">
          {t("employers.flagged")}: {employer.flags.map((f) => t(`employers.flag.${f}`)).join("; ")}
        </p>
      ) : null}
      <dl className="stat-list">
        <div className="stat">
          <dt>{t("reports.measures.cases")}</dt>
          <dd>{number(employer.cases)}</dd>
        </div>
        <div className="stat">
          <dt>{t("employers.workers")}</dt>
          <dd>{number(employer.workers)}</dd>
        </div>
        <div className="stat">
          <dt>{t("caseFile.outcomes.kinds.REINSTATED")}</dt>
          <dd>{number(employer.reinstated)}</dd>
        </div>
      </dl>
      <h2>{t("employers.byCategory")}</h2>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t("employers.year")}</th>
            <th scope="col">{t("reports.kinds.category")}</th>
            <th scope="col">{t("reports.measures.cases")}</th>
          </tr>
        </thead>
        <tbody>
          {employer.casesByCategory.map((row) => (
            <tr key={`${row.year}-${row.category}`}>
              <td>{row.year}</td>
              <th scope="row">{t(`categories.${row.category}`)}</th>
              <td>{number(row.cases)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("reports.tables.wages")}</h2>
      <ul>
        {employer.money.length === 0 ? <li>{t("reports.outcomes.none")}</li> : null}
        {employer.money.map((m) => (
          <li key={m.currency}>{formatMoneyExact(m.amountMinor, m.currency, locale)}</li>
        ))}
      </ul>
      <h2>{t("employers.chain.heading")}</h2>
      {employer.chain.length === 0 ? (
        <p>{t("employers.chain.none")}</p>
      ) : (
        <ul>
          {employer.chain.map((c) => (
            <li key={`${c.id}-${c.role}`}>
              <Link to={`/employers/${c.id}`}>{c.name}</Link> — {t(`employerRoles.${c.role}`)} —{" "}
              {t("employers.chain.cases", { number: c.cases })}
              {c.flags.length ? (
                <span className="report-flag">
                  {" "}
                  ({c.flags.map((f) => t(`employers.flag.${f}`)).join("; ")})
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("employers.merge.heading")}</h2>
      <p>{t("employers.merge.hint")}</p>
      {employer.merged.length > 0 ? (
        <ul>
          {employer.merged.map((m) => (
            <li key={m.id}>
              {m.name} {m.bin ? `(${m.bin})` : ""}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="unmerge" />
                <input type="hidden" name="record" value={m.id} />
                <button type="submit" className="button button--quiet">
                  {t("employers.merge.undo")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="get" className="report-filters">
        <div className="field">
          <label htmlFor="merge-find">{t("employers.merge.find")}</label>
          <input
            id="merge-find"
            name="find"
            type="search"
            defaultValue={find}
            maxLength={200}
            aria-describedby="merge-find-hint"
          />
          <p id="merge-find-hint" className="field__hint">
            {t("employers.merge.findHint")}
          </p>
        </div>
        <button type="submit" className="button button--quiet">
          {t("employers.merge.search")}
        </button>
      </Form>
      {errors.into || errors.form ? (
        <p className="field__error" role="alert">
          {t((errors.into ?? errors.form)!)}
        </p>
      ) : null}
      {candidates === null ? null : candidates.length === 0 ? (
        <p role="status">{t("employers.merge.noneFound")}</p>
      ) : (
        <table className="report-table">
          <caption>{t("employers.merge.found")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("employers.name")}</th>
              <th scope="col">{t("employers.bin")}</th>
              <th scope="col">{t("reports.kinds.sector")}</th>
              <th scope="col">{t("reports.measures.cases")}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/employers/${c.id}`}>{c.name}</Link>
                </th>
                <td>{c.bin ?? "—"}</td>
                <td>{t(`sectors.${c.sector}`)}</td>
                <td>{number(c.cases)}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="into" value={c.id} />
                    <button
                      type="submit"
                      className="button"
                      aria-label={t("employers.merge.submitWith", { name: c.name })}
                    >
                      {t("employers.merge.submit")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
