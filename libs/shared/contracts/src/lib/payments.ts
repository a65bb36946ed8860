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
