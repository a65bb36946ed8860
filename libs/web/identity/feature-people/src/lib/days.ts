/** A `YYYY-MM-DD` day in words ("20 July 2026"), the same wherever the viewer is. */
export function dayInWords(day: string, locale = 'en-GB'): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}

/** Today as `YYYY-MM-DD` in a time zone (the latest leaving day the server accepts). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
