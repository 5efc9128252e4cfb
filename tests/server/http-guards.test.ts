// The Express guards in front of Remix (server/http-guards.js), on a real
// socket: what a hostile or broken request gets before any route runs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_FORM_BODY_BYTES,
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
