import { DomainError } from './errors.js';
import { Interval } from './interval.js';

const at = (iso: string) => new Date(iso);

describe('Interval', () => {
  it('refuses an end that is not after the start, naming the field', () => {
    expect(() => Interval.of(at('2026-01-01T10:00:00Z'), at('2026-01-01T10:00:00Z'))).toThrow(DomainError);
    try {
      Interval.of(at('2026-01-01T10:00:00Z'), at('2026-01-01T09:00:00Z'));
    } catch (error) {
      expect((error as DomainError).code).toBe('KERNEL.END_BEFORE_START');
      expect((error as DomainError).details.fields).toEqual([{ field: 'end', message: expect.any(String) }]);
    }
  });

  it('treats touching intervals as not overlapping (half-open)', () => {
    const a = Interval.of(at('2026-01-01T10:00:00Z'), at('2026-01-01T11:00:00Z'));
    const b = Interval.of(at('2026-01-01T11:00:00Z'), at('2026-01-01T12:00:00Z'));
    expect(a.overlaps(b)).toBe(false);
    expect(a.widen(0, 60_000).overlaps(b)).toBe(true);
  });

  it('detects overlap in both directions and containment', () => {
    const a = Interval.of(at('2026-01-01T10:00:00Z'), at('2026-01-01T11:00:00Z'));
    const b = Interval.of(at('2026-01-01T10:30:00Z'), at('2026-01-01T10:45:00Z'));
    expect(a.overlaps(b)).toBe(true);
    expect(b.overlaps(a)).toBe(true);
    expect(a.contains(at('2026-01-01T10:00:00Z'))).toBe(true);
    expect(a.contains(at('2026-01-01T11:00:00Z'))).toBe(false);
    expect(a.durationMs).toBe(3_600_000);
  });
});
