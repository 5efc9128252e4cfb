// What the report routes share: the caller and an HTTP answer for a refused
// report. Until a shared DomainError mapper lands (app/utils/answer.server.ts),
// this is the one place the reports turn a DomainError into a status.
import type { SessionUser } from "~/modules/auth/session.server";
import type { Caller } from "~/modules/auth/caller";
import { isDomainError } from "~/utils/domain-error";

export function callerOf(user: SessionUser): Caller {
  return { id: user.id, role: user.role, regions: user.regions };
}

/** Runs `work`; a not-found or forbidden DomainError becomes the matching error response. */
export async function orRefuse<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error)) {
      if (error.kind === "notFound") throw new Response("Not found", { status: 404 });
      if (error.kind === "forbidden") throw new Response("Forbidden", { status: 403 });
      if (error.kind === "invalid") throw new Response("Bad request", { status: 400 });
    }
    throw error;
  }
}
