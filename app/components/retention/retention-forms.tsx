// The legal hold and forgetting forms of a case's retention page, and the
// small panel the case page shows: a hold in force, or content destroyed.
import { SealedText, sealedWord, type ReadableField } from "~/components/sealed-text";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CaseForm } from "~/components/cases/case-forms";
import type { ActionResult as CaseActionResult } from "~/utils/action-result";
import { TextAreaField } from "~/components/form/fields";
import {
  forgetWorkerSchema,
  legalHoldSchema,
  REASON_MAX,
  releaseHoldSchema,
} from "~/modules/retention/schema";
import { formatDate } from "~/utils/format";

/** A hold in force; its reason opened from its seal (or why it cannot be shown). */
type Hold = { id: string; reason: ReadableField; placedAt: string };
type Destroyed = { identities: string | null; texts: string | null; documents: string | null };

/** What was destroyed, grouped by the day it went: "workers' identities, document files". */
export function useDestroyedLines(destroyed: Destroyed): string[] {
  const { t, i18n } = useTranslation();
  const byDay = new Map<string, string[]>();
  for (const [key, category] of [
    ["identities", "IDENTITIES"],
    ["texts", "TEXTS"],
    ["documents", "DOCUMENTS"],
  ] as const) {
    const at = destroyed[key];
    if (!at) continue;
    const day = formatDate(at, i18n.language);
    byDay.set(day, [...(byDay.get(day) ?? []), t(`retention.categories.${category}`)]);
  }
  return [...byDay].map(([date, what]) =>
    t("retention.panel.destroyed", { date, what: what.join(", ") }),
  );
}

/** On the case page: said plainly, instead of fields left empty. */
export function RetentionPanel({
  reference,
  holds,
  destroyed,
  mayManage,
}: {
  reference: string;
  holds: Hold[];
  destroyed: Destroyed;
  mayManage: boolean;
}) {
  const { t } = useTranslation();
  const lines = useDestroyedLines(destroyed);
  if (holds.length === 0 && lines.length === 0 && !mayManage) return null;
  return (
    <section aria-labelledby="retention-heading" className="panel">
      <h2 id="retention-heading">{t("retention.panel.heading")}</h2>
      {lines.map((line) => (
        <p key={line} className="alert alert--warn">
          {line}
        </p>
      ))}
      {holds.length > 0 ? (
        <div className="alert alert--info">
          <p>{t("retention.panel.held")}</p>
          {holds.map((hold) => (
            <p key={hold.id}>
              {t("retention.panel.holdReason", { reason: sealedWord(hold.reason, t) })}
            </p>
          ))}
        </div>
      ) : null}
      {mayManage ? (
        <p>
          <Link to={`/cases/${reference}/retention`}>{t("retention.panel.manage")}</Link>
        </p>
      ) : null}
    </section>
  );
}

export function PlaceHoldForm({ result }: { result?: CaseActionResult }) {
  const { t } = useTranslation();
  return (
    <CaseForm
      intent="hold"
      schema={legalHoldSchema}
      defaults={{ reason: "" }}
      result={result}
      submitLabel={t("retention.hold.place")}
      idPrefix="hold"
    >
      <TextAreaField
        name="reason"
        label={t("retention.hold.reason")}
        hint={t("retention.hold.reasonHint")}
        rows={3}
        maxLength={REASON_MAX}
        required
      />
    </CaseForm>
  );
}

export function ReleaseHoldForm({ hold, result }: { hold: Hold; result?: CaseActionResult }) {
  const { t, i18n } = useTranslation();
  const mine = result?.values?.holdId === hold.id ? result : undefined;
  return (
    <div className="stack">
      <p>
        {t("retention.hold.placedOn", {
          date: formatDate(hold.placedAt, i18n.language),
          reason: sealedWord(hold.reason, t),
        })}
      </p>
      <CaseForm
        intent="release"
        schema={releaseHoldSchema}
        defaults={{ reason: "" }}
        hidden={{ holdId: hold.id }}
        result={mine}
        submitLabel={t("retention.hold.release")}
        idPrefix={`release-${hold.id}`}
      >
        <TextAreaField
          name="reason"
          label={t("retention.hold.releaseReason")}
          rows={2}
          maxLength={REASON_MAX}
          required
        />
      </CaseForm>
    </div>
  );
}

export function ForgetWorkerForm({
  worker,
  result,
}: {
  worker: { id: string; number: number; name: ReadableField | null };
  result?: CaseActionResult;
}) {
  const { t } = useTranslation();
  const mine = result?.values?.workerId === worker.id ? result : undefined;
  const label = t("retention.forget.worker", { number: worker.number });
  return (
    <fieldset className="stack">
      <legend>
        {worker.name ? (
          <>
            {label}: <SealedText field={worker.name} />
          </>
        ) : (
          label
        )}
      </legend>
      <CaseForm
        intent="forget"
        schema={forgetWorkerSchema}
        defaults={{ reason: "" }}
        hidden={{ workerId: worker.id }}
        result={mine}
        submitLabel={t("retention.forget.submit")}
        idPrefix={`forget-${worker.id}`}
      >
        <TextAreaField
          name="reason"
          label={t("retention.forget.reason")}
          rows={2}
          maxLength={REASON_MAX}
          required
        />
      </CaseForm>
    </fieldset>
  );
}
