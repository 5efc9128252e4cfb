// Works without JavaScript (a select and a button); with it, choosing a
// language submits at once. The document reloads so every text is re-rendered.
import { Form } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { LANGUAGES, LANGUAGE_NAMES } from "~/i18n/config";

export function LanguageSwitcher({ lang, redirectTo }: { lang: string; redirectTo: string }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  return (
    <Form method="post" action="/language" reloadDocument ref={form} className="language-switcher">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label htmlFor="language-select" className="visually-hidden">
        {t("nav.language")}
      </label>
      <select
        id="language-select"
        name="lang"
        defaultValue={lang}
        onChange={() => form.current?.requestSubmit()}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="button button--quiet">
          {t("nav.change")}
        </button>
      </noscript>
    </Form>
  );
}
