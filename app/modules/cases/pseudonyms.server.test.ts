// Pseudonymous casework (docs/decisions/0034): every worker is a stable random pseudonym on
// lists, notifications, the timeline and exports; the identities only after a reasoned,
// step-up reveal that lasts 15 minutes for one case in one session and is on the record.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createSession, hashToken, SESSION_COOKIE_NAME } from "~/modules/auth/session.server";
import { recordAudit, verifyAuditChain } from "~/modules/audit/audit.server";
import { searchAuditLog } from "~/modules/audit/audit-log.server";
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { createUser } from "~/modules/people/people.server";
import { assignToCase } from "~/modules/assignment/assignment.server";
import { DomainError } from "~/utils/domain-error";
import { putOnCase } from "../../../tests/fixtures/assignment";
import { whileSealed } from "../../../tests/fixtures/keyring";
import { minimalIntake, namedWorker } from "../../../tests/fixtures/intake";
import { callRoute, routeFiles } from "../../../tests/authorization/call-route";
import { loadCaseFile } from "./case-file.server";
import { intakeConfirmation } from "./cases.server";
import { newPseudonyms, PSEUDONYM_PATTERN } from "./pseudonym";
import { REVEAL_MS, revealedUntil, revealIdentities } from "./reveal.server";
import { addWorker } from "./workers.server";
import { pseudonymsByReference } from "./pseudonyms.server";

type Person = { id: string; role: "ORGANIZER" | "LAWYER" | "COORDINATOR"; regions: "ATYRAU"[] };
let organizer: Person;
let lawyer: Person;
let coordinator: Person;
let administrator: { id: string };

// Sentinels: none of these may appear anywhere but after a reveal.
const NAMES = ["Сентинелова Айгерим", "Zhaksylykov Sentinel", "Qwertybek Sentinelov"];
const IIN = "900101000906";
const PHONE = "+77015559876";
const ADDRESS = "Sentinel street 7";
const SENTINELS = [...NAMES, IIN, "7015559876", "Sentinel street"];

const routes = routeFiles();

beforeAll(async () => {
  const make = async (email: string, role: Person["role"]): Promise<Person> => ({
    id: (
      await createUser(
        { email, displayName: email.split("@")[0]!, role, regions: ["ATYRAU"] },
        { actorId: null },
      )
    ).id,
    role,
    regions: ["ATYRAU"],
  });
  organizer = await make("pseudo.organizer@example.org", "ORGANIZER");
  lawyer = await make("pseudo.lawyer@example.org", "LAWYER");
  coordinator = await make("pseudo.coordinator@example.org", "COORDINATOR");
  administrator = await createUser(
    { email: "pseudo.admin@example.org", displayName: "admin", role: "ADMIN", regions: [] },
    { actorId: null },
  );
});

/** A case in Atyrau with the three sentinel workers (the first with IIN, phone, address); the lawyer leads it. */
async function namedCase(): Promise<{ reference: string; id: string }> {
  const parsed = validateIntake(
    minimalIntake("UNPAID_WAGES", {
      workers: [
        namedWorker({ fullName: NAMES[0], iin: IIN, phone: PHONE, address: ADDRESS }),
        namedWorker({ fullName: NAMES[1] }),
        namedWorker({ fullName: NAMES[2] }),
      ],
    }),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  const { reference } = await createIntake(parsed.data, { userId: organizer.id });
  await putOnCase(reference, lawyer, "LEAD_LAWYER", coordinator);
  const { id } = await prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { id: true },
  });
  return { reference, id };
}

const pseudonymsOf = async (caseId: string) =>
  (
    await prisma.affectedWorker.findMany({
      where: { caseId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { pseudonym: true },
    })
  ).map((w) => w.pseudonym);

/** A session as after a sign-in; `secondFactorAt` decides whether step-up holds. */
async function sessionOf(person: { id: string }, secondFactor: "passed" | "none" = "passed") {
  const token = await createSession(person.id, {}, { secondFactor });
  return { id: hashToken(token), cookie: `${SESSION_COOKIE_NAME}=${token}` };
}

async function call(
  route: string,
  method: "GET" | "POST",
  path: string,
  cookie: string,
  params: Record<string, string> = {},
  form?: Record<string, string>,
) {
  const response = await callRoute(
    routes.get(route)!,
    method,
    { path, params, form: form ? new URLSearchParams(form) : undefined },
    cookie,
  );
  if (!response) throw new Error(`no ${method} handler in ${route}`);
  return response;
}

const leaks = (text: string) => SENTINELS.filter((s) => text.includes(s));

describe("pseudonyms", () => {
  it("are listed per case in the order they were recorded, and an empty list for a case without", async () => {
    const one = await namedCase();
    const two = await namedCase();
    const parsed = validateIntake(minimalIntake("UNPAID_WAGES"));
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    const none = await createIntake(parsed.data, { userId: organizer.id });
    const listed = await pseudonymsByReference([two.reference, none.reference, one.reference]);
    expect([...listed.keys()]).toEqual([two.reference, none.reference, one.reference]);
    // Workers of one intake share their createdAt: the id decides, as it always has.
    const recorded = async (caseId: string) =>
      (
        await prisma.affectedWorker.findMany({
          where: { caseId },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { pseudonym: true },
        })
      ).map((w) => w.pseudonym);
    expect(listed.get(one.reference)).toEqual(await recorded(one.id));
    expect(listed.get(two.reference)).toEqual(await recorded(two.id));
    expect(listed.get(one.reference)).toHaveLength(3);
    expect(listed.get(none.reference)).toEqual([]);
    expect(await pseudonymsByReference([])).toEqual(new Map());
  });

  it("are random W-XXXX codes, unique within the case and the same on every read", async () => {
    const { reference, id } = await namedCase();
    const first = await pseudonymsOf(id);
    expect(first).toHaveLength(3);
    for (const p of first) expect(p).toMatch(PSEUDONYM_PATTERN);
    expect(new Set(first).size).toBe(3);
    const file = await loadCaseFile(lawyer, reference);
    expect(file.summary.workers.map((w) => w.pseudonym)).toEqual(first);
    expect(await pseudonymsOf(id)).toEqual(first);
  });

  it("are not derived from the name or the IIN: the same worker on two cases gets two pseudonyms", async () => {
    const a = await namedCase();
    const b = await namedCase();
    const [pa, pb] = [await pseudonymsOf(a.id), await pseudonymsOf(b.id)];
    // Same names, same IIN, same order: a derived pseudonym would repeat (chance of a
    // coincidence for all three: 2^-60).
    expect(pa).not.toEqual(pb);
  });

  it("a worker added later gets one the case does not have yet", async () => {
    const { reference, id } = await namedCase();
    const { version } = await prisma.case.findUniqueOrThrow({
      where: { id },
      select: { version: true },
    });
    await addWorker(lawyer, reference, {
      version: String(version),
      worker: { fullName: "Added Later", consentToStore: "on" },
    });
    const after = await pseudonymsOf(id);
    expect(after).toHaveLength(4);
    expect(new Set(after).size).toBe(4);
  });

  it("newPseudonyms never repeats one it was told is taken", () => {
    const taken = newPseudonyms(500);
    const more = newPseudonyms(500, taken);
    expect(new Set([...taken, ...more]).size).toBe(1000);
  });
});

describe("no identity outside a reveal", () => {
  it("appears in no list, dashboard, notification, timeline or export", async () => {
    const { reference, id } = await namedCase();
    // A real assignment: its notification to the supporting lawyer, and its timeline entry.
    const supporting = await createUser(
      {
        email: "pseudo.support@example.org",
        displayName: "support",
        role: "LAWYER",
        regions: ["ATYRAU"],
      },
      { actorId: null },
    );
    const { version } = await prisma.case.findUniqueOrThrow({
      where: { id },
      select: { version: true },
    });
    await assignToCase(coordinator, reference, {
      userId: supporting.id,
      role: "SUPPORTING_LAWYER",
      version,
    });
    const [pseudonym] = await pseudonymsOf(id);
    const lawyerSession = await sessionOf(lawyer);
    const coordinatorSession = await sessionOf(coordinator);
    const organizerSession = await sessionOf(organizer);
    const pages: Array<[string, string, string]> = [
      ["cases._index", "/cases", coordinatorSession.cookie],
      ["cases._index", `/cases?q=${encodeURIComponent(reference)}`, lawyerSession.cookie],
      ["cases.mine", "/cases/mine", organizerSession.cookie],
      ["triage", "/triage", coordinatorSession.cookie],
      ["my", "/my", lawyerSession.cookie],
      ["caseload", "/caseload", coordinatorSession.cookie],
      ["notifications", "/notifications", lawyerSession.cookie],
      ["cases.export[.csv]", "/cases/export.csv", coordinatorSession.cookie],
    ];
    for (const [route, path, cookie] of pages) {
      const response = await call(route, "GET", path, cookie);
      expect(response.status, path).toBe(200);
      expect(leaks(await response.text()), path).toEqual([]);
    }
    // The case file itself (timeline included) and its retention page, without a reveal.
    for (const cookie of [lawyerSession.cookie, coordinatorSession.cookie]) {
      const file = await call("cases.$reference._index", "GET", `/cases/${reference}`, cookie, {
        reference,
      });
      const text = await file.text();
      expect(leaks(text)).toEqual([]);
      expect(text).toContain(pseudonym);
    }
    const retention = await call(
      "cases.$reference.retention",
      "GET",
      `/cases/${reference}/retention`,
      coordinatorSession.cookie,
      { reference },
    );
    expect(leaks(await retention.text())).toEqual([]);
    // Notifications as stored (the assignment's) carry no identity either.
    const stored = await prisma.notification.findMany({ where: { caseId: id } });
    expect(stored.length).toBeGreaterThan(0);
    expect(leaks(JSON.stringify(stored))).toEqual([]);
    // The export: pseudonyms, not names.
    const csv = await (
      await call("cases.export[.csv]", "GET", "/cases/export.csv", coordinatorSession.cookie)
    ).text();
    expect(csv).toContain(pseudonym);
  });

  it("the worker form sends a person without a reveal to Reveal, showing nothing", async () => {
    const { reference, id } = await namedCase();
    const { id: workerId } = await prisma.affectedWorker.findFirstOrThrow({
      where: { caseId: id },
    });
    const { cookie } = await sessionOf(lawyer);
    const response = await call(
      "cases.$reference.workers.$workerId",
      "GET",
      `/cases/${reference}/workers/${workerId}`,
      cookie,
      { reference, workerId },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain(`/cases/${reference}?done=revealNeeded`);
  });

  it("the organizer who took the intake sees the names on its confirmation page; others see pseudonyms", async () => {
    const { reference } = await namedCase();
    const own = await intakeConfirmation(organizer, reference);
    expect(own.workers.map((w) => (w.fullName?.ok ? w.fullName.value : null))).toEqual(NAMES);
    const theLawyers = await intakeConfirmation(lawyer, reference);
    expect(theLawyers.workers.every((w) => w.fullName === null)).toBe(true);
    // A day later, not even the organizer: the confirmation page is for the moment of intake.
    const later = await intakeConfirmation(
      organizer,
      reference,
      {},
      new Date(Date.now() + 86_400_000),
    );
    expect(later.workers.every((w) => w.fullName === null)).toBe(true);
  });
});

describe("reveal", () => {
  const reason = {
    intent: "reveal",
    reason: "CONTACT_WORKER",
    explanation: "To call about the hearing",
  };

  it("without a reason is refused with 400 and writes nothing", async () => {
    const { reference, id } = await namedCase();
    const session = await sessionOf(lawyer);
    const auditBefore = await prisma.auditEntry.count({
      where: { action: "case.identities_revealed" },
    });
    const forms: Array<Record<string, string>> = [
      { intent: "reveal" },
      { intent: "reveal", reason: "CONTACT_WORKER" },
      { intent: "reveal", explanation: "just curious" },
      { intent: "reveal", reason: "BECAUSE", explanation: "x" },
    ];
    for (const form of forms) {
      const response = await call(
        "cases.$reference._index",
        "POST",
        `/cases/${reference}`,
        session.cookie,
        { reference },
        form,
      );
      expect(response.status, JSON.stringify(form)).toBe(400);
    }
    expect(await prisma.identityReveal.count({ where: { caseId: id } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { action: "case.identities_revealed" } })).toBe(
      auditBefore,
    );
  });

  it("needs step-up: a session without a recent second factor goes to /step-up, nothing revealed", async () => {
    const { reference, id } = await namedCase();
    const session = await sessionOf(lawyer, "none");
    const response = await call(
      "cases.$reference._index",
      "POST",
      `/cases/${reference}`,
      session.cookie,
      { reference },
      reason,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/step-up\?/);
    expect(await prisma.identityReveal.count({ where: { caseId: id } })).toBe(0);
    // The rule itself, not only the route: a second factor 11 minutes old is too old.
    await expect(
      revealIdentities(
        lawyer,
        { id: session.id, secondFactorAt: new Date(Date.now() - 11 * 60_000) },
        reference,
        { reason: "CONTACT_WORKER", explanation: "x" },
      ),
    ).rejects.toSatisfy((e) => e instanceof DomainError && e.kind === "forbidden");
  });

  it("shows the identities to that session on that case for 15 minutes, audited with the reason and in who viewed", async () => {
    const { reference, id } = await namedCase();
    const other = await namedCase();
    const session = await sessionOf(lawyer);
    const otherSession = await sessionOf(lawyer);
    const response = await call(
      "cases.$reference._index",
      "POST",
      `/cases/${reference}`,
      session.cookie,
      { reference },
      reason,
    );
    expect(response.status).toBe(302);

    const revealed = await loadCaseFile(lawyer, reference, undefined, { sessionId: session.id });
    const names = revealed.summary.workers.map((w) =>
      w.identity?.fullName.ok ? w.identity.fullName.value : null,
    );
    // In the order the organizer typed them.
    expect(names).toEqual(NAMES);
    // Not in another session of the same person, not on another case.
    const elsewhere = await loadCaseFile(lawyer, reference, undefined, {
      sessionId: otherSession.id,
    });
    expect(elsewhere.summary.workers.every((w) => w.identity === null)).toBe(true);
    const otherCase = await loadCaseFile(lawyer, other.reference, undefined, {
      sessionId: session.id,
    });
    expect(otherCase.summary.workers.every((w) => w.identity === null)).toBe(true);

    // Audited with its reason code and words, never the names.
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "case.identities_revealed", targetId: reference },
    });
    expect(entry.actorId).toBe(lawyer.id);
    const details = JSON.parse(entry.details) as Record<string, unknown>;
    expect(details.reason).toBe("CONTACT_WORKER");
    expect(leaks(entry.details)).toEqual([]);
    // The person's words are sealed with the case key: a copy of the database does not hold them.
    expect(entry.details).not.toContain("hearing");
    expect(typeof details.explanation).toBe("string");
    // "Who viewed this file" shows it as a reveal, with the reason and the words opened.
    const shown = revealed.viewers.find((v) => v.reveal?.reason === "CONTACT_WORKER");
    expect(shown?.reveal?.explanation).toEqual({ ok: true, value: "To call about the hearing" });

    // Expiry: still open at 14:59, closed at 15:00.
    const reveal = await prisma.identityReveal.findUniqueOrThrow({
      where: { sessionId_caseId: { sessionId: session.id, caseId: id } },
    });
    const start = reveal.expiresAt.getTime() - REVEAL_MS;
    expect(await revealedUntil(session.id, id, new Date(start + REVEAL_MS - 1000))).toEqual(
      reveal.expiresAt,
    );
    expect(await revealedUntil(session.id, id, new Date(start + REVEAL_MS))).toBeNull();
  });

  it("keeps its words sealed to their own entry: older clear words still show, moved ones do not open", async () => {
    const { reference } = await namedCase();
    const session = await sessionOf(lawyer);
    await revealIdentities(lawyer, { id: session.id, secondFactorAt: new Date() }, reference, {
      reason: "LEGAL_FILING",
      explanation: "Sealed words",
    });
    const sealed = JSON.parse(
      (
        await prisma.auditEntry.findFirstOrThrow({
          where: { action: "case.identities_revealed", targetId: reference },
        })
      ).details,
    ) as { explanation: string };
    // An entry from before the words were sealed, and one carrying the first entry's ciphertext
    // under another id (copied, not written by a reveal): bound to its id, it does not open.
    await recordAudit({
      action: "case.identities_revealed",
      actorId: coordinator.id,
      targetType: "case",
      targetId: reference,
      details: { reason: "CONTACT_WORKER", explanation: "Older clear words" },
    });
    await recordAudit({
      action: "case.identities_revealed",
      actorId: coordinator.id,
      targetType: "case",
      targetId: reference,
      details: { reason: "OTHER", wordsId: "elsewhere", explanation: sealed.explanation },
    });
    const { viewers } = await loadCaseFile(lawyer, reference);
    const words = Object.fromEntries(
      viewers.filter((v) => v.reveal).map((v) => [v.reveal!.reason, v.reveal!.explanation]),
    );
    expect(words).toEqual({
      LEGAL_FILING: { ok: true, value: "Sealed words" },
      CONTACT_WORKER: { ok: true, value: "Older clear words" },
      OTHER: { ok: false, reason: "unreadable" },
    });
  });

  it("ends with its session", async () => {
    const { reference, id } = await namedCase();
    const session = await sessionOf(lawyer);
    await revealIdentities(lawyer, { id: session.id, secondFactorAt: new Date() }, reference, {
      reason: "LEGAL_FILING",
      explanation: "Claim",
    });
    await prisma.session.delete({ where: { id: session.id } });
    expect(await prisma.identityReveal.count({ where: { caseId: id } })).toBe(0);
  });
});

describe("the cases export", () => {
  it("has pseudonyms only, unless identities were asked for with a reason (and that is audited)", async () => {
    const { reference, id } = await namedCase();
    const pseudonyms = await pseudonymsOf(id);
    const { cookie } = await sessionOf(coordinator);
    const q = `q=${encodeURIComponent(reference)}`;

    const plain = await (
      await call("cases.export[.csv]", "GET", `/cases/export.csv?${q}`, cookie)
    ).text();
    expect(leaks(plain)).toEqual([]);
    for (const p of pseudonyms) expect(plain).toContain(p);

    const noReason = await call(
      "cases.export[.csv]",
      "GET",
      `/cases/export.csv?${q}&identities=on`,
      cookie,
    );
    expect(noReason.status).toBe(400);

    const withIdentities = await (
      await call(
        "cases.export[.csv]",
        "GET",
        `/cases/export.csv?${q}&identities=on&reason=LEGAL_FILING&explanation=${encodeURIComponent("Court list")}`,
        cookie,
      )
    ).text();
    for (const name of NAMES) expect(withIdentities).toContain(name);
    expect(withIdentities).toContain(IIN);

    const entries = await prisma.auditEntry.findMany({
      where: { action: "cases.exported", actorId: coordinator.id },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(JSON.parse(entries[0]!.details)).toMatchObject({
      withIdentities: true,
      reason: "LEGAL_FILING",
    });
    expect(entries[0]!.details).not.toContain("Court list");
    expect(JSON.parse(entries[1]!.details)).toMatchObject({ withIdentities: false });
  });

  it("keeps the exporter's words sealed in the audit log, opened on the administrators' page", async () => {
    const { reference } = await namedCase();
    const { cookie } = await sessionOf(coordinator);
    const words = "Sentinel words: for the hearing in Zhanaozen";
    const response = await call(
      "cases.export[.csv]",
      "GET",
      `/cases/export.csv?q=${encodeURIComponent(reference)}&identities=on&reason=WORKER_REQUEST&explanation=${encodeURIComponent(words)}`,
      cookie,
    );
    expect(response.status).toBe(200);
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "cases.exported", actorId: coordinator.id },
      orderBy: { seq: "desc" },
    });
    // The whole stored row, as a copy of the database holds it: no words, in any column.
    const [raw] = await prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT * FROM "AuditEntry" WHERE "seq" = ${entry.seq}`;
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain("Sentinel words");
    expect(stored).not.toContain("Zhanaozen");
    const details = JSON.parse(entry.details) as Record<string, unknown>;
    expect(details).toMatchObject({ withIdentities: true, reason: "WORKER_REQUEST" });
    expect(String(details.explanation)).toMatch(/^words:v1:/);
    expect(typeof details.wordsId).toBe("string");

    // An administrator reads them on the audit log page (the route's answer, as the page gets it).
    const { cookie: adminCookie } = await sessionOf(administrator);
    const page = (await (
      await call(
        "audit",
        "GET",
        `/audit?actor=${coordinator.id}&action=cases.exported`,
        adminCookie,
      )
    ).json()) as { entries: Array<{ seq: number; exportReason: unknown }> };
    expect(page.entries.find((e) => e.seq === entry.seq)?.exportReason).toEqual({
      reason: "WORKER_REQUEST",
      explanation: { ok: true, value: words },
    });
    // Not to a session signed in with the duress password: whoever watches it learns nothing.
    const underDuress = await searchAuditLog(
      { actor: coordinator.id, action: "cases.exported" },
      { duress: true },
    );
    expect(underDuress.entries.find((e) => e.seq === entry.seq)?.exportReason).toEqual({
      reason: "WORKER_REQUEST",
      explanation: { ok: false, reason: "sealed" },
    });
    // The chain still verifies: it hashes the ciphertext like any other detail.
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("shows older clear words as they are, and does not open words copied into another entry", async () => {
    const { reference } = await namedCase();
    const { cookie } = await sessionOf(coordinator);
    const { _max: since } = await prisma.auditEntry.aggregate({ _max: { seq: true } });
    await call(
      "cases.export[.csv]",
      "GET",
      `/cases/export.csv?q=${encodeURIComponent(reference)}&identities=on&reason=LEGAL_FILING&explanation=${encodeURIComponent("Sealed export words")}`,
      cookie,
    );
    const sealed = JSON.parse(
      (
        await prisma.auditEntry.findFirstOrThrow({
          where: { action: "cases.exported", actorId: coordinator.id },
          orderBy: { seq: "desc" },
        })
      ).details,
    ) as { wordsId: string; explanation: string };
    const entry = (reason: string, more: Record<string, unknown>) =>
      recordAudit({
        action: "cases.exported",
        actorId: lawyer.id,
        details: { rows: 1, truncated: false, withIdentities: true, reason, ...more },
      });
    // Before the words were sealed: clear text, shown as it is.
    await entry("CONTACT_WORKER", { explanation: "Older clear export words" });
    // The same ciphertext under another id, and under its own id but another person's entry.
    await entry("CHECK_DUPLICATE", { wordsId: "elsewhere", explanation: sealed.explanation });
    await entry("OTHER", { wordsId: sealed.wordsId, explanation: sealed.explanation });
    // A case reveal's sealed words (another key, another format) copied into an export entry.
    const session = await sessionOf(lawyer);
    await revealIdentities(lawyer, { id: session.id, secondFactorAt: new Date() }, reference, {
      reason: "LEGAL_FILING",
      explanation: "Reveal words",
    });
    const reveal = JSON.parse(
      (
        await prisma.auditEntry.findFirstOrThrow({
          where: { action: "case.identities_revealed", targetId: reference },
        })
      ).details,
    ) as { wordsId: string; explanation: string };
    await entry("WORKER_REQUEST", { wordsId: reveal.wordsId, explanation: reveal.explanation });

    const { entries } = await searchAuditLog({ action: "cases.exported" });
    const shown = Object.fromEntries(
      entries
        .filter((e) => e.exportReason && e.seq > (since.seq ?? 0))
        .map((e) => [e.exportReason!.reason, e.exportReason!.explanation]),
    );
    expect(shown).toEqual({
      LEGAL_FILING: { ok: true, value: "Sealed export words" },
      CONTACT_WORKER: { ok: true, value: "Older clear export words" },
      CHECK_DUPLICATE: { ok: false, reason: "unreadable" },
      OTHER: { ok: false, reason: "unreadable" },
      WORKER_REQUEST: { ok: false, reason: "unreadable" },
    });
    // While the server is sealed, the page says so instead of the words; clear words still show.
    const whileSealedShown = await whileSealed(() =>
      searchAuditLog({ action: "cases.exported", actor: coordinator.id }),
    );
    expect(whileSealedShown.entries[0]!.exportReason?.explanation).toEqual({
      ok: false,
      reason: "sealed",
    });
    const clear = await whileSealed(() =>
      searchAuditLog({ action: "cases.exported", actor: lawyer.id }),
    );
    expect(clear.entries.map((e) => e.exportReason?.explanation)).toContainEqual({
      ok: true,
      value: "Older clear export words",
    });
  });

  it("with identities is refused while the server is sealed (423), and nothing is written", async () => {
    const { reference } = await namedCase();
    const { cookie } = await sessionOf(coordinator);
    const before = await prisma.auditEntry.count({ where: { action: "cases.exported" } });
    const refused = await whileSealed(() =>
      call(
        "cases.export[.csv]",
        "GET",
        `/cases/export.csv?q=${encodeURIComponent(reference)}&identities=on&reason=LEGAL_FILING&explanation=Court`,
        cookie,
      ).catch((e: unknown) => e),
    );
    expect((refused as Response).status).toBe(423);
    expect(await prisma.auditEntry.count({ where: { action: "cases.exported" } })).toBe(before);
  });
});
