import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  ACCOUNT_POLICY,
  IP_POLICY,
  accountKey,
  clearFailures,
  delayAfter,
  ipKey,
  recordFailure,
  retryAfterMs,
} from "./throttle.server";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe("delay after failed logins", () => {
  it("lets an account fail three times without any wait", () => {
    for (const failures of [0, 1, 2, 3]) expect(delayAfter(failures, ACCOUNT_POLICY)).toBe(0);
  });

  it("doubles the wait with each failure after the free ones", () => {
    expect([4, 5, 6, 7, 8].map((f) => delayAfter(f, ACCOUNT_POLICY))).toEqual([
      1 * SECOND,
      2 * SECOND,
      4 * SECOND,
      8 * SECOND,
      16 * SECOND,
    ]);
  });

  it("never makes an account wait more than 15 minutes between attempts within the hourly limit", () => {
    expect(delayAfter(13, ACCOUNT_POLICY)).toBe(512 * SECOND);
    expect(delayAfter(14, ACCOUNT_POLICY)).toBe(15 * MINUTE);
    expect(delayAfter(99, ACCOUNT_POLICY)).toBe(15 * MINUTE);
  });

  it("stops all attempts on an account after 100 failures in the hour", () => {
    expect(delayAfter(100, ACCOUNT_POLICY)).toBe(Infinity);
    expect(delayAfter(250, ACCOUNT_POLICY)).toBe(Infinity);
  });

  it("gives a shared address (an office, a mobile carrier) more free failures and a higher hourly limit", () => {
    expect(delayAfter(20, IP_POLICY)).toBe(0);
    expect(delayAfter(21, IP_POLICY)).toBe(1 * SECOND);
    expect(delayAfter(999, IP_POLICY)).toBe(15 * MINUTE);
    expect(delayAfter(1000, IP_POLICY)).toBe(Infinity);
  });
});

describe("failure counters", () => {
  beforeEach(async () => {
    await prisma.loginThrottle.deleteMany();
  });

  const key = accountKey("counter@example.org");
  const start = new Date("2026-03-02T09:00:00Z");
  const at = (ms: number) => new Date(start.getTime() + ms);

  async function fail(times: number, now: Date) {
    for (let i = 0; i < times; i++) await recordFailure(key, ACCOUNT_POLICY, now);
  }

  it("does not hold up anyone who has not failed", async () => {
    expect(await retryAfterMs([key, ipKey("192.0.2.1")], start)).toBe(0);
  });

  it("holds up the next attempt after the fourth failure for one second", async () => {
    await fail(3, start);
    expect(await retryAfterMs([key], start)).toBe(0);
    await fail(1, start);
    expect(await retryAfterMs([key], start)).toBe(1 * SECOND);
    expect(await retryAfterMs([key], at(1 * SECOND))).toBe(0);
  });

  it("reports the longest wait among an account and an address", async () => {
    await fail(5, start);
    for (let i = 0; i < 21; i++) await recordFailure(ipKey("192.0.2.1"), IP_POLICY, start);
    expect(await retryAfterMs([key, ipKey("192.0.2.1")], start)).toBe(2 * SECOND);
    expect(await retryAfterMs([ipKey("192.0.2.1")], start)).toBe(1 * SECOND);
  });

  it("after 100 failures in an hour, holds the account until that hour is over", async () => {
    await prisma.loginThrottle.create({ data: { key, failures: 99, windowStart: start } });
    await fail(1, at(40 * MINUTE));
    expect(await retryAfterMs([key], at(40 * MINUTE))).toBe(20 * MINUTE);
    expect(await retryAfterMs([key], at(HOUR))).toBe(0);
  });

  it("starts counting from one again once the hour is over", async () => {
    await prisma.loginThrottle.create({
      data: { key, failures: 100, windowStart: start, blockedUntil: at(HOUR) },
    });
    await fail(1, at(HOUR + SECOND));
    const row = await prisma.loginThrottle.findUniqueOrThrow({ where: { key } });
    expect(row.failures).toBe(1);
    expect(row.windowStart).toEqual(at(HOUR + SECOND));
    expect(row.blockedUntil).toBeNull();
  });

  it("forgets an account's failures when they are cleared", async () => {
    await fail(6, start);
    await clearFailures(key);
    expect(await retryAfterMs([key], start)).toBe(0);
    expect(await prisma.loginThrottle.count({ where: { key } })).toBe(0);
  });
});
