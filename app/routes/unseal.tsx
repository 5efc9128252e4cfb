// /unseal: key holders enter their shares, one at a time, until the
// threshold is reached (app/modules/keys/keyring.server.ts); a coordinator or
// administrator can seal the server at once ("seal now"). Every share entered
// or refused and every seal is in the audit log.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { FormFieldsProvider, TextField } from "~/components/form/fields";
import { Page } from "~/components/page";
import { requireRecentSecondFactor, requireUser } from "~/modules/auth/guards.server";
import { keyring, UnsealRefused } from "~/modules/keys/keyring.server";
import { unsealShareSchema } from "~/modules/keys/schema";
import { formAction } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

const MAY_SEAL = new Set(["COORDINATOR", "ADMIN"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(
    { status: keyring.status(), maySeal: MAY_SEAL.has(user.role) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

// A refused share answers through the one mapper (answer.server.ts) by the
// share field; the share itself never comes back (safeValues blanks it).
export const action = /* @__PURE__ */ formAction(
  { maxBytes: 4_096, authorize: requireUser },
  async ({ request, intent, parse, auth: user }) => {
    const actor = { actorId: user.id, ...requestContext(request) };
    if (intent === "seal") {
      if (!MAY_SEAL.has(user.role)) throw DomainError.forbidden();
      await keyring.sealNow(actor);
      return redirect("/unseal?done=sealed");
    }
    if (intent === "clear") {
      keyring.clearShares();
      return redirect("/unseal");
    }
    if (intent !== "share") throw DomainError.invalid({});
    // Unsealing opens every name on the server: a second factor within ten minutes first. Sealing
    // does not ask for one — it only takes access away, and at a raid seconds count (0016).
    await requireRecentSecondFactor(request, { returnTo: "/unseal" });
    const { share } = parse(unsealShareSchema);
    const progress = await keyring.submitShare(share, actor).catch((error: unknown) => {
      throw error instanceof UnsealRefused ? error.toDomainError() : error;
    });
    return redirect(progress.state === "unsealed" ? "/unseal?done=unsealed" : "/unseal?done=share");
  },
);

export const handle: TranslatedHandle = { i18n: ["keys", "validation"] };

export default function UnsealPage() {
  const { status, maySeal } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const done = searchParams.get("done");
  const errors = (refused?.fieldErrors ?? {}) as Record<string, string | undefined>;
  const sealed = status.state === "sealed";

  return (
    <Page title={t("keys.unseal.title")} intro={t("keys.unseal.intro")}>
      {done === "unsealed" || done === "sealed" || done === "share" ? (
        <p className="alert alert--ok" role="status">
          {t(`keys.unseal.done.${done}`)}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="state-heading">
        <h2 id="state-heading">
          {sealed ? t("keys.unseal.state.sealed") : t("keys.unseal.state.unsealed")}
        </h2>
        {status.demo ? <p className="field__hint">{t("keys.unseal.demo")}</p> : null}
        {sealed && status.reason ? (
          <p className="field__hint">{t(`keys.unseal.reasons.${status.reason}`)}</p>
        ) : null}
        {sealed && status.threshold ? (
          <p role="status">
            {t("keys.unseal.progress", {
              entered: status.sharesEntered,
              threshold: status.threshold,
            })}
          </p>
        ) : null}
      </section>
      {sealed && status.mode === "SHARES" ? (
        <section className="panel" aria-labelledby="share-heading">
          <h2 id="share-heading">{t("keys.unseal.share.title")}</h2>
          <FormFieldsProvider value={{ errorFor: (path) => errors[path], valueFor: () => "" }}>
            <Form method="post">
              <input type="hidden" name="intent" value="share" />
              <TextField
                name="share"
                type="password"
                label={t("keys.unseal.share.label")}
                hint={t("keys.unseal.share.hint")}
                autoComplete="off"
                spellCheck={false}
                required
              />
              <button type="submit" className="button button--primary">
                {t("keys.unseal.share.submit")}
              </button>
            </Form>
          </FormFieldsProvider>
          {status.sharesEntered > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="clear" />
              <button type="submit" className="button button--quiet">
                {t("keys.unseal.share.clear")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {maySeal && !sealed ? (
        <section className="panel" aria-labelledby="seal-heading">
          <h2 id="seal-heading">{t("keys.unseal.seal.title")}</h2>
          <p className="field__hint">{t("keys.unseal.seal.intro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="seal" />
            <button type="submit" className="button button--primary">
              {t("keys.unseal.seal.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
