import { DomainError, Money, type UserId } from '@cadenza/shared/kernel';
import type { InvoiceId, PaymentId } from './ids.js';

/** How money reached the school: by card online (through the payment provider), or recorded by an admin. */
export const PAYMENT_METHODS = ['card', 'cash', 'bank_transfer', 'card_terminal'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface PaymentState {
  id: PaymentId;
  invoiceId: InvoiceId;
  method: PaymentMethod;
  /** The provider's payment (a Stripe payment intent) for a card payment online; null for one an admin recorded. */
  providerRef: string | null;
  amount: Money;
  /** Everything refunded of it so far. */
  refunded: Money;
  /** What a dispute by the payer's bank holds back (0 once the school wins it). */
  disputed: Money;
  /** Whether the dispute is settled (won or lost): a settled dispute's amount is final, an open one's is not. */
  disputeClosed: boolean;
  note: string | null;
  recordedBy: UserId | null;
  recordedAt: Date;
}

/**
 * A payment towards an invoice, with what has been refunded of it and what a dispute holds back. Provider facts are
 * cumulative and only ever grow (a charge's refunded total), so they can arrive in any order and more than once: each
 * raises what is known, never lowers it, and the same fact twice changes nothing.
 */
export class Payment {
  private constructor(private state: PaymentState) {}

  static record(input: Omit<PaymentState, 'refunded' | 'disputed' | 'disputeClosed'>): Payment {
    if (input.amount.minor <= 0 || !Number.isSafeInteger(input.amount.minor)) throw DomainError.invalid('BILLING.AMOUNT_NOT_POSITIVE', 'amount.minor', 'A payment must be a whole amount above zero.');
    const zero = Money.zero(input.amount.currency);
    return new Payment({ ...input, refunded: zero, disputed: zero, disputeClosed: false });
  }

  static restore(state: PaymentState): Payment {
    return new Payment({ ...state });
  }

  snapshot(): PaymentState {
    return { ...this.state };
  }

  get id(): PaymentId {
    return this.state.id;
  }
  get invoiceId(): InvoiceId {
    return this.state.invoiceId;
  }
  get method(): PaymentMethod {
    return this.state.method;
  }
  get providerRef(): string | null {
    return this.state.providerRef;
  }
  get amount(): Money {
    return this.state.amount;
  }
  get refunded(): Money {
    return this.state.refunded;
  }

  /** What of it still counts as paid: the amount less refunds and what a dispute holds. */
  net(): Money {
    const net = this.state.amount.minor - this.state.refunded.minor - this.state.disputed.minor;
    return Money.of(Math.max(0, net), this.state.amount.currency);
  }

  /** What may still be refunded. */
  refundable(): Money {
    return Money.of(Math.max(0, this.state.amount.minor - this.state.refunded.minor), this.state.amount.currency);
  }

  /** A refund the school makes now: never more than is left of the payment. */
  refund(amount: Money): void {
    if (amount.currency !== this.state.amount.currency) throw DomainError.invalid('BILLING.OTHER_CURRENCY', 'amount.currency', `The payment is in ${this.state.amount.currency}, not ${amount.currency}.`);
    if (!Number.isSafeInteger(amount.minor) || amount.minor <= 0) throw DomainError.invalid('BILLING.AMOUNT_NOT_POSITIVE', 'amount.minor', 'A refund must be a whole amount above zero.');
    if (amount.minor > this.refundable().minor) throw DomainError.invalid('BILLING.REFUND_TOO_LARGE', 'amount.minor', `At most ${this.refundable().minor} of this payment can be refunded.`);
    this.state = { ...this.state, refunded: this.state.refunded.add(amount) };
  }

  /** The provider's total refunded so far: raises what is known, never lowers it. */
  refundedAtLeast(total: Money): void {
    if (total.minor > this.state.refunded.minor) this.state = { ...this.state, refunded: Money.of(Math.min(total.minor, this.state.amount.minor), this.state.amount.currency) };
  }

  /** A dispute's amount held: an open dispute's figure is replaced by a later one, a settled dispute's is final. */
  disputedAt(held: Money, closed: boolean): void {
    if (this.state.disputeClosed) return;
    const value = closed ? held : Money.of(Math.max(held.minor, this.state.disputed.minor), held.currency);
    this.state = { ...this.state, disputed: value, disputeClosed: closed };
  }
}
