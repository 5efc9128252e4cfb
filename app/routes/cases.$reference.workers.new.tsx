// Adding a worker to a case file, with their consent and (unless anonymous) their identity.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { WorkerEditForm } from "~/components/cases/edit-forms";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { addWorker, newWorkerForm } from "~/modules/cases/workers.server";
import { formAction, loaderWith } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.reference ?? ""} · Adal` }];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const form = await newWorkerForm(user, params.reference ?? "");
    return json(form, { headers: { "Cache-Control": "no-store" } });
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 262_144 },
  async ({ request, params, intent, body: { intent: _, ...values } }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    if (intent !== "worker") throw new Response("Unknown action", { status: 400 });
    const result = await addWorker(user, reference, values, requestContext(request));
    if (result.kind === "invalid") throw DomainError.invalid(result.fieldErrors);
    return redirect(
      `/cases/${reference}?done=${result.kind === "saved" ? "workerAdded" : "unchanged"}`,
    );
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
    "triState",
    "urgencies",
    "validation",
  ],
};

export default function NewWorkerPage() {
  const { version, number, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
