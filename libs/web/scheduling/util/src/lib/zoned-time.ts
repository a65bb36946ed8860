/**
 * Time-zone arithmetic without a time-zone library, through Intl. The calendar works with
 * JavaScript Dates in the browser's zone, so a lesson is shown as a "wall-clock" Date: one
 * whose local fields equal the time in the viewer's zone (me.timeZone), and converted back
 * to an instant when it is dropped.
 */
interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let result = formatters.get(timeZone);
  if (!result) {
    result = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, result);
  }
  return result;
}

function fieldsIn(instant: Date, timeZone: string): Fields {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out['year'], month: out['month'], day: out['day'], hour: out['hour'] % 24, minute: out['minute'], second: out['second'] };
}

function offsetMs(instant: Date, timeZone: string): number {
  const f = fieldsIn(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant as a local Date showing the wall-clock time in `timeZone`. */
export function toWallClock(instant: string | Date, timeZone: string): Date {
  const f = fieldsIn(new Date(instant), timeZone);
  return new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** The instant (ISO, UTC) at which `timeZone` shows the local fields of `wall`. */
export function fromWallClock(wall: Date, timeZone: string): string {
  const guess = Date.UTC(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes(), wall.getSeconds());
  let result = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles instants near a daylight-saving change.
  result = guess - offsetMs(new Date(result), timeZone);
  return new Date(result).toISOString();
}

/** The instant at `date` (YYYY-MM-DD) and `time` (HH:mm) in `timeZone`. */
export function instantAt(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return fromWallClock(new Date(y, m - 1, d, hh, mm), timeZone);
}

/** Adds minutes to an instant. */
export function plusMinutes(instant: string, minutes: number): string {
  return new Date(new Date(instant).getTime() + minutes * 60_000).toISOString();
}

export function minutesBetween(start: string, end: string): number {
  return Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60_000);
}

/** YYYY-MM-DD and HH:mm of an instant in `timeZone` (for date and time inputs). */
export function dateAndTimeIn(instant: string | Date, timeZone: string): { date: string; time: string } {
  const f = fieldsIn(new Date(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${f.year}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` };
}

/** "Tue 14 Jan, 16:00–16:30" in the viewer's zone and locale. */
export function formatSlot(start: string, end: string | null, timeZone: string, locale = 'en-GB'): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(start));
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  return end ? `${day}, ${time.format(new Date(start))}–${time.format(new Date(end))}` : `${day}, ${time.format(new Date(start))}`;
}
