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

/** As `zonedInstant`, with the time as minutes since midnight (1440 is the next midnight). */
export function zonedInstantAtMinutes(date: LocalDate, minutes: number, timeZone: string): Date {
  let day = Temporal.PlainDate.from(date);
  let m = minutes;
  if (m >= 1440) {
    day = day.add({ days: Math.floor(m / 1440) });
    m %= 1440;
  }
  const dateTime = day.toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 });
  return new Date(dateTime.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds);
}

/** The first instant of a local date (midnight, or the first time that exists that day). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds);
}

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
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  const minutes = zoned.hour * 60 + zoned.minute;
  return { date: zoned.toPlainDate().toString(), weekday: zoned.dayOfWeek, time: wallTimeOf(minutes), minutes };
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return localParts(instant, timeZone).date;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return Temporal.PlainDate.from(date).dayOfWeek;
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days;
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
