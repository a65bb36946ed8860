import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { addDays, daysBetween, localParts, startOfLocalDay, weekdayOf, zonedInstantAtMinutes } from './zoned-time.js';

/** Every 13th day from 1899 to 2101, and the edges of the fast path's range. */
const dates = (() => {
  const out = ['1000-01-01', '1582-10-15', '1900-02-28', '2000-02-29', '2024-02-29', '2026-03-29', '2026-10-25', '9999-12-31'];
  for (let d = Temporal.PlainDate.from('1899-12-25'); Temporal.PlainDate.compare(d, Temporal.PlainDate.from('2101-01-10')) < 0; d = d.add({ days: 13 })) out.push(d.toString());
  return out;
})();

describe('calendar arithmetic without Temporal objects', () => {
  it('agrees with Temporal on adding days, weekdays and days between', () => {
    for (const date of dates) {
      const plain = Temporal.PlainDate.from(date);
      for (const days of [-400, -31, -1, 0, 1, 6, 7, 29, 365, 1461]) {
        const expected = plain.add({ days }).toString();
        expect([date, days, addDays(date, days)]).toEqual([date, days, expected]);
        expect(daysBetween(date, expected)).toBe(days);
      }
      expect([date, weekdayOf(date)]).toEqual([date, plain.dayOfWeek]);
    }
  });

  it('leaves what it cannot do to Temporal: dates past its range, and dates that do not exist', () => {
    expect(addDays('9999-12-31', 1)).toBe('+010000-01-01');
    expect(addDays('0999-12-31', 1)).toBe('1000-01-01');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => weekdayOf('2026-13-01')).toThrow(RangeError);
  });
});

describe('zone conversions, remembered', () => {
  it('answer as Temporal does, the same again, and as fresh dates', () => {
    for (const zone of ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      for (const date of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01', '2027-01-15']) {
        for (const minutes of [0, 60, 90, 150, 959, 1439, 1440, 1500]) {
          const day = Temporal.PlainDate.from(date).add({ days: Math.floor(minutes / 1440) });
          const m = minutes % 1440;
          const expected = day.toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 }).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
          const first = zonedInstantAtMinutes(date, minutes, zone);
          const again = zonedInstantAtMinutes(date, minutes, zone);
          expect([zone, date, minutes, first.getTime()]).toEqual([zone, date, minutes, expected]);
          expect(again).not.toBe(first);
          expect(again.getTime()).toBe(expected);
        }
        const midnight = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
        expect(startOfLocalDay(date, zone).getTime()).toBe(midnight);
        startOfLocalDay(date, zone).setTime(0);
        expect(startOfLocalDay(date, zone).getTime()).toBe(midnight);
      }
    }
  });
});

describe('placing instants on a zone\'s clock through remembered offsets', () => {
  const ZONES = ['Europe/London', 'America/New_York', 'Asia/Dubai', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca', 'UTC'];
  const expected = (ms: number, zone: string) => {
    const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
    const minutes = zoned.hour * 60 + zoned.minute;
    return { date: zoned.toPlainDate().toString(), weekday: zoned.dayOfWeek, time: `${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`, minutes };
  };

  it('agrees with Temporal at any instant, 1850 to 2150, in zones with odd offsets and transitions', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2150, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(localParts(new Date(ms), zone)).toEqual(expected(ms, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Temporal every five minutes around the 2026 changes, asked twice (the second time remembered)', () => {
    const around = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 3, 5, 15, 30)];
    for (const zone of ZONES) {
      for (const centre of around) {
        for (let ms = centre - 90 * 60_000; ms <= centre + 90 * 60_000; ms += 5 * 60_000 - 1) {
          for (let twice = 0; twice < 2; twice++) expect([zone, ms, localParts(new Date(ms), zone)]).toEqual([zone, ms, expected(ms, zone)]);
        }
      }
    }
  });

  it('agrees with Temporal on both sides of every transition, those in the middle of a quarter hour too', () => {
    // Local mean times and their ends fall at odd seconds (Monrovia kept -00:44:30 until 1972): a quarter
    // hour holding such a transition is answered instant by instant.
    for (const zone of ['Africa/Monrovia', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns']) {
      let at: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(Date.UTC(1850, 0, 1)).toZonedDateTimeISO(zone);
      let offQuarter = 0;
      while ((at = at.getTimeZoneTransition('next')) && at.epochMilliseconds < Date.UTC(2030, 0, 1)) {
        const t = at.epochMilliseconds;
        if (t % (15 * 60_000) !== 0) offQuarter++;
        const quarter = Math.floor(t / (15 * 60_000)) * 15 * 60_000;
        for (const ms of [quarter, t - 60_000, t - 1, t, t + 1, t + 60_000, quarter + 15 * 60_000 - 1]) {
          expect([zone, ms, localParts(new Date(ms), zone)]).toEqual([zone, ms, expected(ms, zone)]);
        }
      }
      if (zone === 'Africa/Monrovia') expect(offQuarter).toBeGreaterThan(0);
    }
  });

  it('leaves years outside 1000 to 9999 to Temporal', () => {
    for (const ms of [Date.UTC(999, 11, 31, 23, 59), Date.UTC(10000, 0, 1, 0, 30)]) expect(localParts(new Date(ms), 'Europe/London')).toEqual(expected(ms, 'Europe/London'));
  });
});
