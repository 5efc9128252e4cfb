// One worker of a case file: correct their facts, consent and identity, or remove them.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { WorkerEditForm, WorkerRemoveForm } from "~/components/cases/edit-forms";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { isRevealed } from "~/modules/cases/reveal.server";
import { removeWorker, updateWorker, workerEditForm } from "~/modules/cases/workers.server";
import { formAction, loaderWith } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.reference ?? ""} · Adal` }];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    // The form shows the worker's identity: only within a reveal (docs/decisions/0034).
    const workerId = params.workerId ?? "";
    if (!(await isRevealed(user, requestContext(request).sessionId, reference, workerId)))
      throw redirect(`/cases/${reference}?done=revealNeeded#reveal`);
    const form = await workerEditForm(
      user,
      params.reference ?? "",
      params.workerId ?? "",
      requestContext(request),
    );
    return json(form, { headers: { "Cache-Control": "no-store" } });
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 262_144 },
  async ({ request, params, intent, body: { intent: _, ...values } }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    const workerId = params.workerId ?? "";
    if (intent !== "worker" && intent !== "remove")
      throw new Response("Unknown action", { status: 400 });
    const context = requestContext(request);
    if (intent === "worker" && !(await isRevealed(user, context.sessionId, reference, workerId)))
      throw redirect(`/cases/${reference}?done=revealNeeded#reveal`);
    const result =
      intent === "remove"
        ? await removeWorker(user, reference, workerId, values, context)
        : await updateWorker(user, reference, workerId, values, context);
    if (result.kind === "invalid") throw DomainError.invalid(result.fieldErrors);
    const done =
      result.kind === "unchanged"
        ? "unchanged"
        : intent === "remove"
          ? "workerRemoved"
          : "workerSaved";
    return redirect(`/cases/${reference}?done=${done}`);
  },
);

export const handle: TranslatedHandle = {
  i18n: [
    "caseFile",
    "citizenshipOther",
    "categories",
    "channels",
    "genders",
    "intake",
    "regions",
    "secondFactor",
    "triState",
    "urgencies",
    "validation",
  ],
};

export default function WorkerPage() {
  const { version, number, values, unreadable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const reference = useParams().reference ?? "";
  const { t } = useTranslation();
  return (
    <Page
      title={t("caseFile.edit.workerTitle", { number, reference })}
      actions={<Link to={`/cases/${reference}`}>{t("caseFile.edit.back")}</Link>}
    >
      <WorkerEditForm
        key={`edit-${location.key}`}
        number={number}
        values={values}
        version={version}
        result={result}
        submitLabel={t("caseFile.edit.saveWorker")}
        unreadable={unreadable}
      />
      <WorkerRemoveForm key={`remove-${location.key}`} version={version} result={result} />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
