import { useTranslation } from "~/i18n/react";
import { SealedText, type ReadableField } from "~/components/sealed-text";
import { formatDateTime } from "~/utils/format";

export type CaseView = {
  seq: number;
  createdAt: string;
  ipAddress: string | null;
  name: string | null;
  role: string | null;
  /** A reveal of the workers' identities, with the reason given (the words sealed with the case). */
  reveal: { reason: string; explanation: ReadableField | null } | null;
};

/** "Who viewed this file": the latest openings, from the audit log. */
export function ViewersPanel({ views }: { views: CaseView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="viewers-heading" className="panel">
      <h2 id="viewers-heading">{t("caseFile.viewers.heading")}</h2>
      <p className="field__hint">{t("caseFile.viewers.hint")}</p>
      <ol className="link-list">
        {views.map((view) => (
          <li key={view.seq}>
            <strong>{view.name ?? t("caseFile.someone")}</strong>
            {view.role ? ` · ${t(`roles.${view.role}`)}` : null} ·{" "}
            <time dateTime={view.createdAt}>{formatDateTime(view.createdAt, i18n.language)}</time>
            {view.ipAddress ? ` · ${view.ipAddress}` : null}
            {view.reveal ? (
              <>
                {" · "}
                <strong className="badge badge--high">{t("caseFile.viewers.revealed")}</strong>{" "}
                {t(`caseFile.reveal.reasons.${view.reveal.reason}`)}
                {view.reveal.explanation ? (
                  <>
                    :{" "}
                    <q>
                      <SealedText field={view.reveal.explanation} />
                    </q>
                  </>
                ) : null}
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
