// Random and hostile form bodies thrown at the intake action: whatever arrives,
// the answer is a 4xx or a saved case, never a 500 and never half a case.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { SESSION_COOKIE_NAME, createSession } from "~/modules/auth/session.server";
import { CATEGORIES } from "~/modules/intake/categories";
import { withCheckDigit } from "~/modules/intake/identifiers";
import { createUser } from "~/modules/people/people.server";
import { flattenEntries } from "~/utils/nested";
import { minimalIntake, namedWorker, type IntakeValues } from "../../tests/fixtures/intake";
import { action } from "./cases.new";

const SEED = 20_261_123;
const CHEAP_RUNS = 1500;
const NEAR_VALID_RUNS = 200;

let cookie: string;

beforeAll(async () => {
  const organizer = await createUser(
    { email: "fuzz@example.org", displayName: "Fuzz", role: "ORGANIZER", regions: ["ATYRAU"] },
    { actorId: null },
  );
  cookie = `${SESSION_COOKIE_NAME}=${await createSession(organizer.id)}`;
});

afterAll(async () => {
  // Whatever was thrown at it, the audit log is still one valid chain and nothing was polluted.
  expect((await verifyAuditChain()).ok).toBe(true);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

// ---- What gets sent ------------------------------------------------------

type Entries = Array<[string, string]>;
type Body =
  | { kind: "urlencoded"; entries: Entries }
  | { kind: "multipart"; entries: Entries; withFile: boolean }
  | { kind: "raw"; contentType: string | null; bytes: Uint8Array | string };

const HOSTILE_VALUES = [
  "",
  " ",
  "on",
  "true",
  "false",
  "null",
  "undefined",
  "0",
  "-0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "100001",
  "9007199254740993",
  "99999999999999999999999999",
  "999 999 999 999,99",
  "1 000 000 000 000",
  "0,001",
  "2025-02-30",
  "9999-12-31",
  "1949-12-31",
  "2025-10-01T25:61",
  '\'; DROP TABLE "Case"; --',
  "' OR '1'='1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "{{constructor.constructor('return process')()}}",
  "\u0000\u0001\u0007\u001b[31m\u007f\u0085",
  "\u202eevil\u202c\u200b\u200d\ufeff",
  "e\u0301\u0301\u0301\u0301",
  "😀👩‍👩‍👧‍👦🇰🇿",
  "\ud800",
  "\\u0000",
  "%00%ff",
  "../../etc/passwd",
  "ATYRAU",
  "UNPAID_WAGES",
  "DETAINED_ACTIVIST",
  "URGENT",
  "KZT",
  "DECEPTION",
  "900101000906",
  "+7 701 123 45 67",
  "x".repeat(201),
  "ә".repeat(2001),
  "a".repeat(20_001),
];

const REAL_FIELDS = [
  ...new Set(
    CATEGORIES.flatMap((category) =>
      flattenEntries(
        minimalIntake(category, {
          workers: [
            namedWorker({ iin: "900101000906", phone: "87011234567" }),
            { anonymous: "on" },
          ],
          chain: { contractor: { name: "c", bin: "1" }, parentCompany: { name: "p" } },
          employer: { id: "x", name: "e", bin: "1", sector: "OTHER", region: "ATYRAU" },
          incidentEnd: "2025-10-02",
          urgency: "HIGH",
          confirmDuplicates: "on",
          intent: "save",
        }),
      ).map(([key]) => key),
    ),
  ),
  "facts.indicators",
  "facts.ongoing",
  "facts.hazardous",
  "facts.periodEnd",
  "workers.0.address",
  "workers.0.contactNotes",
  "workers.0.yearOfBirth",
  "workers.0.gender",
  "workers.0.citizenship",
  "workers.0.consentToShare",
  "chain.recruitmentAgency.name",
];

const SEGMENTS = [
  "workers",
  "facts",
  "employer",
  "chain",
  "contractor",
  "fullName",
  "category",
  "unnamedWorkerCount",
  "0",
  "1",
  "99999",
  "10000",
  "10001",
  "-1",
  "",
  "__proto__",
  "constructor",
  "prototype",
  "length",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "toJSON",
  "then",
];

const hostileValue = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_VALUES), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 1 },
  { arbitrary: fc.integer().map(String), weight: 1 },
  { arbitrary: fc.double().map(String), weight: 1 },
);

const fieldName = fc.oneof(
  { arbitrary: fc.constantFrom(...REAL_FIELDS), weight: 4 },
  {
    arbitrary: fc
      .array(
        fc.oneof(
          { arbitrary: fc.constantFrom(...SEGMENTS), weight: 4 },
          { arbitrary: fc.nat(12_000).map(String), weight: 1 },
          { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map((parts) => parts.join(".")),
    weight: 4,
  },
  { arbitrary: fc.string({ unit: "binary", maxLength: 30 }), weight: 1 },
  {
    arbitrary: fc.nat(50).map((depth) =>
      Array(depth + 1)
        .fill("a")
        .join("."),
    ),
    weight: 1,
  },
);

const randomEntries = fc.array(fc.tuple(fieldName, hostileValue), { maxLength: 40 });

/** Bodies too big to build on every run, built once. */
const HEAVY_BODIES: Body[] = [
  // 600 named workers: over the limit of 500.
  {
    kind: "urlencoded",
    entries: flattenEntries(
      minimalIntake("OTHER", {
        workers: Array.from({ length: 600 }, (_, i) => namedWorker({ fullName: `Worker ${i}` })),
      }),
    ),
  },
  // Over the 2 MiB body limit, url-encoded and multipart.
  { kind: "urlencoded", entries: [["account", "a".repeat(2 * 1024 * 1024 + 1)]] },
  { kind: "multipart", entries: [["account", "я".repeat(1024 * 1024 + 10)]], withFile: false },
  // Just under it, but far over the account's 20 000 characters.
  {
    kind: "urlencoded",
    entries: flattenEntries(minimalIntake("OTHER", { account: "b".repeat(2 * 1024 * 1024 - 400) })),
  },
  // A worker index far past the limit, and more fields than allowed.
  {
    kind: "urlencoded",
    entries: flattenEntries(minimalIntake("OTHER", { unnamedWorkerCount: "0" })).concat([
      ["workers.99999.fullName", "Far away"],
      ["workers.99999.consentToStore", "on"],
    ]),
  },
  {
    kind: "urlencoded",
    entries: Array.from({ length: 20_001 }, (_, i): [string, string] => [`f${i}`, ""]),
  },
  // Prototype pollution attempts on a valid intake.
  {
    kind: "urlencoded",
    entries: flattenEntries(minimalIntake("OTHER")).concat([
      ["__proto__.polluted", "yes"],
      ["constructor.prototype.polluted", "yes"],
      ["workers.__proto__.polluted", "yes"],
      ["facts.__proto__.organizerId", "someone-else"],
    ]),
  },
  // Depth 50.
  {
    kind: "urlencoded",
    entries: [[Array.from({ length: 50 }, (_, i) => `level${i}`).join("."), "deep"]],
  },
];

const GARBAGE_CONTENT_TYPES = [
  null,
  "application/json",
  "text/plain",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; boundary=xyz",
  "application/x-www-form-urlencoded; charset=utf-16",
  "application/octet-stream",
  "image/png",
  "garbage",
];

const cheapBody: fc.Arbitrary<Body> = fc.oneof(
  {
    arbitrary: randomEntries.map((entries): Body => ({ kind: "urlencoded", entries })),
    weight: 10,
  },
  {
    arbitrary: fc
      .tuple(randomEntries, fc.boolean())
      .map(([entries, withFile]): Body => ({ kind: "multipart", entries, withFile })),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom(...GARBAGE_CONTENT_TYPES),
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          randomEntries.map((entries) => new URLSearchParams(entries).toString()),
          fc.constant('{"category":"OTHER","__proto__":{"polluted":true}}'),
          fc.constant('--xyz\r\nContent-Disposition: form-data; name="place"\r\n\r\nx\r\n--xyz--'),
        ),
      )
      .map(([contentType, bytes]): Body => ({ kind: "raw", contentType, bytes })),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(...HEAVY_BODIES), weight: 1 },
);

const VALID_IINS = ["00000000000", "85072140001", "90010100090", "87031530012"].map((eleven) =>
  withCheckDigit(eleven)!,
);

const worker = fc.oneof(
  fc
    .record({
      fullName: fc.constantFrom("Ержан Сапаров", "Асель Нурланова", "Иван Петров", "Ali Karimov"),
      iin: fc.constantFrom("", ...VALID_IINS),
      phone: fc.constantFrom("", "8 701 123 45 67", "+996 555 123 456"),
      consentToContact: fc.constantFrom("", "on"),
    })
    .map((w): IntakeValues => namedWorker(w)),
  fc.constant({ anonymous: "on", occupation: "Driver" }),
);

type Mutation =
  | { kind: "none" }
  | { kind: "set"; index: number; value: string }
  | { kind: "delete"; index: number }
  | { kind: "repeat"; index: number; value: string }
  | { kind: "add"; key: string; value: string }
  | { kind: "intent"; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: "none" }),
  fc.record({ kind: fc.constant("set" as const), index: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant("delete" as const), index: fc.nat() }),
  fc.record({ kind: fc.constant("repeat" as const), index: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant("add" as const), key: fieldName, value: hostileValue }),
  fc.record({
    kind: fc.constant("intent" as const),
    value: fc.constantFrom(
      "addWorker",
      "removeWorker:0",
      "removeWorker:99999999999999999999",
      "removeWorker:-1",
      "refresh",
      "save",
      "",
    ),
  }),
);

const nearValidBody: fc.Arbitrary<Body> = fc
  .record({
    category: fc.constantFrom(...CATEGORIES),
    employer: fc.constantFrom("ТОО «Стройка»", "АО «Мунай»", "Agro Farm LLP"),
    workers: fc.array(worker, { maxLength: 3 }),
    confirmDuplicates: fc.boolean(),
    mutation,
    multipart: fc.boolean(),
  })
  .map(({ category, employer, workers, confirmDuplicates, mutation, multipart }): Body => {
    const values = minimalIntake(category, {
      workers,
      ...(category === "DETAINED_ACTIVIST" || category === "OTHER"
        ? {}
        : { employer: { name: employer, sector: "CONSTRUCTION" } }),
      ...(confirmDuplicates ? { confirmDuplicates: "on" } : {}),
    });
    const entries = flattenEntries(values);
    const at = (index: number) => index % entries.length;
    switch (mutation.kind) {
      case "set":
        entries[at(mutation.index)] = [entries[at(mutation.index)]![0], mutation.value];
        break;
      case "delete":
        entries.splice(at(mutation.index), 1);
        break;
      case "repeat":
        entries.push([entries[at(mutation.index)]![0], mutation.value]);
        break;
      case "add":
        entries.push([mutation.key, mutation.value]);
        break;
      case "intent":
        entries.push(["intent", mutation.value]);
        break;
    }
    return multipart
      ? { kind: "multipart", entries, withFile: false }
      : { kind: "urlencoded", entries };
  });

function requestFor(body: Body): Request {
  const init = (headers: Record<string, string>, payload: BodyInit) =>
    new Request("http://localhost/cases/new", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://localhost", ...headers },
      body: payload,
    });
  switch (body.kind) {
    case "urlencoded":
      return init(
        { "Content-Type": "application/x-www-form-urlencoded" },
        new URLSearchParams(body.entries).toString(),
      );
    case "multipart": {
      const form = new FormData();
      for (const [key, value] of body.entries) form.append(key, value);
      if (body.withFile) form.append("workers.0.fullName", new Blob(["%PDF-1.7"]), "evil.pdf");
      return init({}, form);
    }
    case "raw":
      return init(
        body.contentType ? { "Content-Type": body.contentType } : {},
        typeof body.bytes === "string" ? body.bytes : new Uint8Array(body.bytes),
      );
  }
}

// ---- What must hold ------------------------------------------------------

async function rowCounts() {
  const [cases, workers, identities, employers, links, caseAudit, counters] = await Promise.all([
    prisma.case.count(),
    prisma.affectedWorker.count(),
    prisma.workerIdentity.count(),
    prisma.employer.count(),
    prisma.caseEmployer.count(),
    prisma.auditEntry.count({ where: { action: "case.created" } }),
    prisma.caseCounter.findMany({ orderBy: { year: "asc" } }),
  ]);
  return { cases, workers, identities, employers, links, caseAudit, counters };
}

/** The action's answer, thrown or returned: it must be a Response. */
async function answer(request: Request): Promise<Response> {
  let outcome: unknown;
  try {
    outcome = await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    outcome = thrown;
  }
  if (!(outcome instanceof Response)) throw new Error(`not a Response: ${String(outcome)}`);
  return outcome;
}

const CREATED = /^\/cases\/(KZ-\d{4}-\d{6,})\/created$/;

async function checkOneSubmission(body: Body): Promise<{ status: number; created: boolean }> {
  const before = await rowCounts();
  const response = await answer(requestFor(body));
  expect(response.status).toBeLessThan(500);
  const location = response.headers.get("Location") ?? "";
  const created = CREATED.exec(location);
  const after = await rowCounts();
  if (!created) {
    expect(response.status, location).not.toBe(302);
    expect(after).toEqual(before);
    return { status: response.status, created: false };
  }
  expect(response.status).toBe(302);
  expect(after.cases).toBe(before.cases + 1);
  expect(after.caseAudit).toBe(before.caseAudit + 1);
  const total = (counters: typeof before.counters) => counters.reduce((n, c) => n + c.last, 0);
  expect(total(after.counters)).toBe(total(before.counters) + 1);
  expect(await prisma.case.count({ where: { reference: created[1] } })).toBe(1);
  return { status: response.status, created: true };
}

describe("the intake action under random and hostile form bodies", () => {
  it("answers every random or hostile body with a 4xx and writes nothing", async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(cheapBody, async (body) => {
        const { status } = await checkOneSubmission(body);
        seen.set(status, (seen.get(status) ?? 0) + 1);
      }),
      { numRuns: CHEAP_RUNS, seed: SEED },
    );
    // The bodies reached more than one kind of refusal: the generator is not stuck on one.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining([400, 413]));
  }, 120_000);

  it("saves exactly one case or nothing for a near-valid intake with one field changed", async () => {
    const outcomes = { created: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(nearValidBody, async (body) => {
        const { created } = await checkOneSubmission(body);
        outcomes[created ? "created" : "refused"] += 1;
      }),
      { numRuns: NEAR_VALID_RUNS, seed: SEED + 1 },
    );
    // Both sides of the property were exercised.
    expect(outcomes.created).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  }, 120_000);
});
