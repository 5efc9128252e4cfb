// Bodies an action refuses, on a real socket through the real stack: Express with
// server/http-guards.js, Remix's Express adapter, and the app's own body readers
// (formAction → readForm, readUploadForm) and heavy-route gates. What is checked
// is what the server did with the socket: it answered (not a reset), and it read
// no more of a refused body than the limit and a little buffering.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeUnreadBodies,
  limitDeclaredBody,
  rejectMalformedHost,
  withCommonHeaders,
} from "../../server/http-guards.js";
import { formAction } from "~/utils/answer.server";
import { limitHeavyRoutes } from "~/utils/route-limits.server";
import { commonHeaders } from "~/utils/security-headers.server";
import { UploadBodyError, readUploadForm } from "~/utils/upload-form.server";

const FORM_LIMIT = 4 * 1024;
const FILE_LIMIT = 64 * 1024;
const MiB = 1024 * 1024;

/** Resolved by the test to let the slow upload (holding the only upload place) finish. */
let finishSlowUpload: () => void = () => {};

const route = (id: string, path: string, module: Record<string, unknown>) => ({
  id,
  parentId: "root",
  path,
  module,
});

/** A Remix build of three resource routes: a form action, an upload, and a gated upload. */
function testBuild(): ServerBuild {
  const upload = async ({ request }: { request: Request }) => {
    try {
      const form = await readUploadForm(request, { fileField: "file", maxFileBytes: FILE_LIMIT });
      if (form.fields.get("slow") === "yes")
        await new Promise<void>((resolve) => (finishSlowUpload = resolve));
      return new Response(`stored ${form.file?.bytes.byteLength ?? 0} bytes`);
    } catch (error) {
      if (error instanceof UploadBodyError)
        return new Response("refused", { status: error.status });
      throw error;
    }
  };
  const build = {
    mode: "production",
    future: {},
    isSpaMode: false,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    basename: undefined,
    assets: {
      url: "/build/manifest.js",
      version: "test",
      entry: { module: "", imports: [] },
      routes: {},
    },
    entry: {
      module: {
        default: () => new Response("no pages here", { status: 500 }),
        handleError: () => {},
      },
    },
    routes: {
      root: { id: "root", path: "", module: {} },
      "routes/language": route("routes/language", "language", {
        action: formAction({ maxBytes: FORM_LIMIT }, async ({ form }) => {
          return new Response(`lang ${String(form.get("lang"))}`);
        }),
      }),
      "routes/upload": route("routes/upload", "upload", { action: upload }),
      "routes/cases.$reference.documents": route(
        "routes/cases.$reference.documents",
        "cases/:reference/documents",
        { action: upload },
      ),
    },
  } as unknown as ServerBuild;
  return limitHeavyRoutes(build, { upload: 1, export: 1, report: 1, download: 1 }, [
    {
      group: "upload",
      routeId: "routes/cases.$reference.documents",
      handler: "action",
      applies: (request) => /^multipart\//i.test(request.headers.get("Content-Type") ?? ""),
    },
  ]);
}

let server: http.Server;
const keepAlive = new http.Agent({ keepAlive: true });
let port: number;
/** Every server-side socket, to read how many bytes the server took from each. */
const serverSockets: Socket[] = [];

beforeAll(async () => {
  const app = express();
  app.use(withCommonHeaders(commonHeaders));
  app.use(rejectMalformedHost);
  app.use(limitDeclaredBody);
  app.use(closeUnreadBodies);
  app.all("*", createRequestHandler({ build: testBuild(), mode: "production" }));
  server = app.listen(0, "127.0.0.1");
  server.on("connection", (socket: Socket) => serverSockets.push(socket));
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  keepAlive.destroy();
  return new Promise((resolve) => server.close(resolve));
});

type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the client managed to hand to its socket before the exchange ended. */
  sent: number;
  /** Bytes the server read from this connection's socket, once it closed (or 2 s after the answer). */
  serverRead: number;
  serverClosed: boolean;
};

/**
 * Sends `headers`, then streams up to `totalBytes` of `chunk`s (or nothing when
 * `send` is false), and waits for the answer and for the connection's fate.
 */
function post(
  path: string,
  headers: Record<string, string>,
  options: { totalBytes: number; send?: boolean; first?: Buffer; chunk?: Buffer },
): Promise<Answer> {
  const { totalBytes, send = true, first, chunk = Buffer.alloc(64 * 1024, "a") } = options;
  return new Promise((resolve, reject) => {
    let clientPort = 0;
    let sent = 0;
    let stop = false;
    let answer: Omit<Answer, "serverRead" | "serverClosed" | "sent"> | null = null;
    const req = http.request(
      // A keep-alive agent, as browsers are: the server chooses whether to close.
      { host: "127.0.0.1", port, path, method: "POST", headers, agent: keepAlive },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (text: string) => (body += text));
        res.on("end", () => {
          answer = { status: res.statusCode ?? 0, headers: res.headers, body };
          stop = true;
          const socket = serverSockets.find((s) => s.remotePort === clientPort);
          if (!socket) return reject(new Error("no server socket"));
          const settle = () =>
            resolve({
              ...answer!,
              sent,
              serverRead: socket.bytesRead,
              serverClosed: socket.destroyed,
            });
          if (socket.destroyed) return settle();
          // A connection kept open stays open: no need to wait long for that.
          const timer = setTimeout(settle, res.headers.connection === "close" ? 2000 : 300);
          socket.once("close", () => {
            clearTimeout(timer);
            settle();
          });
        });
      },
    );
    req.on("socket", (socket) => {
      const remember = () => (clientPort = socket.localPort ?? 0);
      if (socket.localPort) remember();
      else socket.once("connect", remember);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // Writing on after the server closed: expected once it has answered.
      if (answer || error.code === "EPIPE") return;
      reject(error);
    });
    req.flushHeaders();
    if (!send) return; // headers only: the body never comes
    if (first) {
      req.write(first);
      sent += first.length;
    }
    const pump = () => {
      if (stop || req.destroyed) return;
      if (sent >= totalBytes) return void req.end();
      sent += chunk.length;
      if (req.write(chunk)) setImmediate(pump);
      else req.once("drain", pump);
    };
    pump();
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded", Host: "localhost" };

function multipartStart(boundary: string, fields: Record<string, string>) {
  let text = "";
  for (const [name, value] of Object.entries(fields))
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  text += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return Buffer.from(text);
}

describe("a body an action refuses", () => {
  it("reads a form within the action's limit and keeps the connection", async () => {
    const body = Buffer.from("lang=kk");
    const answer = await post(
      "/language",
      { ...FORM, "Content-Length": String(body.length) },
      { totalBytes: body.length, chunk: body },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("lang kk");
    expect(answer.headers.connection).not.toBe("close");
  });

  it("answers 413 to a declared length over the action's limit without waiting for the body, and closes the connection", async () => {
    // 1 MiB: under the server's 4 MiB cap for any form, over this action's 4 KiB.
    const answer = await post(
      "/language",
      { ...FORM, "Content-Length": String(MiB) },
      { totalBytes: 0, send: false },
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.serverClosed).toBe(true);
    expect(answer.serverRead).toBeLessThan(16 * 1024);
  });

  it("cuts a chunked form off at the action's limit: a 413 answer, not a reset, and the rest is not read", async () => {
    const answer = await post(
      "/language",
      { ...FORM, "Transfer-Encoding": "chunked" },
      { totalBytes: 16 * MiB },
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.serverClosed).toBe(true);
    expect(answer.serverRead).toBeLessThan(2 * MiB);
  });

  it("cuts a chunked upload off past its cap with an answer, reading no more than the cap and a little", async () => {
    const boundary = "adalboundary";
    const answer = await post(
      "/upload",
      {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        Host: "localhost",
        "Transfer-Encoding": "chunked",
      },
      { totalBytes: 24 * MiB, first: multipartStart(boundary, { title: "scan" }) },
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.serverRead).toBeLessThan(FILE_LIMIT + 256 * 1024 + 2 * MiB);
  });

  it("answers an upload past the per-process limit with 503 and Retry-After before reading its body", async () => {
    const boundary = "adalboundary";
    const headers = {
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      Host: "localhost",
      "Accept-Language": "ru",
    };
    // The first upload takes the only place and holds it.
    const head = multipartStart(boundary, { slow: "yes" });
    const tail = Buffer.from(`%PDF\r\n--${boundary}--\r\n`);
    const whole = Buffer.concat([head, tail]);
    const first = post(
      "/cases/R-1/documents",
      { ...headers, "Content-Length": String(whole.length) },
      { totalBytes: whole.length, chunk: whole },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await post(
      "/cases/R-1/documents",
      { ...headers, "Content-Length": String(20 * MiB) },
      { totalBytes: 20 * MiB },
    );
    expect(second.status).toBe(503);
    expect(second.headers["retry-after"]).toBe("10");
    expect(second.headers.connection).toBe("close");
    expect(second.serverRead).toBeLessThan(2 * MiB);
    // A resource route has no error page: it gets a translated one of its own.
    expect(second.headers["content-type"]).toContain("text/html");
    expect(second.body).toContain('lang="ru"');
    finishSlowUpload();
    expect((await first).status).toBe(200);
    // The place is free again.
    const another = Buffer.concat([multipartStart(boundary, {}), tail]);
    const third = await post(
      "/cases/R-1/documents",
      { ...headers, "Content-Length": String(another.length) },
      { totalBytes: another.length, chunk: another },
    );
    expect(third.status).toBe(200);
  });
});
