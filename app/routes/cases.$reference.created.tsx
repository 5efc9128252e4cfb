import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import type { TranslatedHandle } from "~/i18n/sections";
import { clearIntakeDrafts } from "~/components/intake/use-intake-draft";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { SealedText } from "~/components/sealed-text";
import { intakeConfirmation } from "~/modules/cases/cases.server";
import { requestContext } from "~/utils/request.server";
import { loaderWith } from "~/utils/answer.server";

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const confirmation = await intakeConfirmation(
      user,
      params.reference ?? "",
      requestContext(request),
    );
    return json(confirmation, { headers: { "Cache-Control": "no-store" } });
  },
);

export const handle: TranslatedHandle = { i18n: ["intake"] };

export default function IntakeCreatedPage() {
  const { reference, workers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // The intake is saved: the draft kept in this tab has done its job.
  useEffect(() => clearIntakeDrafts(), []);
  return (
    <Page title={t("intake.created.title")}>
      <div className="alert alert--ok created" role="status">
        <p>{t("intake.created.body")}</p>
        <p className="reference" data-testid="case-reference">
          {reference}
        </p>
      </div>
      {workers.length > 0 ? (
        <section aria-labelledby="created-workers">
          <h2 id="created-workers">{t("intake.created.workersHeading")}</h2>
          <p className="field__hint">{t("intake.created.workersHint")}</p>
          <ul className="plain-list">
            {workers.map((worker) => (
              <li key={worker.pseudonym}>
                <strong className="pseudonym">{worker.pseudonym}</strong>
                {worker.fullName ? (
                  <>
                    {" · "}
                    <SealedText field={worker.fullName} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>{t("intake.created.next")}</p>
      <div className="form-actions">
        <Link to="/cases/new" className="button button--primary">
          {t("intake.created.another")}
        </Link>
        <Link to={`/cases/${reference}`} className="button">
          {t("intake.created.open")}
        </Link>
        <Link to="/cases/mine" className="button button--quiet">
          {t("intake.created.mine")}
        </Link>
      </div>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
