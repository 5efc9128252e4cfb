import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { DOCUMENT_TEXTS_ID, TranslationProvider, browserTranslations } from "~/i18n/react";

// The page's texts came with the document (only its routes' sections, in its
// language): nothing to fetch before hydrating. A language switch reloads the document.
const translations = browserTranslations(
  document.getElementById(DOCUMENT_TEXTS_ID)?.textContent ?? "",
);

startTransition(() => {
  hydrateRoot(
    document,
    <TranslationProvider value={translations}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </TranslationProvider>,
  );
});
