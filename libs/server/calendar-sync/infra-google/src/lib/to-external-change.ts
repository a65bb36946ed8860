import type { calendar_v3 } from 'googleapis';
import { Temporal } from 'temporal-polyfill';
import type { ExternalChange } from '@cadenza/server/calendar-sync/domain';

/** A whole day's start in the calendar's zone: an all-day event blocks the day where its calendar is. */
function dayStart(date: string, zone: string): Date {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
}

function instant(time: calendar_v3.Schema$EventDateTime | undefined, zone: string): Date | null {
  if (time?.dateTime) return new Date(time.dateTime);
  if (time?.date) return dayStart(time.date, zone);
  return null;
}

/**
 * What a Google event (as `events.list` gives it, recurring events expanded with `singleEvents`) says about its owner's
 * time, as Google defines busy: a cancelled event (deleted, or a cancelled instance) and one marked free
 * (`transparency: transparent`) block nothing; any other blocks from its start to its end, an all-day event from the
 * start of its first day to the start of the day after its last in the calendar's zone. Null for an event without an id.
 */
export function toExternalChange(event: calendar_v3.Schema$Event, calendarZone: string): ExternalChange | null {
  if (!event.id) return null;
  if (event.status === 'cancelled' || event.transparency === 'transparent') return { eventId: event.id, busy: null };
  const start = instant(event.start, calendarZone);
  const end = instant(event.end, calendarZone);
  if (!start || !end || end.getTime() <= start.getTime()) return { eventId: event.id, busy: null };
  return { eventId: event.id, busy: { start, end } };
}
