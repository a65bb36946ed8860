import { previewCancellation } from './cancellation-policy';
import { onlySoftConflicts } from './conflict-kinds';
import { weeklyRrule } from './people';
import { dateAndTimeIn, formatSlot, fromWallClock, instantAt, toWallClock } from './zoned-time';

describe('previewCancellation', () => {
  const policy = { cancellationNoticeHours: 24, makeupCreditDays: 60 };
  const now = new Date('2030-01-07T10:00:00Z');

  it('grants a makeup credit with enough notice', () => {
    expect(previewCancellation(policy, '2030-01-08T10:00:00Z', now)).toEqual({ lateCancellation: false, creditWillBeGranted: true, noticeHours: 24 });
  });

  it('calls a cancellation inside the notice period late, without a credit', () => {
    expect(previewCancellation(policy, '2030-01-08T09:59:00Z', now)).toEqual({ lateCancellation: true, creditWillBeGranted: false, noticeHours: 24 });
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
