import ICAL from 'ical.js';
import { asId, newId } from '@cadenza/shared/kernel';
import type { FeedEvent, LessonId, PersonFeed } from '@cadenza/server/calendar-sync/domain';
import { renderFeedIcs } from './ics.js';

const event = (start: string, end: string, over: Partial<FeedEvent> = {}): FeedEvent => {
  const lessonId = asId<LessonId>(newId());
  return { uid: `lesson-${lessonId}@cadenza`, lessonId, start: new Date(start), end: new Date(end), summary: 'Lesson with Tess', description: 'Teacher: Tess', location: 'Room 1', status: 'confirmed', changedAt: new Date('2027-03-01T08:00:00Z'), ...over };
};

/** The feed read back by an independent parser: each event's UID, local start and end in its zone, and status. */
function parsed(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const e = new ICAL.Event(component);
    return {
      uid: e.uid,
      start: e.startDate.toString(),
      zone: e.startDate.zone?.tzid,
      utcStart: e.startDate.toJSDate().toISOString(),
      utcEnd: e.endDate.toJSDate().toISOString(),
      status: component.getFirstPropertyValue('status'),
      summary: e.summary,
      location: e.location,
    };
  });
}

describe('a feed as iCalendar', () => {
  it('gives each lesson its wall-clock time in the school’s zone on both sides of a change of summer time', () => {
    // 16:00 in London: GMT on 21 March (16:00Z), BST on 4 April (15:00Z); summer time began on 28 March 2027.
    const before = event('2027-03-21T16:00:00Z', '2027-03-21T16:30:00Z');
    const after = event('2027-04-04T15:00:00Z', '2027-04-04T15:30:00Z', { status: 'cancelled', summary: 'Cancelled: Lesson with Tess' });
    const feed: PersonFeed = { name: 'Sam · Cadenza', timeZone: 'Europe/London', events: [before, after] };
    const ics = renderFeedIcs(feed, new Date('2027-03-01T09:00:00Z'));
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:Europe/London');
    expect(ics).toContain('DTSTART;TZID=Europe/London:20270321T160000');
    expect(ics).toContain('DTSTART;TZID=Europe/London:20270404T160000');
    expect(parsed(ics)).toEqual([
      { uid: before.uid, start: '2027-03-21T16:00:00', zone: 'Europe/London', utcStart: '2027-03-21T16:00:00.000Z', utcEnd: '2027-03-21T16:30:00.000Z', status: 'CONFIRMED', summary: 'Lesson with Tess', location: 'Room 1' },
      { uid: after.uid, start: '2027-04-04T16:00:00', zone: 'Europe/London', utcStart: '2027-04-04T15:00:00.000Z', utcEnd: '2027-04-04T15:30:00.000Z', status: 'CANCELLED', summary: 'Cancelled: Lesson with Tess', location: 'Room 1' },
    ]);
  });

  it('handles a zone south of the equator and one without summer time', () => {
    // Sydney leaves summer time on 4 April 2027: 09:00 local is 22:00Z the day before, then 23:00Z.
    const sydney = renderFeedIcs({ name: 'x', timeZone: 'Australia/Sydney', events: [event('2027-04-02T22:00:00Z', '2027-04-02T23:00:00Z'), event('2027-04-05T23:00:00Z', '2027-04-06T00:00:00Z')] }, new Date('2027-03-01T00:00:00Z'));
    expect(parsed(sydney).map((e) => e.start)).toEqual(['2027-04-03T09:00:00', '2027-04-06T09:00:00']);
    expect(parsed(sydney).map((e) => e.utcStart)).toEqual(['2027-04-02T22:00:00.000Z', '2027-04-05T23:00:00.000Z']);
    const kolkata = renderFeedIcs({ name: 'x', timeZone: 'Asia/Kolkata', events: [event('2027-04-02T10:30:00Z', '2027-04-02T11:00:00Z')] }, new Date('2027-03-01T00:00:00Z'));
    expect(parsed(kolkata).map((e) => [e.start, e.utcStart])).toEqual([['2027-04-02T16:00:00', '2027-04-02T10:30:00.000Z']]);
  });

  it('is a calendar with no events when the person has no lessons', () => {
    const ics = renderFeedIcs({ name: 'Ada · Cadenza', timeZone: 'UTC', events: [] }, new Date('2027-03-01T00:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(new ICAL.Component(ICAL.parse(ics)).getFirstPropertyValue('x-wr-calname')).toBe('Ada · Cadenza');
    expect(parsed(ics)).toEqual([]);
  });
});
