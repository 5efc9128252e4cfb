// The audit log for administrators: filter by person, target, action and
// period; export what is filtered (the export is itself recorded).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { EmptyState, Page } from "~/components/page";
import { Pager } from "~/components/pager";
import en from "~/locales/en";
import { auditFilterQuery, parseAuditFilters } from "~/modules/audit/audit-filters";
import { auditPeople, searchAuditLog, type ExportReason } from "~/modules/audit/audit-log.server";
import { formatTimestamp } from "~/utils/format";
import { requireRole } from "~/modules/auth/guards.server";
import { loaderWith } from "~/utils/answer.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

/** Every action the log can hold, in the order the labels list them. */
const ACTIONS = Object.keys(en.audit.actions);

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const admin = await requireRole(request, "ADMIN");
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const [log, people] = await Promise.all([searchAuditLog(filters, admin), auditPeople()]);
  return json(
    { ...log, people, filters, query: auditFilterQuery(filters) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const handle: TranslatedHandle = {
  i18n: ["audit", "caseList", "pages", "caseFile.reveal.reasons"],
};

/** An export with identities: its reason, and the exporter's words or why they cannot be shown. */
function ExportReasonText({ reason }: { reason: ExportReason }) {
  const { t } = useTranslation();
  const words = reason.explanation;
  return (
    <>
      {" · "}
      <strong className="badge badge--high">{t("pages.audit.withIdentities")}</strong>{" "}
      {t(`caseFile.reveal.reasons.${reason.reason}`)}
      {words ? (
        <>
          :{" "}
          {words.ok ? (
            <q>{words.value}</q>
          ) : (
            <span
              className={`sealed-field sealed-field--${words.reason}`}
              title={t(
                words.reason === "unreadable"
                  ? "pages.audit.wordsUnreadable"
                  : `sealed.hint.${words.reason}`,
              )}
            >
              {t(`sealed.field.${words.reason}`)}
            </span>
          )}
        </>
      ) : null}
    </>
  );
}

export default function AuditPage() {
  const { entries, total, page, pages, people, filters, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const pageLink = (n: number) => `?${query ? `${query}&` : ""}page=${n}`;
  return (
    <Page
      title={t("pages.audit.title")}
      intro={t("pages.audit.intro")}
      actions={
        <a href={`/audit/export.csv${query ? `?${query}` : ""}`} className="button" download>
          {t("pages.audit.export")}
        </a>
      }
    >
      <Form method="get" className="filters-form grid" aria-label={t("pages.audit.filters")}>
        <div className="field">
          <label htmlFor="audit-actor">{t("pages.audit.actor")}</label>
          <select id="audit-actor" name="actor" defaultValue={filters.actor ?? ""}>
            <option value="">{t("pages.audit.anyone")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} ({p.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-target">{t("pages.audit.target")}</label>
          <input
            id="audit-target"
            name="target"
            defaultValue={filters.target ?? ""}
            placeholder="KZ-2026-000123"
            aria-describedby="audit-target-hint"
          />
          <p id="audit-target-hint" className="field__hint">
            {t("pages.audit.targetHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("pages.audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">{t("pages.audit.anyAction")}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`, { defaultValue: action })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("pages.audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("pages.audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <div className="inline-form">
          <button type="submit" className="button button--primary">
            {t("pages.audit.apply")}
          </button>
          <Link to="/audit">{t("pages.audit.clear")}</Link>
        </div>
      </Form>
      <p>{t("pages.audit.count", { count: total })}</p>
      {entries.length === 0 ? (
        <EmptyState>{t("pages.audit.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("pages.audit.time")}</th>
                <th scope="col">{t("pages.audit.actor")}</th>
                <th scope="col">{t("pages.audit.action")}</th>
                <th scope="col">{t("pages.audit.target")}</th>
                <th scope="col">{t("pages.audit.address")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{entry.seq}</td>
                  <td>
                    <time dateTime={entry.createdAt}>{formatTimestamp(entry.createdAt)}</time>
                  </td>
                  <td>
                    {entry.actor ? (
                      <Link to={`?actor=${entry.actor.id}`}>{entry.actor.displayName}</Link>
                    ) : (
                      t("pages.audit.nobody")
                    )}
                  </td>
                  <td>
                    {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
                    {entry.exportReason ? <ExportReasonText reason={entry.exportReason} /> : null}
                  </td>
                  <td>
                    {entry.targetId ? (
                      <Link to={`?target=${encodeURIComponent(entry.targetId)}`}>
                        {entry.targetType}:{entry.targetId}
                      </Link>
                    ) : (
                      t("pages.audit.nobody")
                    )}
                  </td>
                  <td>{entry.ipAddress ?? t("pages.audit.nobody")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} label={t("pages.audit.title")} hrefFor={pageLink} />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
