import { DomainError } from './errors.js';

/**
 * An amount in integer minor units (pence, cents) of one ISO 4217 currency.
 * A school has one currency, so arithmetic across currencies is a bug and throws.
 */
export class Money {
  private constructor(
    readonly minor: number,
    readonly currency: string,
  ) {}

  static of(minor: number, currency: string): Money {
    if (!Number.isSafeInteger(minor)) {
      throw DomainError.invalid('KERNEL.MONEY_NOT_INTEGER', 'amount', 'An amount must be a whole number of minor units.');
    }
    if (!isCurrencyCode(currency)) {
      throw DomainError.invalid('KERNEL.UNKNOWN_CURRENCY', 'currency', `"${currency}" is not an ISO 4217 currency code.`);
    }
    return new Money(minor, currency);
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.minor + other.minor, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.minor - other.minor, this.currency);
  }

  times(factor: number): Money {
    if (!Number.isInteger(factor)) {
      throw DomainError.invalid('KERNEL.MONEY_FACTOR', 'factor', 'Multiply money by whole numbers; use allocate to split it.');
    }
    return Money.of(this.minor * factor, this.currency);
  }

  /** Splits the amount by the given ratios without losing or inventing a minor unit. */
  allocate(ratios: readonly number[]): Money[] {
    const total = ratios.reduce((sum, r) => sum + r, 0);
    if (ratios.length === 0 || total <= 0 || ratios.some((r) => r < 0)) {
      throw DomainError.invalid('KERNEL.MONEY_RATIOS', 'ratios', 'Ratios must be non-negative and sum to more than zero.');
    }
    const shares = ratios.map((r) => Math.floor((this.minor * r) / total));
    let remainder = this.minor - shares.reduce((sum, s) => sum + s, 0);
    for (let i = 0; remainder > 0; i = (i + 1) % shares.length) {
      if (ratios[i] > 0) {
        shares[i] += 1;
        remainder -= 1;
      }
    }
    return shares.map((s) => Money.of(s, this.currency));
  }

  isNegative(): boolean {
    return this.minor < 0;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.minor === other.minor;
  }

  toJSON(): { minor: number; currency: string } {
    return { minor: this.minor, currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new DomainError('KERNEL.CURRENCY_MISMATCH', 'invalid', `Cannot combine ${this.currency} with ${other.currency}.`);
    }
  }
}

const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return currencies.has(code);
}
