import rrulePackage from 'rrule';
import { Temporal } from 'temporal-polyfill';

const { rrulestr } = rrulePackage;

/** An event's time as the Calendar API writes it: a moment (with the zone it was given in) or a whole day. */
export interface EventTime {
  dateTime?: string;
  timeZone?: string;
  date?: string;
}

/** How far ahead a rule without COUNT or UNTIL is expanded, as Google bounds open-ended series for listing. */
const HORIZON_DAYS = 730;
const MAX_INSTANCES = 1000;

const two = (n: number) => String(n).padStart(2, '0');
const stamp = (at: Date) => `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}T${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}Z`;

/** The id suffix of an instance: its original start in UTC (`20270104T160000Z`), or its day for an all-day event. */
export function instanceSuffix(originalStart: EventTime): string {
  if (originalStart.date) return originalStart.date.replaceAll('-', '');
  return stamp(new Date(originalStart.dateTime ?? ''));
}

/** The moment an event time stands for (an all-day event: its day's midnight UTC), in milliseconds. */
export function instantOf(time: EventTime): number {
  if (time.date) return Date.parse(`${time.date}T00:00:00Z`);
  return Date.parse(time.dateTime ?? '');
}

/**
 * The starts of a recurring event's occurrences (RFC 5545 RRULE/EXDATE/RDATE lines as the event's `recurrence` holds
 * them), expanded on the wall clock of the event's zone, so a 16:00 series stays at 16:00 across a change of summer time.
 * Each start comes back as the API writes it (`dateTime` with its offset, or `date`).
 */
export function occurrences(start: EventTime, recurrence: readonly string[]): EventTime[] {
  const zone = start.timeZone ?? 'UTC';
  const allDay = start.date !== undefined;
  // The wall-clock start, written as if it were UTC ("floating"), so the rule steps in local days and hours.
  const local = allDay ? Temporal.PlainDateTime.from(`${start.date}T00:00:00`) : Temporal.Instant.from(start.dateTime ?? '').toZonedDateTimeISO(zone).toPlainDateTime();
  const floating = new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
  // Dates in EXDATE/RDATE are wall-clock times of the event's zone: written floating as well (a trailing Z), like the start.
  const lines = recurrence
    .filter((line) => /^(RRULE|EXDATE|RDATE|EXRULE)[:;]/i.test(line))
    .map((line) => line.replace(/;TZID=[^:;]+/i, ''))
    .map((line) => (/^(EXDATE|RDATE)/i.test(line) ? line.replace(/(\d{8}T\d{6})(?!Z)/g, '$1Z') : line));
  // The start goes in as a DTSTART line: with `forceset`, rrule ignores the `dtstart` option.
  const rule = rrulestr([`DTSTART:${stamp(floating)}`, ...lines].join('\n'), { forceset: true });
  const horizon = new Date(floating.getTime() + HORIZON_DAYS * 86_400_000);
  const starts = rule.between(floating, horizon, true).slice(0, MAX_INSTANCES);
  return starts.map((at) => {
    const wall = Temporal.PlainDateTime.from({ year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), second: at.getUTCSeconds() });
    if (allDay) return { date: wall.toPlainDate().toString() };
    const zoned = wall.toZonedDateTime(zone, { disambiguation: 'compatible' });
    return { dateTime: zoned.toString({ timeZoneName: 'never', smallestUnit: 'second' }), timeZone: zone };
  });
}

/** An event time moved by `ms` (an all-day event by whole days), keeping how it was written. */
export function shifted(time: EventTime, ms: number, zone: string | undefined): EventTime {
  if (time.date) return { date: Temporal.PlainDate.from(time.date).add({ days: Math.round(ms / 86_400_000) }).toString() };
  const moved = Temporal.Instant.fromEpochMilliseconds(instantOf(time) + ms).toZonedDateTimeISO(zone ?? time.timeZone ?? 'UTC');
  return { dateTime: moved.toString({ timeZoneName: 'never', smallestUnit: 'second' }), ...(time.timeZone || zone ? { timeZone: time.timeZone ?? zone } : {}) };
}
