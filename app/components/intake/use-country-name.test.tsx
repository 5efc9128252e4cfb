import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isLanguage } from "~/i18n/config";
import { TranslationProvider, serverTranslations } from "~/i18n/react";
import { CITIZENSHIPS } from "~/modules/intake/categories";
import { useCountryName } from "./use-country-name";

function Names() {
  const countryName = useCountryName();
  return <>{CITIZENSHIPS.map((code) => countryName(code)).join("|")}</>;
}

async function render(language: string): Promise<string[]> {
  if (!isLanguage(language)) throw new Error(language);
  const translations = serverTranslations({
    language,
    sections: ["citizenshipOther"],
    version: "test",
    texts: { citizenshipOther: "other" },
  });
  return renderToStaticMarkup(
    <TranslationProvider value={translations}>
      <Names />
    </TranslationProvider>,
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
