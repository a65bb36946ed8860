import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import type { PersonFeed } from '@cadenza/server/calendar-sync/domain';
import { vtimezone } from './vtimezone.js';

const DAY_MS = 86_400_000;

/**
 * A person's feed as an iCalendar file (RFC 5545) through ical-generator: each lesson a VEVENT with its stable UID,
 * its times as local times in the school's zone (TZID) with that zone's VTIMEZONE over the feed's span, its status
 * (`CANCELLED` for a cancelled lesson) and when it last changed (DTSTAMP, LAST-MODIFIED).
 */
export function renderFeedIcs(feed: PersonFeed, now: Date): string {
  const zone = feed.timeZone;
  const zoned = (at: Date) => Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);
  const first = feed.events[0]?.start ?? now;
  const last = feed.events.reduce((max, e) => (e.end > max ? e.end : max), now);
  // The zone's rules from a day before the first lesson to a day after the last (and now, for an empty feed).
  const span = { from: new Date(Math.min(first.getTime(), now.getTime()) - DAY_MS), to: new Date(last.getTime() + DAY_MS) };
  const calendar = ical({
    name: feed.name,
    prodId: { company: 'Cadenza', product: 'Lessons', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: zone, generator: (name) => vtimezone(name, span.from, span.to) },
    ttl: 60 * 60,
  });
  for (const event of feed.events) {
    calendar.createEvent({
      id: event.uid,
      start: zoned(event.start),
      end: zoned(event.end),
      timezone: zone,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: event.changedAt,
      lastModified: event.changedAt,
    });
  }
  return calendar.toString();
}
