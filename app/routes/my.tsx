// My work: what a lawyer or organizer holds, what is due, what changed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { EmptyState, Page } from "~/components/page";
import { SealedText } from "~/components/sealed-text";
import { loadMyWork, MY_WORK_MAX, MY_WORK_PAGE } from "~/modules/assignment/my-work.server";
import { requireRole } from "~/modules/auth/guards.server";
import { formatDateTime } from "~/utils/format";
import { loaderWith } from "~/utils/answer.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "LAWYER", "ORGANIZER");
  // "Show more" is a plain link with a bigger count: the page works without JavaScript
  // and stays small for a lawyer with 1 500 cases (the module caps the counts).
  const url = new URL(request.url);
  const work = await loadMyWork(user, new Date(), {
    cases: pageSize(url.searchParams.get("cases"), MY_WORK_PAGE.cases),
    dates: pageSize(url.searchParams.get("dates"), MY_WORK_PAGE.dates),
  });
  return json(
    { ...work, step: MY_WORK_PAGE, maxCases: MY_WORK_MAX.cases },
    { headers: { "Cache-Control": "no-store" } },
  );
});

function pageSize(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The same page with one list's count raised by a step. */
function useMoreHref(name: "cases" | "dates", shown: number, step: number): string {
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  next.set(name, String(shown + step));
  return `?${next.toString()}`;
}

type DueItem = ReturnType<typeof useLoaderData<typeof loader>>["next7"][number];

export const handle: TranslatedHandle = {
  i18n: [
    "assignment",
    "categories",
    "myWork",
    "pages",
    "regions",
    "statuses",
    "urgencies",
    "caseFile.proceedings",
  ],
};

export default function MyWorkPage() {
  const {
    cases,
    openCount,
    changed,
    changedCount,
    overdue,
    next7,
    next30,
    moreDates,
    truncated,
    step,
    maxCases,
  } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const datesShown = Math.max(overdue.length, next7.length, next30.length);
  const moreCasesHref = useMoreHref("cases", cases.length, step.cases);
  const moreDatesHref = useMoreHref("dates", datesShown, step.dates);
  return (
    <Page title={t("pages.myCases.title")}>
      {cases.length === 0 && next30.length === 0 && overdue.length === 0 ? (
        <EmptyState>{t("pages.myCases.empty")}</EmptyState>
      ) : null}
      {overdue.length > 0 ? (
        <DueList id="overdue" heading={t("myWork.overdue")} items={overdue} alert />
      ) : null}
      <DueList id="next7" heading={t("myWork.next7")} items={next7} />
      <DueList id="next30" heading={t("myWork.next30")} items={next30} />
      {moreDates.overdue || moreDates.next7 || moreDates.next30 ? (
        <p>
          <Link to={moreDatesHref} preventScrollReset>
            {t("myWork.showMoreDates")}
          </Link>
        </p>
      ) : null}

      {changed.length > 0 ? (
        <section className="panel" aria-labelledby="changed-heading">
          <h2 id="changed-heading">{t("myWork.changed", { number: changedCount })}</h2>
          <ul className="link-list">
            {changed.map((c) => (
              <li key={c.reference}>
                <Link to={`/cases/${c.reference}`}>{c.reference}</Link> ·{" "}
                {t(`categories.${c.category}`)} · {formatDateTime(c.lastActivityAt, i18n.language)}
              </li>
            ))}
          </ul>
          {changedCount > changed.length ? (
            <p className="field__hint">{t("myWork.moreChanged")}</p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("myWork.openCases", { number: openCount })}</h2>
        {truncated ? (
          <p className="field__hint">
            {t("myWork.truncated", { shown: cases.length, total: openCount })}
          </p>
        ) : null}
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
              {c.changedSinceViewed ? (
                <span className="badge badge--new">{t("myWork.changedBadge")}</span>
              ) : null}
              <p className="case-card__title">{t(`categories.${c.category}`)}</p>
              <p className="case-card__meta">
                {[
                  t(`regions.${c.region}`),
                  c.myRole ? t(`assignment.roles.${c.myRole}`) : t("myWork.tookIntake"),
                ].join(" · ")}
              </p>
            </li>
          ))}
        </ul>
        {truncated && cases.length < maxCases ? (
          <p>
            <Link to={moreCasesHref} preventScrollReset>
              {t("myWork.showMoreCases")}
            </Link>
          </p>
        ) : null}
      </section>
    </Page>
  );
}

function DueList({
  id,
  heading,
  items,
  alert,
}: {
  id: string;
  heading: string;
  items: DueItem[];
  alert?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className={alert ? "panel panel--alert" : "panel"} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {items.length === 0 ? <p className="field__hint">{t("myWork.nothingDue")}</p> : null}
      <ul className="notes">
        {items.map((item) => (
          <li key={item.id} className="note">
            <p className="note__meta">
              <strong>
                <time dateTime={item.dueAt}>{formatDateTime(item.dueAt, i18n.language)}</time>
              </strong>{" "}
              · {t(`caseFile.proceedings.dateKinds.${item.kind}`)} ·{" "}
              <Link to={`/cases/${item.case.reference}`}>{item.case.reference}</Link>
            </p>
            <p>
              <SealedText field={item.description} />
              {item.place ? (
                <>
                  {" · "}
                  <SealedText field={item.place} />
                </>
              ) : null}{" "}
              · {t(`caseFile.proceedings.kinds.${item.proceeding.kind}`)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
