// Counted texts agree with their number in every language, through the
// translator that renders pages on the server and in the browser.
import { describe, expect, it } from "vitest";
import { fixedT, texts } from "./i18n.server";
import { browserTranslations, serverTranslations } from "./react";
import { pickSections } from "./sections";

const render = async (language: "en" | "ru" | "kk", key: string, counts: number[]) => {
  const t = fixedT(language);
  return counts.map((count) => t(key, { count }));
};

describe("plural forms", () => {
  it("says 1 intake and 2 intakes in English", async () => {
    expect(await render("en", "caseList.total", [1, 2, 0])).toEqual([
      "1 intake",
      "2 intakes",
      "0 intakes",
    ]);
  });

  it("declines Russian nouns after a number: 1 дело, 2 дела, 5 дел, 21 дело", async () => {
    expect(await render("ru", "caseRegister.count", [1, 2, 5, 11, 21, 22])).toEqual([
      "1 дело",
      "2 дела",
      "5 дел",
      "11 дел",
      "21 дело",
      "22 дела",
    ]);
    expect(await render("ru", "caseList.total", [1, 3, 25])).toEqual([
      "1 обращение",
      "3 обращения",
      "25 обращений",
    ]);
  });

  it("does not say «31 разных дел» in the Russian security alert", async () => {
    const t = fixedT("ru");
    const text = t("notifications.alerts.manyCaseViews", { name: "Анна", count: 31, minutes: 10 });
    expect(text).not.toContain("31 разных дел");
    expect(text).toContain("не менее 31 разного дела");
  });

  it("resolves the same forms on the server and in the browser (entry.server and entry.client)", () => {
    const page = {
      language: "ru" as const,
      sections: ["caseList"],
      version: "test",
      texts: pickSections(texts.ru, ["caseList"]),
    };
    const server = serverTranslations(page);
    const browser = browserTranslations(server.documentJson);
    for (const { t } of [server, browser]) {
      expect([1, 2, 5].map((count) => t("caseList.total", { count }))).toEqual([
        "1 обращение",
        "2 обращения",
        "5 обращений",
      ]);
    }
  });

  it("keeps the Kazakh noun singular after a number", async () => {
    expect(await render("kk", "caseRegister.count", [1, 5])).toEqual(["1 іс", "5 іс"]);
  });
});
