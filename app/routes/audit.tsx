import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState, Page } from "~/components/page";
import { recentAuditEntries } from "~/modules/audit/audit.server";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json({ entries: await recentAuditEntries() });
}

export default function AuditPage() {
  const { entries } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Page title={t("pages.audit.title")} intro={t("pages.audit.intro")}>
      {entries.length === 0 ? (
        <EmptyState>{t("pages.audit.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("pages.audit.time")}</th>
                <th scope="col">{t("pages.audit.actor")}</th>
                <th scope="col">{t("pages.audit.action")}</th>
                <th scope="col">{t("pages.audit.target")}</th>
                <th scope="col">{t("pages.audit.address")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{entry.seq}</td>
                  <td>
                    <time dateTime={entry.createdAt}>
                      {entry.createdAt.slice(0, 19).replace("T", " ")}
                    </time>
                  </td>
                  <td>{entry.actor?.displayName ?? t("pages.audit.nobody")}</td>
                  <td>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</td>
                  <td>
                    {entry.targetType
                      ? `${entry.targetType}:${entry.targetId ?? ""}`
                      : t("pages.audit.nobody")}
                  </td>
                  <td>{entry.ipAddress ?? t("pages.audit.nobody")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
