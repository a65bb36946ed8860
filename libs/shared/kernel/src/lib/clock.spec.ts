import { FixedClock } from '../testing/fixed-clock.js';
import { HOUR } from './clock.js';
import { isLocale, isTimeZone } from './time-zone.js';

describe('FixedClock', () => {
  it('stands still until moved and hands out copies', () => {
    const clock = new FixedClock('2026-03-29T00:30:00Z');
    const first = clock.now();
    first.setTime(0);
    expect(clock.now().toISOString()).toBe('2026-03-29T00:30:00.000Z');
    clock.advance(HOUR);
    expect(clock.now().toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('time zones and locales', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Asia/Dubai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isLocale('en-GB')).toBe(true);
    expect(isLocale('not a locale')).toBe(false);
  });
});
