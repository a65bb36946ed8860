import { Money } from './money.js';

describe('Money', () => {
  it('adds and subtracts in one currency', () => {
    expect(Money.of(1050, 'GBP').add(Money.of(250, 'GBP')).minor).toBe(1300);
    expect(Money.of(1050, 'GBP').subtract(Money.of(2000, 'GBP')).isNegative()).toBe(true);
  });

  it('refuses to mix currencies, fractions and unknown codes', () => {
    expect(() => Money.of(1, 'GBP').add(Money.of(1, 'EUR'))).toThrow(/Cannot combine/);
    expect(() => Money.of(10.5, 'GBP')).toThrow(/whole number/);
    expect(() => Money.of(1, 'XYZ1')).toThrow(/ISO 4217/);
  });

  it('allocates without losing a penny', () => {
    const parts = Money.of(1000, 'GBP').allocate([1, 1, 1]);
    expect(parts.map((p) => p.minor)).toEqual([334, 333, 333]);
    expect(parts.reduce((sum, p) => sum.add(p), Money.zero('GBP')).minor).toBe(1000);
    expect(Money.of(5, 'USD').allocate([0, 1]).map((p) => p.minor)).toEqual([0, 5]);
  });
});
