import { DomainError } from '@cadenza/shared/kernel';
import { Temporal } from 'temporal-polyfill';

/** A calendar day of the school, in its IANA time zone, with the instants it starts and ends at (23 or 25 hours apart on a change of clocks). */
export interface SchoolDay {
  /** `YYYY-MM-DD`. */
  date: string;
  from: Date;
  to: Date;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const zoned = (at: Date, timeZone: string) => Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);

/** The day `date` (`YYYY-MM-DD`) in the zone; a 400 naming `field` when it is no date. */
export function schoolDayOf(date: string, timeZone: string, field = 'date'): SchoolDay {
  let day: Temporal.PlainDate;
  try {
    if (!ISO_DATE.test(date)) throw new RangeError(date);
    day = Temporal.PlainDate.from(date, { overflow: 'reject' });
  } catch {
    throw DomainError.invalid('ATTENDANCE.INVALID_DATE', field, 'Must be a date, YYYY-MM-DD.');
  }
  const start = day.toZonedDateTime({ timeZone });
  const end = day.add({ days: 1 }).toZonedDateTime({ timeZone });
  return { date: day.toString(), from: new Date(start.epochMilliseconds), to: new Date(end.epochMilliseconds) };
}

/** The school's day that `at` falls in. */
export function schoolDayAt(at: Date, timeZone: string): SchoolDay {
  return schoolDayOf(zoned(at, timeZone).toPlainDate().toString(), timeZone);
}

/** The day before `day`, in the same zone. */
export function dayBefore(day: SchoolDay, timeZone: string): SchoolDay {
  return schoolDayOf(Temporal.PlainDate.from(day.date).subtract({ days: 1 }).toString(), timeZone);
}

/**
 * The instant a wall-clock time (`HH:MM`) of the day is reached in the zone: on a day the clocks go forward, a time
 * that does not exist is taken as the same length of time after the gap (02:30 becomes 03:30), as the zone's rules do.
 */
export function wallClockOn(day: SchoolDay, hhmm: string, timeZone: string): Date {
  const time = Temporal.PlainTime.from(hhmm);
  const at = Temporal.PlainDate.from(day.date).toZonedDateTime({ timeZone, plainTime: time });
  return new Date(at.epochMilliseconds);
}
