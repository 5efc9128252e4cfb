// A person's own sign-in security: the authenticator app, recovery codes,
// security keys and passkeys, and the duress password.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TextField } from "~/components/form/fields";
import { Page } from "~/components/page";
import { AccountForm, ActionButton } from "~/components/people/account-form";
import { CodeForm } from "~/components/second-factor/code-form";
import { QrCode } from "~/components/second-factor/qr-code";
import { RecoveryCodes } from "~/components/second-factor/recovery-codes";
import { AddSecurityKey } from "~/components/second-factor/security-key";
import {
  hasDuressPassword,
  removeDuressPassword,
  setDuressPassword,
} from "~/modules/auth/duress.server";
import { requireRecentSecondFactor, requireSession } from "~/modules/auth/guards.server";
import {
  confirmTotpEnrolment,
  factorsOf,
  pendingTotpEnrolment,
  regenerateRecoveryCodes,
  removeTotp,
} from "~/modules/auth/second-factor.server";
import { codeSchema, duressSchema, keyNameSchema } from "~/modules/auth/second-factor-schema";
import {
  addSecurityKey,
  registrationOptions,
  removeSecurityKey,
} from "~/modules/auth/webauthn.server";
import type { ActionResult } from "~/utils/action-result";
import { formAction } from "~/utils/answer.server";
import { formatDateTime } from "~/utils/format";
import { requestContext } from "~/utils/request.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const factors = await factorsOf(session.user.id);
  return json(
    {
      factors,
      enrolment: factors.totp ? null : await pendingTotpEnrolment(session.user),
      keyOptions: await registrationOptions(session, request),
      // A duress session is shown no duress password: it would give the person away.
      duressSet: session.user.duress ? false : await hasDuressPassword(session.user.id),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const DONE = new Set(["removeTotp", "addKey", "removeKey", "duress", "removeDuress"]);
const STEP_UP = new Set(["removeTotp", "recoveryCodes", "removeKey"]);

/** Codes that look like recovery codes and open nothing (for a duress session). */
function decoyCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const code = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) =>
      "abcdefghijklmnopqrstuvwxyz234567".charAt(b % 32),
    ).join("");
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 32_768, authorize: requireSession },
  async ({ request, intent, form, parse, auth }) => {
    const session = STEP_UP.has(intent)
      ? await requireRecentSecondFactor(request, { returnTo: "/security" })
      : auth;
    const context = { ...requestContext(request), sessionId: session.id };
    // A duress session changes nothing here, and is told that it did.
    if (session.user.duress) {
      if (intent === "recoveryCodes" || intent === "enrolTotp") {
        return json({ recoveryCodes: decoyCodes() }, { headers: { "Cache-Control": "no-store" } });
      }
      return redirect(`/security?done=${intent}`);
    }
    if (intent === "enrolTotp") {
      const recoveryCodes = await confirmTotpEnrolment(session, parse(codeSchema).code, context);
      return json({ recoveryCodes }, { headers: { "Cache-Control": "no-store" } });
    } else if (intent === "recoveryCodes") {
      const recoveryCodes = await regenerateRecoveryCodes(session, context);
      return json({ recoveryCodes }, { headers: { "Cache-Control": "no-store" } });
    } else if (intent === "removeTotp") {
      await removeTotp(session, context);
    } else if (intent === "addKey") {
      await addSecurityKey(session, parse(keyNameSchema), request, context);
    } else if (intent === "removeKey") {
      await removeSecurityKey(session, String(form.get("keyId") ?? ""), context);
    } else if (intent === "duress") {
      await setDuressPassword(session.user, parse(duressSchema), context);
    } else if (intent === "removeDuress") {
      await removeDuressPassword(session.user, context);
    } else {
      throw new Response("Unknown action", { status: 400 });
    }
    return redirect(`/security?done=${intent}`);
  },
);

export const handle: TranslatedHandle = {
  i18n: ["duress", "secondFactor", "security", "setPassword", "settings", "validation"],
};

export default function SecurityPage() {
  const { factors, enrolment, keyOptions, duressSet } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const refused =
    actionData && "fieldErrors" in actionData ? (actionData as ActionResult) : undefined;
  const codes = actionData && "recoveryCodes" in actionData ? actionData.recoveryCodes : null;
  const done = searchParams.get("done");

  return (
    <Page title={t("security.title")} intro={t("security.intro")}>
      {done && DONE.has(done) && !actionData ? (
        <p className="alert alert--ok" role="status">
          {t(`security.done.${done}`)}
        </p>
      ) : null}
      {codes && codes.length > 0 ? <RecoveryCodes codes={codes} /> : null}

      <section className="panel" aria-labelledby="totp-heading">
        <h2 id="totp-heading">{t("security.totp.title")}</h2>
        {factors.totp ? (
          <>
            <p>{t("security.totp.on")}</p>
            <ActionButton intent="removeTotp" label={t("security.totp.remove")} />
          </>
        ) : enrolment ? (
          <>
            <p>{t("secondFactor.enrolIntro")}</p>
            <QrCode
              size={enrolment.qr.size}
              path={enrolment.qr.path}
              label={t("secondFactor.qrLabel")}
            />
            <p>
              {t("secondFactor.secretText")}{" "}
              <code data-testid="totp-secret">{enrolment.secret}</code>
            </p>
            <CodeForm
              intent="enrolTotp"
              redirectTo="/security"
              result={refused}
              submitLabel={t("secondFactor.enrolSubmit")}
            />
          </>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="recovery-codes-heading">
        <h2 id="recovery-codes-heading">{t("security.recovery.title")}</h2>
        <p>{t("security.recovery.left", { count: factors.recoveryCodesLeft })}</p>
        {refused?.intent === "recoveryCodes" && refused.formError ? (
          <p className="alert alert--error" role="alert">
            {t(refused.formError)}
          </p>
        ) : null}
        <ActionButton intent="recoveryCodes" label={t("security.recovery.renew")} />
      </section>

      <section className="panel" aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t("security.keys.title")}</h2>
        <p className="field__hint">{t("security.keys.intro")}</p>
        {factors.keys.length > 0 ? (
          <ul className="key-list">
            {factors.keys.map((key) => (
              <li key={key.id}>
                <strong>{key.name}</strong>{" "}
                <span className="field__hint">
                  {t("security.keys.added", { time: formatDateTime(key.createdAt, i18n.language) })}
                </span>{" "}
                <ActionButton
                  intent="removeKey"
                  hidden={{ keyId: key.id }}
                  label={t("security.keys.remove", { name: key.name })}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("security.keys.none")}</p>
        )}
        <AddSecurityKey options={keyOptions} result={refused} />
      </section>

      <section className="panel" aria-labelledby="duress-heading">
        <h2 id="duress-heading">{t("duress.title")}</h2>
        <p className="field__hint">{t("duress.intro")}</p>
        <p>{duressSet ? t("duress.isSet") : t("duress.notSet")}</p>
        <AccountForm
          intent="duress"
          schema={duressSchema}
          defaults={{ currentPassword: "", duressPassword: "", confirm: "" }}
          result={refused}
          submitLabel={t("duress.submit")}
          idPrefix="duress-"
        >
          <TextField
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            label={t("settings.password.current")}
            required
          />
          <TextField
            name="duressPassword"
            type="password"
            autoComplete="new-password"
            label={t("duress.password")}
            required
          />
          <TextField
            name="confirm"
            type="password"
            autoComplete="new-password"
            label={t("duress.confirm")}
            required
          />
        </AccountForm>
        {duressSet ? <ActionButton intent="removeDuress" label={t("duress.remove")} /> : null}
      </section>
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
