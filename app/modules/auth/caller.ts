// Who is asking, and from where: the one caller type and the one request
// context that every domain module takes. Types only, safe in the browser bundle.
import type { Region, Role } from "~/generated/prisma/sqlite/enums";

/** The signed-in person as the rules see them: a coordinator's regions are their scope. */
export type Caller = {
  id: string;
  role: Role;
  regions: readonly Region[];
  /** Signed in with the duress password: every case scope is empty (see cases/access.server.ts). */
  duress?: boolean;
};

/** Where a request came from, for the audit log and security alerts. Never a token. */
export type RequestContext = {
  /** Absent for work no request started (the seed, the reminder job). */
  ipAddress?: string | null;
  userAgent?: string | null;
  /** The hashed session id (as stored), when the request has a session. */
  sessionId?: string | null;
};
