// Free of zod, so that pages can show today's date without loading the schemas.
/** Today's date (YYYY-MM-DD) in Kazakhstan, where the events happen. */
/** Built once: a new Intl.DateTimeFormat costs far more than formatting with it (3% of an intake's CPU). */
const kazakhstanDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Almaty",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export function todayInKazakhstan(now = new Date()): string {
  return kazakhstanDay.format(now);
}
