import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CaseForm } from "~/components/cases/case-forms";
import { ProceedingFields } from "~/components/cases/proceeding-forms";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { addProceeding, loadProceedingPage } from "~/modules/proceedings/proceedings.server";
import { proceedingSchema } from "~/modules/proceedings/schema";
import { formAction, loaderWith } from "~/utils/answer.server";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/time";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · Adal` : "Adal" },
];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const { caseFile } = await loadProceedingPage(user, params.reference ?? "");
    return json(
      { reference: caseFile.reference, version: caseFile.version, today: todayInKazakhstan() },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 65_536 },
  async ({ request, params, intent, parse }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    if (intent !== "proceeding") throw new Response("Unknown action", { status: 400 });
    const { id } = await addProceeding(
      user,
      reference,
      parse(proceedingSchema),
      requestContext(request),
    );
    return redirect(`/cases/${reference}/proceedings/${id}?done=added`);
  },
);

export const handle: TranslatedHandle = { i18n: ["caseFile", "validation"] };

export default function NewProceedingPage() {
  const { reference, version, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <Page
      title={`${reference} · ${t("caseFile.proceedings.newTitle")}`}
      actions={<Link to={`/cases/${reference}`}>{t("caseFile.proceedings.backToCase")}</Link>}
    >
      <CaseForm
        intent="proceeding"
        schema={proceedingSchema}
        defaults={{
          kind: "",
          status: "PREPARING",
          authority: "",
          externalNumber: "",
          filedOn: "",
          summary: "",
        }}
        result={result}
        hidden={{ version }}
        submitLabel={t("caseFile.proceedings.submitAdd")}
      >
        <ProceedingFields today={today} />
      </CaseForm>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
