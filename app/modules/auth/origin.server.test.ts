import { afterEach, describe, expect, it, vi } from "vitest";
import { isTrustedOrigin } from "./origin.server";

const host = "adal.example.org";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("isTrustedOrigin", () => {
  it("lets through requests that cannot change anything, from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isTrustedOrigin(method, { origin: "https://evil.example", host })).toBe(true);
      expect(isTrustedOrigin(method, { origin: null, host })).toBe(true);
    }
  });

  it("accepts a form posted from one of our own pages", () => {
    expect(isTrustedOrigin("POST", { origin: `https://${host}`, host })).toBe(true);
    expect(isTrustedOrigin("post", { origin: `https://${host}`, host })).toBe(true);
    expect(
      isTrustedOrigin("POST", { origin: "http://localhost:3000", host: "localhost:3000" }),
    ).toBe(true);
  });

  it("refuses a form posted from another site", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isTrustedOrigin(method, { origin: "https://evil.example", host })).toBe(false);
    }
  });

  it("refuses look-alike origins: a longer host, a subdomain, another port", () => {
    expect(isTrustedOrigin("POST", { origin: `https://${host}.evil.example`, host })).toBe(false);
    expect(isTrustedOrigin("POST", { origin: `https://evil.${host}`, host })).toBe(false);
    expect(
      isTrustedOrigin("POST", { origin: "http://localhost:3001", host: "localhost:3000" }),
    ).toBe(false);
  });

  it("refuses a state-changing request that does not say where it comes from", () => {
    expect(isTrustedOrigin("POST", { origin: null, host })).toBe(false);
    expect(isTrustedOrigin("POST", { origin: undefined, host })).toBe(false);
    expect(isTrustedOrigin("POST", { origin: "", host })).toBe(false);
    // Sandboxed frames and some redirects send the literal "null".
    expect(isTrustedOrigin("POST", { origin: "null", host })).toBe(false);
  });

  it("accepts a full-page form post that says null under no-referrer only when the browser vouches it is same-origin", () => {
    expect(isTrustedOrigin("POST", { origin: "null", host, secFetchSite: "same-origin" })).toBe(
      true,
    );
    for (const secFetchSite of ["same-site", "cross-site", "none", null, undefined]) {
      expect(isTrustedOrigin("POST", { origin: "null", host, secFetchSite })).toBe(false);
    }
    // Sec-Fetch-Site never stands in for a missing Origin, nor overrides a foreign one.
    expect(isTrustedOrigin("POST", { origin: undefined, host, secFetchSite: "same-origin" })).toBe(
      false,
    );
    expect(
      isTrustedOrigin("POST", {
        origin: "https://evil.example",
        host,
        secFetchSite: "same-origin",
      }),
    ).toBe(false);
  });

  it("refuses a state-changing request with no Host to compare against", () => {
    expect(isTrustedOrigin("POST", { origin: `https://${host}`, host: null })).toBe(false);
  });

  it("accepts the public name of a reverse proxy listed in TRUSTED_ORIGINS", () => {
    const internal = "127.0.0.1:3000";
    expect(isTrustedOrigin("POST", { origin: `https://${host}`, host: internal })).toBe(false);

    vi.stubEnv("TRUSTED_ORIGINS", ` https://${host}/ , intranet.example.org`);
    expect(isTrustedOrigin("POST", { origin: `https://${host}`, host: internal })).toBe(true);
    expect(
      isTrustedOrigin("POST", { origin: "https://intranet.example.org", host: internal }),
    ).toBe(true);
    expect(isTrustedOrigin("POST", { origin: "https://evil.example", host: internal })).toBe(false);
  });
});
