import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { TranslatedHandle } from "~/i18n/sections";
import { IntakeForm } from "~/components/intake/intake-form";
import {
  INTAKE_DRAFT_PREFIX,
  discardIntakeDraft,
  readIntakeDraft,
} from "~/components/intake/use-intake-draft";
import { Page } from "~/components/page";
import { isDatabaseUnavailable } from "~/db/unavailable.server";
import { requireRole } from "~/modules/auth/guards.server";
import type { PossibleDuplicate } from "~/modules/intake/duplicates.server";
import { MAX_INTAKE_BYTES, blankIntake, submitIntake } from "~/modules/intake/intake.server";
import { messageParts, type FieldErrors } from "~/utils/forms";
import { logError } from "~/utils/log.server";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/time";
import { formAction, loaderWith } from "~/utils/answer.server";

export const meta: MetaFunction = () => [{ title: "Adal" }];

/** The texts the form needs, and none of the rest: this page is what a phone loads in the field. */
export const handle: TranslatedHandle = {
  i18n: [
    "intake",
    "validation",
    "categories",
    "categoryHints",
    "regions",
    "sectors",
    "channels",
    "urgencies",
    "triState",
    "genders",
    "employerRoles",
    "citizenshipOther",
  ],
};

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, "ORGANIZER", "COORDINATOR");
  const defaultRegion = user.regions.length === 1 ? user.regions[0] : undefined;
  return json({
    draftKey: `${INTAKE_DRAFT_PREFIX}${user.id}`,
    today: todayInKazakhstan(),
    initialValues: blankIntake(defaultRegion),
  });
});

type IntakeActionData = {
  values: Record<string, unknown>;
  fieldErrors?: FieldErrors;
  duplicates?: PossibleDuplicate[];
  /** The database could not save (full disk, outage): the typed values come back with a 503. */
  unavailable?: true;
};

// The intake keeps its own answer (IntakeActionData: the edited step, the
// possible duplicates) and its own outage answer, which gives back everything
// typed; any DomainError answers through the one mapper like every form.
export const action = /* @__PURE__ */ formAction(
  {
    maxBytes: MAX_INTAKE_BYTES,
    authorize: (request) => requireRole(request, "ORGANIZER", "COORDINATOR"),
  },
  async ({ request, body, auth: user }) => {
    let outcome: Awaited<ReturnType<typeof submitIntake>>;
    try {
      outcome = await submitIntake(body, { userId: user.id, ...requestContext(request) });
    } catch (error) {
      // A full disk or a database outage: nothing was saved, and nothing typed is lost.
      if (!isDatabaseUnavailable(error)) throw error;
      logError(error, request);
      return json<IntakeActionData>(
        { values: body, unavailable: true },
        { status: 503, headers: { "Retry-After": "30" } },
      );
    }
    switch (outcome.kind) {
      case "created":
        return redirect(`/cases/${outcome.reference}/created`);
      case "edited":
        return json<IntakeActionData>({ values: outcome.values });
      case "invalid":
        return json<IntakeActionData>(
          { values: outcome.values, fieldErrors: outcome.fieldErrors },
          { status: 400 },
        );
      case "duplicates":
        return json<IntakeActionData>(
          { values: outcome.values, duplicates: outcome.duplicates },
          { status: 409 },
        );
    }
  },
);

export default function NewIntakePage() {
  const { draftKey, today, initialValues } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  // A draft kept in this tab (the page was reloaded, the signal lost) comes
  // back before the form mounts, unless the server just answered a submission.
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null);
  useEffect(() => {
    if (!actionData) setDraft(readIntakeDraft(draftKey));
  }, [actionData, draftKey]);
  const discard = () => {
    discardIntakeDraft(draftKey);
    setDraft(null);
  };
  const serverValues = actionData?.values as Record<string, unknown> | undefined;
  // The intake's own answer, or the one mapper's (an ActionResult, which names its intent).
  const own = actionData && !("intent" in actionData) ? actionData : undefined;
  const formError = actionData && "intent" in actionData ? actionData.formError : undefined;
  return (
    <Page title={t("intake.title")} intro={t("intake.intro")}>
      {own?.unavailable ? (
        <p className="alert alert--error" role="alert">
          {t("intake.unavailable")}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {t(...messageParts(formError))}
        </p>
      ) : null}
      <IntakeForm
        // Each source of values (server answer, restored draft, blank) mounts its own form.
        key={
          serverValues ? `server-${JSON.stringify(serverValues).length}` : draft ? "draft" : "blank"
        }
        draftKey={draftKey}
        today={today}
        initialValues={serverValues ?? draft ?? initialValues}
        onDiscardDraft={!serverValues && draft ? discard : undefined}
        serverErrors={actionData?.fieldErrors}
        duplicates={own?.duplicates}
      />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
