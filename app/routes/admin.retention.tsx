// Administrators set how many months after closing each kind of case content
// is kept before the retention rule destroys it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";
import { retentionPeriods, setRetentionPeriods } from "~/modules/retention/retention.server";
import {
  RETENTION_CATEGORIES,
  RETENTION_MONTHS_MAX,
  RETENTION_MONTHS_MIN,
} from "~/modules/retention/schema";
import type { ActionResult } from "~/utils/action-result";
import { formAction, loaderWith } from "~/utils/answer.server";
import { formValues, messageParts } from "~/utils/forms";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  await requireRole(request, "ADMIN");
  return json({ periods: await retentionPeriods() }, { headers: { "Cache-Control": "no-store" } });
});

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 16_384, intent: "periods" },
  async ({ request, form }) => {
    const admin = await requireRole(request, "ADMIN");
    await setRetentionPeriods(admin, formValues(form), requestContext(request));
    return redirect("/admin/retention?done=saved");
  },
);

export const handle: TranslatedHandle = { i18n: ["retention", "validation"] };

export default function RetentionSettingsPage() {
  const { periods } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = (key: string) => {
    const [name, options] = messageParts(key);
    return t(name, options);
  };
  return (
    <Page title={t("retention.admin.title")} intro={t("retention.admin.intro")}>
      {params.get("done") === "saved" && !result ? (
        <p className="alert alert--success" role="status">
          {t("retention.admin.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        {RETENTION_CATEGORIES.map((category) => {
          const error = result?.fieldErrors?.[category];
          const id = `retention-${category}`;
          return (
            <div className="field" key={category}>
              <label htmlFor={id}>{t(`retention.categoryLabels.${category}`)}</label>
              <input
                id={id}
                name={category}
                type="number"
                inputMode="numeric"
                min={RETENTION_MONTHS_MIN}
                max={RETENTION_MONTHS_MAX}
                step={1}
                required
                defaultValue={String(result?.values?.[category] ?? periods[category])}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
              />
              <p className="field__hint" id={`${id}-hint`}>
                {t("retention.admin.hint")}
              </p>
              {error ? (
                <p className="field__error" id={`${id}-error`} role="alert">
                  {message(error)}
                </p>
              ) : null}
            </div>
          );
        })}
        <button type="submit" className="button button--primary">
          {t("retention.admin.save")}
        </button>
      </Form>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
