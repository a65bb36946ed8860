import { DomainError, MINUTE } from '@cadenza/shared/kernel';
import { Temporal } from 'temporal-polyfill';

/** A calendar date in the school's zone, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time in the school's zone, `HH:mm`. */
export type WallTime = string;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function isWallTime(value: string): boolean {
  return TIME.test(value);
}

export function assertLocalDate(value: string, field: string): LocalDate {
  if (!isLocalDate(value)) throw DomainError.invalid('SCHEDULING.INVALID_DATE', field, 'Must be a date, YYYY-MM-DD.');
  return value;
}

export function assertWallTime(value: string, field: string): WallTime {
  if (!isWallTime(value)) throw DomainError.invalid('SCHEDULING.INVALID_TIME', field, 'Must be a time, HH:mm.');
  return value;
}

/** Minutes since midnight of a wall time: `16:30` → 990. */
export function minutesOf(time: WallTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function wallTimeOf(minutes: number): WallTime {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The instant of a wall-clock time on a local date in an IANA zone. A time skipped by a
 * spring-forward gap resolves as Temporal's `compatible` does (moved later by the gap);
 * a repeated autumn time takes the earlier of the two.
 */
export function zonedInstant(date: LocalDate, time: WallTime, timeZone: string): Date {
  return zonedInstantAtMinutes(date, minutesOf(time), timeZone);
}

/**
 * Answers of the zone conversions, kept per process: they depend only on their arguments and the time-zone
 * database, and a free-slot search asks the same ones (each day's midnights, availability windows, quarter
 * hours) again and again. Bounded: a full memo starts again empty.
 */
const MEMO_LIMIT = 50_000;
function memo<A extends unknown[]>(compute: (...args: A) => number): (...args: A) => Date {
  const known = new Map<string, number>();
  return (...args: A) => {
    const key = args.join('|');
    let ms = known.get(key);
    if (ms === undefined) {
      ms = compute(...args);
      if (known.size >= MEMO_LIMIT) known.clear();
      known.set(key, ms);
    }
    return new Date(ms);
  };
}

/** As `zonedInstant`, with the time as minutes since midnight (1440 is the next midnight). */
export const zonedInstantAtMinutes: (date: LocalDate, minutes: number, timeZone: string) => Date = memo((date: LocalDate, minutes: number, timeZone: string) => {
  let day = Temporal.PlainDate.from(date);
  let m = minutes;
  if (m >= 1440) {
    day = day.add({ days: Math.floor(m / 1440) });
    m %= 1440;
  }
  const dateTime = day.toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 });
  return dateTime.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
});

/** The first instant of a local date (midnight, or the first time that exists that day). */
export const startOfLocalDay: (date: LocalDate, timeZone: string) => Date = memo(
  (date: LocalDate, timeZone: string) => Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds,
);

export interface LocalParts {
  date: LocalDate;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  time: WallTime;
  /** Minutes since local midnight. */
  minutes: number;
}

/** Where an instant falls on the school's calendar and clock. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const ms = instant.getTime();
  const offset = offsetAt(ms, timeZone);
  const local = offset === null ? null : new Date(ms + offset);
  const year = local?.getUTCFullYear() ?? 0;
  if (local === null || year < 1000 || year > 9999) {
    const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
    const minutes = zoned.hour * 60 + zoned.minute;
    return { date: zoned.toPlainDate().toString(), weekday: zoned.dayOfWeek, time: wallTimeOf(minutes), minutes };
  }
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  return { date: local.toISOString().slice(0, 10), weekday: local.getUTCDay() || 7, time: wallTimeOf(minutes), minutes };
}

/**
 * A zone's UTC offsets by UTC quarter hour, kept per process: every check and search places instants on the
 * school's clock, and the offset changes only at a zone's transitions (a few a year). A quarter hour whose
 * first and last millisecond have the same offset has it throughout (no zone changes twice within a quarter
 * hour); one with a transition inside is answered by Temporal each time (`null` here). Bounded like the memo.
 */
const OFFSET_SPAN_MS = 15 * 60_000;
const offsets = new Map<string, Map<number, number | null>>();
let offsetCount = 0;
function offsetAt(ms: number, timeZone: string): number | null {
  const span = Math.floor(ms / OFFSET_SPAN_MS);
  let zone = offsets.get(timeZone);
  let offset = zone?.get(span);
  if (offset === undefined) {
    const first = zoneOffset(span * OFFSET_SPAN_MS, timeZone);
    offset = first === zoneOffset((span + 1) * OFFSET_SPAN_MS - 1, timeZone) ? first : null;
    if (offsetCount >= MEMO_LIMIT) {
      offsets.clear();
      offsetCount = 0;
    }
    zone = offsets.get(timeZone);
    if (!zone) offsets.set(timeZone, (zone = new Map()));
    zone.set(span, offset);
    offsetCount++;
  }
  return offset;
}
function zoneOffset(ms: number, timeZone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).offsetNanoseconds / 1_000_000;
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return localParts(instant, timeZone).date;
}

/**
 * Calendar arithmetic on plain `YYYY-MM-DD` dates (years 1000–9999, proleptic Gregorian, as Temporal's ISO
 * calendar) by day numbers, without building Temporal objects: these run for every day of every search.
 * Anything else goes through Temporal.
 */
const PLAIN_DATE = /^[1-9]\d{3}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
function dayNumber(date: LocalDate): number | null {
  if (!PLAIN_DATE.test(date)) return null;
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // Not a real date (a 30 February): left to Temporal, which refuses it.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? null : ms / DAY_MS;
}
function dateOfDayNumber(day: number): LocalDate | null {
  const iso = new Date(day * DAY_MS).toISOString();
  return PLAIN_DATE.test(iso.slice(0, 10)) ? iso.slice(0, 10) : null;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const day = dayNumber(date);
  const fast = day === null ? null : dateOfDayNumber(day + days);
  return fast ?? Temporal.PlainDate.from(date).add({ days }).toString();
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  const day = dayNumber(date);
  // Day 0, 1 January 1970, was a Thursday (4).
  return day === null ? Temporal.PlainDate.from(date).dayOfWeek : ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [x, y] = [dayNumber(a), dayNumber(b)];
  return x === null || y === null ? Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days : y - x;
}

/** The local dates an interval touches, first to last (its end is exclusive). */
export function localDatesTouched(start: Date, end: Date, timeZone: string): LocalDate[] {
  const first = localDateOf(start, timeZone);
  const last = localDateOf(new Date(Math.max(start.getTime(), end.getTime() - 1)), timeZone);
  const dates = [first];
  for (let d = first; d < last; ) {
    d = addDays(d, 1);
    dates.push(d);
  }
  return dates;
}

export const QUARTER_HOUR = 15 * MINUTE;
