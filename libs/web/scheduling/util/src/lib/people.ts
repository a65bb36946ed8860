/** Names by id, for showing people on lessons and requests. */
export function namesById(...lists: readonly (readonly { id: string; name: string }[])[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const list of lists) for (const user of list) result.set(user.id, user.name);
  return result;
}

export function nameOf(names: ReadonlyMap<string, string>, id: string | null | undefined, fallback = 'Unknown'): string {
  return (id && names.get(id)) || fallback;
}

export const WEEKDAYS = [
  { value: 1, label: 'Monday', short: 'MO' },
  { value: 2, label: 'Tuesday', short: 'TU' },
  { value: 3, label: 'Wednesday', short: 'WE' },
  { value: 4, label: 'Thursday', short: 'TH' },
  { value: 5, label: 'Friday', short: 'FR' },
  { value: 6, label: 'Saturday', short: 'SA' },
  { value: 7, label: 'Sunday', short: 'SU' },
] as const;

/** A weekly RRULE (RFC 5545, no DTSTART) for the given ISO weekdays, every `interval` weeks. */
export function weeklyRrule(weekdays: readonly number[], interval = 1): string {
  const days = WEEKDAYS.filter((d) => weekdays.includes(d.value)).map((d) => d.short);
  return `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYDAY=${days.join(',')}`;
}

/** The zone times are shown in: the user's own, else the school's, else the browser's. */
export function viewerTimeZone(me: { timeZone?: string | null; school?: { timeZone?: string | null } } | null): string {
  return me?.timeZone || me?.school?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}
