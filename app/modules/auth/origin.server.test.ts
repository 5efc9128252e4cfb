import { afterEach, describe, expect, it, vi } from "vitest";
import { isTrustedOrigin } from "./origin.server";

const host = "adal.example.org";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("isTrustedOrigin", () => {
  it("lets through requests that cannot change anything, from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(
        isTrustedOrigin(method, { protocol: "https", origin: "https://evil.example", host }),
      ).toBe(true);
      expect(isTrustedOrigin(method, { protocol: "https", origin: null, host })).toBe(true);
    }
  });

  it("accepts a form posted from one of our own pages", () => {
    expect(isTrustedOrigin("POST", { protocol: "https", origin: `https://${host}`, host })).toBe(
      true,
    );
    expect(isTrustedOrigin("post", { protocol: "https", origin: `https://${host}`, host })).toBe(
      true,
    );
    expect(
      isTrustedOrigin("POST", {
        protocol: "http",
        origin: "http://localhost:3000",
        host: "localhost:3000",
      }),
    ).toBe(true);
  });

  it("refuses a form posted from another site", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(
        isTrustedOrigin(method, { protocol: "https", origin: "https://evil.example", host }),
      ).toBe(false);
    }
  });

  it("refuses look-alike origins: a longer host, a subdomain, another port", () => {
    expect(
      isTrustedOrigin("POST", { protocol: "https", origin: `https://${host}.evil.example`, host }),
    ).toBe(false);
    expect(
      isTrustedOrigin("POST", { protocol: "https", origin: `https://evil.${host}`, host }),
    ).toBe(false);
    expect(
      isTrustedOrigin("POST", {
        protocol: "http",
        origin: "http://localhost:3001",
        host: "localhost:3000",
      }),
    ).toBe(false);
  });

  it("refuses a state-changing request that does not say where it comes from", () => {
    expect(isTrustedOrigin("POST", { protocol: "https", origin: null, host })).toBe(false);
    expect(isTrustedOrigin("POST", { protocol: "https", origin: undefined, host })).toBe(false);
    expect(isTrustedOrigin("POST", { protocol: "https", origin: "", host })).toBe(false);
    // Sandboxed frames and some redirects send the literal "null".
    expect(isTrustedOrigin("POST", { protocol: "https", origin: "null", host })).toBe(false);
  });

  it("accepts a full-page form post that says null under no-referrer only when the browser vouches it is same-origin", () => {
    expect(
      isTrustedOrigin("POST", {
        protocol: "https",
        origin: "null",
        host,
        secFetchSite: "same-origin",
      }),
    ).toBe(true);
    for (const secFetchSite of ["same-site", "cross-site", "none", null, undefined]) {
      expect(
        isTrustedOrigin("POST", { protocol: "https", origin: "null", host, secFetchSite }),
      ).toBe(false);
    }
    // Sec-Fetch-Site never stands in for a missing Origin, nor overrides a foreign one.
    expect(
      isTrustedOrigin("POST", {
        protocol: "https",
        origin: undefined,
        host,
        secFetchSite: "same-origin",
      }),
    ).toBe(false);
    expect(
      isTrustedOrigin("POST", {
        protocol: "https",
        origin: "https://evil.example",
        host,
        secFetchSite: "same-origin",
      }),
    ).toBe(false);
  });

  it("refuses a state-changing request with no Host to compare against", () => {
    expect(
      isTrustedOrigin("POST", { protocol: "https", origin: `https://${host}`, host: null }),
    ).toBe(false);
  });

  it("accepts the public name of a reverse proxy listed in TRUSTED_ORIGINS", () => {
    const internal = "127.0.0.1:3000";
    expect(
      isTrustedOrigin("POST", { protocol: "https", origin: `https://${host}`, host: internal }),
    ).toBe(false);

    vi.stubEnv("TRUSTED_ORIGINS", ` https://${host}/ , intranet.example.org`);
    expect(
      isTrustedOrigin("POST", { protocol: "https", origin: `https://${host}`, host: internal }),
    ).toBe(true);
    expect(
      isTrustedOrigin("POST", {
        protocol: "https",
        origin: "https://intranet.example.org",
        host: internal,
      }),
    ).toBe(true);
    expect(
      isTrustedOrigin("POST", {
        protocol: "https",
        origin: "https://evil.example",
        host: internal,
      }),
    ).toBe(false);
  });

  it("refuses an Origin whose scheme is not the one the browser used", () => {
    const local = { host: "localhost:3101" };
    expect(
      isTrustedOrigin("POST", { ...local, protocol: "http", origin: "https://localhost:3101" }),
    ).toBe(false);
    expect(
      isTrustedOrigin("POST", { ...local, protocol: "https", origin: "http://localhost:3101" }),
    ).toBe(false);
    expect(
      isTrustedOrigin("POST", { ...local, protocol: "http", origin: "http://localhost:3101" }),
    ).toBe(true);
    // Under TRUST_PROXY the protocol is the proxy's X-Forwarded-Proto.
    expect(isTrustedOrigin("POST", { host, protocol: "https", origin: `https://${host}` })).toBe(
      true,
    );
    expect(isTrustedOrigin("POST", { host, protocol: "http", origin: `https://${host}` })).toBe(
      false,
    );
  });

  it("refuses an Origin carrying userinfo, a path or another scheme", () => {
    const local = { host: "localhost:3101", protocol: "http" };
    for (const origin of [
      "http://evil@localhost:3101",
      "http://user:pass@localhost:3101",
      "http://localhost:3101/",
      "http://localhost:3101/path",
      "ftp://localhost:3101",
      "javascript://localhost:3101",
    ]) {
      expect(isTrustedOrigin("POST", { ...local, origin }), origin).toBe(false);
    }
  });

  it("takes a TRUSTED_ORIGINS name without a scheme as https only", () => {
    vi.stubEnv("TRUSTED_ORIGINS", "adal.example.org, http://adal.lan:8080");
    const internal = { host: "127.0.0.1:3000", protocol: "http" };
    expect(isTrustedOrigin("POST", { ...internal, origin: "https://adal.example.org" })).toBe(true);
    expect(isTrustedOrigin("POST", { ...internal, origin: "http://adal.example.org" })).toBe(false);
    expect(isTrustedOrigin("POST", { ...internal, origin: "http://adal.lan:8080" })).toBe(true);
    expect(isTrustedOrigin("POST", { ...internal, origin: "https://adal.lan:8080" })).toBe(false);
  });
});
