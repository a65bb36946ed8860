import { Injectable } from '@nestjs/common';
import { BillingEvents, type BillingEvent } from '@cadenza/server/billing/domain';
import { OutboxWriter } from '@cadenza/server/platform/db';

/** Billing's integration events, into the outbox of the current unit of work. */
@Injectable()
export class OutboxBillingEvents extends BillingEvents {
  constructor(private readonly outbox: OutboxWriter) {
    super();
  }

  async publish(events: readonly BillingEvent[]): Promise<void> {
    for (const event of events) await this.outbox.append(event);
  }
}
