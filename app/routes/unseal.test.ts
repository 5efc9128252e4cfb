// /unseal as the server runs it: key holders' shares one at a time, a refused
// share answered by the share field (never a 500), and "seal now" only for
// coordinators and administrators.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { SESSION_COOKIE_NAME, createSession } from "~/modules/auth/session.server";
import { initializeKeyring, keyring } from "~/modules/keys/keyring.server";
import { createUser } from "~/modules/people/people.server";
import { action, loader } from "./unseal";

let shares: string[];
const cookies: Record<"lawyer" | "coordinator" | "lawyerWithoutStepUp", string> = {
  lawyer: "",
  coordinator: "",
  lawyerWithoutStepUp: "",
};
const ids: Record<"lawyer" | "coordinator", string> = { lawyer: "", coordinator: "" };

beforeAll(async () => {
  const lawyer = await createUser(
    { email: "arman@example.org", displayName: "Arman", role: "LAWYER", regions: ["ATYRAU"] },
    { actorId: null },
  );
  const coordinator = await createUser(
    { email: "saule@example.org", displayName: "Saule", role: "COORDINATOR", regions: ["ATYRAU"] },
    { actorId: null },
  );
  ids.lawyer = lawyer.id;
  ids.coordinator = coordinator.id;
  cookies.lawyer = `${SESSION_COOKIE_NAME}=${await createSession(lawyer.id, {}, { secondFactor: "passed" })}`;
  cookies.coordinator = `${SESSION_COOKIE_NAME}=${await createSession(coordinator.id, {}, { secondFactor: "passed" })}`;
  cookies.lawyerWithoutStepUp = `${SESSION_COOKIE_NAME}=${await createSession(lawyer.id)}`;
  // This file's keyring is a sealed one of its own, not the test template's key file.
  await prisma.keyringState.deleteMany();
  shares = (await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 })).shares!;
  await keyring.start();
});

async function post(who: keyof typeof cookies, fields: Record<string, string>) {
  const request = new Request("http://localhost/unseal", {
    method: "POST",
    headers: {
      Cookie: cookies[who],
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields).toString(),
  });
  let response: Response;
  try {
    response = (await action({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) response = thrown;
    else throw thrown;
  }
  const body = response.headers.get("Content-Type")?.includes("json")
    ? await response.json()
    : null;
  return { status: response.status, body, location: response.headers.get("Location") };
}

describe("/unseal", () => {
  it("asks for a second factor before taking a share, and keeps nothing of it", async () => {
    const answer = await post("lawyerWithoutStepUp", { intent: "share", share: shares[0]! });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/step-up\?/);
    expect(keyring.status()).toMatchObject({ state: "sealed", sharesEntered: 0 });
  });

  it("answers a mistyped share by the share field, and stays sealed", async () => {
    const answer = await post("lawyer", { intent: "share", share: "ADAL1-not-a-share" });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ fieldErrors: { share: "keys.unseal.refused.malformed" } });
    // What was typed is never sent back, not even in part.
    expect(JSON.stringify(answer.body)).not.toContain("not-a-share");
    expect(keyring.isUnsealed()).toBe(false);
    await prisma.keyringState.update({ where: { id: "keyring" }, data: { unsealFailures: 0 } });
  });

  it("takes shares from two key holders and unseals, recording who entered them", async () => {
    expect(await post("lawyer", { intent: "share", share: shares[0]! })).toMatchObject({
      status: 302,
      location: "/unseal?done=share",
    });
    const page = await loader({
      request: new Request("http://localhost/unseal", { headers: { Cookie: cookies.lawyer } }),
      params: {},
      context: {},
    });
    expect((await page.json()).status).toMatchObject({ state: "sealed", sharesEntered: 1 });
    expect(await post("coordinator", { intent: "share", share: shares[2]! })).toMatchObject({
      status: 302,
      location: "/unseal?done=unsealed",
    });
    expect(keyring.isUnsealed()).toBe(true);
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "keys.unsealed" },
      orderBy: { seq: "desc" },
    });
    expect(entry.actorId).toBe(ids.coordinator);
  });

  it("lets a coordinator seal now, and not a lawyer", async () => {
    expect((await post("lawyer", { intent: "seal" })).status).toBe(403);
    expect(keyring.isUnsealed()).toBe(true);
    expect(await post("coordinator", { intent: "seal" })).toMatchObject({
      status: 302,
      location: "/unseal?done=sealed",
    });
    expect(keyring.status()).toMatchObject({ state: "sealed", reason: "sealedNow" });
  });
});
