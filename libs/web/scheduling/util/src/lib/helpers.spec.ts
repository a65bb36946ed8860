import { hoursInWords, noticeInWords, previewCancellation } from './cancellation-policy';
import { creditSlotRange, FREE_SLOTS_MAX_DAYS, nearestSlots } from './slot-choice';
import { onlySoftConflicts } from './conflict-kinds';
import { openingHour } from './calendar-hours';
import { recurrenceInWords, weeklyRrule } from './people';
import { dateAndTimeIn, formatSlot, fromWallClock, instantAt, toWallClock } from './zoned-time';
import { movedAsAsked, requestLessonLabel, type RequestAboutALesson } from './request-lesson';

describe('previewCancellation', () => {
  const policy = { cancellationNoticeHours: 24, makeupCreditDays: 60 };
  const now = new Date('2030-01-07T10:00:00Z');

  it('grants a makeup credit with enough notice', () => {
    expect(previewCancellation(policy, '2030-01-08T10:00:00Z', now)).toEqual({ lateCancellation: false, creditWillBeGranted: true, noticeHours: 24, hoursBefore: 24 });
  });

  it('calls a cancellation inside the notice period late, without a credit', () => {
    expect(previewCancellation(policy, '2030-01-08T09:59:00Z', now)).toMatchObject({ lateCancellation: true, creditWillBeGranted: false, noticeHours: 24 });
  });
});

describe('hoursInWords and noticeInWords', () => {
  it('says how far off a lesson is', () => {
    expect([0.5, 1, 5.9, 47, 48, 14 * 24 + 3].map(hoursInWords)).toEqual(['less than an hour', '1 hour', '5 hours', '47 hours', '2 days', '14 days']);
  });
  it('says the notice in days when it is whole days', () => {
    expect([24, 36, 48, 72].map(noticeInWords)).toEqual(["24 hours' notice", "36 hours' notice", "2 days' notice", "3 days' notice"]);
  });
});

describe('nearestSlots', () => {
  const at = (day: number, hour: number) => new Date(Date.UTC(2026, 11, day, hour)).toISOString();
  it('offers the times nearest the lesson, in time order, not the first ones found', () => {
    // A lesson on Mon 21 Dec at 16:00; the search found free times from the week before onwards.
    const slots = [at(14, 15), at(14, 16), at(14, 17), at(15, 15), at(20, 16), at(21, 17), at(22, 16), at(28, 16)].map((start) => ({ start }));
    expect(nearestSlots(slots, at(21, 16), 3).map((s) => s.start)).toEqual([at(20, 16), at(21, 17), at(22, 16)]);
  });
});

describe('credit ranges', () => {
  it('looks for free times until the credit expires, within what the slot search answers', () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    expect(creditSlotRange('2026-12-10T10:00:00.000Z', now)).toEqual({ from: '2026-12-01T11:00:00.000Z', to: '2026-12-10T10:00:00.000Z' });
    const long = creditSlotRange('2027-03-01T10:00:00.000Z', now);
    expect((Date.parse(long?.to ?? '') - Date.parse(long?.from ?? '')) / 86_400_000).toBe(FREE_SLOTS_MAX_DAYS);
    expect(creditSlotRange('2026-12-01T10:30:00.000Z', now)).toBeNull();
  });
});

describe('zoned time', () => {
  it('shows an instant as wall-clock time in another zone and back', () => {
    const wall = toWallClock('2030-07-01T15:00:00Z', 'Europe/London'); // BST, UTC+1
    expect([wall.getHours(), wall.getMinutes()]).toEqual([16, 0]);
    expect(fromWallClock(wall, 'Europe/London')).toBe('2030-07-01T15:00:00.000Z');
    expect(fromWallClock(toWallClock('2030-01-15T09:30:00Z', 'America/New_York'), 'America/New_York')).toBe('2030-01-15T09:30:00.000Z');
  });

  it('builds an instant from a school date and time', () => {
    expect(instantAt('2030-01-15', '16:00', 'Europe/London')).toBe('2030-01-15T16:00:00.000Z');
    expect(instantAt('2030-07-15', '16:00', 'Europe/Berlin')).toBe('2030-07-15T14:00:00.000Z');
    expect(dateAndTimeIn('2030-07-15T14:00:00.000Z', 'Europe/Berlin')).toEqual({ date: '2030-07-15', time: '16:00' });
  });

  it('formats a slot in the viewer zone', () => {
    expect(formatSlot('2030-01-15T16:00:00Z', '2030-01-15T16:30:00Z', 'Europe/London')).toBe('Tue 15 Jan, 16:00–16:30');
  });
});

describe('helpers', () => {
  it('tells when only soft conflicts stand in the way', () => {
    const soft = { kind: 'outside_availability' as const, severity: 'soft' as const, id: null, start: 'a', end: 'b', message: 'm' };
    expect(onlySoftConflicts([soft])).toBe(true);
    expect(onlySoftConflicts([soft, { ...soft, severity: 'hard' as const }])).toBe(false);
    expect(onlySoftConflicts([])).toBe(false);
  });

  it('builds weekly RRULEs', () => {
    expect(weeklyRrule([2])).toBe('FREQ=WEEKLY;BYDAY=TU');
    expect(weeklyRrule([4, 1], 2)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH');
  });
});

describe('openingHour', () => {
  const hours = { dayStartHour: 7, dayEndHour: 21, quietHour: 8 };
  const at = (day: number, h: number, m = 0) => new Date(2030, 0, day, h, m);

  it('opens an hour before the earliest lesson of the period, whatever its day', () => {
    expect(openingHour([at(7, 17), at(8, 15, 30), at(9, 16)], hours)).toBe(14);
    expect(openingHour([at(9, 15)], hours)).toBe(14);
  });

  it('opens at the quiet hour when there are no lessons', () => {
    expect(openingHour([], hours)).toBe(8);
  });

  it('never opens before the first hour drawn', () => {
    expect(openingHour([at(7, 7, 30)], hours)).toBe(7);
    expect(openingHour([at(7, 6)], hours)).toBe(7);
  });

  it('never opens after the last hour drawn', () => {
    expect(openingHour([at(7, 21, 30)], hours)).toBe(20);
    expect(openingHour([at(7, 23, 30)], hours)).toBe(21);
  });
});

describe('the lesson a request concerns', () => {
  const at = { start: '2030-01-15T16:00:00.000Z', end: '2030-01-15T16:30:00.000Z' };
  const later = { start: '2030-01-16T16:00:00.000Z', end: '2030-01-16T16:30:00.000Z' };
  const request = (over: Partial<RequestAboutALesson>): RequestAboutALesson => ({ kind: 'reschedule', status: 'pending', lesson: at, proposed: later, ...over });

  it('is where the lesson is now while the request is open, and where it went once a reschedule is approved', () => {
    expect(requestLessonLabel(request({}), 'console')).toBe('Lesson now');
    expect(requestLessonLabel(request({}), 'portal')).toBe('The lesson now');
    expect(requestLessonLabel(request({ status: 'declined' }), 'console')).toBe('Lesson now');
    expect(requestLessonLabel(request({ status: 'approved' }), 'console')).toBe('Moved to');
    expect(requestLessonLabel(request({ status: 'approved' }), 'portal')).toBe('Moved to');
    expect(requestLessonLabel(request({ kind: 'cancellation', status: 'approved' }), 'console')).toBe('Lesson to cancel');
    expect(requestLessonLabel(request({ kind: 'cancellation' }), 'portal')).toBe('The lesson');
  });

  it('does not repeat the time asked for once the lesson was moved exactly there', () => {
    expect(movedAsAsked(request({ status: 'approved', lesson: later }))).toBe(true);
    // Moved to a counter-proposal: the family's own ask stays on the card.
    expect(movedAsAsked(request({ status: 'approved' }))).toBe(false);
    expect(movedAsAsked(request({ lesson: later }))).toBe(false);
    expect(movedAsAsked(request({ status: 'approved', lesson: null }))).toBe(false);
  });
});

describe('recurrenceInWords', () => {
  it('says a weekly rule in words, never the rule', () => {
    expect(recurrenceInWords('FREQ=WEEKLY;BYDAY=TU')).toBe('Every Tuesday');
    expect(recurrenceInWords('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH')).toBe('Every 2 weeks on Monday and Thursday');
    expect(recurrenceInWords('FREQ=DAILY')).toBe('Repeating');
  });
});
