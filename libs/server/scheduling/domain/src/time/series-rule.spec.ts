import { DomainError } from '@cadenza/shared/kernel';
import { expandSeries, MAX_SERIES_OCCURRENCES, parseSeriesRule, shiftRuleWeekdays } from './series-rule.js';
import { localParts, zonedInstant } from './zoned-time.js';

const local = (d: Date, zone: string) => localParts(d, zone);

describe('zoned time', () => {
  it('places a wall-clock time in a zone, before and after a change', () => {
    expect(zonedInstant('2026-03-28', '16:00', 'Europe/London').toISOString()).toBe('2026-03-28T16:00:00.000Z');
    expect(zonedInstant('2026-03-30', '16:00', 'Europe/London').toISOString()).toBe('2026-03-30T15:00:00.000Z');
    expect(zonedInstant('2026-03-07', '16:00', 'America/New_York').toISOString()).toBe('2026-03-07T21:00:00.000Z');
    expect(zonedInstant('2026-03-09', '16:00', 'America/New_York').toISOString()).toBe('2026-03-09T20:00:00.000Z');
  });

  it('moves a time skipped by spring forward later by the gap (compatible)', () => {
    // 01:30 does not exist in London on 29 March 2026: it becomes 02:30 BST = 01:30Z.
    expect(zonedInstant('2026-03-29', '01:30', 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(local(new Date('2026-03-29T01:30:00Z'), 'Europe/London')).toMatchObject({ date: '2026-03-29', time: '02:30', weekday: 7 });
  });

  it('takes the earlier of a repeated autumn time', () => {
    expect(zonedInstant('2026-10-25', '01:30', 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('parseSeriesRule', () => {
  const refused = (rule: string) => {
    try {
      parseSeriesRule(rule);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('SCHEDULING.INVALID_RRULE');
      expect((error as DomainError).kind).toBe('invalid');
      expect((error as DomainError).details.fields).toEqual([{ field: 'rrule', message: expect.any(String) }]);
      return;
    }
    throw new Error(`"${rule}" was accepted`);
  };

  it('accepts weekly, fortnightly and monthly rules, with or without an RRULE: prefix', () => {
    expect(parseSeriesRule('FREQ=WEEKLY;BYDAY=TU').text).toBe('FREQ=WEEKLY;BYDAY=TU');
    expect(parseSeriesRule('rrule:freq=weekly;interval=2;byday=mo,th').text).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH');
    expect(parseSeriesRule('FREQ=MONTHLY;BYDAY=1SA').options.freq).toBeDefined();
    expect(parseSeriesRule(`FREQ=WEEKLY;COUNT=${MAX_SERIES_OCCURRENCES}`).options.count).toBe(60);
  });

  it.each([
    ['unparsable text', 'every tuesday please'],
    ['no FREQ', 'BYDAY=TU;INTERVAL=1'],
    ['an unknown FREQ', 'FREQ=FORTNIGHTLY'],
    ['hourly', 'FREQ=HOURLY;INTERVAL=1'],
    ['minutely', 'FREQ=MINUTELY'],
    ['secondly', 'FREQ=SECONDLY'],
    ['BYHOUR', 'FREQ=WEEKLY;BYHOUR=16'],
    ['BYMINUTE', 'FREQ=DAILY;BYMINUTE=30'],
    ['BYSECOND', 'FREQ=DAILY;BYSECOND=1'],
    ['COUNT above the maximum', 'FREQ=WEEKLY;COUNT=61'],
    ['a bad weekday', 'FREQ=WEEKLY;BYDAY=XX'],
    ['DTSTART', 'FREQ=WEEKLY;DTSTART=20260101T000000Z'],
    ['a repeated key', 'FREQ=WEEKLY;FREQ=DAILY'],
    ['empty', ''],
  ])('refuses %s', (_what, rule) => refused(rule));

  it('shifts weekdays when a series moves days', () => {
    expect(shiftRuleWeekdays('FREQ=WEEKLY;BYDAY=TU,SU', 1)).toBe('FREQ=WEEKLY;BYDAY=WE,MO');
    expect(shiftRuleWeekdays('FREQ=WEEKLY;BYDAY=1MO', -1)).toBe('FREQ=WEEKLY;BYDAY=1SU');
    expect(shiftRuleWeekdays('FREQ=WEEKLY;BYDAY=TU', 0)).toBe('FREQ=WEEKLY;BYDAY=TU');
  });
});

describe('expandSeries', () => {
  const weekly = (zone: string, firstDate: string, untilDate: string, startTime = '16:00') =>
    expandSeries({ rrule: 'FREQ=WEEKLY', firstDate, untilDate, startTime, durationMinutes: 45, timeZone: zone });

  it.each([
    ['Europe/London', '2026-03-03', '2026-04-14'],
    ['Europe/London', '2026-10-06', '2026-11-17'],
    ['America/New_York', '2026-02-24', '2026-03-31'],
    ['America/New_York', '2026-10-20', '2026-11-24'],
    ['Asia/Dubai', '2026-03-03', '2026-04-14'],
  ])('keeps a weekly 16:00 lesson at 16:00 local across daylight-saving changes in %s (%s → %s)', (zone, first, until) => {
    const { occurrences } = weekly(zone, first, until);
    expect(occurrences.length).toBeGreaterThanOrEqual(6);
    for (const o of occurrences) {
      const start = local(o.start, zone);
      expect(start.time).toBe('16:00');
      expect(start.date).toBe(o.date);
      expect(o.end.getTime() - o.start.getTime()).toBe(45 * 60_000);
    }
    const offsets = new Set(occurrences.map((o) => o.start.getUTCHours()));
    // London and New York change offset inside these ranges; Dubai does not.
    expect(offsets.size).toBe(zone === 'Asia/Dubai' ? 1 : 2);
  });

  it('expands BYDAY on the right local weekdays and stops at the term end (inclusive)', () => {
    const { occurrences } = expandSeries({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', firstDate: '2026-03-24', untilDate: '2026-04-02', startTime: '09:30', durationMinutes: 30, timeZone: 'Europe/London' });
    expect(occurrences.map((o) => o.date)).toEqual(['2026-03-24', '2026-03-26', '2026-03-31', '2026-04-02']);
    expect(occurrences.map((o) => local(o.start, 'Europe/London').weekday)).toEqual([2, 4, 2, 4]);
  });

  it('skips dates in closures and reports them', () => {
    const { occurrences, skipped } = expandSeries({
      rrule: 'FREQ=WEEKLY',
      firstDate: '2026-01-06',
      untilDate: '2026-02-24',
      startTime: '16:00',
      durationMinutes: 45,
      timeZone: 'Europe/London',
      closures: [{ id: 'half-term', startDate: '2026-02-16', endDate: '2026-02-20' }],
    });
    expect(skipped).toEqual([{ date: '2026-02-17', closureId: 'half-term' }]);
    expect(occurrences.map((o) => o.date)).not.toContain('2026-02-17');
    expect(occurrences).toHaveLength(7);
  });

  it('honours COUNT and an earlier UNTIL, and refuses more than the maximum lessons', () => {
    expect(weekly('Europe/London', '2026-01-06', '2026-12-31').occurrences).toHaveLength(52);
    expect(expandSeries({ rrule: 'FREQ=WEEKLY;COUNT=3', firstDate: '2026-01-06', untilDate: '2026-12-31', startTime: '16:00', durationMinutes: 45, timeZone: 'UTC' }).occurrences).toHaveLength(3);
    expect(expandSeries({ rrule: 'FREQ=WEEKLY;UNTIL=20260120T000000Z', firstDate: '2026-01-06', untilDate: '2026-12-31', startTime: '16:00', durationMinutes: 45, timeZone: 'UTC' }).occurrences).toHaveLength(3);
    expect(() => expandSeries({ rrule: 'FREQ=DAILY', firstDate: '2026-01-06', untilDate: '2026-12-31', startTime: '16:00', durationMinutes: 45, timeZone: 'UTC' })).toThrow(
      expect.objectContaining({ code: 'SCHEDULING.INVALID_RRULE' }),
    );
  });
});
