// Server-side i18n: which language a request gets, and a `t` for loaders and actions.
import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import en from "~/locales/en";
import kk from "~/locales/kk";
import ru from "~/locales/ru";
import { getSession } from "~/modules/auth/guards.server";
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
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

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    order: ["custom"],
    findLocale: languageFor,
  },
  i18next: { ...i18nOptions, resources },
});

export async function getT(request: Request) {
  return i18next.getFixedT(await languageFor(request));
}
