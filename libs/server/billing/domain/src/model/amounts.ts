import { DomainError, Money } from '@cadenza/shared/kernel';

/**
 * An amount an admin gives (a rate's price, a manual charge): a whole, positive number of minor units in the school's
 * currency. Anything else is refused naming `field` (a 400), before anything changes.
 */
export function positiveAmount(field: string, amount: { minor: number; currency: string }, schoolCurrency: string): Money {
  if (!Number.isSafeInteger(amount.minor)) throw DomainError.invalid('BILLING.AMOUNT_NOT_WHOLE', `${field}.minor`, 'An amount is a whole number of minor units (pence, cents).');
  if (amount.minor <= 0) throw DomainError.invalid('BILLING.AMOUNT_NOT_POSITIVE', `${field}.minor`, 'An amount must be more than zero.');
  if (amount.currency !== schoolCurrency) throw DomainError.invalid('BILLING.OTHER_CURRENCY', `${field}.currency`, `The school bills in ${schoolCurrency}, not ${amount.currency}.`);
  return Money.of(amount.minor, amount.currency);
}

/** `percent` of the amount, rounded half up to the minor unit (a discount, a tax), as a whole number of minor units. */
export function percentOf(money: Money, basisPoints: number): Money {
  return Money.of(Math.round((money.minor * basisPoints) / 10_000), money.currency);
}
