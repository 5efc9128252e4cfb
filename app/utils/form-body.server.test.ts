import { describe, expect, it } from "vitest";
import { nestFormData, readForm } from "./form-body.server";

const URL_ = "http://localhost/cases/new";
const FORM = "application/x-www-form-urlencoded";

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected a thrown Response");
}

/** A body that never ends unless its reader stops; counts what was pulled. */
function endlessBody(chunkSize: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunkSize;
      controller.enqueue(new TextEncoder().encode("a".repeat(chunkSize)));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("readForm", () => {
  it("reads a url-encoded form within the limit", async () => {
    const request = new Request(URL_, {
      method: "POST",
      headers: { "Content-Type": FORM },
      body: "place=Tengiz&workers.0.fullName=%D0%95%D1%80%D0%B6%D0%B0%D0%BD",
    });
    const form = await readForm(request, 1024);
    expect(form.get("place")).toBe("Tengiz");
    expect(form.get("workers.0.fullName")).toBe("Ержан");
  });

  it("refuses with 413 a body whose declared Content-Length is over the limit, before reading it", async () => {
    const { stream, state } = endlessBody(1024);
    const request = new Request(URL_, {
      method: "POST",
      headers: { "Content-Type": FORM, "Content-Length": String(2 * 1024 * 1024 + 1) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await thrownBy(readForm(request, 2 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(1024);
  });

  it("refuses with 413 a streamed body without Content-Length once it passes the limit", async () => {
    const { stream, state } = endlessBody(64 * 1024);
    const request = new Request(URL_, {
      method: "POST",
      headers: { "Content-Type": FORM },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("Content-Length")).toBeNull();
    const response = await thrownBy(readForm(request, 1024 * 1024));
    expect(response.status).toBe(413);
    // It stopped at the limit rather than reading on. (It does not cancel the stream: on
    // Node that destroys the socket before the 413 is sent; the server closes the
    // connection instead — tests/server/refused-bodies.test.ts.)
    expect(state.pulled).toBeLessThan(2 * 1024 * 1024);
    expect(state.cancelled).toBe(false);
  });

  it("refuses with 413 a body that lies about its length", async () => {
    const request = new Request(URL_, {
      method: "POST",
      headers: { "Content-Type": FORM, "Content-Length": "10" },
      body: `account=${"a".repeat(5000)}`,
    });
    expect((await thrownBy(readForm(request, 1000))).status).toBe(413);
  });

  it("accepts a body of exactly the limit", async () => {
    const body = `account=${"a".repeat(992)}`;
    expect(body).toHaveLength(1000);
    const request = new Request(URL_, { method: "POST", headers: { "Content-Type": FORM }, body });
    expect((await readForm(request, 1000)).get("account")).toHaveLength(992);
  });

  it("refuses with 415 a body that is not a form: JSON, text, bytes", async () => {
    for (const contentType of [
      "application/json",
      "text/plain",
      "application/octet-stream",
      "application/x-www-form-urlencodedX",
    ]) {
      const request = new Request(URL_, {
        method: "POST",
        headers: { "Content-Type": contentType },
        body: '{"place":"Tengiz"}',
      });
      expect((await thrownBy(readForm(request, 1000))).status, contentType).toBe(415);
    }
  });

  it("refuses with 400 a form body that does not parse", async () => {
    for (const contentType of ["multipart/form-data", "multipart/form-data; boundary=x"]) {
      const request = new Request(URL_, {
        method: "POST",
        headers: { "Content-Type": contentType },
        body: '{"place":"Tengiz"}',
      });
      expect((await thrownBy(readForm(request, 1000))).status, contentType).toBe(400);
    }
  });

  it("reads a multipart form", async () => {
    const body = new FormData();
    body.append("place", "Tengiz");
    body.append("evidence", new Blob(["%PDF"]), "contract.pdf");
    const form = await readForm(new Request(URL_, { method: "POST", body }), 10_000);
    expect(form.get("place")).toBe("Tengiz");
    expect(nestFormData(form)).toEqual({ place: "Tengiz", evidence: { file: "contract.pdf" } });
  });
});

describe("nestFormData", () => {
  it("refuses more than 20 000 fields with 400", () => {
    const form = new FormData();
    for (let i = 0; i <= 20_000; i++) form.append(`f${i}`, "");
    let thrown: unknown;
    try {
      nestFormData(form);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
  });
});
