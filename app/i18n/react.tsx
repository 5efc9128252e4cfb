// Texts in components: `const { t, i18n } = useTranslation()`, as with
// react-i18next, over Adal's own translator. The server renders a page with the
// sections its routes list (./sections.ts) and puts those texts in the document;
// the browser reads them from there before it hydrates, and fetches the sections
// of the next page's routes before it shows that page.
import { useMatches } from "@remix-run/react";
import { createContext, useContext, type ReactNode } from "react";
import type { Language } from "./config";
import { mergeTexts, sectionsFor, textsAt } from "./sections";
import { createTranslator, type TFunction, type Translations } from "./translate";

/** What the document carries for the browser: the page's texts and where more come from. */
export type DocumentTexts = {
  language: Language;
  /** The sections given (`null`: all of them). */
  sections: string[] | null;
  /** Changes whenever any text does: fetched sections are cached under it. */
  version: string;
  texts: Translations;
};

type TranslationState = {
  language: Language;
  t: TFunction;
  /** The document's JSON, rendered the same by the server and at hydration. */
  documentJson: string;
  /** Resolves once these sections (`null`: all) are here; undefined if they already are. */
  ensure: (sections: readonly string[] | null) => Promise<void> | undefined;
};

const TranslationContext = createContext<TranslationState | null>(null);

export const DOCUMENT_TEXTS_ID = "adal-texts";

/** JSON that is safe inside a <script> element (no `</script>`, no `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Each page's JSON, made once: documentTexts gives the same object for the same sections. */
const documentJsons = new WeakMap<DocumentTexts, string>();

/** The server's: every section this page may use is already in `texts`. */
export function serverTranslations(
  page: DocumentTexts,
  onMissing?: (key: string) => void,
): TranslationState {
  let documentJson = documentJsons.get(page);
  if (documentJson === undefined) {
    documentJson = scriptJson(page);
    documentJsons.set(page, documentJson);
  }
  return {
    language: page.language,
    t: createTranslator(page.language, page.texts, onMissing),
    documentJson,
    ensure: () => undefined,
  };
}

/** The browser's: starts from the document's texts and fetches other sections when a page needs them. */
export function browserTranslations(documentJson: string): TranslationState {
  const page = JSON.parse(documentJson) as DocumentTexts;
  const texts: Record<string, string | Translations> = { ...page.texts };
  let all = page.sections === null;
  let pending: { key: string; promise: Promise<void> } | undefined;
  let failure: { key: string; error: unknown } | undefined;

  function ensure(sections: readonly string[] | null) {
    if (all) return undefined;
    const missing =
      sections === null ? null : sections.filter((s) => textsAt(texts, s) === undefined);
    if (missing && missing.length === 0) return undefined;
    const key = missing === null ? "*" : missing.join(",");
    if (failure?.key === key) {
      const { error } = failure;
      failure = undefined; // the next render (another navigation) tries again
      throw error;
    }
    if (pending?.key === key) return pending.promise;
    const query = new URLSearchParams({ lng: page.language, v: page.version });
    if (missing) query.set("sections", key);
    const promise = fetch(`/translations?${query}`, { credentials: "omit" })
      .then(async (response) => {
        if (!response.ok) throw new Error(`texts: HTTP ${response.status}`);
        mergeTexts(texts, (await response.json()) as Translations);
        if (missing === null) all = true;
      })
      .catch((error: unknown) => {
        failure = { key, error };
      })
      .finally(() => {
        if (pending?.key === key) pending = undefined;
      });
    pending = { key, promise };
    return promise;
  }

  return {
    language: page.language,
    t: createTranslator(page.language, texts),
    documentJson,
    ensure,
  };
}

export function TranslationProvider({
  value,
  children,
}: {
  value: TranslationState;
  children: ReactNode;
}) {
  return <TranslationContext.Provider value={value}>{children}</TranslationContext.Provider>;
}

function useTranslationState(): TranslationState {
  const state = useContext(TranslationContext);
  if (!state) throw new Error("useTranslation() outside a TranslationProvider");
  return state;
}

/** `t` and the page's language. */
export function useTranslation(): { t: TFunction; i18n: { language: Language } } {
  const state = useTranslationState();
  return { t: state.t, i18n: { language: state.language } };
}

/**
 * Holds the page (React keeps the previous one on screen during a navigation)
 * until the sections of its routes are here. Used once, in the root route.
 */
export function useRouteSections(): void {
  const waiting = useTranslationState().ensure(sectionsFor(useMatches()));
  if (waiting) throw waiting;
}

/** The page's texts for the browser, in the document (rendered by the root layout). */
export function DocumentTextsScript({ nonce }: { nonce?: string }) {
  const { documentJson } = useTranslationState();
  return (
    <script
      id={DOCUMENT_TEXTS_ID}
      type="application/json"
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: documentJson }}
    />
  );
}
