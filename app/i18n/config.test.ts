import { describe, expect, it } from "vitest";
import { pickFromAcceptLanguage } from "./config";

describe("pickFromAcceptLanguage", () => {
  it("picks the browser's first language when Adal speaks it", () => {
    expect(pickFromAcceptLanguage("kk")).toBe("kk");
    expect(pickFromAcceptLanguage("en, ru")).toBe("en");
  });

  it("understands regional variants", () => {
    expect(pickFromAcceptLanguage("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru");
    expect(pickFromAcceptLanguage("kk-KZ")).toBe("kk");
    expect(pickFromAcceptLanguage("EN-gb")).toBe("en");
  });

  it("honours the browser's preferences (q-values) rather than the order written", () => {
    expect(pickFromAcceptLanguage("en;q=0.3, kk;q=0.9, ru;q=0.5")).toBe("kk");
    expect(pickFromAcceptLanguage("ru;q=0.1,en")).toBe("en");
  });

  it("skips languages Adal does not speak and takes the next best", () => {
    expect(pickFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.5")).toBe("en");
    expect(pickFromAcceptLanguage("uz, tr;q=0.8, ru;q=0.2")).toBe("ru");
  });

  it("ignores a language the browser explicitly refuses (q=0)", () => {
    expect(pickFromAcceptLanguage("kk;q=0, en;q=0.1")).toBe("en");
    expect(pickFromAcceptLanguage("ru;q=0")).toBeNull();
  });

  it("returns nothing when no offered language is supported, so the default applies", () => {
    expect(pickFromAcceptLanguage("fr-FR, de;q=0.8")).toBeNull();
    expect(pickFromAcceptLanguage("*")).toBeNull();
    expect(pickFromAcceptLanguage("")).toBeNull();
    expect(pickFromAcceptLanguage(null)).toBeNull();
  });
});
