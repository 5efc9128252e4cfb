// Hostile and malformed bodies posted to the edit routes: always a 4xx (or a
// saved edit), never a 500, and nothing half-written.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { SESSION_COOKIE_NAME, createSession, hashToken } from "~/modules/auth/session.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { factsEditForm } from "~/modules/cases/facts.server";
import { minimalIntake } from "../../tests/fixtures/intake";
import { action as editFacts } from "./cases.$reference.edit";
import { action as editWorker } from "./cases.$reference.workers.$workerId";
import { action as addWorker } from "./cases.$reference.workers.new";
import { corrupted } from "../../tests/fixtures/corrupted";

let cookie: string;
let reference: string;
let workerId: string;
let organizerId: string;

beforeAll(async () => {
  const organizer = await createUser(
    { email: "edit-fuzz@example.org", displayName: "Fuzz", role: "ORGANIZER", regions: ["ATYRAU"] },
    { actorId: null },
  );
  organizerId = organizer.id;
  const token = await createSession(organizer.id);
  cookie = `${SESSION_COOKIE_NAME}=${token}`;
  const parsed = validateIntake(
    minimalIntake("FORCED_LABOR", {
      workers: [{ fullName: "Test Worker", consentToStore: "on" }],
    }),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  reference = (await createIntake(parsed.data, { userId: organizer.id })).reference;
  const worker = await prisma.affectedWorker.findFirstOrThrow({ where: { case: { reference } } });
  workerId = worker.id;
  // The worker form needs a reveal in force (docs/decisions/0034): this session has one.
  await prisma.identityReveal.create({
    data: {
      sessionId: hashToken(token),
      caseId: worker.caseId,
      userId: organizer.id,
      reason: "OTHER",
      expiresAt: new Date(Date.now() + 15 * 60_000),
    },
  });
});

const BODIES: Array<Array<[string, string]>> = [
  [],
  [["intent", "facts"]],
  [["intent", "worker"]],
  [["intent", "remove"]],
  [
    ["intent", "facts"],
    ["version", "1"],
    ["facts", "x"],
  ],
  [
    ["intent", "facts"],
    ["version", "1"],
    ["facts.indicators", "NOT_AN_INDICATOR"],
  ],
  [
    ["intent", "facts"],
    ["version", "1e309"],
    ["place", "x"],
  ],
  [
    ["intent", "facts"],
    ["version", "1"],
    ["version", "2"],
  ],
  [
    ["intent", "facts"],
    ["version", "1"],
    ["incidentStart", "2025-02-30"],
    ["region", "MARS"],
  ],
  [
    ["intent", "facts"],
    ["version", "1"],
    ["__proto__.polluted", "yes"],
    ["facts.constructor", "x"],
  ],
  [
    ["intent", "worker"],
    ["version", "1"],
    ["worker", "x"],
  ],
  [
    ["intent", "worker"],
    ["version", "1"],
    ["worker.0.fullName", "x"],
  ],
  [
    ["intent", "worker"],
    ["version", "1"],
    ["worker.iin", "123"],
    ["worker.anonymous", "maybe"],
  ],
  [
    ["intent", "worker"],
    ["version", "-1"],
    ["worker.fullName", "A"],
    ["worker.consentToStore", "on"],
  ],
  [
    ["intent", "remove"],
    ["version", "1"],
    ["reason", ""],
  ],
  [
    ["intent", "remove"],
    ["version", "abc"],
    ["reason", "x"],
  ],
  [
    ["intent", "nonsense"],
    ["version", "1"],
  ],
  [
    ["intent", "facts"],
    ["version", "1"],
    ["replace", "x"],
  ],
  [
    ["intent", "worker"],
    ["version", "1"],
    ["replace.fullName", "maybe"],
  ],
];

function post(entries: Array<[string, string]>, path: string) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      Cookie: cookie,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(entries).toString(),
  });
}

async function statusOf(run: () => Promise<Response>): Promise<number> {
  try {
    return (await run()).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("the edit routes", () => {
  it("answer malformed bodies with a 4xx and change nothing", async () => {
    const before = await prisma.case.findUniqueOrThrow({ where: { reference } });
    for (const body of BODIES) {
      const params = { reference, workerId };
      const answers = [
        await statusOf(() =>
          editFacts({ request: post(body, `/cases/${reference}/edit`), params, context: {} }),
        ),
        await statusOf(() =>
          addWorker({
            request: post(body, `/cases/${reference}/workers/new`),
            params,
            context: {},
          }),
        ),
        await statusOf(() =>
          editWorker({
            request: post(body, `/cases/${reference}/workers/${workerId}`),
            params,
            context: {},
          }),
        ),
      ];
      for (const status of answers) {
        expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
        expect(status, JSON.stringify(body)).toBeLessThan(500);
      }
    }
    expect(await prisma.case.findUniqueOrThrow({ where: { reference } })).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answer 404 for a worker id that is not the case's", async () => {
    const status = await statusOf(() =>
      editWorker({
        request: post(
          [
            ["intent", "remove"],
            ["version", "1"],
            ["reason", "x"],
          ],
          `/cases/${reference}/workers/nope`,
        ),
        params: { reference, workerId: "ckaaaaaaaaaaaaaaaaaaaaaaa" },
        context: {},
      }),
    );
    expect(status).toBe(404);
  });
});

describe("the facts form with a sealed field that cannot be read (decision 0043)", () => {
  /** The form as a browser without JavaScript posts it: every field by its dotted name. */
  const asPosted = (values: Record<string, unknown>, prefix = ""): Array<[string, string]> =>
    Object.entries(values).flatMap(([key, value]): Array<[string, string]> => {
      const name = `${prefix}${key}`;
      if (Array.isArray(value)) return value.map((v) => [name, String(v)]);
      if (value && typeof value === "object")
        return asPosted(value as Record<string, unknown>, `${name}.`);
      if (value === null || value === undefined || value === false) return [];
      return [[name, value === true ? "on" : String(value)]];
    });

  it("keeps the stored text on a plain post, and replaces it when the box is ticked", async () => {
    const organizer = { id: organizerId, role: "ORGANIZER" as const, regions: ["ATYRAU" as const] };
    const { account } = await prisma.case.findUniqueOrThrow({ where: { reference } });
    const damaged = corrupted(account);
    await prisma.case.update({ where: { reference }, data: { account: damaged } });
    const form = await factsEditForm(organizer, reference);
    expect(form.unreadable).toEqual({ account: ["account"] });
    const posted = asPosted({ ...form.values, unnamedWorkerCount: "7" });
    const params = { reference };
    const save = (entries: Array<[string, string]>) =>
      statusOf(() =>
        editFacts({
          request: post([["intent", "facts"], ...entries], `/cases/${reference}/edit`),
          params,
          context: {},
        }),
      );

    expect(await save(posted)).toBe(302);
    const kept = await prisma.case.findUniqueOrThrow({ where: { reference } });
    expect([kept.account, kept.unnamedWorkerCount]).toEqual([damaged, 7]);

    const version = String(kept.version);
    const retyped = posted
      .filter(([name]) => name !== "account" && name !== "version")
      .concat([
        ["version", version],
        ["account", "Workers say wages for four months were not paid."],
      ]);
    // Typed without the box: refused beside the field, nothing written.
    expect(await save(retyped)).toBe(400);
    expect((await prisma.case.findUniqueOrThrow({ where: { reference } })).account).toBe(damaged);

    expect(await save([...retyped, ["replace.account", "on"]])).toBe(302);
    expect((await factsEditForm(organizer, reference)).values.account).toBe(
      "Workers say wages for four months were not paid.",
    );
  });
});
