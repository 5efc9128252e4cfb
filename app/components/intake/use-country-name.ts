import { useTranslation } from "~/i18n/react";
import type { CITIZENSHIPS } from "~/modules/intake/categories";

type Country = Exclude<(typeof CITIZENSHIPS)[number], "OTHER">;

/**
 * The countries the app offers, named in each language by a table, not by
 * Intl.DisplayNames: browsers ship different ICU data (Debian's Chromium has
 * no Kazakh region names and printed "KZ" where the server printed
 * "Қазақстан", and the page failed to hydrate).
 */
export const COUNTRY_NAMES: Record<"en" | "ru" | "kk", Record<Country, string>> = {
  en: {
    KZ: "Kazakhstan",
    KG: "Kyrgyzstan",
    UZ: "Uzbekistan",
    TJ: "Tajikistan",
    TM: "Turkmenistan",
    RU: "Russia",
    AZ: "Azerbaijan",
    CN: "China",
    TR: "Türkiye",
  },
  ru: {
    KZ: "Казахстан",
    KG: "Кыргызстан",
    UZ: "Узбекистан",
    TJ: "Таджикистан",
    TM: "Туркменистан",
    RU: "Россия",
    AZ: "Азербайджан",
    CN: "Китай",
    TR: "Турция",
  },
  kk: {
    KZ: "Қазақстан",
    KG: "Қырғызстан",
    UZ: "Өзбекстан",
    TJ: "Тәжікстан",
    TM: "Түрікменстан",
    RU: "Ресей",
    AZ: "Әзірбайжан",
    CN: "Қытай",
    TR: "Түркия",
  },
};

/** Country names in the reader's language, the same on the server and in any browser. */
export function useCountryName() {
  const { t, i18n } = useTranslation();
  const names: Record<string, string> =
    COUNTRY_NAMES[i18n.language as keyof typeof COUNTRY_NAMES] ?? COUNTRY_NAMES.en;
  return (code: string) => (code === "OTHER" ? t("citizenshipOther") : (names[code] ?? code));
}
