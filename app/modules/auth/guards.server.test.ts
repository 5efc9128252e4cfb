import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/modules/people/people.server";
import { forgetRequest, getSession } from "./guards.server";
import { SESSION_COOKIE_NAME, createSession, invalidateSession } from "./session.server";

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

let userId: string;
beforeAll(async () => {
  userId = (
    await createUser(
      {
        email: "guards@example.org",
        displayName: "Guards Tester",
        role: "LAWYER",
        regions: ["ATYRAU"],
      },
      { actorId: null },
    )
  ).id;
});

/** A Request as Remix hands one to a loader: its own copy, with the server's request id. */
function loaderRequest(token: string, requestId: string | null, method = "GET") {
  const headers = new Headers({ Cookie: `${SESSION_COOKIE_NAME}=${token}` });
  if (requestId) headers.set("X-Adal-Request-Id", requestId);
  return new Request("http://localhost/cases", { method, headers });
}

describe("getSession", () => {
  it("looks the session up once for all the loaders of one page (one request id)", async () => {
    const token = await createSession(userId);
    const rootLoader = loaderRequest(token, "page-1");
    expect((await getSession(rootLoader))?.user.id).toBe(userId);
    // Ended meanwhile: the page's other loader still answers from the same lookup…
    await invalidateSession(sha256Hex(token));
    expect((await getSession(loaderRequest(token, "page-1")))?.user.id).toBe(userId);
    // …and the next page (another id) looks again and finds it gone.
    expect(await getSession(loaderRequest(token, "page-2"))).toBeNull();
  });

  it("shares a lookup between copies of one request only until its answer has gone out", async () => {
    const token = await createSession(userId);
    const root = getSession(loaderRequest(token, "page-4"));
    expect(getSession(loaderRequest(token, "page-4"))).toBe(root);
    expect((await root)?.user.id).toBe(userId);
    await invalidateSession(sha256Hex(token));
    forgetRequest("page-4");
    // A copy after that (an id the server would not reuse) looks again and finds the session ended.
    const later = getSession(loaderRequest(token, "page-4"));
    expect(later).not.toBe(root);
    expect(await later).toBeNull();
  });

  it("looks again for each Request that carries no request id (tests, scripts)", async () => {
    const token = await createSession(userId);
    expect(await getSession(loaderRequest(token, null))).not.toBeNull();
    await invalidateSession(sha256Hex(token));
    expect(await getSession(loaderRequest(token, null))).toBeNull();
  });

  it("does not share a lookup across a POST, whose action may change the session", async () => {
    const token = await createSession(userId);
    expect(await getSession(loaderRequest(token, "post-1", "POST"))).not.toBeNull();
    await invalidateSession(sha256Hex(token));
    expect(await getSession(loaderRequest(token, "post-1", "POST"))).toBeNull();
  });

  it("shares a lookup only for the same session token", async () => {
    const mine = await createSession(userId);
    const other = await createSession(userId);
    await getSession(loaderRequest(mine, "page-3"));
    await invalidateSession(sha256Hex(other));
    expect(await getSession(loaderRequest(other, "page-3"))).toBeNull();
  });
});
