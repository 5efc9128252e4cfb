import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import { mergeTexts, pickSections, textsAt } from "./sections";
import type { Translations } from "./translate";

const all = en as unknown as Translations;

describe("a page's texts by section or part of a section", () => {
  it("picks a part of a section by its path, and nothing else of that section", () => {
    const picked = pickSections(all, ["caseFile.proceedings.kinds", "nav"]);
    expect(Object.keys(picked).sort()).toEqual(["caseFile", "nav"]);
    expect(picked.caseFile).toEqual({ proceedings: { kinds: en.caseFile.proceedings.kinds } });
    expect(picked.nav).toBe(en.nav);
  });

  it("joins parts of one section, and a whole section listed beside its part stays whole", () => {
    const parts = pickSections(all, ["caseFile.conflict", "caseFile.timeline.kinds"]);
    expect(parts.caseFile).toEqual({
      conflict: en.caseFile.conflict,
      timeline: { kinds: en.caseFile.timeline.kinds },
    });
    expect(pickSections(all, ["caseFile.conflict", "caseFile"]).caseFile).toEqual(en.caseFile);
    expect(pickSections(all, ["caseFile", "caseFile.conflict"]).caseFile).toEqual(en.caseFile);
  });

  it("leaves out paths that name no texts, and never changes the catalogue", () => {
    const before = JSON.stringify(en);
    expect(pickSections(all, ["caseFile.noSuchPart", "nav.label.deeper", "__proto__"])).toEqual({});
    const picked = pickSections(all, ["caseFile", "caseFile.proceedings.kinds"]);
    mergeTexts(picked as Record<string, Translations>, { caseFile: { extra: "x" } });
    expect(JSON.stringify(en)).toBe(before);
    expect(textsAt(all, "caseFile.conflict")).toBe(en.caseFile.conflict);
    expect(textsAt(all, "toString")).toBeUndefined();
  });

  it("the browser adds a fetched part to the texts it has", () => {
    const texts: Record<string, string | Translations> = {
      ...pickSections(all, ["caseFile.conflict"]),
    };
    mergeTexts(texts, pickSections(all, ["caseFile.timeline.kinds"]));
    expect(textsAt(texts, "caseFile.conflict")).toBe(en.caseFile.conflict);
    expect(textsAt(texts, "caseFile.timeline.kinds")).toEqual(en.caseFile.timeline.kinds);
  });
});
