// The ten recovery codes, shown once right after they are made.
import { useTranslation } from "~/i18n/react";

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">{t("secondFactor.recovery.title")}</h2>
      <p className="alert alert--warn" role="status">
        {t("secondFactor.recovery.once")}
      </p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
