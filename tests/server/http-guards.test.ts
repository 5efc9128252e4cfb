// The Express guards in front of Remix (server/http-guards.js), on a real
// socket: what a hostile or broken request gets before any route runs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_FORM_BODY_BYTES,
  holdSignedInUntil,
  limitDeclaredBody,
  rejectMalformedHost,
  withCommonHeaders,
} from "../../server/http-guards.js";
import { commonHeaders } from "~/utils/security-headers.server";

let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(withCommonHeaders(commonHeaders));
  app.use(rejectMalformedHost);
  app.use(limitDeclaredBody);
  // Stand-ins for Remix: it builds a URL from Host, and appends its own headers.
  app.get("/login", (req, res) => {
    new URL(`${req.protocol}://${req.get("host")}${req.originalUrl}`);
    res.append("X-Content-Type-Options", "nosniff");
    res.type("text/html").send("<p>sign in</p>");
  });
  app.get("/employers/suggest", (_req, res) => res.json([]));
  app.get("/export.csv", (_req, res) => res.type("text/csv").send("a,b\n"));
  app.post("/cases/new", (req, res) => {
    req.resume();
    req.on("end", () => res.status(303).end());
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A raw request: fetch() would refuse to send a malformed Host. */
function raw(
  path: string,
  headers: Record<string, string>,
  method = "GET",
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the server's guards before Remix", () => {
  it("answers 400 to a Host header that makes no URL, instead of a 500 from the adapter", async () => {
    for (const host of ["a b", "a\tb", "[::1", "local host:3000", "x@y", "a/b"]) {
      const res = await raw("/login", { Host: host });
      expect(res.status, host).toBe(400);
    }
    expect((await raw("/login", { Host: "localhost:3000" })).status).toBe(200);
    expect((await raw("/login", { Host: "[::1]:3000" })).status).toBe(200);
  });

  it("puts the common security headers on every response, once: HTML, JSON, CSV, 404, 400", async () => {
    for (const [path, host] of [
      ["/login", "localhost"],
      ["/employers/suggest", "localhost"],
      ["/export.csv", "localhost"],
      ["/no-such-page", "localhost"],
      ["/login", "a b"],
    ] as const) {
      const res = await raw(path, { Host: host });
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers["referrer-policy"], path).toBe("no-referrer");
      expect(res.headers["permissions-policy"], path).toContain("camera=()");
      expect(res.headers["cross-origin-opener-policy"], path).toBe("same-origin");
    }
  });

  it("refuses a declared body larger than any form before reading it", async () => {
    const res = await raw(
      "/cases/new",
      {
        Host: "localhost",
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(MAX_FORM_BODY_BYTES + 1),
      },
      "POST",
    );
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe("close");
  });
});

describe("right after a start, before the keyring has read its state", () => {
  it("answers a stranger's sign-in page at once and holds a signed-in request until the keys are known", async () => {
    let keysKnown!: () => void;
    const ready = new Promise<void>((resolve) => (keysKnown = resolve));
    const app = express();
    app.use(holdSignedInUntil(ready, "__Host-adal_session"));
    app.get("/login", (_req, res) => res.send("sign in"));
    app.get("/cases", (_req, res) => res.send("cases"));
    const held = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => held.once("listening", resolve));
    const url = `http://127.0.0.1:${(held.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${url}/login`)).text()).toBe("sign in");
      let answered = false;
      const signedIn = fetch(`${url}/cases`, {
        headers: { cookie: "lang=ru; __Host-adal_session=abc" },
      }).then(async (res) => {
        answered = true;
        return res.text();
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered).toBe(false);
      // Another cookie alone is no session.
      expect(await (await fetch(`${url}/login`, { headers: { cookie: "lang=ru" } })).text()).toBe(
        "sign in",
      );
      keysKnown();
      expect(await signedIn).toBe("cases");
      expect(
        await (
          await fetch(`${url}/cases`, { headers: { cookie: "__Host-adal_session=abc" } })
        ).text(),
      ).toBe("cases");
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
  });

  it("stops holding a signed-in request when the keyring never answers (a database that hangs)", async () => {
    const app = express();
    app.use(holdSignedInUntil(new Promise<void>(() => {}), "__Host-adal_session", 300));
    app.get("/cases", (_req, res) => res.send("cases"));
    const held = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => held.once("listening", resolve));
    try {
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${(held.address() as AddressInfo).port}/cases`, {
        headers: { cookie: "__Host-adal_session=abc" },
      });
      expect(await res.text()).toBe("cases");
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
  });
});
