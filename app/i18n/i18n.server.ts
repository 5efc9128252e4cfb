// Server-side i18n: which language a request gets, a `t` for loaders and
// actions, and the texts a rendered page carries for the browser.
import { createHash } from "node:crypto";
import { createCookie } from "@remix-run/node";
import en from "~/locales/en";
import kk from "~/locales/kk";
import ru from "~/locales/ru";
import { getSession } from "~/modules/auth/guards.server";
import { DEFAULT_LANGUAGE, isLanguage, pickFromAcceptLanguage, type Language } from "./config";
import type { DocumentTexts } from "./react";
import { pickSections } from "./sections";
import { createTranslator, type TFunction, type Translations } from "./translate";

/** Every text of every language. */
export const texts: Record<Language, Translations> = { en, ru, kk };

/** Changes whenever a text does: the browser caches fetched sections under it. */
export const TEXTS_VERSION = createHash("sha256")
  .update(JSON.stringify(texts))
  .digest("base64url")
  .slice(0, 12);

export const languageCookie = createCookie("adal_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 60 * 60 * 24 * 365,
});

/** The signed-in user's preference, then the cookie, then Accept-Language. */
export async function languageFor(request: Request): Promise<Language> {
  // A session still owing its second factor is the same person: their language.
  const user = (await getSession(request))?.user;
  if (user && isLanguage(user.locale)) return user.locale;
  return languageFromHeaders(request);
}

/** The cookie, then Accept-Language: what is known without the database (an error page, an outage). */
export async function languageFromHeaders(request: Request): Promise<Language> {
  const cookie: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(cookie)) return cookie;
  return pickFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LANGUAGE;
}

/** All texts of a language, for loaders and actions (CSV headers, messages). */
export function fixedT(language: Language): TFunction {
  return createTranslator(language, texts[language]);
}

export async function getT(request: Request): Promise<TFunction> {
  return fixedT(await languageFor(request));
}

/**
 * Built once per language and list of sections: the texts never change while the server runs,
 * and the lists are the routes' own (a few dozen), so this stays small. The same object each
 * time also lets serverTranslations keep its JSON (decision 0015's addendum on triage).
 */
const documents = new Map<string, DocumentTexts>();

/** What a page of these sections (`null`: all) carries for the browser. Never change it. */
export function documentTexts(language: Language, sections: string[] | null): DocumentTexts {
  const key = `${language}:${sections === null ? "*" : sections.join(",")}`;
  let page = documents.get(key);
  if (!page) {
    page = {
      language,
      sections,
      version: TEXTS_VERSION,
      texts: pickSections(texts[language], sections),
    };
    documents.set(key, page);
  }
  return page;
}
