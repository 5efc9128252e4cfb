// A person's open sessions: when each began, when it was last used, from where
// and in which browser, each with a button that ends it.
import { useTranslation } from "~/i18n/react";
import { formatDateTime } from "~/utils/format";
import { ActionButton } from "./account-form";

export type ListedSession = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ipAddress: string | null;
  browser: string | null;
  current: boolean;
};

export function SessionsTable({ sessions }: { sessions: ListedSession[] }) {
  const { t, i18n } = useTranslation();
  if (sessions.length === 0) {
    return <p className="field__hint">{t("settings.sessions.none")}</p>;
  }
  return (
    <div className="table-scroll">
      <table className="table case-table">
        <thead>
          <tr>
            <th scope="col">{t("settings.sessions.browser")}</th>
            <th scope="col">{t("settings.sessions.address")}</th>
            <th scope="col">{t("settings.sessions.started")}</th>
            <th scope="col">{t("settings.sessions.lastSeen")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("settings.sessions.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <th scope="row">
                {session.browser ?? t("settings.sessions.unknownBrowser")}
                {session.current ? (
                  <>
                    {" "}
                    <span className="badge">{t("settings.sessions.current")}</span>
                  </>
                ) : null}
              </th>
              <td data-label={t("settings.sessions.address")}>{session.ipAddress ?? "—"}</td>
              <td data-label={t("settings.sessions.started")}>
                {formatDateTime(session.createdAt, i18n.language)}
              </td>
              <td data-label={t("settings.sessions.lastSeen")}>
                {formatDateTime(session.lastSeenAt, i18n.language)}
              </td>
              <td className="case-table__action">
                {session.current ? null : (
                  <ActionButton
                    intent="revoke"
                    hidden={{ sessionId: session.id }}
                    label={t("settings.sessions.revoke")}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
