import type { BillingIntegrationEvent, OutgoingEvent } from '@cadenza/shared/integration-events';

export type BillingEvent = OutgoingEvent<BillingIntegrationEvent>;

/** Billing's integration events, written in the unit of work that caused them (the outbox). */
export abstract class BillingEvents {
  abstract publish(events: readonly BillingEvent[]): Promise<void>;
}
