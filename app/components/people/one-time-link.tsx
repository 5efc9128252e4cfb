// A set-password link, shown once to the admin who must pass it on.
import { useTranslation } from "~/i18n/react";
import { formatDateTime } from "~/utils/format";

export function OneTimeLink({
  heading,
  link,
  expiresAt,
}: {
  heading: string;
  link: string;
  expiresAt: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel panel--alert" aria-labelledby="one-time-link-heading" role="status">
      <h2 id="one-time-link-heading">{heading}</h2>
      <div className="field">
        <label htmlFor="one-time-link">{t("admin.users.linkLabel")}</label>
        <input
          id="one-time-link"
          type="text"
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby="one-time-link-hint"
        />
        <p id="one-time-link-hint" className="field__hint">
          {t("admin.users.linkHint", { time: formatDateTime(expiresAt, i18n.language) })}
        </p>
      </div>
    </section>
  );
}
