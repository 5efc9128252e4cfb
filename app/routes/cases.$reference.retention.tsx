// One case's legal hold and retention: lawyers on the case and coordinators of
// its region place and release holds; coordinators remove one worker's
// identity at the worker's request.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { Page } from "~/components/page";
import {
  ForgetWorkerForm,
  PlaceHoldForm,
  ReleaseHoldForm,
  useDestroyedLines,
} from "~/components/retention/retention-forms";
import { requireUser } from "~/modules/auth/guards.server";
import {
  forgetWorker,
  placeLegalHold,
  releaseLegalHold,
  retentionPage,
} from "~/modules/retention/retention.server";
import { RETENTION_CATEGORIES } from "~/modules/retention/schema";
import { formAction, loaderWith } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { formValues } from "~/utils/forms";
import { formatDate } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.reference ?? ""} · Adal` }];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const page = await retentionPage(user, params.reference ?? "", requestContext(request));
    return json(page, { headers: { "Cache-Control": "no-store" } });
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 65_536 },
  async ({ request, params, form }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    const { intent = "", ...input } = formValues(form);
    const context = requestContext(request);
    if (intent === "hold") await placeLegalHold(user, reference, input, context);
    else if (intent === "release") await releaseLegalHold(user, reference, input, context);
    else if (intent === "forget")
      await forgetWorker(user, reference, input.workerId ?? "", input, context);
    else throw DomainError.invalidField("form", "validation.unknownAction");
    const done = { hold: "placed", release: "released", forget: "forgotten" }[intent];
    return redirect(`/cases/${reference}/retention?done=${done}`);
  },
);

const DONE: Record<string, string> = {
  placed: "retention.hold.placed",
  released: "retention.hold.released",
  forgotten: "retention.forget.done",
};

export const handle: TranslatedHandle = { i18n: ["caseFile", "retention", "validation"] };

export default function CaseRetentionPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  const destroyedLines = useDestroyedLines(page.destroyed);
  const dueLines = page.dueDates
    ? RETENTION_CATEGORIES.map((c) =>
        t("retention.page.dueOn", {
          date: formatDate(page.dueDates![c]!, i18n.language),
          what: t(`retention.categories.${c}`),
        }),
      )
    : [t("retention.page.notClosed")];
  return (
    <Page
      title={t("retention.page.title", { reference: page.reference })}
      intro={t("retention.page.intro")}
      actions={<Link to={`/cases/${page.reference}`}>{t("retention.page.back")}</Link>}
    >
      {done && !result ? (
        <p className="alert alert--success" role="status">
          {t(done)}
        </p>
      ) : null}
      <section className="panel">
        {destroyedLines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <ul>
          {dueLines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="hold-heading" className="panel">
        <h2 id="hold-heading">{t("retention.hold.heading")}</h2>
        {page.holds.length === 0 ? <p>{t("retention.hold.none")}</p> : null}
        {page.holds.map((hold) => (
          <ReleaseHoldForm key={hold.id} hold={hold} result={result} />
        ))}
        <PlaceHoldForm result={result} />
      </section>
      {page.mayForget ? (
        <section aria-labelledby="forget-heading" className="panel">
          <h2 id="forget-heading">{t("retention.forget.heading")}</h2>
          <p>{t("retention.forget.intro")}</p>
          {result?.intent === "forget" && result.fieldErrors?.form ? (
            <p className="alert alert--error" role="alert">
              {t(result.fieldErrors.form)}
            </p>
          ) : null}
          <ul className="stack">
            {page.workers.map((worker) => (
              <li key={worker.id}>
                {worker.forgotten ? (
                  t("retention.forget.forgotten", { number: worker.number })
                ) : worker.anonymous ? (
                  t("retention.forget.anonymous", { number: worker.number })
                ) : (
                  <ForgetWorkerForm worker={worker} result={result} />
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
