// Step-up: exports, role changes and key operations need a second factor
// checked within the last 10 minutes. This page checks one and goes back.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { CodeForm } from "~/components/second-factor/code-form";
import { SecurityKeySignIn } from "~/components/second-factor/security-key";
import { homePathFor, requireSession } from "~/modules/auth/guards.server";
import {
  factorsOf,
  hasFactor,
  hasRecentSecondFactor,
  verifySecondFactorCode,
} from "~/modules/auth/second-factor.server";
import { codeSchema } from "~/modules/auth/second-factor-schema";
import { authenticationOptions, verifyAuthentication } from "~/modules/auth/webauthn.server";
import type { ActionResult } from "~/utils/action-result";
import { formAction } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const redirectTo = safeRedirect(
    new URL(request.url).searchParams.get("redirectTo"),
    homePathFor(session.user.role),
  );
  const factors = await factorsOf(session.user.id);
  return json(
    {
      redirectTo,
      enrolled: hasFactor(factors),
      recent: hasRecentSecondFactor(session),
      totp: factors.totp,
      keyOptions: factors.keys.length > 0 ? await authenticationOptions(session, request) : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 32_768, authorize: requireSession },
  async ({ request, form, intent, parse, auth: session }) => {
    const context = { ...requestContext(request), sessionId: session.id };
    const next = safeRedirect(form.get("redirectTo"), homePathFor(session.user.role));
    if (intent === "key") {
      await verifyAuthentication(session, String(form.get("response") ?? ""), request, context);
      return redirect(next);
    }
    if (intent !== "verify") throw new Response("Unknown action", { status: 400 });
    await verifySecondFactorCode(session, parse(codeSchema).code, context);
    return redirect(next);
  },
);

export const handle: TranslatedHandle = {
  i18n: ["duress", "secondFactor", "security", "setPassword", "stepUp", "validation"],
};

export default function StepUpPage() {
  const { redirectTo, enrolled, totp, keyOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refused = actionData as ActionResult | undefined;
  const { t } = useTranslation();
  return (
    <Page title={t("stepUp.title")} intro={t("stepUp.intro")}>
      {enrolled ? (
        <>
          {keyOptions ? (
            <SecurityKeySignIn options={keyOptions} redirectTo={redirectTo} result={refused} />
          ) : null}
          <CodeForm
            intent="verify"
            redirectTo={redirectTo}
            result={refused}
            submitLabel={t("stepUp.submit")}
            hint={totp ? t("secondFactor.codeHint") : t("secondFactor.recoveryOnlyHint")}
          />
        </>
      ) : (
        <p className="alert alert--warn" role="status">
          {t("stepUp.enrolFirst")} <Link to="/security">{t("security.title")}</Link>
        </p>
      )}
      <p>
        <Link to={redirectTo}>{t("stepUp.back")}</Link>
      </p>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
