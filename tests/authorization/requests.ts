// The request behind each entry of the authorization matrix: the URL, the
// route params and, for actions, a form that is valid in shape, so that what
// answers is the authorization check and not the form's validation. Forms
// that would change C for good carry a stale version (answered 409 inside
// scope); withdrawals act on a note or document made for that one request.
import { prisma } from "~/db.server";
import { addNote } from "~/modules/cases/notes.server";
import { uploadDocument } from "~/modules/documents/documents.server";
import { pdfFile } from "../fixtures/documents";
import type { World } from "./world";

/** A reveal of C's identities in force for every session there is (the people of the world). */
async function revealForEverySession(world: World): Promise<void> {
  const sessions = await prisma.session.findMany({ select: { id: true, userId: true } });
  const expiresAt = new Date(Date.now() + 15 * 60_000);
  for (const session of sessions) {
    await prisma.identityReveal.upsert({
      where: { sessionId_caseId: { sessionId: session.id, caseId: world.target.id } },
      create: {
        sessionId: session.id,
        caseId: world.target.id,
        userId: session.userId,
        reason: "CONTACT_WORKER",
        expiresAt,
      },
      update: { expiresAt },
    });
  }
}

export type PreparedRequest = {
  path: string;
  params: Record<string, string>;
  form?: URLSearchParams | FormData;
  /** Puts C back as it was once the request is answered (for requests that really change it). */
  after?: () => Promise<void>;
};

export type Recipe = (world: World) => Promise<PreparedRequest> | PreparedRequest;

/** Never C's version: a write that gets past authorization is refused as stale (409). */
export const STALE_VERSION = "2000000000";

export function recipeKey(route: string, method: string, intent?: string): string {
  return intent ? `${route} ${method} ${intent}` : `${route} ${method}`;
}

const get =
  (path: string): Recipe =>
  () => ({ path, params: {} });

const post =
  (path: string, fields: Record<string, string | string[]> = {}): Recipe =>
  () => ({ path, params: {}, form: formOf(fields) });

export function formOf(fields: Record<string, string | string[]>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  return form;
}

/** A small PDF as a browser would attach it to a multipart form. */
export function pdfUpload(name: string): File {
  return new File([new Uint8Array(pdfFile(name))], name, { type: "application/pdf" });
}

const onCase = (world: World, rest = "") => ({
  path: `/cases/${world.target.reference}${rest}`,
  params: { reference: world.target.reference },
});

const CONTEXT = { ipAddress: "203.0.113.7", userAgent: "authorization-tests" };

/** A note of C that only this request will try to withdraw. */
async function freshNote(world: World, legal: boolean): Promise<string> {
  const author = legal ? world.people.lawyer.assigned : world.people.organizer.creator;
  const { id } = await addNote(
    author,
    world.target.reference,
    { body: "A note to withdraw", legal },
    CONTEXT,
  );
  return id;
}

const withdrawNote =
  (legal: boolean): Recipe =>
  async (world) => {
    const noteId = await freshNote(world, legal);
    return {
      ...onCase(world),
      form: formOf({ intent: `withdrawNote:${noteId}`, noteId, reason: "Written in error" }),
    };
  };

const proceedingForm = { kind: "CIVIL_CLAIM", authority: "Court", status: "FILED" };
const dateForm = { kind: "HEARING", date: "2026-12-11", time: "11:00", description: "Hearing" };

export const REQUESTS: Record<string, Recipe> = {
  [recipeKey("_index", "GET")]: get("/"),

  [recipeKey("admin.cases", "GET")]: get("/admin/cases?region=ATYRAU"),
  [recipeKey("admin.retention", "GET")]: get("/admin/retention"),
  // A period of 0: refused (400) once past authorization, so nothing changes.
  [recipeKey("admin.retention", "POST")]: post("/admin/retention", {
    IDENTITIES: "0",
    TEXTS: "24",
    DOCUMENTS: "24",
  }),
  [recipeKey("admin.users._index", "GET")]: get("/admin/users"),
  [recipeKey("admin.users._index", "POST", "invite")]: post("/admin/users", { intent: "invite" }),
  [recipeKey("admin.users.$userId", "GET")]: (world) => ({
    path: `/admin/users/${world.account.id}`,
    params: { userId: world.account.id },
  }),
  [recipeKey("admin.users.$userId", "POST", "access")]: (world) => ({
    path: `/admin/users/${world.account.id}`,
    params: { userId: world.account.id },
    form: formOf({ intent: "access" }),
  }),
  [recipeKey("admin.users.$userId", "POST", "resetSecondFactor")]: (world) => ({
    path: `/admin/users/${world.account.id}`,
    params: { userId: world.account.id },
    form: formOf({ intent: "resetSecondFactor" }),
  }),
  [recipeKey("admin.users.$userId", "POST", "reviewDuress")]: (world) => ({
    path: `/admin/users/${world.account.id}`,
    params: { userId: world.account.id },
    form: formOf({ intent: "reviewDuress" }),
  }),
  [recipeKey("admin.security", "GET")]: get("/admin/security"),
  [recipeKey("admin.security", "POST", "exempt")]: post("/admin/security", {
    intent: "exempt",
    role: "LAWYER",
    reason: "",
  }),
  [recipeKey("audit", "GET")]: get("/audit"),
  [recipeKey("audit.export[.csv]", "GET")]: get("/audit/export.csv"),
  [recipeKey("caseload", "GET")]: get("/caseload"),
  [recipeKey("cases.$reference.verification", "GET")]: (world) => onCase(world),
  [recipeKey("cases.$reference.verification", "POST")]: (world) => ({
    ...onCase(world),
    form: formOf({ level: "CORROBORATED" }),
  }),
  [recipeKey("reports._index", "GET")]: get("/reports"),
  [recipeKey("reports.export", "GET")]: get("/reports/export?format=csv"),
  [recipeKey("employers._index", "GET")]: get("/employers"),
  [recipeKey("employers.$employerId", "GET")]: (world) => ({
    path: `/employers/${world.employerId}`,
    params: { employerId: world.employerId },
  }),
  [recipeKey("employers.$employerId", "POST", "merge")]: (world) => ({
    path: `/employers/${world.employerId}`,
    params: { employerId: world.employerId },
    form: formOf({ intent: "merge", into: world.employerId }),
  }),
  [recipeKey("employers.$employerId_.evidence", "GET")]: (world) => ({
    path: `/employers/${world.employerId}/evidence`,
    params: { employerId: world.employerId },
  }),

  [recipeKey("cases.$reference._index", "GET")]: (world) => onCase(world),
  [recipeKey("cases.$reference._index", "POST", "note")]: (world) => ({
    ...onCase(world),
    form: formOf({ intent: "note", body: "Called the workers back" }),
  }),
  [recipeKey("cases.$reference._index", "POST", "legalNote")]: (world) => ({
    ...onCase(world),
    form: formOf({ intent: "note", body: "Claim to be filed", legal: "on" }),
  }),
  [recipeKey("cases.$reference._index", "POST", "reveal")]: (world) => ({
    ...onCase(world),
    form: formOf({ intent: "reveal", reason: "CONTACT_WORKER", explanation: "To call back" }),
  }),
  [recipeKey("cases.$reference._index", "POST", "hide")]: (world) => ({
    ...onCase(world),
    form: formOf({ intent: "hide" }),
  }),
  [recipeKey("cases.$reference._index", "POST", "status")]: (world) => ({
    ...onCase(world),
    form: formOf({ intent: "status", to: "ON_HOLD", reason: "Waiting", version: STALE_VERSION }),
  }),
  // A real move (C's current version) that only organizers may not make: C is put back after.
  [recipeKey("cases.$reference._index", "POST", "statusForward")]: async (world) => {
    const before = await prisma.case.findUniqueOrThrow({
      where: { id: world.target.id },
      select: { status: true, version: true },
    });
    if (before.status !== "ASSIGNED") throw new Error(`C is ${before.status}, not ASSIGNED`);
    return {
      ...onCase(world),
      form: formOf({ intent: "status", to: "IN_PROGRESS", version: String(before.version) }),
      after: async () => {
        await prisma.case.update({
          where: { id: world.target.id },
          data: { status: before.status },
        });
      },
    };
  },
  [recipeKey("cases.$reference._index", "POST", "outcome")]: (world) => ({
    ...onCase(world),
    form: formOf({ intent: "outcome", kind: "SETTLED", currency: "KZT", date: "2026-10-02" }),
  }),
  [recipeKey("cases.$reference._index", "POST", "withdrawNote")]: withdrawNote(false),
  [recipeKey("cases.$reference._index", "POST", "withdrawLegalNote")]: withdrawNote(true),

  [recipeKey("cases.$reference.assign", "GET")]: (world) => onCase(world, "/assign"),
  [recipeKey("cases.$reference.assign", "POST", "assign")]: (world) => ({
    ...onCase(world, "/assign"),
    form: formOf({
      intent: "assign",
      userId: world.people.lawyer.sameRegion.id,
      role: "SUPPORTING_LAWYER",
      version: STALE_VERSION,
    }),
  }),
  [recipeKey("cases.$reference.assign", "POST", "unassign")]: (world) => ({
    ...onCase(world, "/assign"),
    form: formOf({
      intent: "unassign",
      userId: world.people.lawyer.assigned.id,
      reason: "Leaving",
      version: STALE_VERSION,
    }),
  }),
  [recipeKey("cases.$reference.assign", "POST", "reassign")]: (world) => ({
    ...onCase(world, "/assign"),
    form: formOf({
      intent: "reassign",
      fromUserId: world.people.lawyer.assigned.id,
      toUserId: world.people.lawyer.sameRegion.id,
      reason: "Leaving",
      version: STALE_VERSION,
    }),
  }),
  [recipeKey("cases.$reference.created", "GET")]: (world) => onCase(world, "/created"),

  [recipeKey("cases.$reference.documents", "GET")]: (world) => onCase(world, "/documents"),
  [recipeKey("cases.$reference.documents", "POST", "upload")]: (world) => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("title", "Contract");
    form.append("kind", "CONTRACT");
    form.append("file", pdfUpload("contract.pdf"));
    return { ...onCase(world, "/documents"), form };
  },
  [recipeKey("cases.$reference.documents", "POST", "withdraw")]: async (world) => {
    const { id: documentId } = await uploadDocument(
      world.people.organizer.creator,
      world.target.reference,
      { title: "Copy", kind: "OTHER", fileName: "copy.pdf", bytes: pdfFile("Copy") },
      CONTEXT,
    );
    return {
      ...onCase(world, "/documents"),
      form: formOf({ intent: `withdraw:${documentId}`, documentId, reason: "Duplicate" }),
    };
  },
  [recipeKey("cases.$reference.documents.$documentId", "GET")]: (world) => {
    const { path, params } = onCase(world, `/documents/${world.target.documentId}`);
    return { path, params: { ...params, documentId: world.target.documentId } };
  },

  [recipeKey("cases.$reference.edit", "GET")]: (world) => onCase(world, "/edit"),
  [recipeKey("cases.$reference.edit", "POST", "facts")]: (world) => ({
    ...onCase(world, "/edit"),
    form: formOf({ intent: "facts" }),
  }),

  [recipeKey("cases.$reference.proceedings.$proceedingId", "GET")]: (world) => onProceeding(world),
  [recipeKey("cases.$reference.proceedings.$proceedingId", "POST", "proceeding")]: (world) => ({
    ...onProceeding(world),
    form: formOf({ intent: "proceeding", ...proceedingForm, version: STALE_VERSION }),
  }),
  [recipeKey("cases.$reference.proceedings.$proceedingId", "POST", "addDate")]: (world) => ({
    ...onProceeding(world),
    form: formOf({ intent: "addDate", ...dateForm, version: STALE_VERSION }),
  }),
  [recipeKey("cases.$reference.proceedings.$proceedingId", "POST", "updateDate")]: (world) => ({
    ...onProceeding(world),
    form: formOf({
      intent: `updateDate:${world.target.proceedingDateId}`,
      dateId: world.target.proceedingDateId,
      ...dateForm,
      version: STALE_VERSION,
    }),
  }),
  [recipeKey("cases.$reference.proceedings.new", "GET")]: (world) =>
    onCase(world, "/proceedings/new"),
  [recipeKey("cases.$reference.proceedings.new", "POST", "proceeding")]: (world) => ({
    ...onCase(world, "/proceedings/new"),
    form: formOf({ intent: "proceeding", ...proceedingForm, version: STALE_VERSION }),
  }),

  // Reasons left empty: a request that gets past authorization is refused (400) and changes nothing.
  [recipeKey("cases.$reference.retention", "GET")]: (world) => onCase(world, "/retention"),
  [recipeKey("cases.$reference.retention", "POST", "hold")]: (world) => ({
    ...onCase(world, "/retention"),
    form: formOf({ intent: "hold", reason: "" }),
  }),
  [recipeKey("cases.$reference.retention", "POST", "release")]: (world) => ({
    ...onCase(world, "/retention"),
    form: formOf({ intent: "release", holdId: "c".repeat(25), reason: "" }),
  }),
  [recipeKey("cases.$reference.retention", "POST", "forget")]: (world) => ({
    ...onCase(world, "/retention"),
    form: formOf({ intent: "forget", workerId: world.target.workerId, reason: "" }),
  }),
  // The worker form shows the identity: only within a reveal, so every session has one on C
  // (without it the form sends the person to Reveal: docs/decisions/0034).
  [recipeKey("cases.$reference.workers.$workerId", "GET")]: async (world) => {
    await revealForEverySession(world);
    return onWorker(world);
  },
  [recipeKey("cases.$reference.workers.$workerId", "POST", "worker")]: async (world) => {
    await revealForEverySession(world);
    return { ...onWorker(world), form: formOf({ intent: "worker" }) };
  },
  [recipeKey("cases.$reference.workers.$workerId", "POST", "remove")]: (world) => ({
    ...onWorker(world),
    form: formOf({ intent: "remove" }),
  }),
  [recipeKey("cases.$reference.workers.new", "GET")]: (world) => onCase(world, "/workers/new"),
  [recipeKey("cases.$reference.workers.new", "POST", "worker")]: (world) => ({
    ...onCase(world, "/workers/new"),
    form: formOf({ intent: "worker" }),
  }),

  [recipeKey("cases._index", "GET")]: get("/cases"),
  [recipeKey("cases.export[.csv]", "GET")]: get("/cases/export.csv"),
  [recipeKey("cases.mine", "GET")]: get("/cases/mine"),
  [recipeKey("cases.new", "GET")]: get("/cases/new"),
  [recipeKey("cases.new", "POST")]: post("/cases/new"),
  [recipeKey("employers.suggest", "GET")]: get("/employers/suggest?q=Stroy"),
  [recipeKey("healthz", "GET")]: get("/healthz"),
  [recipeKey("translations", "GET")]: get("/translations?lng=ru&sections=intake"),
  [recipeKey("language", "GET")]: get("/language"),
  [recipeKey("language", "POST")]: post("/language", { lang: "en", redirectTo: "/" }),
  [recipeKey("login", "GET")]: get("/login"),
  [recipeKey("login", "POST")]: post("/login"),
  [recipeKey("logout", "GET")]: get("/logout"),
  [recipeKey("logout", "POST")]: post("/logout"),
  [recipeKey("my", "GET")]: get("/my"),
  [recipeKey("notifications", "GET")]: get("/notifications"),
  [recipeKey("notifications", "POST")]: post("/notifications", { id: "all" }),
  [recipeKey("reassign", "GET")]: (world) =>
    get(`/reassign?from=${world.people.lawyer.assigned.id}`)(world),
  // To an organizer: refused as the wrong kind of person, so nothing moves.
  [recipeKey("reassign", "POST")]: (world) =>
    post("/reassign", {
      fromUserId: world.people.lawyer.assigned.id,
      references: world.target.reference,
      toUserIds: world.people.organizer.sameRegion.id,
      reason: "Leaving",
    })(world),
  [recipeKey("set-password.$token", "GET")]: () => ({
    path: "/set-password/unknowntoken",
    params: { token: "unknowntoken" },
  }),
  [recipeKey("set-password.$token", "POST")]: () => ({
    path: "/set-password/unknowntoken",
    params: { token: "unknowntoken" },
    form: formOf({}),
  }),
  [recipeKey("second-factor", "GET")]: get("/second-factor"),
  [recipeKey("second-factor", "POST", "verify")]: post("/second-factor", {
    intent: "verify",
    code: "000000",
  }),
  [recipeKey("security", "GET")]: get("/security"),
  [recipeKey("security", "POST", "duress")]: post("/security", { intent: "duress" }),
  [recipeKey("security", "POST", "addKey")]: post("/security", {
    intent: "addKey",
    name: "Blue key",
    response: "{}",
  }),
  [recipeKey("step-up", "GET")]: get("/step-up"),
  [recipeKey("step-up", "POST", "verify")]: post("/step-up", { intent: "verify", code: "abc" }),
  [recipeKey("settings", "GET")]: get("/settings"),
  [recipeKey("settings", "POST", "password")]: post("/settings", { intent: "password" }),
  [recipeKey("unseal", "GET")]: get("/unseal"),
  [recipeKey("unseal", "POST", "share")]: post("/unseal", { intent: "share", share: "" }),
  [recipeKey("unseal", "POST", "seal")]: post("/unseal", { intent: "seal" }),
  [recipeKey("triage", "GET")]: get("/triage"),
  [recipeKey("triage", "POST", "assign")]: (world) =>
    post("/triage", {
      reference: world.target.reference,
      userId: world.people.lawyer.sameRegion.id,
      role: "SUPPORTING_LAWYER",
      version: STALE_VERSION,
    })(world),
};

function onProceeding(world: World) {
  const { path, params } = onCase(world, `/proceedings/${world.target.proceedingId}`);
  return { path, params: { ...params, proceedingId: world.target.proceedingId } };
}

function onWorker(world: World) {
  const { path, params } = onCase(world, `/workers/${world.target.workerId}`);
  return { path, params: { ...params, workerId: world.target.workerId } };
}

/** C as it stands: what a refused request must leave untouched. */
export async function snapshotOf(caseId: string) {
  const [
    found,
    notes,
    documents,
    proceedings,
    dates,
    outcomes,
    assignments,
    workers,
    timeline,
    views,
    notifications,
  ] = await Promise.all([
    prisma.case.findUniqueOrThrow({
      where: { id: caseId },
      select: { version: true, status: true, lastActivityAt: true },
    }),
    prisma.caseNote.findMany({
      where: { caseId },
      select: { id: true, withdrawnAt: true },
      orderBy: { id: "asc" },
    }),
    prisma.caseDocument.findMany({
      where: { caseId },
      select: { id: true, withdrawnAt: true },
      orderBy: { id: "asc" },
    }),
    prisma.proceeding.count({ where: { caseId } }),
    prisma.proceedingDate.count({ where: { caseId } }),
    prisma.caseOutcome.count({ where: { caseId } }),
    prisma.caseAssignment.findMany({
      where: { caseId },
      select: { userId: true, role: true },
      orderBy: { userId: "asc" },
    }),
    prisma.affectedWorker.count({ where: { caseId } }),
    prisma.timelineEvent.count({ where: { caseId } }),
    // A refused request must not even count as having looked at the case.
    prisma.caseView.findMany({
      where: { caseId },
      select: { userId: true, lastViewedAt: true },
      orderBy: { userId: "asc" },
    }),
    prisma.notification.findMany({
      where: { caseId },
      select: { id: true, readAt: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    ...found,
    notes,
    documents,
    proceedings,
    dates,
    outcomes,
    assignments,
    workers,
    timeline,
    views,
    notifications,
  };
}
