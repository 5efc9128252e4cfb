import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "~/i18n/react";
import type { TranslatedHandle } from "~/i18n/sections";
import { Field } from "~/components/ui/field";
import { isLanguage } from "~/i18n/config";
import { languageCookie, languageFor } from "~/i18n/i18n.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "~/modules/auth/demo-accounts";
import { homePathFor, requireAnonymous } from "~/modules/auth/guards.server";
import { login } from "~/modules/auth/login.server";
import { loginSchema } from "~/modules/auth/schema";
import { sessionCookie } from "~/modules/auth/session.server";
import { formAction } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { isDemoMode } from "~/utils/env.server";
import { messageParts } from "~/utils/forms";
import { formatDuration } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { useValidatedForm } from "~/utils/use-validated-form";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({ demoAccounts: isDemoMode() ? DEMO_ACCOUNTS : null });
}

// A refusal answers through the one mapper (answer.server.ts): what was typed
// comes back without the password; the throttle's message names the wait, in
// the reader's language, and its 429 carries Retry-After.
export const action = /* @__PURE__ */ formAction(
  { maxBytes: 8_192, authorize: requireAnonymous },
  async ({ request, parse }) => {
    const { email, password, redirectTo } = parse(loginSchema);
    const result = await login({ email, password }, requestContext(request));
    if (!result.ok) {
      if (result.reason !== "throttled") throw DomainError.invalidField("form", "login.invalid");
      const time = formatDuration(result.retryAfterSeconds, await languageFor(request));
      throw DomainError.tooMany(
        `login.throttled|${JSON.stringify({ time })}`,
        "form",
        result.retryAfterSeconds,
      );
    }
    const next = safeRedirect(redirectTo, homePathFor(result.role));
    // The password alone opens nothing when a second factor is due: check (or enrol) it first.
    const location =
      result.secondFactor === "pending"
        ? `/second-factor${next === "/" ? "" : `?${new URLSearchParams({ redirectTo: next })}`}`
        : next;
    const headers = new Headers({ "Set-Cookie": sessionCookie(result.token) });
    if (isLanguage(result.locale))
      headers.append("Set-Cookie", await languageCookie.serialize(result.locale));
    return redirect(location, { headers });
  },
);

/** The page a phone opens first: its own texts and the form's messages only. */
export const handle: TranslatedHandle = { i18n: ["login", "validation", "setPassword"] };

export default function LoginPage() {
  const { demoAccounts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const typed = actionData?.values as { email?: string; redirectTo?: string } | undefined;
  const redirectTo = typed?.redirectTo ?? searchParams.get("redirectTo") ?? "";
  const { register, handleSubmit, errorFor } = useValidatedForm(loginSchema, {
    defaultValues: { email: typed?.email ?? "", password: "", redirectTo },
    serverErrors: actionData?.fieldErrors,
    formId: "login-form",
  });
  // Signing in loads a new document: the page is then rendered in the account's
  // own language, which the browser's i18n instance (one language per document)
  // could not switch to on a client-side navigation.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    void handleSubmit(() => form.submit())(event);
  };

  return (
    <section className="page page--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <p className="lead">{t("login.intro")}</p>
      {!actionData && searchParams.get("signedOut") ? (
        <p className="alert alert--ok" role="status">
          {t("login.signedOut")}
        </p>
      ) : null}
      {!actionData && searchParams.get("passwordSet") ? (
        <p className="alert alert--ok" role="status">
          {t("setPassword.done")}
        </p>
      ) : null}
      {!actionData && searchParams.get("ended") ? (
        <p className="alert alert--warn" role="status">
          {t("login.sessionEnded")}
        </p>
      ) : null}
      {actionData?.formError ? (
        <p className="alert alert--error" role="alert">
          {t(...messageParts(actionData.formError))}
        </p>
      ) : null}
      <Form
        id="login-form"
        method="post"
        reloadDocument
        noValidate
        onSubmit={onSubmit}
        className="stack"
      >
        <input type="hidden" {...register("redirectTo")} />
        <Field
          label={t("login.email")}
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          error={errorFor("email")}
          {...register("email")}
        />
        <Field
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          error={errorFor("password")}
          {...register("password")}
        />
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={navigation.state === "submitting"}
        >
          {t("login.submit")}
        </button>
      </Form>
      {demoAccounts ? (
        <aside className="demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{t("login.demoTitle")}</h2>
          <p>{t("login.demoHint", { password: DEMO_PASSWORD })}</p>
          <p>
            {t("login.demoTotp")} <code>{DEMO_TOTP_SECRET}</code>
          </p>
          <ul>
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <code>{account.email}</code> — {t(`roles.${account.role}`)}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </section>
  );
}
