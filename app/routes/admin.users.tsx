import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";
import { listUsers } from "~/modules/people/people.server";
import { formatDate } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json({ users: await listUsers() });
}

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <Page title={t("pages.users.title")} intro={t("pages.users.intro")}>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("pages.users.name")}</th>
              <th scope="col">{t("pages.users.email")}</th>
              <th scope="col">{t("pages.users.role")}</th>
              <th scope="col">{t("pages.users.regions")}</th>
              <th scope="col">{t("pages.users.status")}</th>
              <th scope="col">{t("pages.users.since")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.displayName}</th>
                <td>{user.email}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{user.regions.map((r) => t(`regions.${r.region}`)).join(", ")}</td>
                <td>{user.active ? t("pages.users.active") : t("pages.users.inactive")}</td>
                <td>{formatDate(user.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
