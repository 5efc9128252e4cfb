// Security keys and passkeys in the browser: the server's options go to
// navigator.credentials through @simplewebauthn/browser, and its answer is
// posted in an ordinary form. Needs JavaScript (WebAuthn has no other way).
import { Form } from "@remix-run/react";
import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import type { ActionResult } from "~/utils/action-result";
import { messageParts } from "~/utils/forms";

function KeyForm({
  intent,
  children,
  label,
  run,
  result,
}: {
  intent: string;
  children?: ReactNode;
  label: string;
  run: () => Promise<unknown>;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const answer = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const serverError = result?.intent === intent ? result.formError : undefined;
  const message = problem ?? (serverError ? t(...messageParts(serverError)) : null);
  return (
    <Form method="post" ref={form} reloadDocument className="stack">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="response" ref={answer} />
      {children}
      {message ? (
        <p className="alert alert--error" role="alert">
          {message}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => {
          setProblem(null);
          setBusy(true);
          run()
            .then((response) => {
              answer.current!.value = JSON.stringify(response);
              form.current!.requestSubmit();
            })
            .catch(() => {
              setBusy(false);
              setProblem(t("secondFactor.keyCancelled"));
            });
        }}
      >
        {label}
      </button>
      <noscript>
        <p className="field__hint">{t("secondFactor.keyNeedsScript")}</p>
      </noscript>
    </Form>
  );
}

export function SecurityKeySignIn({
  options,
  redirectTo,
  result,
}: {
  /** As the loader sent it (JSON): the same shape. */
  options: object;
  redirectTo: string;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  return (
    <KeyForm
      intent="key"
      label={t("secondFactor.useKey")}
      run={() =>
        startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON })
      }
      result={result}
    >
      <input type="hidden" name="redirectTo" value={redirectTo} />
    </KeyForm>
  );
}

export function AddSecurityKey({ options, result }: { options: object; result?: ActionResult }) {
  const { t } = useTranslation();
  const mine = result?.intent === "addKey" ? result : undefined;
  const nameError = mine?.fieldErrors?.name;
  return (
    <KeyForm
      intent="addKey"
      label={t("security.keys.add")}
      run={() =>
        startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON })
      }
      result={result}
    >
      <div className={nameError ? "field field--invalid" : "field"}>
        <label htmlFor="key-name">{t("security.keys.name")}</label>
        <input
          id="key-name"
          name="name"
          maxLength={60}
          required
          defaultValue={typeof mine?.values.name === "string" ? mine.values.name : ""}
          aria-invalid={nameError ? true : undefined}
        />
        {nameError ? (
          <p className="field__error" role="alert">
            {t(...messageParts(nameError))}
          </p>
        ) : null}
      </div>
    </KeyForm>
  );
}
