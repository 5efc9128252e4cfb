// Kazakhstan's calendar days and the instants they span: the one implementation
// (docs/decisions/0017). The work happens in Kazakhstan, so "today", "from 1
// March", a month of the caseload and a hearing at 10:00 are days and wall times
// there, in the IANA zone Asia/Almaty through Intl (UTC+6 until 1 March 2024,
// UTC+5 since): never a hard-coded offset. Days are "YYYY-MM-DD" strings; an
// instant is a Date. How a date is SHOWN belongs to app/utils/format.ts.
// No server imports: forms' schemas use it in the browser too.

export const KAZAKHSTAN_TIME_ZONE = "Asia/Almaty";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Built once, on first use: a new Intl.DateTimeFormat costs far more than formatting with it (3%
 * of an intake's CPU), and the first one with a time zone loads the zone data (15 ms), which the
 * sign-in page after a start does not need (docs/decisions/0042-cold-start.md).
 */
const KAZAKHSTAN_DAY = {
  timeZone: KAZAKHSTAN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
} as const satisfies Intl.DateTimeFormatOptions;
let dayFormatter: Intl.DateTimeFormat | undefined;
const dayFormat = () => (dayFormatter ??= new Intl.DateTimeFormat("en-CA", KAZAKHSTAN_DAY));

/** Built once, like dayFormat: the wall time in Kazakhstan, to the second. */
let wallFormatter: Intl.DateTimeFormat | undefined;
const wallFormat = () =>
  (wallFormatter ??= new Intl.DateTimeFormat("en-CA", {
    ...KAZAKHSTAN_DAY,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }));

/** The calendar day ("YYYY-MM-DD") in Kazakhstan at an instant (now by default). */
export function todayInKazakhstan(at: Date = new Date()): string {
  return dayFormat().format(at);
}

/** The wall time in Kazakhstan at an instant, as date and time inputs show it. */
export function kazakhstanWallTime(at: Date | string): { date: string; time: string } {
  const parts = wallParts(new Date(at));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The wall time in Kazakhstan at an instant, to the second: "2026-03-02 01:30:00". */
export function kazakhstanTimestamp(at: Date | string): string {
  const p = wallParts(new Date(at));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The instant a wall time in Kazakhstan names ("2030-03-14", "10:00"). */
export function kazakhstanInstant(day: string, time = "00:00"): Date {
  const asUtc = Date.parse(`${day}T${time}:00.000Z`);
  const offset = offsetAt(asUtc);
  const instant = asUtc - offset;
  // Across a change of offset the wall time's own offset is the one that counts.
  const settled = offsetAt(instant);
  return new Date(settled === offset ? instant : asUtc - settled);
}

/** The instant a Kazakhstan day begins. */
export function startOfKazakhstanDay(day: string): Date {
  return kazakhstanInstant(day);
}

/** The instant a Kazakhstan day ends: the start of the next one (exclusive bound). */
export function endOfKazakhstanDay(day: string): Date {
  return startOfKazakhstanDay(addDays(day, 1));
}

/** A calendar day `days` later (or earlier, when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month after the one `day` is in. */
export function firstOfNextMonth(day: string): string {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/**
 * The calendar months from `from` to `to` (inclusive days in Kazakhstan), each
 * as "YYYY-MM" with its instants, the first and last cut to the period.
 */
export function kazakhstanMonths(
  from: string,
  to: string,
): { month: string; start: Date; end: Date }[] {
  const end = endOfKazakhstanDay(to);
  const months: { month: string; start: Date; end: Date }[] = [];
  let day = from;
  let start = startOfKazakhstanDay(from);
  while (start < end) {
    const following = firstOfNextMonth(day);
    const monthEnd = startOfKazakhstanDay(following);
    months.push({ month: day.slice(0, 7), start, end: monthEnd < end ? monthEnd : end });
    start = monthEnd;
    day = following;
  }
  return months;
}

type WallParts = Record<"year" | "month" | "day" | "hour" | "minute" | "second", string>;

function wallParts(at: Date): WallParts {
  const parts = {} as WallParts;
  for (const part of wallFormat().formatToParts(at)) {
    if (part.type !== "literal") parts[part.type as keyof WallParts] = part.value;
  }
  return parts;
}

/** How far Kazakhstan's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number): number {
  const p = wallParts(new Date(instant));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - (instant - (instant % 1000));
}
