import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FactsList } from "~/components/cases/facts-list";
import { useCountryName } from "~/components/intake/use-country-name";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { getCaseSummary } from "~/modules/cases/cases.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.caseFile.reference} · Adal` : "Adal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const caseFile = await getCaseSummary(user, params.reference ?? "");
  return json({ caseFile }, { headers: { "Cache-Control": "no-store" } });
}

export default function CasePage() {
  const { caseFile } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const countryName = useCountryName();
  const consentLabels = [
    ["consentToStore", "intake.consent.toStore"],
    ["consentToContact", "intake.consent.toContact"],
    ["consentToShare", "intake.consent.toShare"],
    ["consentToCiteAnonymously", "intake.consent.toCite"],
  ] as const;

  return (
    <Page title={`${caseFile.reference} · ${t(`categories.${caseFile.category}`)}`}>
      <p className="case-badges">
        <span className="badge">{t(`statuses.${caseFile.status}`)}</span>
        <span className={`badge badge--${caseFile.urgency.toLowerCase()}`}>
          {t(`urgencies.${caseFile.urgency}`)}
          {caseFile.urgency !== caseFile.suggestedUrgency
            ? ` (${t("caseFile.suggestedUrgency", { urgency: t(`urgencies.${caseFile.suggestedUrgency}`) })})`
            : null}
        </span>
        <span className="badge">{t(`regions.${caseFile.region}`)}</span>
      </p>
      <p className="lead">
        {t("caseFile.recordedBy", {
          name: caseFile.organizer.displayName,
          date: formatDate(caseFile.createdAt, i18n.language),
        })}
      </p>

      <h2>{t("caseFile.incident")}</h2>
      <dl className="summary">
        <div>
          <dt>{t("intake.fields.incidentStart")}</dt>
          <dd>
            {formatDate(caseFile.incidentStart, i18n.language)}
            {caseFile.incidentEnd ? ` – ${formatDate(caseFile.incidentEnd, i18n.language)}` : null}
          </dd>
        </div>
        <div>
          <dt>{t("caseFile.place")}</dt>
          <dd>{caseFile.place}</dd>
        </div>
        <div>
          <dt>{t("caseFile.channel")}</dt>
          <dd>{t(`channels.${caseFile.channel}`)}</dd>
        </div>
      </dl>

      <h2>{t("caseFile.facts")}</h2>
      <FactsList facts={caseFile.facts} />

      <h2>{t("caseFile.account")}</h2>
      <p className="account-text">{caseFile.account}</p>

      <h2>{t("caseFile.employers")}</h2>
      {caseFile.employers.length === 0 ? (
        <p>{t("intake.review.noEmployer")}</p>
      ) : (
        <dl className="summary">
          {caseFile.employers.map(({ role, employer }) => (
            <div key={role}>
              <dt>{t(`employerRoles.${role}`)}</dt>
              <dd>
                {employer.name}
                {employer.bin ? ` · ${employer.bin}` : null} · {t(`sectors.${employer.sector}`)}
              </dd>
            </div>
          ))}
        </dl>
      )}

      <h2>{t("caseFile.workers")}</h2>
      {caseFile.unnamedWorkerCount > 0 ? (
        <p>{t("caseFile.unnamedWorkers", { count: caseFile.unnamedWorkerCount })}</p>
      ) : null}
      {caseFile.workers.length === 0 ? <p>{t("caseFile.noWorkers")}</p> : null}
      <ul className="worker-list">
        {caseFile.workers.map((worker, index) => (
          <li key={worker.id} className="worker-card">
            <h3>{worker.identity?.fullName ?? `${t("caseFile.anonymousWorker")} ${index + 1}`}</h3>
            <p className="case-card__meta">
              {[
                worker.identity?.iin,
                worker.identity?.phone,
                worker.yearOfBirth,
                worker.gender ? t(`genders.${worker.gender}`) : null,
                worker.citizenship ? countryName(worker.citizenship) : null,
                worker.occupation,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {worker.identity?.contactNotes ? (
              <p className="account-text">{worker.identity.contactNotes}</p>
            ) : null}
            <ul className="consents" aria-label={t("caseFile.consents")}>
              {consentLabels.map(([field, label]) => (
                <li key={field} className={worker[field] ? "consent--yes" : "consent--no"}>
                  {worker[field] ? "✓" : "✗"} {t(label)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
