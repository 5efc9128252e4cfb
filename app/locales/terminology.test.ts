// One term per concept in Russian and Kazakh (docs/decisions/0011-ui-terminology.md),
// and the words a fluent review found saying the wrong thing. A text that
// reintroduces one of them fails here with the reason.
import { describe, expect, it } from "vitest";
import kk from "./kk";
import ru from "./ru";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[prefix + key, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

const texts = { ru: leaves(ru as unknown as Tree), kk: leaves(kk as unknown as Tree) };
const text = (language: "ru" | "kk", key: string) =>
  texts[language].find(([k]) => k === key)?.[1] ?? `(no ${key})`;

/** Words that must not appear anywhere in a language, and why. */
const banned: Record<"ru" | "kk", Array<[RegExp, string]>> = {
  ru: [
    [/Гражданский иск/i, "a claim inside a criminal case; a worker's lawsuit is «иск в суд»"],
    [/Абайская/i, "the official name is «область Абай»"],
    [/Проиграно/i, "game vocabulary; «Решено не в пользу работника»"],
    [/(?<!\p{L})итог(?!о)/iu, "outcome is «результат», one word across the app"],
    [/Взыскана зарплата/i, "one order for one outcome: «Зарплата взыскана»"],
    [/сортир|Отсортир/i, "triage is «распределение»"],
    [/Полев/i, "field organizer is «организатор на местах»"],
    [/производств(о|а|е|ом)\b/i, "a proceeding is a «правовое действие»"],
    [/Адвокатская тайна/i, "most NGO lawyers are not advocates: «профессиональная тайна юриста»"],
    [/трудов\S* инспекци/i, "the official name is «инспекция труда»"],
    [/(?<!\p{L})отбор/iu, "filters are «фильтры»"],
  ],
  kk: [
    [/Ұтылды/i, "game vocabulary; «Жұмыскердің пайдасына шешілмеді»"],
    [
      /өндірілді|Өндірілген/i,
      "recovered wages are «өндіріп алынды» («өндірілді» reads as produced)",
    ],
    [/Азаматтық талап/i, "a worker's lawsuit is «сотқа талап арыз»"],
    [/Іс жүргізу/i, "a proceeding is a «құқықтық әрекет»"],
    [/Сұрыпта/i, "triage is «бөлу»"],
    [/Далалық/i, "field organizer is «жергілікті ұйымдастырушы» («далалық» reads as steppe)"],
    [/(?<!\p{L})күйі(н)?(?!\p{L})/iu, "case and proceeding status is «мәртебе»"],
    [/іріктеу/i, "filters are «сүзгі»"],
    [/Адвокаттық құпия/i, "«заңгердің кәсіби құпиясы»"],
    [/мәжбүрлеп/i, "the word of forced labour; a password is «ысыру»"],
  ],
};

describe("terminology", () => {
  for (const language of ["ru", "kk"] as const) {
    it(`avoids the words the language review rejected in ${language}`, () => {
      const found = texts[language].flatMap(([key, value]) =>
        banned[language]
          .filter(([word]) => word.test(value))
          .map(([, why]) => `${key}: «${value}» — ${why}`),
      );
      expect(found).toEqual([]);
    });
  }

  it("says download, not upload, for every Kazakh export or download", () => {
    const downloads = texts.kk.filter(([key]) =>
      /(^|\.)(export|download\w*|audit\.exported|cases\.exported|document\.downloaded)$/.test(key),
    );
    expect(downloads.length).toBeGreaterThan(3);
    for (const [key, value] of downloads) expect(value, key).toMatch(/жүктеп ал/i);
  });

  it("keeps Kazakh «өшіру» (delete) for workers and «бұғаттау» for accounts", () => {
    for (const key of [
      "admin.users.deactivate",
      "admin.users.done.deactivate",
      "admin.users.errors.cannotDeactivateSelf",
      "admin.users.errors.inactive",
      "pages.users.inactive",
      "audit.actions.user.deactivated",
    ]) {
      const value = text("kk", key);
      expect(value, key).not.toMatch(/өшір/i);
      expect(value, key).toMatch(/бұғат/i);
    }
    expect(text("kk", "caseFile.edit.removeSubmit")).toMatch(/өшіру/);
  });

  it("asks in Kazakh for the colleagues who receive the cases, not those who give them", () => {
    expect(text("kk", "assignment.errors.chooseTargets")).toMatch(/берілетін/);
    expect(text("kk", "assignment.errors.chooseTargets")).not.toMatch(/беретін/);
  });

  it("says released from detention, not dismissed, in the Kazakh outcome hint", () => {
    expect(text("kk", "caseFile.outcomes.peopleHint")).toMatch(/қамаудан босатылды/);
  });

  it("words one outcome the same way on the case and on the dashboard", () => {
    for (const language of ["ru", "kk"] as const)
      expect(text(language, "caseload.outcomes.wagesRecovered")).toBe(
        text(language, "caseFile.outcomes.kinds.WAGES_RECOVERED"),
      );
  });

  it("uses the official Russian name of the Abai region", () => {
    expect(text("ru", "regions.ABAI")).toBe("Область Абай");
  });
});
