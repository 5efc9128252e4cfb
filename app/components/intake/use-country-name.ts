import { useTranslation } from "react-i18next";

/** Country names in the reader's language, from the browser's or server's own data (Intl). */
export function useCountryName() {
  const { t, i18n } = useTranslation();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([i18n.language], { type: "region" });
  } catch {
    names = null;
  }
  return (code: string) => (code === "OTHER" ? t("citizenshipOther") : (names?.of(code) ?? code));
}
