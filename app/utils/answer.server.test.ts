import { redirect } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { formAction, loaderWith, STATUS } from "./answer.server";
import { DomainError } from "./domain-error";

function post(fields: Record<string, string>): Request {
  return new Request("http://localhost/x", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const args = (request: Request) => ({ request, params: {}, context: {} });

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("formAction", () => {
  it("answers refused input with 400, the errors by field and what was typed, nested, never a password", async () => {
    const action = formAction({ maxBytes: 1024 }, async ({ parse }) => {
      parse(z.object({ name: z.string().check(z.minLength(3, "validation.tooShort")) }));
      return redirect("/done");
    });
    const response = (await action(
      args(post({ intent: "save", name: "ab", password: "hunter2", "workers.0.fullName": "A" })),
    )) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      intent: "save",
      values: { intent: "save", name: "ab", password: "", workers: [{ fullName: "A" }] },
      fieldErrors: { name: "validation.tooShort" },
    });
  });

  it("answers a form-wide refusal as formError with its kind's status", async () => {
    const action = formAction({ maxBytes: 1024 }, async () => {
      throw DomainError.tooMany("login.tooMany");
    });
    const response = (await action(args(post({ intent: "x" })))) as Response;
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ formError: "login.tooMany", fieldErrors: {} });
  });

  it("says when to try again after too many tries, in whole seconds", async () => {
    const action = formAction({ maxBytes: 1024 }, async () => {
      throw DomainError.tooMany("login.throttled", "form", 89.2);
    });
    const response = (await action(args(post({ email: "a@example.org" })))) as Response;
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("90");
    expect(await response.json()).toMatchObject({
      formError: "login.throttled",
      values: { email: "a@example.org" },
    });
  });

  it("answers a stale form with 409, who changed it first and when (ISO), and what they changed", async () => {
    const at = new Date("2026-01-02T03:04:05Z");
    const action = formAction({ maxBytes: 1024 }, async () => {
      throw DomainError.conflict({ actorName: "A", at, kind: "FACTS_EDITED" }, { fields: ["x"] });
    });
    const response = (await action(args(post({ intent: "facts" })))) as Response;
    expect(response.status).toBe(409);
    expect((await response.json()).conflict).toEqual({
      actorName: "A",
      at: at.toISOString(),
      kind: "FACTS_EDITED",
      details: { fields: ["x"] },
    });
  });

  it("throws what the form cannot show as an error page with the kind's status", async () => {
    for (const failure of [
      DomainError.notFound(),
      DomainError.forbidden(),
      DomainError.sealed(),
      DomainError.unavailable(),
    ]) {
      const action = formAction({ maxBytes: 1024 }, async () => {
        throw failure;
      });
      const error = await thrown(action(args(post({}))));
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(STATUS[failure.kind]);
    }
  });

  it("answers a database outage as 503 and lets any other error through as it is", async () => {
    const outage = Object.assign(new Error("disk"), { code: "SQLITE_FULL" });
    const bug = new TypeError("bug");
    const down = formAction({ maxBytes: 1024 }, async () => {
      throw outage;
    });
    expect(((await thrown(down(args(post({}))))) as Response).status).toBe(503);
    const broken = formAction({ maxBytes: 1024 }, async () => {
      throw bug;
    });
    expect(await thrown(broken(args(post({}))))).toBe(bug);
  });

  it("refuses a body over its limit with 413", async () => {
    const action = formAction({ maxBytes: 10 }, async () => redirect("/"));
    const error = await thrown(action(args(post({ note: "x".repeat(100) }))));
    expect((error as Response).status).toBe(413);
  });

  it("asks who posts before it reads the body: a stranger's oversized POST gets the guard's redirect, not 413", async () => {
    const request = post({ note: "x".repeat(100) });
    const action = formAction(
      {
        maxBytes: 10,
        authorize: async () => {
          throw redirect("/login");
        },
      },
      async () => redirect("/"),
    );
    const error = await thrown(action(args(request)));
    expect((error as Response).status).toBe(302);
    expect((error as Response).headers.get("Location")).toBe("/login");
    expect(request.bodyUsed).toBe(false);
  });

  it("hands the handler what authorize found", async () => {
    const action = formAction(
      { maxBytes: 1024, authorize: async () => ({ id: "u1" }) },
      async ({ auth }) => ({ who: auth.id }),
    );
    expect(await action(args(post({})))).toEqual({ who: "u1" });
  });
});

describe("loaderWith", () => {
  it("turns a DomainError into its error page and passes the answer through", async () => {
    const missing = loaderWith(async () => {
      throw DomainError.notFound();
    });
    expect(
      ((await thrown(missing(args(new Request("http://localhost/"))))) as Response).status,
    ).toBe(404);
    const fine = loaderWith(async () => ({ ok: true }));
    expect(await fine(args(new Request("http://localhost/")))).toEqual({ ok: true });
  });
});
