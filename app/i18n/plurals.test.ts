// Counted texts agree with their number in every language, through the same
// i18next set-up the pages use (server instance; the browser shares its options).
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions } from "./config";
import { fixedT, resources, translatorFor } from "./i18n.server";

const render = async (language: "en" | "ru" | "kk", key: string, counts: number[]) => {
  const t = await fixedT(language);
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
    const t = await fixedT("ru");
    const text = t("notifications.alerts.manyCaseViews", { name: "Анна", count: 31, minutes: 10 });
    expect(text).not.toContain("31 разных дел");
    expect(text).toContain("не менее 31 разного дела");
  });

  it("resolves the same forms in the instance that renders pages (entry.server and entry.client)", async () => {
    const page = createInstance();
    await page.init({ ...i18nOptions, lng: "ru", resources: { ru: resources.ru } });
    expect([1, 2, 5].map((count) => page.t("caseList.total", { count }))).toEqual([
      "1 обращение",
      "2 обращения",
      "5 обращений",
    ]);
    // entry.server's shared instance for the language.
    const shared = await translatorFor("ru");
    expect([1, 2, 5].map((count) => shared.t("caseList.total", { count }))).toEqual([
      "1 обращение",
      "2 обращения",
      "5 обращений",
    ]);
  });

  it("gives each language its own shared instance, made once", async () => {
    const [ru, kk, ruAgain] = await Promise.all([
      translatorFor("ru"),
      translatorFor("kk"),
      translatorFor("ru"),
    ]);
    expect(ru).toBe(ruAgain);
    expect(ru.language).toBe("ru");
    expect(kk.language).toBe("kk");
    expect(kk.t("errors.goHome")).toBe("Басты бетке өту");
  });

  it("keeps the Kazakh noun singular after a number", async () => {
    expect(await render("kk", "caseRegister.count", [1, 5])).toEqual(["1 іс", "5 іс"]);
  });
});
