import type { UserId } from '@cadenza/shared/kernel';

/**
 * A time a person is busy elsewhere, from an event in one of their outside calendars: the event's id in that calendar
 * and its times. One block an event, however often it is synced.
 */
export interface BusyBlock {
  personId: UserId;
  calendarId: string;
  eventId: string;
  start: Date;
  end: Date;
}

/**
 * What an outside calendar says about one event: busy over a time, or not busy at all (deleted, cancelled, or marked
 * free, as Google's `transparency: transparent`).
 */
export interface ExternalChange {
  eventId: string;
  busy: { start: Date; end: Date } | null;
}

/** The last word on each event, in the order the changes came: an event listed twice counts once, as its later state. */
export function lastWordPerEvent(changes: readonly ExternalChange[]): ExternalChange[] {
  const last = new Map<string, ExternalChange>();
  for (const change of changes) {
    last.delete(change.eventId);
    last.set(change.eventId, change);
  }
  return [...last.values()];
}
