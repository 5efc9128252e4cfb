// Login throttling per account and per IP address, with escalating delays
// (THREAT-MODEL): a few free mistakes, then a doubling wait, and never more
// than 100 failures per account per hour. Counters live in the database so
// every server process shares them.
import { prisma } from "~/db.server";

const HOUR_MS = 60 * 60 * 1000;

type Policy = { freeFailures: number; maxDelayMs: number; maxFailuresPerHour: number };

export const ACCOUNT_POLICY: Policy = {
  freeFailures: 3,
  maxDelayMs: 15 * 60 * 1000,
  maxFailuresPerHour: 100,
};
// An office or a mobile carrier can put many honest people behind one address.
export const IP_POLICY: Policy = {
  freeFailures: 20,
  maxDelayMs: 15 * 60 * 1000,
  maxFailuresPerHour: 1000,
};

export const accountKey = (email: string) => `account:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** How long after a failure the next attempt must wait. */
export function delayAfter(failures: number, policy: Policy): number {
  if (failures >= policy.maxFailuresPerHour) return Infinity;
  if (failures <= policy.freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - policy.freeFailures - 1), policy.maxDelayMs);
}

/** Milliseconds until any of these keys may try again (0 when none is blocked). */
export async function retryAfterMs(keys: string[], now = new Date()): Promise<number> {
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: keys } } });
  return Math.max(
    0,
    ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)),
  );
}

export async function recordFailure(key: string, policy: Policy, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { key } });
    const windowOpen = row && now.getTime() - row.windowStart.getTime() < HOUR_MS;
    const windowStart = windowOpen ? row.windowStart : now;
    const failures = (windowOpen ? row.failures : 0) + 1;
    const delay = delayAfter(failures, policy);
    // Past the hourly cap the key waits for its window to end; then the real user can get in.
    const blockedUntil =
      delay === Infinity
        ? new Date(windowStart.getTime() + HOUR_MS)
        : delay > 0
          ? new Date(now.getTime() + delay)
          : null;
    await tx.loginThrottle.upsert({
      where: { key },
      create: { key, failures, windowStart, blockedUntil },
      update: { failures, windowStart, blockedUntil },
    });
  });
}

export async function clearFailures(key: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key } });
}
