// Correcting what the intake recorded: the case's facts, with its category's own questions.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FactsEditForm, type EditActionData } from "~/components/cases/edit-forms";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { answerEdit, answerEditError } from "~/modules/cases/edit-answers.server";
import { factsEditForm, updateCaseFacts } from "~/modules/cases/edit-facts.server";
import { nestFormData, readForm } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/schema-primitives";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · Adal` : "Adal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const form = await factsEditForm(user, params.reference ?? "");
  return json(
    { ...form, today: todayInKazakhstan() },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const reference = params.reference ?? "";
  const { intent, ...values } = nestFormData(await readForm(request, 256 * 1024));
  const context = { reference, intent: "facts", values };
  if (intent !== "facts") throw new Response("Unknown action", { status: 400 });
  try {
    const result = await updateCaseFacts(user, reference, values, requestContext(request));
    return answerEdit(result, { ...context, done: "edited" });
  } catch (error) {
    return answerEditError(error, context);
  }
}

export default function EditFactsPage() {
  const { reference, category, version, values, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EditActionData | undefined;
  const location = useLocation();
  const { t } = useTranslation();
  return (
    <Page
      title={t("caseFile.edit.factsTitle", { reference })}
      actions={<Link to={`/cases/${reference}`}>{t("caseFile.edit.back")}</Link>}
    >
      <FactsEditForm
        key={location.key}
        category={category}
        values={values}
        version={version}
        today={today}
        result={result}
      />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
