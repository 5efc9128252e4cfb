// Login throttling with escalating delays (THREAT-MODEL; docs/decisions/0021):
// - per account AND address: a few free mistakes, then a doubling wait — so
//   someone who knows an email cannot lock its owner out from elsewhere;
// - per account, from every address: a higher ceiling with its own doubling
//   wait, which holds up addresses the account has never signed in from (a
//   botnet spreading guesses), but not the owner's known addresses; and at
//   100 failures in the hour, every attempt waits for the hour to end;
// - per address: many accounts guessed from one place.
// Counters live in the database so every server process shares them.
import { prisma } from "~/db.server";

const HOUR_MS = 60 * 60 * 1000;

type Policy = { freeFailures: number; maxDelayMs: number; maxFailuresPerHour: number };

/** One account from one address. */
export const ACCOUNT_POLICY: Policy = {
  freeFailures: 3,
  maxDelayMs: 15 * 60 * 1000,
  maxFailuresPerHour: 100,
};
/**
 * One account from every address together. Its delay holds up only addresses
 * the account has not signed in from; its hourly cap (THREAT-MODEL: at most
 * 100 failures per account per hour) holds up everyone.
 */
export const ACCOUNT_WIDE_POLICY: Policy = {
  freeFailures: 10,
  maxDelayMs: 15 * 60 * 1000,
  maxFailuresPerHour: 100,
};
/** How long a successful sign-in makes its address "known" for the account. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;
// An office or a mobile carrier can put many honest people behind one address.
export const IP_POLICY: Policy = {
  freeFailures: 20,
  maxDelayMs: 15 * 60 * 1000,
  maxFailuresPerHour: 1000,
};

export const accountKey = (email: string) => `account:${email}`;
export const accountAddressKey = (email: string, ip: string) => `account:${email}|ip:${ip}`;
export const knownAddressKey = (email: string, ip: string) => `known:${email}|ip:${ip}`;
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

/**
 * Milliseconds this attempt must wait (0: go ahead). The account-wide delay
 * does not apply from an address the account signed in from recently; its
 * hourly cap does.
 */
export async function loginWaitMs(email: string, ip: string, now = new Date()): Promise<number> {
  const pairAndAddress = await retryAfterMs([accountAddressKey(email, ip), ipKey(ip)], now);
  const [account, known] = await Promise.all([
    prisma.loginThrottle.findUnique({ where: { key: accountKey(email) } }),
    prisma.loginThrottle.findUnique({ where: { key: knownAddressKey(email, ip) } }),
  ]);
  const accountWait = account?.blockedUntil ? account.blockedUntil.getTime() - now.getTime() : 0;
  const atCap =
    account !== null &&
    now.getTime() - account.windowStart.getTime() < HOUR_MS &&
    account.failures >= ACCOUNT_WIDE_POLICY.maxFailuresPerHour;
  const knownAddress =
    known !== null && now.getTime() - known.windowStart.getTime() < KNOWN_ADDRESS_MS;
  return Math.max(0, pairAndAddress, atCap || !knownAddress ? accountWait : 0);
}

/** A wrong password (or unknown email): counted for the pair, the account and the address. */
export async function recordLoginFailure(email: string, ip: string, now = new Date()) {
  await recordFailure(accountAddressKey(email, ip), ACCOUNT_POLICY, now);
  await recordFailure(accountKey(email), ACCOUNT_WIDE_POLICY, now);
  await recordFailure(ipKey(ip), IP_POLICY, now);
}

/**
 * A successful sign-in: this address starts afresh for the account and is now
 * known. The account-wide count is kept, so a sign-in never buys an attacker
 * more guesses within the hour.
 */
export async function recordLoginSuccess(email: string, ip: string, now = new Date()) {
  await clearFailures(accountAddressKey(email, ip));
  const key = knownAddressKey(email, ip);
  await prisma.loginThrottle.upsert({
    where: { key },
    create: { key, failures: 0, windowStart: now, blockedUntil: null },
    update: { windowStart: now },
  });
}
