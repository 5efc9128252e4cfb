// Accounts: everyone who can sign in, and a form to create an account. The
// person chooses their own password through a single-use link that the admin
// passes on by a channel they trust (email may be read by others).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TextField } from "~/components/form/fields";
import { Page } from "~/components/page";
import { AccessFields } from "~/components/people/access-fields";
import { AccountForm } from "~/components/people/account-form";
import { OneTimeLink } from "~/components/people/one-time-link";
import { requireRole } from "~/modules/auth/guards.server";
import { inviteUser, listAccounts } from "~/modules/people/accounts.server";
import type { ActionResult } from "~/utils/action-result";
import { inviteSchema } from "~/modules/people/schema";
import { formAction, loaderWith } from "~/utils/answer.server";
import { formatDateTime } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  await requireRole(request, "ADMIN");
  return json({ users: await listAccounts() }, { headers: { "Cache-Control": "no-store" } });
});

type Created = { displayName: string; link: string; expiresAt: string };

// The invitation link is answered to the POST itself, not put behind a
// redirect: it must not land in a URL, the history or a cookie, and it is
// shown exactly once. Reloading would post again and be refused (email taken).
export const action = /* @__PURE__ */ formAction(
  { maxBytes: 16_384 },
  async ({ request, intent, body, parse }) => {
    const admin = await requireRole(request, "ADMIN");
    if (intent !== "invite") throw new Response("Unknown action", { status: 400 });
    const invitation = parse(inviteSchema, body);
    const { link } = await inviteUser(admin, invitation, requestContext(request));
    const created: Created = {
      displayName: invitation.displayName,
      link: new URL(link.path, request.url).toString(),
      expiresAt: link.expiresAt.toISOString(),
    };
    return json({ created }, { headers: { "Cache-Control": "no-store" } });
  },
);

export const handle: TranslatedHandle = {
  i18n: ["admin", "duress", "pages", "regions", "setPassword", "settings", "validation"],
};

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const created = actionData && "created" in actionData ? actionData.created : null;
  const refused =
    actionData && "fieldErrors" in actionData ? (actionData as ActionResult) : undefined;

  return (
    <Page title={t("pages.users.title")} intro={t("pages.users.intro")}>
      {created ? (
        <OneTimeLink
          heading={t("admin.users.invited", { name: created.displayName })}
          link={created.link}
          expiresAt={created.expiresAt}
        />
      ) : null}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("pages.users.name")}</th>
              <th scope="col">{t("pages.users.email")}</th>
              <th scope="col">{t("pages.users.role")}</th>
              <th scope="col">{t("pages.users.regions")}</th>
              <th scope="col">{t("pages.users.status")}</th>
              <th scope="col">{t("admin.users.lastSeen")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  <Link to={`/admin/users/${user.id}`}>{user.displayName}</Link>
                </th>
                <td>{user.email}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{user.regions.map((region) => t(`regions.${region}`)).join(", ")}</td>
                <td>
                  {!user.active
                    ? t("pages.users.inactive")
                    : user.hasPassword
                      ? t("pages.users.active")
                      : user.linkExpiresAt
                        ? t("admin.users.linkPending")
                        : t("admin.users.noPassword")}
                </td>
                <td>
                  {user.lastSeenAt
                    ? formatDateTime(user.lastSeenAt, i18n.language)
                    : t("admin.users.never")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("admin.users.create")}</h2>
        <p className="field__hint">{t("admin.users.createHint")}</p>
        <AccountForm
          // A new form after each account created, so the fields start empty.
          key={created?.link ?? "invite"}
          intent="invite"
          schema={inviteSchema}
          defaults={{ email: "", displayName: "", role: "", regions: [] }}
          result={refused}
          submitLabel={t("admin.users.createSubmit")}
          idPrefix="invite-"
        >
          <TextField name="displayName" label={t("pages.users.name")} autoComplete="off" required />
          <TextField
            name="email"
            label={t("pages.users.email")}
            type="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <AccessFields />
        </AccountForm>
      </section>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
