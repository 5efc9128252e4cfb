// A person's own settings: where they are signed in (ending any of those
// sessions) and changing their password, which ends their other sessions.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TextField } from "~/components/form/fields";
import { Page } from "~/components/page";
import { AccountForm } from "~/components/people/account-form";
import { SessionsTable } from "~/components/people/sessions-table";
import { requireSession } from "~/modules/auth/guards.server";
import { blankSessionCookie } from "~/modules/auth/session.server";
import { changeOwnPassword, listSessions, revokeSession } from "~/modules/people/accounts.server";
import type { ActionResult } from "~/utils/action-result";
import { changePasswordSchema, revokeSessionSchema } from "~/modules/people/schema";
import { formAction, loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const session = await requireSession(request);
  const sessions = await listSessions(session.user.id, session.id);
  return json({ sessions }, { headers: { "Cache-Control": "no-store" } });
});

const DONE = new Set(["revoke", "password"]);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 8_192 },
  async ({ request, intent, body, parse }) => {
    const session = await requireSession(request);
    const context = requestContext(request);
    if (intent === "revoke") {
      const parsed = revokeSessionSchema.safeParse(body);
      if (!parsed.success) throw new Response("Bad request", { status: 400 });
      await revokeSession(session.user, parsed.data.sessionId, context);
      if (parsed.data.sessionId === session.id) {
        return redirect("/login?signedOut=1", { headers: { "Set-Cookie": blankSessionCookie() } });
      }
    } else if (intent === "password") {
      const { currentPassword, newPassword } = parse(changePasswordSchema, body);
      await changeOwnPassword(session.user, currentPassword, newPassword, session.id, context);
    } else {
      throw new Response("Unknown action", { status: 400 });
    }
    return redirect(`/settings?done=${intent}`);
  },
);

export const handle: TranslatedHandle = {
  i18n: ["admin", "duress", "setPassword", "settings", "validation"],
};

export default function SettingsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const done = searchParams.get("done");

  return (
    <Page title={t("settings.title")} intro={t("settings.intro")}>
      <p>
        <Link to="/security">{t("settings.securityLink")}</Link>
      </p>
      {done && DONE.has(done) && !refused ? (
        <p className="alert alert--ok" role="status">
          {t(`settings.done.${done}`)}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("settings.sessions.title")}</h2>
        <p className="field__hint">{t("settings.sessions.intro")}</p>
        <SessionsTable sessions={sessions} />
      </section>

      <section className="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("settings.password.title")}</h2>
        <p className="field__hint">{t("settings.password.intro")}</p>
        <AccountForm
          intent="password"
          schema={changePasswordSchema}
          defaults={{ currentPassword: "", newPassword: "", confirm: "" }}
          result={refused}
          submitLabel={t("settings.password.submit")}
        >
          <TextField
            name="currentPassword"
            type="password"
            label={t("settings.password.current")}
            autoComplete="current-password"
            required
          />
          <TextField
            name="newPassword"
            type="password"
            label={t("settings.password.new")}
            hint={t("setPassword.rules")}
            autoComplete="new-password"
            required
          />
          <TextField
            name="confirm"
            type="password"
            label={t("settings.password.confirm")}
            autoComplete="new-password"
            required
          />
        </AccountForm>
      </section>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
