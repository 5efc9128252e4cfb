import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CaseForm } from "~/components/cases/case-forms";
import { unreadableNotices } from "~/components/cases/unreadable-field";
import { ProceedingDateFields, ProceedingFields } from "~/components/cases/proceeding-forms";
import { ProceedingDateItem, ProceedingSummary } from "~/components/cases/proceedings-panel";
import { Page } from "~/components/page";
import { textOf, type ReadableField } from "~/components/sealed-text";
import { requireUser } from "~/modules/auth/guards.server";
import {
  addProceedingDate,
  loadProceedingPage,
  updateProceeding,
  updateProceedingDate,
} from "~/modules/proceedings/proceedings.server";
import {
  proceedingDateSchema,
  proceedingDateUpdateSchema,
  proceedingSchema,
} from "~/modules/proceedings/schema";
import { formAction, loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import { kazakhstanWallTime, todayInKazakhstan } from "~/utils/time";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · Adal` : "Adal" },
];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const { caseFile, proceeding } = await loadProceedingPage(
      user,
      params.reference ?? "",
      params.proceedingId ?? "",
      requestContext(request),
    );
    return json(
      {
        reference: caseFile.reference,
        version: caseFile.version,
        proceeding: proceeding!,
        today: todayInKazakhstan(),
        asOf: new Date(),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 65_536 },
  async ({ request, params, intent, parse, body }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    const proceedingId = params.proceedingId ?? "";
    const context = requestContext(request);
    const here = `/cases/${reference}/proceedings/${proceedingId}`;
    if (intent === "proceeding") {
      // Nested: the "replace" boxes are named replace.<field> (decision 0043).
      const proceeding = parse(proceedingSchema, body);
      await updateProceeding(user, reference, proceedingId, proceeding, context);
      return redirect(`${here}?done=updated`);
    }
    if (intent === "addDate") {
      await addProceedingDate(user, reference, proceedingId, parse(proceedingDateSchema), context);
      return redirect(`${here}?done=dateAdded`);
    }
    if (intent.startsWith("updateDate:")) {
      const { dateId, ...date } = parse(proceedingDateUpdateSchema, body);
      await updateProceedingDate(user, reference, proceedingId, dateId, date, context);
      return redirect(`${here}?done=dateUpdated`);
    }
    throw new Response("Unknown action", { status: 400 });
  },
);

/**
 * The sealed fields of a form whose stored text cannot be read (decision 0043), each with its
 * "replace" box. The page is refused while the server is sealed, so "not ok" means damaged.
 */
function unreadableFields(fields: Record<string, ReadableField | null>) {
  return unreadableNotices(
    Object.fromEntries(
      Object.entries(fields)
        .filter(([, field]) => field && !field.ok)
        .map(([name]) => [name, { replaceName: `replace.${name}` }]),
    ),
  );
}

const DONE_MESSAGES: Record<string, string> = {
  added: "caseFile.proceedings.added",
  updated: "caseFile.proceedings.updated",
  dateAdded: "caseFile.proceedings.dates.added",
  dateUpdated: "caseFile.proceedings.dates.updated",
};

export const handle: TranslatedHandle = { i18n: ["caseFile", "validation"] };

export default function ProceedingPage() {
  const { reference, version, proceeding, today, asOf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  const done = DONE_MESSAGES[params.get("done") ?? ""];
  const { t } = useTranslation();
  return (
    <Page
      title={`${reference} · ${t(`caseFile.proceedings.kinds.${proceeding.kind}`)}`}
      actions={<Link to={`/cases/${reference}`}>{t("caseFile.proceedings.backToCase")}</Link>}
    >
      {done && !result ? (
        <p className="alert alert--ok" role="status">
          {t(done)}
        </p>
      ) : null}
      <ProceedingSummary proceeding={proceeding} />

      {/* New forms after every answer: the fresh case version, with what was typed kept. */}
      <div key={location.key}>
        <section aria-labelledby="proceeding-edit-heading" className="panel">
          <h2 id="proceeding-edit-heading">{t("caseFile.proceedings.edit")}</h2>
          <CaseForm
            intent="proceeding"
            idPrefix="proceeding-"
            schema={proceedingSchema}
            defaults={{
              kind: proceeding.kind,
              status: proceeding.status,
              authority: proceeding.authority,
              externalNumber: textOf(proceeding.externalNumber) ?? "",
              filedOn: proceeding.filedOn?.slice(0, 10) ?? "",
              summary: textOf(proceeding.summary) ?? "",
            }}
            result={result}
            hidden={{ version }}
            unreadableNotice={unreadableFields({
              externalNumber: proceeding.externalNumber,
              summary: proceeding.summary,
            })}
            submitLabel={t("caseFile.proceedings.submitUpdate")}
          >
            <ProceedingFields today={today} />
          </CaseForm>
        </section>

        <section aria-labelledby="dates-heading" className="panel">
          <h2 id="dates-heading">{t("caseFile.proceedings.dates.heading")}</h2>
          {proceeding.dates.length === 0 ? (
            <p className="field__hint">{t("caseFile.proceedings.noDates")}</p>
          ) : null}
          <ul className="notes">
            {proceeding.dates.map((date) => {
              const intent = `updateDate:${date.id}`;
              return (
                <li key={date.id} className="note">
                  <ProceedingDateItem date={date} asOf={asOf} />
                  <details className="note__withdraw" open={result?.intent === intent}>
                    <summary>{t("caseFile.proceedings.dates.editOne")}</summary>
                    <CaseForm
                      intent={intent}
                      idPrefix={`date-${date.id}-`}
                      schema={proceedingDateUpdateSchema}
                      defaults={{
                        kind: date.kind,
                        ...kazakhstanWallTime(date.dueAt),
                        place: textOf(date.place) ?? "",
                        description: textOf(date.description) ?? "",
                        outcome: textOf(date.outcome) ?? "",
                      }}
                      result={result}
                      hidden={{
                        version,
                        dateId: date.id,
                        // Left empty, a description that cannot be read is kept (0043).
                        ...(date.description.ok ? {} : { keepsDescription: "true" }),
                      }}
                      unreadableNotice={unreadableFields({
                        place: date.place,
                        description: date.description,
                        outcome: date.outcome,
                      })}
                      submitLabel={t("caseFile.proceedings.dates.submitUpdate")}
                    >
                      <ProceedingDateFields />
                    </CaseForm>
                  </details>
                </li>
              );
            })}
          </ul>
          <h3>{t("caseFile.proceedings.dates.add")}</h3>
          <CaseForm
            intent="addDate"
            idPrefix="new-date-"
            schema={proceedingDateSchema}
            defaults={{ kind: "", date: "", time: "", place: "", description: "", outcome: "" }}
            result={result}
            hidden={{ version }}
            submitLabel={t("caseFile.proceedings.dates.submitAdd")}
          >
            <ProceedingDateFields />
          </CaseForm>
        </section>
      </div>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
