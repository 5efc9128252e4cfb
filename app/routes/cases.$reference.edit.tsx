// Correcting what the intake recorded: the case's facts, with its category's own questions.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { FactsEditForm } from "~/components/cases/edit-forms";
import { Page } from "~/components/page";
import { requireUser } from "~/modules/auth/guards.server";
import { factsEditForm, updateCaseFacts } from "~/modules/cases/facts.server";
import { formAction, loaderWith } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/time";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · Adal` : "Adal" },
];

export const loader = /* @__PURE__ */ loaderWith(
  async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireUser(request);
    const form = await factsEditForm(user, params.reference ?? "", requestContext(request));
    return json(
      { ...form, today: todayInKazakhstan() },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);

/** Post/redirect/get to the case file with a message; a refusal keeps the typed values. */
export const action = /* @__PURE__ */ formAction(
  { maxBytes: 262_144 },
  async ({ request, params, intent, body: { intent: _, ...values } }) => {
    const user = await requireUser(request);
    const reference = params.reference ?? "";
    if (intent !== "facts") throw new Response("Unknown action", { status: 400 });
    const result = await updateCaseFacts(user, reference, values, requestContext(request));
    if (result.kind === "invalid") throw DomainError.invalid(result.fieldErrors);
    return redirect(`/cases/${reference}?done=${result.kind === "saved" ? "edited" : "unchanged"}`);
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

export default function EditFactsPage() {
  const { reference, category, version, values, today, unreadable } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
        unreadable={unreadable}
      />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
