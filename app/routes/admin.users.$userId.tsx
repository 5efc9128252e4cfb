// One account for its admin: role and regions, deactivation, a forced
// password reset (its link shown once) and the person's open sessions.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import { AccessFields } from "~/components/people/access-fields";
import { AccountForm, ActionButton } from "~/components/people/account-form";
import { OneTimeLink } from "~/components/people/one-time-link";
import { SessionsTable } from "~/components/people/sessions-table";
import { reviewDuressLock } from "~/modules/auth/duress.server";
import {
  requireRecentSecondFactor,
  requireRole,
  requireSession,
} from "~/modules/auth/guards.server";
import { adminResetSecondFactor, securityStatusOf } from "~/modules/auth/second-factor.server";
import {
  deactivate,
  forcePasswordReset,
  getAccount,
  listSessions,
  reactivate,
  revokeSession,
  updateAccess,
} from "~/modules/people/accounts.server";
import type { ActionResult } from "~/utils/action-result";
import { accessSchema, revokeSessionSchema } from "~/modules/people/schema";
import { formAction, loaderWith } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { formatDateTime } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.displayName} · Adal` : "Adal" },
];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    await requireRole(request, "ADMIN");
    const session = await requireSession(request);
    const account = await getAccount(params.userId ?? "");
    const [sessions, security] = await Promise.all([
      listSessions(account.id, session.id),
      securityStatusOf(account.id),
    ]);
    return json(
      { account, sessions, security, self: account.id === session.user.id },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

const DONE = new Set([
  "access",
  "deactivate",
  "reactivate",
  "revoke",
  "resetSecondFactor",
  "reviewDuress",
]);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 16_384 },
  async ({ request, params, intent, body, parse }) => {
    const admin = await requireRole(request, "ADMIN");
    const account = await getAccount(params.userId ?? "");
    const context = requestContext(request);
    const back = `/admin/users/${account.id}`;
    // Changing a role needs a second factor checked in the last 10 minutes.
    if (intent === "access") await requireRecentSecondFactor(request, { returnTo: back });
    if (intent === "resetSecondFactor") {
      await adminResetSecondFactor(admin, account.id, context);
    } else if (intent === "reviewDuress") {
      await reviewDuressLock(admin, account.id, context);
    } else if (intent === "access") {
      await updateAccess(admin, account.id, parse(accessSchema, body), context);
    } else if (intent === "deactivate") {
      await deactivate(admin, account.id, context);
    } else if (intent === "reactivate") {
      await reactivate(admin, account.id, context);
    } else if (intent === "reset") {
      // Answered to the POST, not behind a redirect: the link must not land in
      // a URL, the history or a cookie, and it is shown once.
      const link = await forcePasswordReset(admin, account.id, context);
      return json(
        {
          reset: {
            link: new URL(link.path, request.url).toString(),
            expiresAt: link.expiresAt.toISOString(),
          },
        },
        { headers: { "Cache-Control": "no-store" } },
      );
    } else if (intent === "revoke") {
      const parsed = revokeSessionSchema.safeParse(body);
      if (!parsed.success) throw new Response("Bad request", { status: 400 });
      // Only this account's sessions from this page: another id is "not found".
      const sessions = await listSessions(account.id);
      if (!sessions.some((s) => s.id === parsed.data.sessionId)) throw DomainError.notFound();
      await revokeSession(admin, parsed.data.sessionId, context);
    } else {
      throw new Response("Unknown action", { status: 400 });
    }
    return redirect(DONE.has(intent) ? `${back}?done=${intent}` : back);
  },
);

export const handle: TranslatedHandle = {
  i18n: [
    "admin",
    "duress",
    "pages",
    "regions",
    "secondFactor",
    "setPassword",
    "settings",
    "validation",
  ],
};

export default function AccountPage() {
  const { account, sessions, security, self } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const reset = actionData && "reset" in actionData ? actionData.reset : null;
  const refused =
    actionData && "fieldErrors" in actionData ? (actionData as ActionResult) : undefined;
  const done = searchParams.get("done");
  const refusedButton =
    refused &&
    ["deactivate", "reactivate", "reset", "revoke", "resetSecondFactor", "reviewDuress"].includes(
      refused.intent,
    )
      ? refused.formError
      : undefined;

  return (
    <Page
      title={account.displayName}
      intro={account.email}
      actions={<Link to="/admin/users">{t("admin.users.backToList")}</Link>}
    >
      {done && DONE.has(done) && !actionData ? (
        <p className="alert alert--ok" role="status">
          {t(`admin.users.done.${done}`)}
        </p>
      ) : null}
      {refusedButton ? (
        <p className="alert alert--error" role="alert">
          {t(refusedButton)}
        </p>
      ) : null}
      {reset ? (
        <OneTimeLink
          heading={t("admin.users.resetDone", { name: account.displayName })}
          link={reset.link}
          expiresAt={reset.expiresAt}
        />
      ) : null}

      <dl className="facts">
        <dt>{t("pages.users.status")}</dt>
        <dd>
          {!account.active
            ? t("pages.users.inactive")
            : account.hasPassword
              ? t("pages.users.active")
              : account.linkExpiresAt
                ? t("admin.users.linkPendingUntil", {
                    time: formatDateTime(account.linkExpiresAt, i18n.language),
                  })
                : t("admin.users.noPassword")}
        </dd>
        <dt>{t("admin.users.lastSeen")}</dt>
        <dd>
          {account.lastSeenAt
            ? formatDateTime(account.lastSeenAt, i18n.language)
            : t("admin.users.never")}
        </dd>
        <dt>{t("pages.users.since")}</dt>
        <dd>{formatDateTime(account.createdAt, i18n.language)}</dd>
      </dl>

      <section className="panel" aria-labelledby="access-heading">
        <h2 id="access-heading">{t("admin.users.access")}</h2>
        <p className="field__hint">{t("admin.users.accessHint")}</p>
        <AccountForm
          intent="access"
          schema={accessSchema}
          defaults={{ role: account.role, regions: account.regions }}
          result={refused}
          submitLabel={t("admin.users.saveAccess")}
          idPrefix="access-"
        >
          <AccessFields />
        </AccountForm>
      </section>

      {self ? null : (
        <section className="panel" aria-labelledby="account-heading">
          <h2 id="account-heading">{t("admin.users.accountHeading")}</h2>
          {account.active ? (
            <>
              <p className="field__hint">{t("admin.users.resetHint")}</p>
              <ActionButton intent="reset" label={t("admin.users.reset")} />
              <p className="field__hint">{t("admin.users.deactivateHint")}</p>
              <ActionButton intent="deactivate" label={t("admin.users.deactivate")} />
            </>
          ) : (
            <>
              <p className="field__hint">{t("admin.users.reactivateHint")}</p>
              <ActionButton intent="reactivate" label={t("admin.users.reactivate")} />
            </>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="security-heading">
        <h2 id="security-heading">{t("admin.security.title")}</h2>
        <p>
          {security.totp || security.keys > 0
            ? t("admin.security.enrolled", { keys: security.keys })
            : t("admin.security.notEnrolled")}
        </p>
        {security.duressLockedAt ? (
          <>
            <p className="alert alert--error" role="alert">
              {t("admin.security.duressLocked", {
                time: formatDateTime(security.duressLockedAt, i18n.language),
              })}
            </p>
            {self ? null : (
              <ActionButton intent="reviewDuress" label={t("admin.security.reviewDuress")} />
            )}
          </>
        ) : null}
        {self ? null : (
          <>
            <p className="field__hint">{t("admin.security.resetHint")}</p>
            <ActionButton intent="resetSecondFactor" label={t("admin.security.reset")} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("admin.users.sessions")}</h2>
        <SessionsTable sessions={sessions} />
      </section>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
