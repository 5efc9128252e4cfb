// The data of a 503 that means "too many of these at once" (app/utils/route-limits.server.ts),
// told apart by the error page from a database outage, which is also a 503.
export const BUSY = { busy: true } as const;

export function isBusyAnswer(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { busy?: unknown }).busy === true;
}
