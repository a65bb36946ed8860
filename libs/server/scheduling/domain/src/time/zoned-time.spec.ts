import { Temporal } from 'temporal-polyfill';
import { addDays, daysBetween, startOfLocalDay, weekdayOf, zonedInstantAtMinutes } from './zoned-time.js';

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
