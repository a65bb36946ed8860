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

/** A series' rule in words ("Every Tuesday", "Every 2 weeks on Monday and Thursday"); a rule it cannot read is said as repeating. */
export function recurrenceInWords(rrule: string): string {
  const parts = new Map(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const days = (parts.get('BYDAY') ?? '').split(',').map((d) => WEEKDAYS.find((w) => w.short === d)?.label).filter((d): d is (typeof WEEKDAYS)[number]['label'] => !!d);
  if (parts.get('FREQ') !== 'WEEKLY' || days.length === 0) return 'Repeating';
  const list = days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days.at(-1)}` : days[0];
  const interval = Number(parts.get('INTERVAL') ?? '1');
  return interval > 1 ? `Every ${interval} weeks on ${list}` : `Every ${list}`;
}

/** The zone times are shown in: the user's own, else the school's, else the browser's. */
export function viewerTimeZone(me: { timeZone?: string | null; school?: { timeZone?: string | null } } | null): string {
  return me?.timeZone || me?.school?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}
