// The IDOR sweep: people who must not reach case C ask for every one of its
// records by URL and by form field (also through their own case's routes),
// and search and export for it. Every answer is a 404 or 403 (lists and
// exports: a 200 without C), no answer carries any of C's sentinel strings,
// and nothing of C changes.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { callRoute, routeFiles } from "./call-route";
import type { Method } from "./matrix";
import { formOf, pdfUpload, snapshotOf, type PreparedRequest } from "./requests";
import {
  SENTINELS,
  cookieFor,
  seedWorld,
  useTemporaryDocumentStore,
  type Person,
  type World,
} from "./world";

useTemporaryDocumentStore();

let world: World;

beforeAll(async () => {
  world = await seedWorld();
});

/**
 * refused:  403 or 404.
 * list:     200 (or 403 for a role the page is not for) that does not name C.
 * sameAsUnknown: the very answer a reference that does not exist gets (no oracle).
 * redirect: a 302 that says nothing about C beyond the reference the caller sent.
 */
type Expectation = "refused" | "list" | "sameAsUnknown" | "redirect";
type Probe = {
  label: string;
  route: string;
  method: Method;
  request: PreparedRequest;
  expect: Expectation;
};

const UNKNOWN_REFERENCE = "KZ-2099-999999";

async function versionOf(caseId: string): Promise<string> {
  const found = await prisma.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { version: true },
  });
  return String(found.version);
}

const pageOf = (reference: string, rest = "", params: Record<string, string> = {}) => ({
  path: `/cases/${reference}${rest}`,
  params: { reference, ...params },
});

/** C's own routes, asked for with C's real ids and C's current version. */
async function probesOnTarget(world: World): Promise<Probe[]> {
  const c = world.target;
  const version = await versionOf(c.id);
  const ref = c.reference;
  const on = (rest = "", params: Record<string, string> = {}) => pageOf(ref, rest, params);
  const date = { kind: "HEARING", date: "2026-12-11", time: "11:00", description: "Hearing" };
  const proceeding = { kind: "CIVIL_CLAIM", authority: "Court", status: "FILED" };
  const upload = new FormData();
  upload.append("title", "Contract");
  upload.append("kind", "CONTRACT");
  upload.append("file", pdfUpload("contract.pdf"));
  const probe = (
    label: string,
    route: string,
    method: Method,
    request: PreparedRequest,
  ): Probe => ({ label, route, method, request, expect: "refused" });
  const proceedingPage = on(`/proceedings/${c.proceedingId}`, { proceedingId: c.proceedingId });
  const workerPage = on(`/workers/${c.workerId}`, { workerId: c.workerId });
  return [
    probe("case page", "cases.$reference._index", "GET", on()),
    probe("intake receipt", "cases.$reference.created", "GET", on("/created")),
    probe("assign dialog", "cases.$reference.assign", "GET", on("/assign")),
    probe("documents page", "cases.$reference.documents", "GET", on("/documents")),
    probe(
      "document download",
      "cases.$reference.documents.$documentId",
      "GET",
      on(`/documents/${c.documentId}`, { documentId: c.documentId }),
    ),
    probe("facts form", "cases.$reference.edit", "GET", on("/edit")),
    probe("proceeding page", "cases.$reference.proceedings.$proceedingId", "GET", proceedingPage),
    probe("new proceeding form", "cases.$reference.proceedings.new", "GET", on("/proceedings/new")),
    probe("worker form", "cases.$reference.workers.$workerId", "GET", workerPage),
    probe("new worker form", "cases.$reference.workers.new", "GET", on("/workers/new")),

    probe("add a note", "cases.$reference._index", "POST", {
      ...on(),
      form: formOf({ intent: "note", body: "Planted note" }),
    }),
    probe("add a legal note", "cases.$reference._index", "POST", {
      ...on(),
      form: formOf({ intent: "note", body: "Planted note", legal: "on" }),
    }),
    probe("change the status", "cases.$reference._index", "POST", {
      ...on(),
      form: formOf({ intent: "status", to: "ON_HOLD", reason: "Planted", version }),
    }),
    probe("record an outcome", "cases.$reference._index", "POST", {
      ...on(),
      form: formOf({ intent: "outcome", kind: "LOST", currency: "KZT", date: "2026-10-02" }),
    }),
    ...[c.noteId, c.legalNoteId].map((noteId) =>
      probe(`withdraw note ${noteId}`, "cases.$reference._index", "POST", {
        ...on(),
        form: formOf({ intent: `withdrawNote:${noteId}`, noteId, reason: "Planted" }),
      }),
    ),
    probe("assign oneself", "cases.$reference.assign", "POST", {
      ...on("/assign"),
      form: formOf({
        intent: "assign",
        userId: world.people.lawyer.sameRegion.id,
        role: "LEAD_LAWYER",
        version,
      }),
    }),
    probe("unassign the lead lawyer", "cases.$reference.assign", "POST", {
      ...on("/assign"),
      form: formOf({
        intent: "unassign",
        userId: world.people.lawyer.assigned.id,
        reason: "Planted",
        version,
      }),
    }),
    probe("reassign the lead lawyer", "cases.$reference.assign", "POST", {
      ...on("/assign"),
      form: formOf({
        intent: "reassign",
        fromUserId: world.people.lawyer.assigned.id,
        toUserId: world.people.lawyer.sameRegion.id,
        reason: "Planted",
        version,
      }),
    }),
    probe("upload a document", "cases.$reference.documents", "POST", {
      ...on("/documents"),
      form: upload,
    }),
    probe("withdraw the document", "cases.$reference.documents", "POST", {
      ...on("/documents"),
      form: formOf({
        intent: `withdraw:${c.documentId}`,
        documentId: c.documentId,
        reason: "Planted",
      }),
    }),
    probe("edit the facts", "cases.$reference.edit", "POST", {
      ...on("/edit"),
      form: formOf({ intent: "facts", version }),
    }),
    probe("edit the proceeding", "cases.$reference.proceedings.$proceedingId", "POST", {
      ...proceedingPage,
      form: formOf({ intent: "proceeding", ...proceeding, version }),
    }),
    probe("add a hearing", "cases.$reference.proceedings.$proceedingId", "POST", {
      ...proceedingPage,
      form: formOf({ intent: "addDate", ...date, version }),
    }),
    probe("move the hearing", "cases.$reference.proceedings.$proceedingId", "POST", {
      ...proceedingPage,
      form: formOf({
        intent: `updateDate:${c.proceedingDateId}`,
        dateId: c.proceedingDateId,
        ...date,
        version,
      }),
    }),
    probe("add a proceeding", "cases.$reference.proceedings.new", "POST", {
      ...on("/proceedings/new"),
      form: formOf({ intent: "proceeding", ...proceeding, version }),
    }),
    probe("edit the worker", "cases.$reference.workers.$workerId", "POST", {
      ...workerPage,
      form: formOf({
        intent: "worker",
        version,
        "worker.fullName": "Planted Name",
        "worker.consentToStore": "on",
      }),
    }),
    probe("remove the worker", "cases.$reference.workers.$workerId", "POST", {
      ...workerPage,
      form: formOf({ intent: "remove", version, reason: "Planted" }),
    }),
    probe("add a worker", "cases.$reference.workers.new", "POST", {
      ...on("/workers/new"),
      form: formOf({
        intent: "worker",
        version,
        "worker.fullName": "Planted Name",
        "worker.consentToStore": "on",
      }),
    }),
    probe("assign from triage", "triage", "POST", {
      path: "/triage",
      params: {},
      form: formOf({
        reference: ref,
        userId: world.people.lawyer.sameRegion.id,
        role: "LEAD_LAWYER",
        version,
      }),
    }),
  ];
}

/** The caller's own case (C2), with C's ids in the URL or the form. */
async function probesThroughOwnCase(world: World): Promise<Probe[]> {
  const c = world.target;
  const own = world.other;
  const version = await versionOf(own.id);
  const on = (rest = "", params: Record<string, string> = {}) =>
    pageOf(own.reference, rest, params);
  const date = { kind: "HEARING", date: "2026-12-11", time: "11:00", description: "Hearing" };
  const probe = (label: string, route: string, method: Method, request: PreparedRequest) => ({
    label: `through C2: ${label}`,
    route,
    method,
    request,
    expect: "refused" as const,
  });
  return [
    probe(
      "download C's document",
      "cases.$reference.documents.$documentId",
      "GET",
      on(`/documents/${c.documentId}`, { documentId: c.documentId }),
    ),
    probe(
      "open C's proceeding",
      "cases.$reference.proceedings.$proceedingId",
      "GET",
      on(`/proceedings/${c.proceedingId}`, { proceedingId: c.proceedingId }),
    ),
    probe(
      "open C's worker",
      "cases.$reference.workers.$workerId",
      "GET",
      on(`/workers/${c.workerId}`, { workerId: c.workerId }),
    ),
    ...[c.noteId, c.legalNoteId].map((noteId) =>
      probe(`withdraw C's note ${noteId}`, "cases.$reference._index", "POST", {
        ...on(),
        form: formOf({ intent: `withdrawNote:${noteId}`, noteId, reason: "Planted" }),
      }),
    ),
    probe("withdraw C's document", "cases.$reference.documents", "POST", {
      ...on("/documents"),
      form: formOf({
        intent: `withdraw:${c.documentId}`,
        documentId: c.documentId,
        reason: "Planted",
      }),
    }),
    probe("edit C's proceeding", "cases.$reference.proceedings.$proceedingId", "POST", {
      ...on(`/proceedings/${c.proceedingId}`, { proceedingId: c.proceedingId }),
      form: formOf({
        intent: "proceeding",
        kind: "CIVIL_CLAIM",
        authority: "Court",
        status: "FILED",
        version,
      }),
    }),
    probe("add a hearing to C's proceeding", "cases.$reference.proceedings.$proceedingId", "POST", {
      ...on(`/proceedings/${c.proceedingId}`, { proceedingId: c.proceedingId }),
      form: formOf({ intent: "addDate", ...date, version }),
    }),
    probe("move C's hearing", "cases.$reference.proceedings.$proceedingId", "POST", {
      ...on(`/proceedings/${own.proceedingId}`, { proceedingId: own.proceedingId }),
      form: formOf({
        intent: `updateDate:${c.proceedingDateId}`,
        dateId: c.proceedingDateId,
        ...date,
        version,
      }),
    }),
    probe("edit C's worker", "cases.$reference.workers.$workerId", "POST", {
      ...on(`/workers/${c.workerId}`, { workerId: c.workerId }),
      form: formOf({
        intent: "worker",
        version,
        "worker.fullName": "Planted Name",
        "worker.consentToStore": "on",
      }),
    }),
    probe("remove C's worker", "cases.$reference.workers.$workerId", "POST", {
      ...on(`/workers/${c.workerId}`, { workerId: c.workerId }),
      form: formOf({ intent: "remove", version, reason: "Planted" }),
    }),
  ];
}

/** Lists, searches and exports that would show C if the caller reached it. */
function listProbes(world: World): Probe[] {
  const c = world.target;
  const list = (label: string, route: string, path: string): Probe => ({
    label,
    route,
    method: "GET",
    request: { path, params: {} },
    expect: "list",
  });
  const filters = [
    `q=${c.reference}`,
    "q=Sentinel",
    "region=ATYRAU",
    `assignee=${world.people.lawyer.assigned.id}`,
    "status=ASSIGNED&status=NEW&status=TRIAGED",
  ];
  return [
    ...filters.map((query) => list(`case list ?${query}`, "cases._index", `/cases?${query}`)),
    list("case list", "cases._index", "/cases"),
    ...filters.map((query) =>
      list(`export ?${query}`, "cases.export[.csv]", `/cases/export.csv?${query}`),
    ),
    list("export", "cases.export[.csv]", "/cases/export.csv"),
    list("my intakes", "cases.mine", "/cases/mine"),
    list("my work", "my", "/my"),
    list("notifications", "notifications", "/notifications"),
    list("triage", "triage", "/triage"),
    list("caseload", "caseload", "/caseload?region=ATYRAU"),
    list(
      "reassign, C's lawyer's cases",
      "reassign",
      `/reassign?from=${world.people.lawyer.assigned.id}`,
    ),
    list("employer suggestions", "employers.suggest", "/employers/suggest?q=Sentinel"),
  ];
}

/** Marking as read the notifications C's people got about C (the answer is the same redirect either way; the snapshot shows nothing was marked). */
async function notificationProbes(world: World): Promise<Probe[]> {
  const theirs = await prisma.notification.findMany({
    where: { caseId: world.target.id },
    select: { id: true },
  });
  if (theirs.length === 0) throw new Error("the world has no notification about C");
  return [...theirs.map(({ id }) => id), "all"].map((id) => ({
    label: `mark notification ${id} read, opening C`,
    route: "notifications",
    method: "POST",
    request: {
      path: "/notifications",
      params: {},
      form: formOf({ id, open: world.target.reference }),
    },
    expect: "redirect" as const,
  }));
}

/** Bulk reassignment naming C: the answer must not differ from one naming no case at all. */
function bulkReassignProbe(world: World, reference: string): Probe {
  return {
    label: `bulk reassign of ${reference}`,
    route: "reassign",
    method: "POST",
    request: {
      path: "/reassign",
      params: {},
      form: formOf({
        fromUserId: world.people.lawyer.assigned.id,
        references: reference,
        toUserIds: world.people.lawyer.sameRegion.id,
        reason: "Planted",
      }),
    },
    expect: "sameAsUnknown",
  };
}

type Answer = { status: number; location: string | null; body: string };

async function ask(probe: Probe, caller: Person): Promise<Answer> {
  const file = routeFiles().get(probe.route);
  if (!file) throw new Error(`no route file ${probe.route}`);
  const response = await callRoute(file, probe.method, probe.request, await cookieFor(caller));
  if (!response) throw new Error(`${probe.route} has no ${probe.method} handler`);
  return {
    status: response.status,
    location: response.headers.get("Location"),
    body: await response.text(),
  };
}

/** A list's data without the filters it echoes (the caller's own search, which may name C). */
function withoutEcho(body: string): string {
  try {
    const data: unknown = JSON.parse(body);
    if (data && typeof data === "object" && !Array.isArray(data)) {
      const { filters: _filters, query: _query, ...rest } = data as Record<string, unknown>;
      return JSON.stringify(rest);
    }
  } catch {
    // Not JSON (a CSV): nothing is echoed.
  }
  return body;
}

function leaks(answer: Answer, world: World, strict: boolean): string[] {
  const found: string[] = Object.values(SENTINELS).filter((s) => answer.body.includes(s));
  // A list or export must not even name C.
  if (strict) {
    const listed = withoutEcho(answer.body);
    for (const id of [world.target.reference, world.target.id])
      if (listed.includes(id) || answer.location?.includes(id)) found.push(id);
  }
  return found;
}

function outsiders(world: World): Array<{ name: string; person: Person; ownCase: boolean }> {
  const { organizer, lawyer, coordinator, admin } = world.people;
  return [
    { name: "organizer of another case", person: organizer.none, ownCase: true },
    { name: "organizer of the same region", person: organizer.sameRegion, ownCase: false },
    { name: "lawyer of the same region, not assigned", person: lawyer.sameRegion, ownCase: false },
    { name: "lawyer of another case", person: lawyer.none, ownCase: true },
    { name: "coordinator of another region", person: coordinator.none, ownCase: true },
    { name: "administrator", person: admin.none, ownCase: false },
  ];
}

describe("the IDOR sweep", () => {
  it(
    "refuses every outsider every record of C, by URL and by form field, and leaks none of it",
    {
      timeout: 600_000,
    },
    async () => {
      const before = await snapshotOf(world.target.id);
      const problems: string[] = [];
      let asked = 0;
      for (const outsider of outsiders(world)) {
        const probes = [
          ...(await probesOnTarget(world)),
          ...(outsider.ownCase ? await probesThroughOwnCase(world) : []),
          ...listProbes(world),
          ...(await notificationProbes(world)),
          // A coordinator's bulk reassignment naming C is checked on its own below.
          ...(outsider.person.role === "COORDINATOR"
            ? []
            : [
                { ...bulkReassignProbe(world, world.target.reference), expect: "refused" as const },
              ]),
        ];
        for (const probe of probes) {
          asked++;
          const where = `${outsider.name}: ${probe.label} (${probe.method} ${probe.request.path})`;
          const answer = await ask(probe, outsider.person);
          const refusedStatus = answer.status === 403 || answer.status === 404;
          if (probe.expect === "refused" && !refusedStatus)
            problems.push(`${where}: answered ${answer.status}, expected 403 or 404`);
          if (probe.expect === "redirect" && answer.status !== 302)
            problems.push(`${where}: answered ${answer.status}, expected a redirect`);
          if (probe.expect === "list" && answer.status !== 200 && answer.status !== 403)
            problems.push(`${where}: answered ${answer.status}, expected 200 or 403`);
          const leaked = leaks(answer, world, probe.expect === "list");
          if (leaked.length > 0)
            problems.push(`${where}: the answer contains ${leaked.join(", ")}`);
        }
      }
      expect(asked).toBeGreaterThan(250);
      expect(problems, `\n${problems.join("\n")}\n`).toEqual([]);
      expect(await snapshotOf(world.target.id)).toEqual(before);
    },
  );

  it("answers a coordinator of another region's bulk reassignment naming C as if C did not exist", async () => {
    const before = await snapshotOf(world.target.id);
    const coordinator = world.people.coordinator.none;
    const naming = await ask(bulkReassignProbe(world, world.target.reference), coordinator);
    const unknown = await ask(bulkReassignProbe(world, UNKNOWN_REFERENCE), coordinator);
    expect(naming.status).toBe(unknown.status);
    expect(naming.location).toBe(unknown.location);
    expect(naming.body.replaceAll(world.target.reference, UNKNOWN_REFERENCE)).toBe(unknown.body);
    expect(leaks(naming, world, false)).toEqual([]);
    expect(await snapshotOf(world.target.id)).toEqual(before);
  });

  it("keeps C's sentinels out of the audit log an administrator reads and exports", async () => {
    const admin = world.people.admin.none;
    for (const probe of [
      { route: "audit", path: "/audit" },
      { route: "audit.export[.csv]", path: "/audit/export.csv" },
    ]) {
      const answer = await ask(
        {
          label: probe.route,
          route: probe.route,
          method: "GET",
          request: { path: probe.path, params: {} },
          expect: "list",
        },
        admin,
      );
      expect(answer.status).toBe(200);
      // The log does name C (that is its job); it must hold none of C's content.
      expect(answer.body).toContain(world.target.reference);
      expect(leaks(answer, world, false)).toEqual([]);
    }
  });

  it("shows organizers who reach C none of its legal notes, on any page they can open", async () => {
    const { creator, assigned } = world.people.organizer;
    const problems: string[] = [];
    const pages = [
      ...(await probesOnTarget(world)).filter((probe) => probe.method === "GET"),
      ...listProbes(world),
    ];
    for (const organizer of [creator, assigned]) {
      for (const probe of pages) {
        const answer = await ask(probe, organizer);
        if (answer.body.includes(SENTINELS.legalNote))
          problems.push(`${organizer.email}: ${probe.label} shows the legal note`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("lets the people in scope see C's sentinels, so the sweep would notice a leak", async () => {
    const file = routeFiles().get("cases.$reference._index")!;
    const response = await callRoute(
      file,
      "GET",
      pageOf(world.target.reference),
      await cookieFor(world.people.coordinator.sameRegion),
    );
    const body = await response!.text();
    for (const sentinel of [SENTINELS.account, SENTINELS.note, SENTINELS.legalNote])
      expect(body).toContain(sentinel);
  });
});
