import { z } from 'zod';

/** What the Stripe webhook answers: received, and whether the event was applied now, applied before, or is not billing's. */
export const StripeWebhookReceipt = z.object({
  received: z.literal(true),
  outcome: z.enum(['applied', 'duplicate', 'ignored']),
});
export type StripeWebhookReceipt = z.infer<typeof StripeWebhookReceipt>;

/** A Stripe event as Stripe posts it (read from the raw body once its signature is verified). */
export const StripeEventBody = z.object({
  id: z.string(),
  object: z.literal('event'),
  type: z.string(),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const uuid = z.uuid({ message: 'Must be a UUID.' });
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });
const money = z.object({ minor: z.number().int(), currency: z.string() });
/** An amount as given: the domain refuses a fractional, zero or negative amount, or another currency, naming the field. */
const amountInput = z.strictObject({ minor: z.number({ message: 'Must be a number of minor units.' }), currency: z.string().length(3, 'Must be a three-letter currency code.') });

/** `POST /invoices/{id}/payments`: a payment an admin records (not by card online). */
export const RecordPaymentRequest = z
  .strictObject({ method: z.enum(['cash', 'bank_transfer', 'card_terminal']), amount: amountInput, note: z.string().max(500).nullish() })
  .meta({ id: 'RecordPaymentRequest', example: { method: 'cash', amount: { minor: 2500, currency: 'GBP' }, note: 'Paid at the front desk' } });
export type RecordPaymentRequest = z.infer<typeof RecordPaymentRequest>;

/** `POST /invoices/{id}/refunds`: part or the rest of one payment, handed back. */
export const RefundRequest = z.strictObject({ paymentId: uuid, amount: amountInput }).meta({ id: 'RefundRequest', example: { paymentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', amount: { minor: 1000, currency: 'GBP' } } });
export type RefundRequest = z.infer<typeof RefundRequest>;

export const PaymentAnswer = z
  .object({
    id,
    invoiceId: id,
    method: z.enum(['card', 'cash', 'bank_transfer', 'card_terminal']),
    amount: money,
    refunded: money,
    /** What a dispute by the payer's bank holds back. */
    disputed: money,
    /** What still counts as paid: the amount less refunds and disputes. */
    net: money,
    note: z.string().nullable(),
    recordedAt: at,
  })
  .meta({
    id: 'Payment',
    example: {
      id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      invoiceId: 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e',
      method: 'card',
      amount: { minor: 2500, currency: 'GBP' },
      refunded: { minor: 0, currency: 'GBP' },
      disputed: { minor: 0, currency: 'GBP' },
      net: { minor: 2500, currency: 'GBP' },
      note: null,
      recordedAt: '2026-12-28T10:00:00.000Z',
    },
  });
export type PaymentAnswer = z.infer<typeof PaymentAnswer>;

/** `POST /invoices/{id}/checkout`: the provider's hosted page where the payer pays what is open. */
export const CheckoutAnswer = z.object({ url: z.string().meta({ format: 'uri' }) }).meta({ id: 'Checkout', example: { url: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3' } });
export type CheckoutAnswer = z.infer<typeof CheckoutAnswer>;

/** `GET /invoices/{id}/payment-options`: whether the caller may pay the invoice, and whether by card now (money open). */
export const PaymentOptionsAnswer = z.object({ mayPay: z.boolean(), payableNow: z.boolean() }).meta({ id: 'PaymentOptions', example: { mayPay: true, payableNow: true } });
export type PaymentOptionsAnswer = z.infer<typeof PaymentOptionsAnswer>;
