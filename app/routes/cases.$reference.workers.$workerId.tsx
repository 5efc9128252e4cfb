// One worker of a case file: correct their facts, consent and identity, or remove them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  WorkerEditForm,
  WorkerRemoveForm,
  type EditActionData,
} from "~/components/cases/edit-forms";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { answerEdit, answerEditError } from "~/modules/cases/edit-answers.server";
import { removeWorker, updateWorker, workerEditForm } from "~/modules/cases/edit-facts.server";
import { nestFormData, readForm } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.reference ?? ""} · Adal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const form = await workerEditForm(
    user,
    params.reference ?? "",
    params.workerId ?? "",
    requestContext(request),
  );
  return json(form, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  const workerId = params.workerId ?? "";
  const { intent, ...values } = nestFormData(await readForm(request, 256 * 1024));
  if (intent !== "worker" && intent !== "remove")
    throw new Response("Unknown action", { status: 400 });
  const context = { reference, intent, values };
  try {
    if (intent === "remove") {
      const result = await removeWorker(user, reference, workerId, values, requestContext(request));
      return answerEdit(result, { ...context, done: "workerRemoved" });
    }
    const result = await updateWorker(user, reference, workerId, values, requestContext(request));
    return answerEdit(result, { ...context, done: "workerSaved" });
  } catch (error) {
    return answerEditError(error, context);
  }
}

export default function WorkerPage() {
  const { version, number, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EditActionData | undefined;
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
      />
      <WorkerRemoveForm key={`remove-${location.key}`} version={version} result={result} />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
