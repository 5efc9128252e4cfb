// The second-factor policy for administrators: in production every account
// enrols; a role can be exempted only with a reason, which the audit log keeps.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SelectField, TextAreaField } from "~/components/form/fields";
import { Page } from "~/components/page";
import { AccountForm, ActionButton } from "~/components/people/account-form";
import { requireRecentSecondFactor, requireRole } from "~/modules/auth/guards.server";
import {
  endExemption,
  exemptRole,
  listExemptions,
  secondFactorPolicy,
} from "~/modules/auth/second-factor.server";
import { exemptionSchema } from "~/modules/auth/second-factor-schema";
import type { ActionResult } from "~/utils/action-result";
import { ROLES } from "~/modules/people/schema";
import { formAction } from "~/utils/answer.server";
import { formatDateTime } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json(
    { policy: secondFactorPolicy(), exemptions: await listExemptions() },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const action = /* @__PURE__ */ formAction(
  {
    maxBytes: 16_384,
    authorize: async (request) => {
      const admin = await requireRole(request, "ADMIN");
      await requireRecentSecondFactor(request, { returnTo: "/admin/security" });
      return admin;
    },
  },
  async ({ request, form, intent, parse, auth: admin }) => {
    const context = requestContext(request);
    if (intent === "exempt") {
      const { role, reason } = parse(exemptionSchema);
      await exemptRole(admin, role, reason, context);
    } else if (intent === "endExemption") {
      const role = ROLES.find((r) => r === form.get("role"));
      if (!role) throw new Response("Bad request", { status: 400 });
      await endExemption(admin, role, context);
    } else {
      throw new Response("Unknown action", { status: 400 });
    }
    return redirect(`/admin/security?done=${intent}`);
  },
);

export const handle: TranslatedHandle = {
  i18n: ["admin", "duress", "secondFactor", "setPassword", "validation"],
};

export default function AdminSecurityPage() {
  const { policy, exemptions } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const done = searchParams.get("done");
  return (
    <Page title={t("admin.policy.title")} intro={t(`admin.policy.${policy}`)}>
      {done === "exempt" || done === "endExemption" ? (
        <p className="alert alert--ok" role="status">
          {t(`admin.policy.done.${done}`)}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="exemptions-heading">
        <h2 id="exemptions-heading">{t("admin.policy.exemptions")}</h2>
        {exemptions.length === 0 ? (
          <p>{t("admin.policy.none")}</p>
        ) : (
          <ul>
            {exemptions.map((exemption) => (
              <li key={exemption.role}>
                <strong>{t(`roles.${exemption.role}`)}</strong> — {exemption.reason} (
                {formatDateTime(exemption.createdAt, i18n.language)}){" "}
                <ActionButton
                  intent="endExemption"
                  hidden={{ role: exemption.role }}
                  label={t("admin.policy.end")}
                />
              </li>
            ))}
          </ul>
        )}
        <AccountForm
          intent="exempt"
          schema={exemptionSchema}
          defaults={{ role: "", reason: "" }}
          result={refused}
          submitLabel={t("admin.policy.exempt")}
          idPrefix="exempt-"
        >
          <SelectField
            name="role"
            label={t("admin.policy.role")}
            options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            required
          />
          <TextAreaField
            name="reason"
            label={t("admin.policy.reason")}
            rows={3}
            maxLength={500}
            required
          />
        </AccountForm>
      </section>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
