// How far a case's account has been checked: lawyers and coordinators set it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";
import { VERIFICATION_LEVELS } from "~/modules/reports/filters";
import { setVerificationLevel, verificationOf } from "~/modules/reports/verification.server";
import { formAction, loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireRole(request, "LAWYER", "COORDINATOR");
    const found = await verificationOf(user, params.reference ?? "", {
      page: "verification",
      context: requestContext(request),
    });
    return json(
      { reference: found.reference, level: found.verificationLevel },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 4_096, intent: "verification" },
  async ({ request, params, form }) => {
    const user = await requireRole(request, "LAWYER", "COORDINATOR");
    const reference = params.reference ?? "";
    await setVerificationLevel(user, reference, form.get("level"), requestContext(request));
    return redirect(`/cases/${reference}`);
  },
);

export const handle: TranslatedHandle = { i18n: ["reports", "validation"] };

export default function VerificationPage() {
  const { reference, level } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const error = answer?.fieldErrors?.level;
  return (
    <Page
      title={t("reports.verification.title", { reference })}
      intro={t("reports.verification.intro")}
    >
      <Form method="post">
        <fieldset aria-describedby={error ? "level-error" : undefined}>
          <legend>{t("reports.filters.level")}</legend>
          {VERIFICATION_LEVELS.map((value) => (
            <div key={value} className="checkbox">
              <input
                type="radio"
                id={`level-${value}`}
                name="level"
                value={value}
                defaultChecked={value === level}
              />
              <label htmlFor={`level-${value}`}>{t(`reports.levels.${value}`)}</label>
            </div>
          ))}
          {error ? (
            <p id="level-error" className="field__error" role="alert">
              {t(error)}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="button button--primary">
          {t("reports.verification.submit")}
        </button>{" "}
        <Link to={`/cases/${reference}`}>{t("reports.verification.back")}</Link>
      </Form>
    </Page>
  );
}
