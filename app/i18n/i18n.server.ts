// Server-side i18n: which language a request gets, and a `t` for loaders and actions.
import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "~/locales/en";
import kk from "~/locales/kk";
import ru from "~/locales/ru";
import { getSession } from "~/modules/auth/guards.server";
import {
  DEFAULT_LANGUAGE,
  i18nOptions,
  isLanguage,
  pickFromAcceptLanguage,
  type Language,
} from "./config";

export const resources = {
  en: { translation: en },
  ru: { translation: ru },
  kk: { translation: kk },
};

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
  const cookie: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(cookie)) return cookie;
  return pickFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LANGUAGE;
}

const translators = new Map<Language, Promise<I18n>>();

/**
 * One initialised i18next instance per language, made once and shared by every
 * request (pages and loaders): nothing on the server changes an instance's
 * language, so sharing is safe, and a request no longer builds and initialises
 * an instance of its own (issue 16: allocation per request, and CPU).
 */
export function translatorFor(language: Language): Promise<I18n> {
  let translator = translators.get(language);
  if (!translator) {
    const instance = createInstance();
    translator = instance
      .use(initReactI18next)
      .init({ ...i18nOptions, lng: language, resources })
      .then(() => instance);
    translators.set(language, translator);
  }
  return translator;
}

/** A `t` in `language` (fixed: it never follows another instance's changes). */
export async function fixedT(language: Language): Promise<TFunction> {
  return (await translatorFor(language)).getFixedT(language);
}

export async function getT(request: Request): Promise<TFunction> {
  return fixedT(await languageFor(request));
}
