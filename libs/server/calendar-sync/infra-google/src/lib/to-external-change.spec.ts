import { toExternalChange } from './to-external-change.js';

describe('a Google event as busy or free time', () => {
  it('blocks a timed event from its start to its end, wherever its offset', () => {
    expect(toExternalChange({ id: 'e1', status: 'confirmed', start: { dateTime: '2027-03-29T09:00:00+01:00' }, end: { dateTime: '2027-03-29T10:00:00+01:00' } }, 'Europe/London')).toEqual({
      eventId: 'e1',
      busy: { start: new Date('2027-03-29T08:00:00Z'), end: new Date('2027-03-29T09:00:00Z') },
    });
  });

  it('blocks an all-day event for its days in the calendar’s zone', () => {
    expect(toExternalChange({ id: 'e2', start: { date: '2027-07-01' }, end: { date: '2027-07-03' } }, 'Europe/London')).toEqual({
      eventId: 'e2',
      busy: { start: new Date('2027-06-30T23:00:00Z'), end: new Date('2027-07-02T23:00:00Z') },
    });
    expect(toExternalChange({ id: 'e3', start: { date: '2027-07-01' }, end: { date: '2027-07-02' } }, 'America/New_York')?.busy?.start).toEqual(new Date('2027-07-01T04:00:00Z'));
  });

  it('blocks nothing for a free, a cancelled or a timeless event, and skips one without an id', () => {
    const times = { start: { dateTime: '2027-01-04T09:00:00Z' }, end: { dateTime: '2027-01-04T10:00:00Z' } };
    expect(toExternalChange({ id: 'free', transparency: 'transparent', ...times }, 'UTC')).toEqual({ eventId: 'free', busy: null });
    expect(toExternalChange({ id: 'gone', status: 'cancelled' }, 'UTC')).toEqual({ eventId: 'gone', busy: null });
    expect(toExternalChange({ id: 'odd', start: times.end, end: times.start }, 'UTC')).toEqual({ eventId: 'odd', busy: null });
    expect(toExternalChange({ ...times }, 'UTC')).toBeNull();
  });
});
