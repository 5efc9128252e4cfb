// The second step of signing in: a code from the authenticator app, a
// recovery code or a security key; or, for an account with no second factor
// yet where the policy requires one, enrolling an authenticator app.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { CodeForm } from "~/components/second-factor/code-form";
import { QrCode } from "~/components/second-factor/qr-code";
import { RecoveryCodes } from "~/components/second-factor/recovery-codes";
import { SecurityKeySignIn } from "~/components/second-factor/security-key";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from "~/modules/auth/demo-accounts";
import { homePathFor, requirePasswordSession } from "~/modules/auth/guards.server";
import {
  confirmTotpEnrolment,
  factorsOf,
  hasFactor,
  pendingTotpEnrolment,
  secondFactorOutstanding,
  verifySecondFactorCode,
} from "~/modules/auth/second-factor.server";
import { codeSchema } from "~/modules/auth/second-factor-schema";
import { currentTotpCode } from "~/modules/auth/totp";
import { authenticationOptions, verifyAuthentication } from "~/modules/auth/webauthn.server";
import type { ActionResult } from "~/utils/action-result";
import { formAction } from "~/utils/answer.server";
import { isDemoMode } from "~/utils/env.server";
import { requestContext } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePasswordSession(request);
  const redirectTo = safeRedirect(
    new URL(request.url).searchParams.get("redirectTo"),
    homePathFor(session.user.role),
  );
  if (!secondFactorOutstanding(session)) throw redirect(redirectTo);
  const factors = await factorsOf(session.user.id);
  const demoCode =
    isDemoMode() && DEMO_ACCOUNTS.some((account) => account.email === session.user.email)
      ? currentTotpCode(DEMO_TOTP_SECRET)
      : null;
  if (hasFactor(factors)) {
    return json(
      {
        mode: "verify" as const,
        redirectTo,
        totp: factors.totp,
        keyOptions: factors.keys.length > 0 ? await authenticationOptions(session, request) : null,
        enrolment: null,
        demoCode,
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  const enrolment = await pendingTotpEnrolment(session.user);
  return json(
    {
      mode: "enrol" as const,
      redirectTo,
      totp: false,
      keyOptions: null,
      enrolment,
      demoCode: null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 32_768, authorize: requirePasswordSession },
  async ({ request, form, intent, parse, auth: session }) => {
    const context = { ...requestContext(request), sessionId: session.id };
    const next = safeRedirect(form.get("redirectTo"), homePathFor(session.user.role));
    if (!secondFactorOutstanding(session)) return redirect(next);
    if (intent === "key") {
      await verifyAuthentication(session, String(form.get("response") ?? ""), request, context);
      return redirect(next);
    }
    const { code } = parse(codeSchema);
    if (intent === "verify") {
      await verifySecondFactorCode(session, code, context);
      return redirect(next);
    }
    if (intent === "enrol") {
      const recoveryCodes = await confirmTotpEnrolment(session, code, context);
      // Shown once, in the answer to this POST, never behind a redirect.
      return json({ recoveryCodes, next }, { headers: { "Cache-Control": "no-store" } });
    }
    throw new Response("Unknown action", { status: 400 });
  },
);

export const handle: TranslatedHandle = {
  i18n: ["duress", "secondFactor", "security", "setPassword", "validation"],
};

export default function SecondFactorPage() {
  const { mode, redirectTo, totp, keyOptions, enrolment, demoCode } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const refused =
    actionData && "fieldErrors" in actionData ? (actionData as ActionResult) : undefined;

  if (actionData && "recoveryCodes" in actionData) {
    return (
      <Page title={t("secondFactor.enrolled")}>
        {actionData.recoveryCodes.length > 0 ? (
          <RecoveryCodes codes={actionData.recoveryCodes} />
        ) : null}
        <p>
          <a className="button button--primary" href={actionData.next}>
            {t("secondFactor.continue")}
          </a>
        </p>
      </Page>
    );
  }

  return (
    <Page
      title={mode === "verify" ? t("secondFactor.title") : t("secondFactor.enrolTitle")}
      intro={mode === "verify" ? t("secondFactor.intro") : t("secondFactor.enrolIntro")}
    >
      {mode === "verify" ? (
        <>
          {demoCode ? (
            <p className="alert alert--ok" role="note">
              {t("secondFactor.demoCode", { code: demoCode })}
            </p>
          ) : null}
          {keyOptions ? (
            <SecurityKeySignIn options={keyOptions} redirectTo={redirectTo} result={refused} />
          ) : null}
          <CodeForm
            intent="verify"
            redirectTo={redirectTo}
            result={refused}
            submitLabel={t("secondFactor.submit")}
            hint={totp ? t("secondFactor.codeHint") : t("secondFactor.recoveryOnlyHint")}
          />
        </>
      ) : enrolment ? (
        <>
          <ol className="steps">
            <li>{t("secondFactor.enrolStep1")}</li>
            <li>{t("secondFactor.enrolStep2")}</li>
            <li>{t("secondFactor.enrolStep3")}</li>
          </ol>
          <QrCode
            size={enrolment.qr.size}
            path={enrolment.qr.path}
            label={t("secondFactor.qrLabel")}
          />
          <p>
            {t("secondFactor.secretText")} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <CodeForm
            intent="enrol"
            redirectTo={redirectTo}
            result={refused}
            submitLabel={t("secondFactor.enrolSubmit")}
          />
        </>
      ) : null}
      <Form method="post" action="/logout" reloadDocument>
        <button type="submit" className="button">
          {t("nav.signOut")}
        </button>
      </Form>
      <p className="field__hint">{t("secondFactor.lostDevice")}</p>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
