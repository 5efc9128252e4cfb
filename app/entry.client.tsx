import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage, type Language } from "~/i18n/config";

// Only the page's language is downloaded; a language switch reloads the document.
function loadTranslation(language: Language) {
  switch (language) {
    case "en":
      return import("~/locales/en");
    case "kk":
      return import("~/locales/kk");
    default:
      return import("~/locales/ru");
  }
}

async function hydrate() {
  const lang = document.documentElement.lang;
  const lng = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
  const { default: translation } = await loadTranslation(lng);
  await i18next
    .use(initReactI18next)
    .init({ ...i18nOptions, lng, resources: { [lng]: { translation } } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
