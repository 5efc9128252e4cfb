// Legal action on the case page: each proceeding with its hearings and
// deadlines (coming up and past, overdue deadlines marked), in Kazakhstan
// time. Lawyers and coordinators get the links to add and edit; organizers
// see it read-only.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SealedText, sealedWord, type ReadableField } from "~/components/sealed-text";
import { formatCalendarDate, formatDateTime } from "~/utils/format";

export type ProceedingDateView = {
  id: string;
  kind: string;
  dueAt: string;
  place: ReadableField | null;
  description: ReadableField;
  outcome: ReadableField | null;
};

export type ProceedingView = {
  id: string;
  kind: string;
  authority: string;
  externalNumber: ReadableField | null;
  filedOn: string | null;
  status: string;
  summary: ReadableField | null;
  dates: ProceedingDateView[];
};

/** A deadline that has passed with nothing recorded of it. */
export function isOverdue(date: ProceedingDateView, asOf: string): boolean {
  return date.kind === "DEADLINE" && date.outcome === null && date.dueAt < asOf;
}

export function ProceedingDateItem({ date, asOf }: { date: ProceedingDateView; asOf: string }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p className="note__meta">
        <strong>{t(`caseFile.proceedings.dateKinds.${date.kind}`)}</strong> ·{" "}
        <time dateTime={date.dueAt}>{formatDateTime(date.dueAt, i18n.language)}</time>
        {date.place ? (
          <>
            {" · "}
            <SealedText field={date.place} />
          </>
        ) : null}
        {isOverdue(date, asOf) ? (
          <>
            {" "}
            <span className="badge badge--urgent">{t("caseFile.proceedings.overdue")}</span>
          </>
        ) : null}
      </p>
      <p>
        <SealedText field={date.description} />
      </p>
      {date.outcome ? (
        <p className="account-text">
          {t("caseFile.proceedings.dates.outcome")}: <SealedText field={date.outcome} />
        </p>
      ) : null}
    </>
  );
}

export function ProceedingSummary({ proceeding }: { proceeding: ProceedingView }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="note__meta">
      {[
        proceeding.authority,
        proceeding.externalNumber
          ? t("caseFile.proceedings.number", {
              number: sealedWord(proceeding.externalNumber, t),
            })
          : null,
        proceeding.filedOn
          ? t("caseFile.proceedings.filed", {
              date: formatCalendarDate(proceeding.filedOn, i18n.language),
            })
          : null,
      ]
        .filter(Boolean)
        .join(" · ")}{" "}
      <span className="badge">{t(`caseFile.proceedings.statuses.${proceeding.status}`)}</span>
    </p>
  );
}

function DateList({
  heading,
  dates,
  asOf,
}: {
  heading: string;
  dates: ProceedingDateView[];
  asOf: string;
}) {
  if (dates.length === 0) return null;
  return (
    <>
      <h4>{heading}</h4>
      <ul className="notes">
        {dates.map((date) => (
          <li key={date.id} className="note">
            <ProceedingDateItem date={date} asOf={asOf} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function ProceedingsPanel({
  reference,
  proceedings,
  canRecord,
  asOf,
}: {
  reference: string;
  proceedings: ProceedingView[];
  canRecord: boolean;
  asOf: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="proceedings-heading" className="panel">
      <h2 id="proceedings-heading">{t("caseFile.proceedings.heading")}</h2>
      {proceedings.length === 0 ? (
        <p className="field__hint">{t("caseFile.proceedings.empty")}</p>
      ) : null}
      <ul className="notes">
        {proceedings.map((proceeding) => {
          const headingId = `proceeding-${proceeding.id}`;
          return (
            <li key={proceeding.id} className="note" aria-labelledby={headingId}>
              <h3 id={headingId}>{t(`caseFile.proceedings.kinds.${proceeding.kind}`)}</h3>
              <ProceedingSummary proceeding={proceeding} />
              {proceeding.summary ? (
                <p className="account-text">
                  <SealedText field={proceeding.summary} />
                </p>
              ) : null}
              {proceeding.dates.length === 0 ? (
                <p className="field__hint">{t("caseFile.proceedings.noDates")}</p>
              ) : null}
              <DateList
                heading={t("caseFile.proceedings.upcoming")}
                dates={proceeding.dates.filter((d) => d.dueAt >= asOf)}
                asOf={asOf}
              />
              <DateList
                heading={t("caseFile.proceedings.past")}
                dates={proceeding.dates.filter((d) => d.dueAt < asOf)}
                asOf={asOf}
              />
              {canRecord ? (
                <p>
                  <Link
                    to={`/cases/${reference}/proceedings/${proceeding.id}`}
                    aria-describedby={headingId}
                  >
                    {t("caseFile.proceedings.edit")}
                  </Link>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canRecord ? (
        <p>
          <Link className="button" to={`/cases/${reference}/proceedings/new`}>
            {t("caseFile.proceedings.add")}
          </Link>
        </p>
      ) : (
        <p className="field__hint">{t("caseFile.proceedings.readOnly")}</p>
      )}
    </section>
  );
}
