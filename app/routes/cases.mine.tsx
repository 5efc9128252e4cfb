import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { EmptyState, Page } from "~/components/page";
import { Pager } from "~/components/pager";
import { requireRole } from "~/modules/auth/guards.server";
import { textOf } from "~/components/sealed-text";
import { listIntakesBy } from "~/modules/cases/cases.server";
import { formatDate } from "~/utils/format";
import { loaderWith } from "~/utils/answer.server";
import type { TranslatedHandle } from "~/i18n/sections";

const PAGE_SIZE = 50;

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "ORGANIZER", "COORDINATOR");
  const page = Math.max(
    1,
    Math.min(10_000, Number(new URL(request.url).searchParams.get("page")) || 1),
  );
  const { total, cases } = await listIntakesBy(user, {
    take: PAGE_SIZE,
    skip: (page - 1) * PAGE_SIZE,
  });
  return json({ total, cases, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) });
});

export const handle: TranslatedHandle = {
  i18n: ["caseList", "categories", "pages", "regions", "statuses", "urgencies"],
};

export default function MyIntakesPage() {
  const { total, cases, page, pages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <Page
      title={t("pages.myIntakes.title")}
      actions={
        <Link to="/cases/new" className="button button--primary">
          {t("nav.newIntake")}
        </Link>
      }
    >
      {total === 0 ? (
        <EmptyState>{t("pages.myIntakes.empty")}</EmptyState>
      ) : (
        <>
          <p className="lead">{t("caseList.total", { count: total })}</p>
          <ul className="case-cards">
            {cases.map((c) => (
              <li
                key={c.reference}
                className={c.urgency === "URGENT" ? "case-card case-card--urgent" : "case-card"}
              >
                <Link to={`/cases/${c.reference}`} className="case-card__ref">
                  {c.reference}
                </Link>
                <span className={`badge badge--${c.urgency.toLowerCase()}`}>
                  {t(`urgencies.${c.urgency}`)}
                </span>
                <span className="badge">{t(`statuses.${c.status}`)}</span>
                <p className="case-card__title">{t(`categories.${c.category}`)}</p>
                <p className="case-card__meta">
                  {[c.employerName, t(`regions.${c.region}`), textOf(c.place)]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <p className="case-card__meta">
                  {t("caseList.recorded")}: {formatDate(c.createdAt, i18n.language)} ·{" "}
                  {t("caseList.workers")}: {c.workerCount}
                </p>
              </li>
            ))}
          </ul>
          <Pager
            page={page}
            pages={pages}
            label={t("caseList.total", { count: total })}
            hrefFor={(n) => `?page=${n}`}
          />
        </>
      )}
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
