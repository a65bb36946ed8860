import { Temporal } from 'temporal-polyfill';
import type { BillingSettings } from './billing-settings.js';

const MONTHS_AHEAD = { next: 1, current: 0, previous: -1 } as const;

/** The instant a month's scheduled run is due: the school's run day at its run time, in its zone (a time a clock change skips is the hour after). */
export function scheduledRunAt(month: string, settings: Pick<BillingSettings, 'runDay' | 'runTime'>, timeZone: string): Date {
  const [hour, minute] = settings.runTime.split(':').map(Number) as [number, number];
  const day = Temporal.PlainYearMonth.from(month).toPlainDate({ day: settings.runDay });
  return new Date(day.toZonedDateTime({ timeZone, plainTime: new Temporal.PlainTime(hour, minute) }).epochMilliseconds);
}

/**
 * The run the school's schedule asks for at `now`: from the run's day and time of the current month (in the school's
 * zone) to that month's end, the month `runPeriod` names; null before it, and when the schedule is off. A run missed
 * while nothing was running is so still started later in the month; once the month has turned, the next one is due.
 */
export function dueScheduledRun(settings: BillingSettings, now: Date, timeZone: string): { month: string; dueAt: Date } | null {
  if (!settings.scheduledRun) return null;
  const thisMonth = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toPlainYearMonth();
  const dueAt = scheduledRunAt(thisMonth.toString(), settings, timeZone);
  if (now < dueAt) return null;
  return { month: thisMonth.add({ months: MONTHS_AHEAD[settings.runPeriod] }).toString(), dueAt };
}
