// Setting a password through a single-use link from an admin (a new account
// or a forced reset). Whoever is signed in in this browser is signed out, and
// the person then signs in with the new password.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TextField } from "~/components/form/fields";
import { AccountForm } from "~/components/people/account-form";
import { getSession } from "~/modules/auth/guards.server";
import { logout } from "~/modules/auth/login.server";
import { blankSessionCookie } from "~/modules/auth/session.server";
import { checkPasswordLink, redeemPasswordToken } from "~/modules/people/accounts.server";
import type { ActionResult } from "~/utils/action-result";
import { setPasswordSchema } from "~/modules/people/schema";
import { formAction, loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

const NO_STORE = { "Cache-Control": "no-store" };

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const link = await checkPasswordLink(params.token ?? "");
    const signedIn = (await getSession(request)) !== null;
    return json(
      link.ok
        ? {
            ok: true as const,
            purpose: link.purpose,
            name: link.displayName,
            email: link.email,
            signedIn,
          }
        : { ok: false as const, reason: link.reason, signedIn },
      { headers: NO_STORE },
    );
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 8_192, intent: "set-password" },
  async ({ request, params, body, parse }) => {
    const { password } = parse(setPasswordSchema, body);
    const context = requestContext(request);
    await redeemPasswordToken(params.token ?? "", password, context);
    // Someone else signed in in this browser is signed out: the next sign-in is the link's owner.
    const session = await getSession(request);
    if (session) await logout(session, context);
    return redirect("/login?passwordSet=1", {
      headers: { "Set-Cookie": blankSessionCookie(), ...NO_STORE },
    });
  },
);

export const handle: TranslatedHandle = {
  i18n: ["admin", "duress", "setPassword", "settings", "validation"],
};

export default function SetPasswordPage() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();

  return (
    <section className="page page--narrow" aria-labelledby="set-password-title">
      <h1 id="set-password-title">{t("setPassword.title")}</h1>
      {data.ok ? (
        <>
          <p className="lead">
            {t(data.purpose === "INVITE" ? "setPassword.introInvite" : "setPassword.introReset", {
              name: data.name,
              email: data.email,
            })}
          </p>
          <p className="field__hint">{t("setPassword.rules")}</p>
          {data.signedIn ? (
            <p className="alert alert--warn" role="status">
              {t("setPassword.signedInNote")}
            </p>
          ) : null}
          <AccountForm
            intent="set-password"
            schema={setPasswordSchema}
            defaults={{ password: "", confirm: "" }}
            result={refused}
            submitLabel={t("setPassword.submit")}
            reloadDocument
          >
            {/* Lets password managers store the new password under the right account. */}
            <input
              type="email"
              name="username"
              value={data.email}
              autoComplete="username"
              readOnly
              hidden
            />
            <TextField
              name="password"
              type="password"
              label={t("setPassword.password")}
              autoComplete="new-password"
              required
            />
            <TextField
              name="confirm"
              type="password"
              label={t("setPassword.confirm")}
              autoComplete="new-password"
              required
            />
          </AccountForm>
        </>
      ) : (
        <>
          <p className="alert alert--error" role="alert">
            {t(`setPassword.errors.${data.reason}`)}
          </p>
          <p>{t("setPassword.askAdmin")}</p>
          <p>
            <Link to="/login">{t("setPassword.toLogin")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
