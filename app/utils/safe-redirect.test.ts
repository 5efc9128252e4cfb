import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("returns to a page of our own after login", () => {
    expect(safeRedirect("/cases/ck123")).toBe("/cases/ck123");
    expect(safeRedirect("/triage?region=ATYRAU#top")).toBe("/triage?region=ATYRAU#top");
    expect(safeRedirect("/")).toBe("/");
  });

  it("never sends the user to another site", () => {
    for (const target of [
      "//evil.example",
      "//evil.example/login",
      "/\\evil.example",
      "https://evil.example",
      "http://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "/path\\..\\\\evil.example",
    ]) {
      expect(safeRedirect(target), target).toBe("/");
    }
  });

  it("refuses a target with control characters, which browsers strip before resolving", () => {
    for (const target of ["/\t/evil.example", "/\n/evil.example", "/ok\r\n", "/\u0000x"]) {
      expect(safeRedirect(target), JSON.stringify(target)).toBe("/");
    }
  });

  it("falls back when there is no target or it is not text", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect(new File(["x"], "redirect.txt"))).toBe("/");
  });

  it("uses the fallback the caller chose", () => {
    expect(safeRedirect("//evil.example", "/my")).toBe("/my");
    expect(safeRedirect("/caseload", "/my")).toBe("/caseload");
  });
});
