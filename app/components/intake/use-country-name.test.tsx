import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CITIZENSHIPS } from "~/modules/intake/categories";
import { useCountryName } from "./use-country-name";

function Names() {
  const countryName = useCountryName();
  return <>{CITIZENSHIPS.map((code) => countryName(code)).join("|")}</>;
}

async function render(language: string): Promise<string[]> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    resources: { [language]: { translation: { citizenshipOther: "other" } } },
  });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <Names />
    </I18nextProvider>,
  ).split("|");
}

describe("country names", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("are the same in a browser without Kazakh region names as on the server", async () => {
    const onServer = await render("kk");
    // Debian's Chromium: Intl.DisplayNames knows no Kazakh names and answers with the code.
    class CodesOnly {
      of(code: string) {
        return code;
      }
    }
    vi.stubGlobal("Intl", { ...Intl, DisplayNames: CodesOnly });
    expect(await render("kk")).toEqual(onServer);
    expect(onServer[0]).toBe("Қазақстан");
  });

  it("name every offered country in each language, never by its code", async () => {
    for (const language of ["en", "ru", "kk"]) {
      const names = await render(language);
      CITIZENSHIPS.forEach((code, index) => expect(names[index], language).not.toBe(code));
    }
  });
});
