// Who may do what: the expected answer of every route file in app/routes, for
// every method (and every action intent worth telling apart), for every role,
// by the caller's relation to the case. matrix.test.ts checks each cell
// against the route modules on a seeded database, and fails when a route file
// is missing here (or an entry here has no file).
//
// How to read it
// - Key: the route file's name without its extension ("cases.$reference._index").
// - Each key lists entries: `GET` is the loader, `POST` the action; `intent`
//   names the form's intent where an action does different things
//   ("withdrawNote" stands for the `withdrawNote:<id>` intents; "legalNote" and
//   "statusForward" are variants of the `note` and `status` forms).
// - `about: "case"` entries act on one case, C (in ATYRAU). The expectation
//   depends on how the caller stands to C:
//     organizer   creator     took C in at intake
//                 assigned    C's field organizer
//                 sameRegion  works in ATYRAU, nothing to do with C
//                 none        works in another region
//     lawyer      assigned    C's lead lawyer
//                 sameRegion  works in ATYRAU, not on C
//                 none        works in another region
//     coordinator sameRegion  covers ATYRAU
//                 none        covers another region only
//     admin       none        (administrators reach no case content)
//     anonymous               no session
// - `about: "any"` entries are not about one case: one answer per role (asked
//   as the organizer who took C, C's lead lawyer, the ATYRAU coordinator).
// - Each entry's request (URL, params, form) is in requests.ts under the same
//   key; forms are valid in shape, so that authorization, not validation, answers.
// - Answers:
//     ok          2xx, a redirect anywhere but /login, or a 400/409 refusal of
//                 the form's content: the request got past authorization
//     forbidden   403: the caller reaches the case (or page) but their role may not do this
//     notFound    404: out of scope; the answer does not say whether the case exists
//     login       a redirect to /login (no session)
//     badRequest  400 where no authorization is involved
//
// The rule behind the case cells (app/modules/cases/access.server.ts):
// organizers reach the cases they took or are assigned to; lawyers the cases
// they are assigned to; coordinators the cases in their regions; admins none.
// Out of scope is 404, a role refusal inside scope 403. Routes that only one
// role may use refuse the others with 403 before looking at the case.
//
// Reads are on the record: a GET about C that answers "ok" records one view of C
// ("case.viewed", or "document.downloaded") by the caller; a refused GET records
// none; a page marked `noCaseContent` records none either.

export type Answer = "ok" | "forbidden" | "notFound" | "login" | "badRequest";
export type Method = "GET" | "POST";

export type CaseCells = {
  anonymous: Answer;
  organizer: { creator: Answer; assigned: Answer; sameRegion: Answer; none: Answer };
  lawyer: { assigned: Answer; sameRegion: Answer; none: Answer };
  coordinator: { sameRegion: Answer; none: Answer };
  admin: { none: Answer };
};

export type AnyCells = {
  anonymous: Answer;
  organizer: Answer;
  lawyer: Answer;
  coordinator: Answer;
  admin: Answer;
};

export type MatrixEntry = { method: Method; intent?: string } & (
  | {
      about: "case";
      expect: CaseCells;
      /**
       * A GET about C shows C's content, so every "ok" answer records exactly one view of C by
       * the caller and every refusal none (docs/decisions/0025). A page that shows nothing of
       * C's content says so here, with the reason, and must record no view.
       */
      noCaseContent?: string;
    }
  | { about: "any"; expect: AnyCells }
);

/**
 * A case route that checks scope first: everyone outside C's scope gets 404,
 * anonymous callers the login page; the cells inside scope are given.
 */
function scoped(inside: {
  creator: Answer;
  assigned: Answer;
  lawyer: Answer;
  coordinator: Answer;
}): CaseCells {
  return {
    anonymous: "login",
    organizer: {
      creator: inside.creator,
      assigned: inside.assigned,
      sameRegion: "notFound",
      none: "notFound",
    },
    lawyer: { assigned: inside.lawyer, sameRegion: "notFound", none: "notFound" },
    coordinator: { sameRegion: inside.coordinator, none: "notFound" },
    admin: { none: "notFound" },
  };
}

/** Everyone who reaches C may do it. */
const EVERYONE_IN_SCOPE = scoped({
  creator: "ok",
  assigned: "ok",
  lawyer: "ok",
  coordinator: "ok",
});

/** Legal material: lawyers and coordinators; organizers who reach C are refused (403). */
const LEGAL = scoped({
  creator: "forbidden",
  assigned: "forbidden",
  lawyer: "ok",
  coordinator: "ok",
});

/** A coordinators' page about a case: every other role is refused before the case is looked up. */
const COORDINATORS_OF_THE_REGION: CaseCells = {
  anonymous: "login",
  organizer: {
    creator: "forbidden",
    assigned: "forbidden",
    sameRegion: "forbidden",
    none: "forbidden",
  },
  lawyer: { assigned: "forbidden", sameRegion: "forbidden", none: "forbidden" },
  coordinator: { sameRegion: "ok", none: "notFound" },
  admin: { none: "forbidden" },
};

/** Lawyers' and coordinators' page about a case: other roles refused first, then the case's scope. */
const LAWYERS_AND_COORDINATORS: CaseCells = {
  anonymous: "login",
  organizer: {
    creator: "forbidden",
    assigned: "forbidden",
    sameRegion: "forbidden",
    none: "forbidden",
  },
  lawyer: { assigned: "ok", sameRegion: "notFound", none: "notFound" },
  coordinator: { sameRegion: "ok", none: "notFound" },
  admin: { none: "forbidden" },
};

const only = (...roles: Array<keyof Omit<AnyCells, "anonymous">>): AnyCells => ({
  anonymous: "login",
  organizer: roles.includes("organizer") ? "ok" : "forbidden",
  lawyer: roles.includes("lawyer") ? "ok" : "forbidden",
  coordinator: roles.includes("coordinator") ? "ok" : "forbidden",
  admin: roles.includes("admin") ? "ok" : "forbidden",
});

const SIGNED_IN = only("organizer", "lawyer", "coordinator", "admin");
const OPEN_TO_ALL: AnyCells = {
  anonymous: "ok",
  organizer: "ok",
  lawyer: "ok",
  coordinator: "ok",
  admin: "ok",
};

export const MATRIX: Record<string, MatrixEntry[]> = {
  // Home: a redirect to the role's own start page.
  _index: [{ method: "GET", about: "any", expect: SIGNED_IN }],

  // The case register: metadata of every case, for administrators only.
  "admin.cases": [{ method: "GET", about: "any", expect: only("admin") }],
  "admin.retention": [
    { method: "GET", about: "any", expect: only("admin") },
    { method: "POST", about: "any", expect: only("admin") },
  ],
  "admin.users._index": [
    { method: "GET", about: "any", expect: only("admin") },
    { method: "POST", intent: "invite", about: "any", expect: only("admin") },
  ],
  // Every intent of the account page passes the same admin check first.
  "admin.users.$userId": [
    { method: "GET", about: "any", expect: only("admin") },
    { method: "POST", intent: "access", about: "any", expect: only("admin") },
    { method: "POST", intent: "resetSecondFactor", about: "any", expect: only("admin") },
    { method: "POST", intent: "reviewDuress", about: "any", expect: only("admin") },
  ],
  // The second-factor policy: role exemptions, for administrators only.
  "admin.security": [
    { method: "GET", about: "any", expect: only("admin") },
    { method: "POST", intent: "exempt", about: "any", expect: only("admin") },
  ],
  audit: [{ method: "GET", about: "any", expect: only("admin") }],
  "audit.export[.csv]": [{ method: "GET", about: "any", expect: only("admin") }],
  caseload: [{ method: "GET", about: "any", expect: only("coordinator") }],
  // Monitoring reports and the employer register: coordinators, within their regions.
  // Lawyers on the case and coordinators of its region set how far it has been checked.
  "cases.$reference.verification": [
    { method: "GET", about: "case", expect: LAWYERS_AND_COORDINATORS },
    { method: "POST", about: "case", expect: LAWYERS_AND_COORDINATORS },
  ],
  "reports._index": [{ method: "GET", about: "any", expect: only("coordinator") }],
  "reports.export": [{ method: "GET", about: "any", expect: only("coordinator") }],
  "employers._index": [{ method: "GET", about: "any", expect: only("coordinator") }],
  "employers.$employerId": [
    { method: "GET", about: "any", expect: only("coordinator") },
    { method: "POST", intent: "merge", about: "any", expect: only("coordinator") },
  ],
  "employers.$employerId_.evidence": [{ method: "GET", about: "any", expect: only("coordinator") }],

  "cases.$reference._index": [
    { method: "GET", about: "case", expect: EVERYONE_IN_SCOPE },
    { method: "POST", intent: "note", about: "case", expect: EVERYONE_IN_SCOPE },
    // A note marked legal: organizers may not write legal material.
    { method: "POST", intent: "legalNote", about: "case", expect: LEGAL },
    // A stale form: answered 409 inside scope, before any rule about the move.
    { method: "POST", intent: "status", about: "case", expect: EVERYONE_IN_SCOPE },
    // ASSIGNED → IN_PROGRESS for real: organizers may only pause and resume.
    {
      method: "POST",
      intent: "statusForward",
      about: "case",
      expect: scoped({
        creator: "forbidden",
        assigned: "forbidden",
        lawyer: "ok",
        coordinator: "ok",
      }),
    },
    { method: "POST", intent: "outcome", about: "case", expect: LEGAL },
    // Revealing the workers' identities (with a reason, after step-up) and hiding them again:
    // anyone who reaches the file (docs/decisions/0034).
    { method: "POST", intent: "reveal", about: "case", expect: EVERYONE_IN_SCOPE },
    { method: "POST", intent: "hide", about: "case", expect: EVERYONE_IN_SCOPE },
    // Withdrawing the creator's note: its author and coordinators only.
    {
      method: "POST",
      intent: "withdrawNote",
      about: "case",
      expect: scoped({
        creator: "ok",
        assigned: "forbidden",
        lawyer: "forbidden",
        coordinator: "ok",
      }),
    },
    // Withdrawing the lead lawyer's legal note: organizers do not see it at all.
    {
      method: "POST",
      intent: "withdrawLegalNote",
      about: "case",
      expect: scoped({
        creator: "notFound",
        assigned: "notFound",
        lawyer: "ok",
        coordinator: "ok",
      }),
    },
  ],
  "cases.$reference.assign": [
    { method: "GET", about: "case", expect: COORDINATORS_OF_THE_REGION },
    { method: "POST", intent: "assign", about: "case", expect: COORDINATORS_OF_THE_REGION },
    { method: "POST", intent: "unassign", about: "case", expect: COORDINATORS_OF_THE_REGION },
    { method: "POST", intent: "reassign", about: "case", expect: COORDINATORS_OF_THE_REGION },
  ],
  "cases.$reference.created": [
    {
      method: "GET",
      about: "case",
      // The workers' pseudonyms (and, for the organizer who just took it, their names).
      expect: EVERYONE_IN_SCOPE,
    },
  ],
  "cases.$reference.documents": [
    { method: "GET", about: "case", expect: EVERYONE_IN_SCOPE },
    { method: "POST", intent: "upload", about: "case", expect: EVERYONE_IN_SCOPE },
    // Withdrawing a document the creator uploaded: its uploader and coordinators only.
    {
      method: "POST",
      intent: "withdraw",
      about: "case",
      expect: scoped({
        creator: "ok",
        assigned: "forbidden",
        lawyer: "forbidden",
        coordinator: "ok",
      }),
    },
  ],
  // The download.
  "cases.$reference.documents.$documentId": [
    { method: "GET", about: "case", expect: EVERYONE_IN_SCOPE },
  ],
  "cases.$reference.edit": [
    { method: "GET", about: "case", expect: EVERYONE_IN_SCOPE },
    { method: "POST", intent: "facts", about: "case", expect: EVERYONE_IN_SCOPE },
  ],
  "cases.$reference.proceedings.$proceedingId": [
    { method: "GET", about: "case", expect: LEGAL },
    { method: "POST", intent: "proceeding", about: "case", expect: LEGAL },
    { method: "POST", intent: "addDate", about: "case", expect: LEGAL },
    { method: "POST", intent: "updateDate", about: "case", expect: LEGAL },
  ],
  "cases.$reference.proceedings.new": [
    {
      method: "GET",
      about: "case",
      expect: LEGAL,
      noCaseContent: "an empty form: the reference and the case's version number",
    },
    { method: "POST", intent: "proceeding", about: "case", expect: LEGAL },
  ],
  // Legal holds: lawyers on C and its coordinators; forgetting a worker: coordinators only.
  "cases.$reference.retention": [
    { method: "GET", about: "case", expect: LEGAL },
    { method: "POST", intent: "hold", about: "case", expect: LEGAL },
    { method: "POST", intent: "release", about: "case", expect: LEGAL },
    {
      method: "POST",
      intent: "forget",
      about: "case",
      expect: scoped({
        creator: "forbidden",
        assigned: "forbidden",
        lawyer: "forbidden",
        coordinator: "ok",
      }),
    },
  ],
  "cases.$reference.workers.$workerId": [
    { method: "GET", about: "case", expect: EVERYONE_IN_SCOPE },
    { method: "POST", intent: "worker", about: "case", expect: EVERYONE_IN_SCOPE },
    { method: "POST", intent: "remove", about: "case", expect: EVERYONE_IN_SCOPE },
  ],
  "cases.$reference.workers.new": [
    {
      method: "GET",
      about: "case",
      expect: EVERYONE_IN_SCOPE,
      noCaseContent: "an empty form: the version number and the next worker's number",
    },
    { method: "POST", intent: "worker", about: "case", expect: EVERYONE_IN_SCOPE },
  ],
  // Lists and exports show only what the caller reaches (the IDOR sweep checks C is not in them).
  "cases._index": [
    { method: "GET", about: "any", expect: only("organizer", "lawyer", "coordinator") },
  ],
  "cases.export[.csv]": [
    { method: "GET", about: "any", expect: only("organizer", "lawyer", "coordinator") },
  ],
  "cases.mine": [{ method: "GET", about: "any", expect: only("organizer", "coordinator") }],
  "cases.new": [
    { method: "GET", about: "any", expect: only("organizer", "coordinator") },
    { method: "POST", about: "any", expect: only("organizer", "coordinator") },
  ],
  // Employers are shared records, not case content; administrators record no cases.
  "employers.suggest": [
    { method: "GET", about: "any", expect: only("organizer", "lawyer", "coordinator") },
  ],
  healthz: [{ method: "GET", about: "any", expect: OPEN_TO_ALL }],
  // The interface's own texts, which the sign-in page shows too: nothing about anyone.
  translations: [{ method: "GET", about: "any", expect: OPEN_TO_ALL }],
  // Changing the language works signed out too (it also sets a cookie).
  language: [
    { method: "GET", about: "any", expect: OPEN_TO_ALL },
    { method: "POST", about: "any", expect: OPEN_TO_ALL },
  ],
  // Signed in, the login page sends people home (a redirect, so "ok").
  login: [
    { method: "GET", about: "any", expect: OPEN_TO_ALL },
    { method: "POST", about: "any", expect: OPEN_TO_ALL },
  ],
  // Signing out ends on the login page, whoever asks.
  logout: [
    { method: "GET", about: "any", expect: OPEN_TO_ALL },
    {
      method: "POST",
      about: "any",
      expect: {
        anonymous: "login",
        organizer: "login",
        lawyer: "login",
        coordinator: "login",
        admin: "login",
      },
    },
  ],
  my: [{ method: "GET", about: "any", expect: only("organizer", "lawyer") }],
  notifications: [
    { method: "GET", about: "any", expect: SIGNED_IN },
    { method: "POST", about: "any", expect: SIGNED_IN },
  ],
  reassign: [
    { method: "GET", about: "any", expect: only("coordinator") },
    { method: "POST", about: "any", expect: only("coordinator") },
  ],
  // The token is the authority here, not a session: anyone may open the page.
  "set-password.$token": [
    { method: "GET", about: "any", expect: OPEN_TO_ALL },
    { method: "POST", about: "any", expect: OPEN_TO_ALL },
  ],
  // The second step of signing in: any session (one that passed it is sent on).
  "second-factor": [
    { method: "GET", about: "any", expect: SIGNED_IN },
    { method: "POST", intent: "verify", about: "any", expect: SIGNED_IN },
  ],
  // One's own second factor, security keys and duress password.
  security: [
    { method: "GET", about: "any", expect: SIGNED_IN },
    { method: "POST", intent: "duress", about: "any", expect: SIGNED_IN },
    { method: "POST", intent: "addKey", about: "any", expect: SIGNED_IN },
  ],
  settings: [
    { method: "GET", about: "any", expect: SIGNED_IN },
    { method: "POST", intent: "password", about: "any", expect: SIGNED_IN },
  ],
  // Key holders are people with accounts; the shares are the authority to unseal.
  unseal: [
    { method: "GET", about: "any", expect: SIGNED_IN },
    { method: "POST", intent: "share", about: "any", expect: SIGNED_IN },
    { method: "POST", intent: "seal", about: "any", expect: only("coordinator", "admin") },
  ],
  "step-up": [
    { method: "GET", about: "any", expect: SIGNED_IN },
    { method: "POST", intent: "verify", about: "any", expect: SIGNED_IN },
  ],
  triage: [
    { method: "GET", about: "any", expect: only("coordinator") },
    // Assigning from the triage queue names the case in a form field.
    { method: "POST", intent: "assign", about: "case", expect: COORDINATORS_OF_THE_REGION },
  ],
};

/** One cell of the table, as the test walks it. */
export type Cell = {
  route: string;
  method: Method;
  intent?: string;
  role: keyof CaseCells;
  relation: "creator" | "assigned" | "sameRegion" | "none" | "any";
  expected: Answer;
};

export function cellsOf(route: string, entry: MatrixEntry): Cell[] {
  const base = { route, method: entry.method, ...(entry.intent ? { intent: entry.intent } : {}) };
  if (entry.about === "any") {
    return (Object.keys(entry.expect) as Array<keyof AnyCells>).map((role) => ({
      ...base,
      role,
      relation: "any" as const,
      expected: entry.expect[role],
    }));
  }
  const cells: Cell[] = [
    { ...base, role: "anonymous", relation: "any", expected: entry.expect.anonymous },
  ];
  for (const role of ["organizer", "lawyer", "coordinator", "admin"] as const) {
    for (const [relation, expected] of Object.entries(entry.expect[role])) {
      cells.push({ ...base, role, relation: relation as Cell["relation"], expected });
    }
  }
  return cells;
}
