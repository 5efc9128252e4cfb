// One case's legal hold and retention: lawyers on the case and coordinators of
// its region place and release holds; coordinators remove one worker's
// identity at the worker's request.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Page } from "~/components/page";
import {
  ForgetWorkerForm,
  PlaceHoldForm,
  ReleaseHoldForm,
  useDestroyedLines,
} from "~/components/retention/retention-forms";
import type { ActionResult as CaseActionResult } from "~/utils/action-result";
import { requireUser } from "~/modules/auth/guards.server";
import {
  forgetWorker,
  placeLegalHold,
  releaseLegalHold,
  retentionPage,
} from "~/modules/retention/retention.server";
import { RETENTION_CATEGORIES } from "~/modules/retention/schema";
import { isDomainError } from "~/utils/domain-error";
import { readForm } from "~/utils/form-body.server";
import { formValues } from "~/utils/forms";
import { formatDate } from "~/utils/format";
import { requestContext } from "~/utils/request.server";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.reference ?? ""} · Adal` }];

/** A domain refusal as an HTTP answer: 404/403 as the error page, a refused form as 400 with its messages. */
function refusal(error: unknown, intent: string, values: Record<string, string>) {
  if (!isDomainError(error)) throw error;
  if (error.kind === "notFound") throw new Response("Not found", { status: 404 });
  if (error.kind === "forbidden" && Object.keys(error.fieldErrors).length === 0)
    throw new Response("Forbidden", { status: 403 });
  const status = error.kind === "forbidden" ? 403 : 400;
  return json<CaseActionResult>({ intent, values, fieldErrors: error.fieldErrors }, { status });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const page = await retentionPage(user, params.reference ?? "");
    return json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    throw refusal(error, "", {});
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  const form = await readForm(request, 64 * 1024);
  const values = formValues(form);
  const { intent = "", ...input } = values;
  const context = requestContext(request);
  try {
    if (intent === "hold") await placeLegalHold(user, reference, input, context);
    else if (intent === "release") await releaseLegalHold(user, reference, input, context);
    else if (intent === "forget")
      await forgetWorker(user, reference, input.workerId ?? "", input, context);
    else throw new Response("Unknown action", { status: 400 });
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusal(error, intent, values);
  }
  const done = { hold: "placed", release: "released", forget: "forgotten" }[intent];
  return redirect(`/cases/${reference}/retention?done=${done}`);
}

const DONE: Record<string, string> = {
  placed: "retention.hold.placed",
  released: "retention.hold.released",
  forgotten: "retention.forget.done",
};

export default function CaseRetentionPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as CaseActionResult | undefined;
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
