// Adding a worker to a case file, with their consent and (unless anonymous) their identity.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { WorkerEditForm, type EditActionData } from "~/components/cases/edit-forms";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { answerEdit, answerEditError } from "~/modules/cases/edit-answers.server";
import { addWorker, newWorkerForm } from "~/modules/cases/edit-facts.server";
import { nestFormData, readForm } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.reference ?? ""} · Adal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const form = await newWorkerForm(user, params.reference ?? "");
  return json(form, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  const { intent, ...values } = nestFormData(await readForm(request, 256 * 1024));
  const context = { reference, intent: "worker", values };
  if (intent !== "worker") throw new Response("Unknown action", { status: 400 });
  try {
    const result = await addWorker(user, reference, values, requestContext(request));
    return answerEdit(result, { ...context, done: "workerAdded" });
  } catch (error) {
    return answerEditError(error, context);
  }
}

export default function NewWorkerPage() {
  const { version, number, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EditActionData | undefined;
  const location = useLocation();
  const reference = useParams().reference ?? "";
  const { t } = useTranslation();
  return (
    <Page
      title={t("caseFile.edit.newWorkerTitle", { reference })}
      actions={<Link to={`/cases/${reference}`}>{t("caseFile.edit.back")}</Link>}
    >
      <WorkerEditForm
        key={location.key}
        number={number}
        values={values}
        version={version}
        result={result}
        submitLabel={t("caseFile.edit.addWorkerSubmit")}
      />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
