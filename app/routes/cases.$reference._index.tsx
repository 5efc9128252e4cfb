import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { TranslatedHandle } from "~/i18n/sections";
import { FactsList } from "~/components/cases/facts-list";
import { useCountryName } from "~/components/intake/use-country-name";
import { Page } from "~/components/page";
import { SealedText, sealedWord, textOf } from "~/components/sealed-text";
import { requireRecentSecondFactor, requireUser } from "~/modules/auth/guards.server";
import { DocumentsPanel } from "~/components/cases/documents-panel";
import { NotesPanel } from "~/components/cases/notes-panel";
import { OutcomesPanel } from "~/components/cases/outcomes-panel";
import { ProceedingsPanel } from "~/components/cases/proceedings-panel";
import { StatusPanel } from "~/components/cases/status-panel";
import { Timeline } from "~/components/cases/timeline";
import { ViewersPanel } from "~/components/cases/viewers-panel";
import { RetentionPanel } from "~/components/retention/retention-forms";
import { RevealPanel } from "~/components/cases/reveal-form";
import { loadCaseFile } from "~/modules/cases/case-file.server";
import { mayEditFacts } from "~/modules/cases/facts.server";
import { addNote, withdrawNote } from "~/modules/cases/notes.server";
import {
  noteSchema,
  outcomeSchema,
  statusChangeSchema,
  withdrawNoteSchema,
} from "~/modules/cases/schema";
import { recordOutcome } from "~/modules/cases/outcomes.server";
import { revealSchema } from "~/modules/cases/reveal.schema";
import {
  hideIdentities,
  requireRevealableCase,
  revealIdentities,
} from "~/modules/cases/reveal.server";
import { TIMELINE_KINDS } from "~/modules/cases/timeline.server";
import { changeStatus } from "~/modules/cases/workflow.server";
import { formAction, loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/time";
import { formatCalendarDate, formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.caseFile.reference} · Adal` : "Adal" },
];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const kind = new URL(request.url).searchParams.get("kind");
    const kinds = TIMELINE_KINDS.filter((k) => k === kind);
    const file = await loadCaseFile(user, params.reference ?? "", kinds, requestContext(request));
    return json(
      {
        caseFile: file.summary,
        revealedUntil: file.revealedUntil,
        status: file.status,
        notes: file.notes,
        timeline: file.timeline,
        canWriteLegal: file.canWriteLegal,
        outcomes: file.outcomes,
        canRecordOutcomes: file.canRecordOutcomes,
        proceedings: file.proceedings,
        documents: file.documents,
        today: todayInKazakhstan(),
        canEditFacts: mayEditFacts(user),
        daysOpen: file.daysOpen,
        canAssign: file.canAssign,
        viewers: file.viewers,
        retention: {
          ...file.retention,
          mayManage: user.role === "LAWYER" || user.role === "COORDINATOR",
        },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 262_144 },
  async ({ request, params, intent, parse }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    const context = requestContext(request);
    if (intent === "status") {
      await changeStatus(user, reference, parse(statusChangeSchema), context);
      return redirect(`/cases/${reference}?done=status`);
    }
    if (intent === "note") {
      await addNote(user, reference, parse(noteSchema), context);
      return redirect(`/cases/${reference}?done=note`);
    }
    if (intent === "outcome") {
      const { amount, ...outcome } = parse(outcomeSchema);
      await recordOutcome(user, reference, { ...outcome, amountMinor: amount }, context);
      return redirect(`/cases/${reference}?done=outcome`);
    }
    if (intent === "reveal") {
      // The reason first: a reveal without one is refused (400) before anything else happens.
      const reason = parse(revealSchema);
      await requireRevealableCase(user, reference);
      const session = await requireRecentSecondFactor(request, {
        returnTo: `/cases/${reference}#reveal`,
      });
      await revealIdentities(user, session, reference, reason, context);
      return redirect(`/cases/${reference}?done=revealed#workers`);
    }
    if (intent === "hide") {
      await hideIdentities(user, context.sessionId ?? "", reference);
      return redirect(`/cases/${reference}?done=hidden#workers`);
    }
    if (intent.startsWith("withdrawNote:")) {
      await withdrawNote(user, reference, parse(withdrawNoteSchema), context);
      return redirect(`/cases/${reference}?done=withdrawn`);
    }
    throw new Response("Unknown action", { status: 400 });
  },
);

const DONE_MESSAGES: Record<string, string> = {
  status: "caseFile.status.changed",
  note: "caseFile.notes.added",
  withdrawn: "caseFile.notes.withdrawn",
  outcome: "caseFile.outcomes.recorded",
  document: "caseFile.documents.uploaded",
  documentWithdrawn: "caseFile.documents.withdrawn",
  edited: "caseFile.edit.saved",
  unchanged: "caseFile.edit.unchanged",
  workerAdded: "caseFile.edit.workerAdded",
  workerSaved: "caseFile.edit.workerSaved",
  workerRemoved: "caseFile.edit.workerRemoved",
  revealed: "caseFile.reveal.done",
  hidden: "caseFile.reveal.hiddenAgain",
  revealNeeded: "caseFile.reveal.needed",
};

/** What the case file shows and its forms say (sections found by the page sweep and the case e2e). */
export const handle: TranslatedHandle = {
  i18n: [
    "caseFile",
    "intake",
    "statuses",
    "categories",
    "regions",
    "sectors",
    "channels",
    "urgencies",
    "employerRoles",
    "genders",
    "triState",
    "citizenshipOther",
    "assignment",
    "retention",
    "reports",
    "validation",
    "secondFactor",
  ],
};

export default function CasePage() {
  const {
    caseFile,
    revealedUntil,
    status,
    notes,
    timeline,
    canWriteLegal,
    outcomes,
    canRecordOutcomes,
    proceedings,
    documents,
    today,
    canEditFacts,
    daysOpen,
    canAssign,
    viewers,
    retention,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  const done = DONE_MESSAGES[params.get("done") ?? ""];
  const { t, i18n } = useTranslation();
  const countryName = useCountryName();
  const consentLabels = [
    ["consentToStore", "intake.consent.toStore"],
    ["consentToContact", "intake.consent.toContact"],
    ["consentToShare", "intake.consent.toShare"],
    ["consentToCiteAnonymously", "intake.consent.toCite"],
  ] as const;

  return (
    <Page title={`${caseFile.reference} · ${t(`categories.${caseFile.category}`)}`}>
      <p className="case-badges">
        <span className="badge">{t(`statuses.${caseFile.status}`)}</span>
        <span className={`badge badge--${caseFile.urgency.toLowerCase()}`}>
          {t(`urgencies.${caseFile.urgency}`)}
          {caseFile.urgency !== caseFile.suggestedUrgency
            ? ` (${t("caseFile.suggestedUrgency", { urgency: t(`urgencies.${caseFile.suggestedUrgency}`) })})`
            : null}
        </span>
        <span className="badge">{t(`regions.${caseFile.region}`)}</span>
      </p>
      {done && !result ? (
        <p className="alert alert--ok" role="status">
          {t(done)}
        </p>
      ) : null}
      <dl className="summary case-header">
        <div>
          <dt>{t("caseFile.header.assigned")}</dt>
          <dd>
            {caseFile.assignments.length === 0 ? t("caseFile.header.nobody") : null}
            <ul className="plain-list">
              {caseFile.assignments.map((a) => (
                <li key={a.userId}>
                  {a.user.displayName} · {t(`assignment.roles.${a.role}`)}
                </li>
              ))}
            </ul>
            {canAssign ? (
              <Link to={`/cases/${caseFile.reference}/assign`}>{t("caseFile.header.assign")}</Link>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("caseFile.header.daysOpen")}</dt>
          <dd>{daysOpen}</dd>
        </div>
        <div>
          <dt>{t("caseFile.header.nextDate")}</dt>
          <dd>
            {proceedings.nextDue
              ? `${t(`caseFile.proceedings.dateKinds.${proceedings.nextDue.kind}`)} · ${formatDateTime(proceedings.nextDue.dueAt, i18n.language)} · ${sealedWord(proceedings.nextDue.description, t)}`
              : t("caseFile.header.noDate")}
          </dd>
        </div>
        <div>
          <dt>{t("caseFile.header.recorded")}</dt>
          <dd>
            {t("caseFile.recordedBy", {
              name: caseFile.organizer.displayName,
              date: formatDate(caseFile.createdAt, i18n.language),
            })}
          </dd>
        </div>
      </dl>

      {canEditFacts ? (
        <p className="case-actions">
          <Link to={`/cases/${caseFile.reference}/edit`} className="button">
            {t("caseFile.edit.editFacts")}
          </Link>{" "}
          <Link to={`/cases/${caseFile.reference}/workers/new`} className="button">
            {t("caseFile.edit.addWorker")}
          </Link>{" "}
          {canWriteLegal ? (
            <Link to={`/cases/${caseFile.reference}/verification`} className="button">
              {t("reports.verification.link")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {/* In a corridor before a hearing: the summary, the next date and what happened come first. */}
      <Timeline events={timeline} />
      <RetentionPanel
        reference={caseFile.reference}
        holds={retention.holds}
        destroyed={retention.destroyed}
        mayManage={retention.mayManage}
      />

      <h2>{t("caseFile.incident")}</h2>
      <dl className="summary">
        <div>
          <dt>{t("intake.fields.incidentStart")}</dt>
          <dd>
            {formatCalendarDate(caseFile.incidentStart, i18n.language)}
            {caseFile.incidentEnd
              ? ` – ${formatCalendarDate(caseFile.incidentEnd, i18n.language)}`
              : null}
          </dd>
        </div>
        <div>
          <dt>{t("caseFile.place")}</dt>
          <dd>
            <SealedText field={caseFile.place} />
          </dd>
        </div>
        <div>
          <dt>{t("caseFile.channel")}</dt>
          <dd>{t(`channels.${caseFile.channel}`)}</dd>
        </div>
      </dl>

      <h2>{t("caseFile.facts")}</h2>
      <FactsList facts={caseFile.facts} textUnavailable={caseFile.factsTextUnavailable} />

      <h2>{t("caseFile.account")}</h2>
      <p className="account-text">
        {textOf(caseFile.account) === "" && retention.destroyed.texts ? (
          t("retention.panel.textGone")
        ) : (
          <SealedText field={caseFile.account} />
        )}
      </p>

      <h2>{t("caseFile.employers")}</h2>
      {caseFile.employers.length === 0 ? (
        <p>{t("intake.review.noEmployer")}</p>
      ) : (
        <dl className="summary">
          {caseFile.employers.map(({ role, employer }) => (
            <div key={role}>
              <dt>{t(`employerRoles.${role}`)}</dt>
              <dd>
                <Link to={`/cases?employer=${employer.id}`}>{employer.name}</Link>
                {employer.bin ? ` · ${employer.bin}` : null} · {t(`sectors.${employer.sector}`)}
              </dd>
            </div>
          ))}
        </dl>
      )}

      <h2 id="workers">{t("caseFile.workers")}</h2>
      {caseFile.workers.some((worker) => worker.named) ? (
        <RevealPanel key={`reveal-${location.key}`} revealedUntil={revealedUntil} result={result} />
      ) : null}
      {caseFile.unnamedWorkerCount > 0 ? (
        <p>{t("caseFile.unnamedWorkers", { count: caseFile.unnamedWorkerCount })}</p>
      ) : null}
      {caseFile.workers.length === 0 ? <p>{t("caseFile.noWorkers")}</p> : null}
      <ul className="worker-list">
        {caseFile.workers.map((worker, index) => (
          <li key={worker.id} className="worker-card">
            <h3>
              <span className="pseudonym">{worker.pseudonym}</span>
              {" · "}
              {worker.identity ? (
                <SealedText field={worker.identity.fullName} />
              ) : worker.identityDestroyedAt ? (
                t("retention.forget.forgotten", { number: index + 1 })
              ) : worker.named ? (
                t("caseFile.reveal.nameHidden")
              ) : (
                `${t("caseFile.anonymousWorker")} ${index + 1}`
              )}
            </h3>
            {canEditFacts ? (
              <p>
                <Link to={`/cases/${caseFile.reference}/workers/${worker.id}`}>
                  {t("caseFile.edit.editWorker", { number: index + 1 })}
                </Link>
              </p>
            ) : null}
            <p className="case-card__meta">
              {[
                textOf(worker.identity?.iin),
                textOf(worker.identity?.phone),
                worker.yearOfBirth,
                worker.gender ? t(`genders.${worker.gender}`) : null,
                worker.citizenship ? countryName(worker.citizenship) : null,
                worker.occupation,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {worker.identity?.contactNotes ? (
              <p className="account-text">
                <SealedText field={worker.identity.contactNotes} />
              </p>
            ) : null}
            <ul className="consents" aria-label={t("caseFile.consents")}>
              {consentLabels.map(([field, label]) => (
                <li key={field} className={worker[field] ? "consent--yes" : "consent--no"}>
                  {worker[field] ? "✓" : "✗"} {t(label)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>

      <div className="case-panels" key={location.key}>
        <StatusPanel
          status={status.status}
          version={status.version}
          transitions={status.transitions}
          result={result}
        />
        <ProceedingsPanel reference={caseFile.reference} {...proceedings} />
        <OutcomesPanel
          outcomes={outcomes}
          canRecord={canRecordOutcomes}
          today={today}
          result={result}
        />
        <DocumentsPanel reference={caseFile.reference} documents={documents} />
        <NotesPanel notes={notes} canWriteLegal={canWriteLegal} result={result} />
        {viewers ? <ViewersPanel views={viewers} /> : null}
      </div>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
